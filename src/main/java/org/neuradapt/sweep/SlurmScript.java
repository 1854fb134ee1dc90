package org.neuradapt.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.neuradapt.UserError;

/**
 * The text of a SLURM job-array script that runs a sweep's points, one array task per point,
 * and of the points table {@code points.tsv} (index, name, argument line) written next to it.
 *
 * <p>Each task picks its point by {@code $SLURM_ARRAY_TASK_ID}, writes
 * {@code OUT/.sweep/status/NAME.running}, runs the launcher's {@code train} (with {@code --resume}
 * when the run folder holds a started run), records the exit code in {@code NAME.exit} (temp
 * file, then rename), removes {@code NAME.running} and exits with the training's exit code, so
 * that {@code sbatch --wait} reports a failed point. These are the status files a local sweep
 * writes too, so {@code sweep --status} reads both alike.
 */
public final class SlurmScript {

    /** Shell words that need no quotes. */
    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_./=:,+@%^-]+");

    private SlurmScript() {}

    /**
     * Where and how the script runs.
     *
     * @param source the sweep file, for the script's comment
     * @param workdir the absolute directory the sweep was written from; every task cds there, so
     *                that the sweep's relative paths (out, base configs, data) mean the same
     * @param out the sweep's out, as in the points' configs (relative to {@code workdir} or absolute)
     * @param outAbsolute {@code out} as an absolute path, for {@code #SBATCH --output}, which SLURM
     *                    resolves before the script's {@code cd}
     * @param launcher the absolute path of the {@code neuradapt} launcher
     * @param resources the resources, flags already applied over the sweep file's
     * @param defaultJobName the job name when the resources set none
     * @param maxParallel how many tasks SLURM runs at once ({@code %K}), or null for no limit
     */
    public record Settings(String source, String workdir, String out, String outAbsolute, String launcher,
                           SlurmResources resources, String defaultJobName, Integer maxParallel) {}

    /**
     * The job-array script for {@code points} (the points to run, in their array order).
     *
     * @throws UserError for a value that cannot go on an {@code #SBATCH} line (whitespace), no points,
     *                   or a {@code --max-parallel} below 1
     */
    public static String script(Settings s, List<Point> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("a job array needs at least one point");
        SlurmResources r = s.resources();
        if (s.maxParallel() != null && s.maxParallel() < 1)
            throw new UserError("--max-parallel must be >= 1, got " + s.maxParallel());
        List<String> sbatch = new ArrayList<>();
        sbatch.add("--job-name=" + sbatchValue("job name", r.jobName() != null ? r.jobName() : s.defaultJobName()));
        sbatch.add("--array=0-" + (points.size() - 1) + (s.maxParallel() != null ? "%" + s.maxParallel() : ""));
        sbatch.add("--output=" + sbatchValue("out folder", s.outAbsolute() + "/.sweep/logs/%x_%A_%a.log"));
        if (r.time() != null) sbatch.add("--time=" + sbatchValue("time", r.time()));
        sbatch.add("--cpus-per-task=" + (r.cpusPerTask() != null ? r.cpusPerTask() : SlurmResources.DEFAULT_CPUS));
        sbatch.add("--mem=" + sbatchValue("mem", r.mem() != null ? r.mem() : SlurmResources.DEFAULT_MEM));
        if (r.partition() != null) sbatch.add("--partition=" + sbatchValue("partition", r.partition()));
        if (r.account() != null) sbatch.add("--account=" + sbatchValue("account", r.account()));
        for (String e : r.extra()) sbatch.add(sbatchValue("extra option", e));

        StringBuilder b = new StringBuilder();
        b.append("#!/bin/bash\n");
        b.append("# neuradapt sweep ").append(s.source()).append(": one SLURM array task per point that was not complete\n");
        b.append("# when `./neuradapt sweep --slurm` wrote this script. Submit it with: sbatch <this file>\n");
        for (String line : sbatch) b.append("#SBATCH ").append(line).append('\n');
        b.append("set -u\n");
        b.append("cd ").append(quote(s.workdir())).append(" || exit 2\n");
        b.append("out=").append(quote(s.out())).append('\n');
        b.append("launcher=").append(quote(s.launcher())).append('\n');
        b.append("# The points are part of this script, which SLURM copies when it is submitted, so a later\n");
        b.append("# `sweep --slurm` that rewrites points.tsv cannot change what a queued task runs.\n");
        b.append("line=$(awk -F'\\t' -v i=\"${SLURM_ARRAY_TASK_ID:?run this script with sbatch}\" '$1 == i' <<'POINTS'\n");
        b.append(rows(points));
        b.append("POINTS\n");
        b.append(")\n");
        b.append("""
                if [[ -z "$line" ]]; then
                  echo "sweep: this script has no point $SLURM_ARRAY_TASK_ID" >&2
                  exit 2
                fi
                IFS=$'\\t' read -r _ name args <<<"$line"
                eval "argv=($args)"
                run="$out/$name"
                status="$out/.sweep/status"
                log="$out/.sweep/logs/$name.log"
                mkdir -p "$status" "$out/.sweep/logs"
                # temp file, then rename: a reader never sees a half-written exit code
                record_exit() {
                  printf '%s\\n' "$1" > "$status/$name.exit.tmp.$$" && mv -f "$status/$name.exit.tmp.$$" "$status/$name.exit"
                }
                if [[ -f "$run/summary.json" ]]; then
                  echo "sweep: $name is already complete ($run/summary.json)"
                  record_exit 0
                  exit 0
                fi
                # config.yaml marks a started run (train writes it first): continue it from its last checkpoint
                if [[ -f "$run/config.yaml" ]]; then argv+=(--resume); fi
                printf 'slurm job %s (array task %s_%s) on %s\\n' "${SLURM_JOB_ID:-?}" "${SLURM_ARRAY_JOB_ID:-?}" "$SLURM_ARRAY_TASK_ID" "$(hostname)" > "$status/$name.running"
                rm -f "$status/$name.exit"
                # At the time limit or on scancel SLURM sends SIGTERM to every process of the task; the trap keeps
                # this script alive until the run has stopped, so that its exit code is recorded.
                trap 'echo "sweep: $name got SIGTERM (time limit or scancel); submit the sweep again to resume it" >&2' TERM
                printf '== %s slurm job %s: %s %s\\n' "$(date '+%Y-%m-%d %H:%M:%S')" "${SLURM_JOB_ID:-?}" "$launcher" "${argv[*]}" >> "$log"
                "$launcher" "${argv[@]}" 2>&1 | tee -a "$log"
                code=${PIPESTATUS[0]}
                record_exit "$code"
                rm -f "$status/$name.running"
                exit "$code"
                """);
        return b.toString();
    }

    /** The points table: a header, then one line per point: index, name and argument line, tab-separated. */
    public static String pointsTsv(List<Point> points) {
        return "index\tname\targuments\n" + rows(points);
    }

    private static String rows(List<Point> points) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < points.size(); i++)
            b.append(i).append('\t').append(points.get(i).name()).append('\t').append(argumentLine(points.get(i))).append('\n');
        return b.toString();
    }

    /** A point's {@code train} arguments as one shell-quoted line. */
    public static String argumentLine(Point p) {
        List<String> words = new ArrayList<>();
        for (String a : p.trainArguments()) words.add(quote(a));
        return String.join(" ", words);
    }

    /** A word quoted for bash: as it is when that is safe, else in single quotes. */
    public static String quote(String word) {
        if (SAFE_WORD.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String sbatchValue(String what, String value) {
        // SLURM reads an #SBATCH line up to the first blank, so a value with one would be cut short
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace))
            throw new UserError("the SLURM " + what + " '" + value + "' is empty or holds a space, which an #SBATCH line cannot carry;"
                    + " choose one without spaces");
        return value;
    }
}

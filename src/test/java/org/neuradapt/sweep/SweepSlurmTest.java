package org.neuradapt.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;

/** The SLURM job-array script: its exact text, and what one array task does when bash runs it. */
class SweepSlurmTest {
    @TempDir Path tmp;

    static final String SWEEP = """
            out: runs/t
            name: "{model}_s{seed}"
            grid:
              config: [configs/arun.yaml]
              seed: [1, 2]
            set:
              train.lr: 0.01
              data.dir: "my data"
            slurm:
              time: "04:00:00"
              cpus_per_task: 2
              mem: 6G
              partition: debug
              extra: ["--qos=low"]
            """;

    static List<Point> points(String out) {
        return Grid.expand(SweepSpec.parse(SWEEP.replace("out: runs/t", "out: " + out), "configs/sweep_t.yaml", "sweep_t"), SweepGridTest.BASES);
    }

    static SlurmScript.Settings settings(String workdir, String out, String launcher, SlurmResources flags, Integer maxParallel) {
        SweepSpec spec = SweepSpec.parse(SWEEP, "configs/sweep_t.yaml", "sweep_t");
        return new SlurmScript.Settings("configs/sweep_t.yaml", workdir, out, workdir + "/" + out, launcher,
                spec.slurm().overriddenBy(flags), "sweep_t", maxParallel);
    }

    @Test
    void exactScriptForASmallSweepWithFlagsOverridingTheFile() {
        SlurmResources flags = new SlurmResources("01:00:00", null, "8G", null, "lab", null, List.of());
        String script = SlurmScript.script(settings("/home/u/neuradapt", "runs/t", "/home/u/neuradapt/neuradapt", flags, 2), points("runs/t"));
        assertEquals("""
                #!/bin/bash
                # neuradapt sweep configs/sweep_t.yaml: one SLURM array task per point that was not complete
                # when `./neuradapt sweep --slurm` wrote this script. Submit it with: sbatch <this file>
                #SBATCH --job-name=sweep_t
                #SBATCH --array=0-1%2
                #SBATCH --output=/home/u/neuradapt/runs/t/.sweep/logs/%x_%A_%a.log
                #SBATCH --time=01:00:00
                #SBATCH --cpus-per-task=2
                #SBATCH --mem=8G
                #SBATCH --partition=debug
                #SBATCH --account=lab
                #SBATCH --qos=low
                set -u
                cd /home/u/neuradapt || exit 2
                out=runs/t
                launcher=/home/u/neuradapt/neuradapt
                # The points are part of this script, which SLURM copies when it is submitted, so a later
                # `sweep --slurm` that rewrites points.tsv cannot change what a queued task runs.
                line=$(awk -F'\\t' -v i="${SLURM_ARRAY_TASK_ID:?run this script with sbatch}" '$1 == i' <<'POINTS'
                0\tarun_s1\ttrain --config configs/arun.yaml --set seed=1 --set train.lr=0.01 --set 'data.dir="my data"' --set out=runs/t --set name=arun_s1
                1\tarun_s2\ttrain --config configs/arun.yaml --set seed=2 --set train.lr=0.01 --set 'data.dir="my data"' --set out=runs/t --set name=arun_s2
                POINTS
                )
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
                """, script);
    }

    @Test
    void defaultsAndNoThrottle() {
        SlurmScript.Settings s = new SlurmScript.Settings("s.yaml", "/w", "runs/t", "/w/runs/t", "/w/neuradapt", SlurmResources.NONE, "s", null);
        String script = SlurmScript.script(s, points("runs/t"));
        assertTrue(script.contains("#SBATCH --array=0-1\n#SBATCH --output=/w/runs/t/.sweep/logs/%x_%A_%a.log\n#SBATCH --cpus-per-task=2\n#SBATCH --mem=6G\nset -u\n"),
                script);
        assertFalse(script.contains("--time") || script.contains("--partition") || script.contains("--account"), "no site-specific line unless asked");
        SlurmScript.Settings spaced = new SlurmScript.Settings("s.yaml", "/w", "runs/t", "/w/runs/t", "/w/neuradapt",
                new SlurmResources(null, null, null, "my partition", null, null, List.of()), "s", null);
        assertThrows(UserError.class, () -> SlurmScript.script(spaced, points("runs/t")));
    }

    @Test
    void pointsTableAndQuoting() {
        assertEquals("index\tname\targuments\n"
                + "0\tarun_s1\ttrain --config configs/arun.yaml --set seed=1 --set train.lr=0.01 --set 'data.dir=\"my data\"' --set out=runs/t --set name=arun_s1\n"
                + "1\tarun_s2\ttrain --config configs/arun.yaml --set seed=2 --set train.lr=0.01 --set 'data.dir=\"my data\"' --set out=runs/t --set name=arun_s2\n",
                SlurmScript.pointsTsv(points("runs/t")));
        assertEquals("'it'\\''s'", SlurmScript.quote("it's"));
        assertEquals("a/b.yaml", SlurmScript.quote("a/b.yaml"));
        assertEquals("''", SlurmScript.quote(""));
    }

    /** One array task run by bash with a stand-in launcher: the line it picks, the status files, the exit code. */
    @Test
    void anArrayTaskRunsItsPointAndRecordsTheExitCode() throws Exception {
        Path launcher = tmp.resolve("neuradapt");
        Files.writeString(launcher, "#!/bin/bash\nprintf '%s|' \"$@\" > \"$(dirname \"$0\")/args.txt\"\necho training\nexit 3\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        String out = tmp.resolve("runs/t").toString();
        List<Point> points = points(out);
        SlurmScript.Settings s = new SlurmScript.Settings("s.yaml", tmp.toString(), out, out, launcher.toString(), SlurmResources.NONE, "s", null);
        Path script = Files.writeString(tmp.resolve("sweep.sbatch"), SlurmScript.script(s, points));

        assertEquals(3, task(script, 1));
        Path status = tmp.resolve("runs/t/.sweep/status");
        assertEquals("3\n", Files.readString(status.resolve("arun_s2.exit")));
        assertFalse(Files.exists(status.resolve("arun_s2.running")), "the marker is removed at the end");
        assertEquals("train|--config|configs/arun.yaml|--set|seed=2|--set|train.lr=0.01|--set|data.dir=\"my data\"|--set|out=" + out
                + "|--set|name=arun_s2|", Files.readString(tmp.resolve("args.txt")));
        String log = Files.readString(tmp.resolve("runs/t/.sweep/logs/arun_s2.log"));
        assertTrue(log.contains("slurm job 77") && log.endsWith("training\n"), log);

        // a started run is resumed; a complete one is not run again
        Files.createDirectories(tmp.resolve("runs/t/arun_s1"));
        Files.writeString(tmp.resolve("runs/t/arun_s1/config.yaml"), "x");
        assertEquals(3, task(script, 0));
        assertTrue(Files.readString(tmp.resolve("args.txt")).endsWith("name=arun_s1|--resume|"));
        Files.writeString(tmp.resolve("runs/t/arun_s1/summary.json"), "{}");
        Files.delete(tmp.resolve("args.txt"));
        assertEquals(0, task(script, 0));
        assertFalse(Files.exists(tmp.resolve("args.txt")));
        assertEquals("0\n", Files.readString(status.resolve("arun_s1.exit")));
        assertEquals(2, task(script, 5), "an index the script does not hold");
    }

    private int task(Path script, int index) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("task.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("SLURM_ARRAY_TASK_ID", Integer.toString(index));
        env.put("SLURM_JOB_ID", "77");
        env.put("SLURM_ARRAY_JOB_ID", "76");
        Process p = pb.start();
        p.getOutputStream().close();
        int code = p.waitFor();
        assertTrue(Files.readString(tmp.resolve("task.out"), StandardCharsets.UTF_8).length() < 10_000);
        return code;
    }
}

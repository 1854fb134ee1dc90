package org.neuradapt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Csv;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.MnistFiles;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Network;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.GaussianDrive;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.plot.Figures;
import org.neuradapt.plot.RobustnessChart;
import org.neuradapt.training.AtomicFiles;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The paper's central experiment (docs/science.md section 4.6): every trained run evaluated under
 * every amplitude of one perturbation, written as a tidy CSV, a summary over seeds and the figure.
 * Forward passes only. Each run folder keeps a cache of what was already evaluated
 * (robustness-cache.csv, keyed by the checkpoint's SHA-256, the split and the perturbation's
 * id), so a rerun, or a rerun with more amplitudes, computes only what is new.
 */
@Command(name = "robustness", description = "Test accuracy of trained runs under a perturbation of growing amplitude: CSV and figure.",
        footer = {"", "Example:", "  ./neuradapt robustness --runs runs/robustness_cpu/* --perturbation step --xi 0,0.5,1,2.5,5,7.5,10,15,20,30"})
final class RobustnessCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ThreadsOption threads;
    static final String PAPER_XI = "0,0.5,1,2.5,5,7.5,10,15,20,30";
    static final String CACHE = "robustness-cache.csv";
    static final String CACHE_HEADER = "checkpoint_sha256,split,id,accuracy,loss,count";

    @Option(names = "--runs", arity = "1..*", paramLabel = "DIR", description = "run folders written by train (or sweep)")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--results", arity = "1..*", paramLabel = "CSV", description = "robustness.csv of an earlier experiment: its rows at the swept values join "
            + "the runs' without re-evaluation (e.g. new models beside a committed campaign whose run folders are elsewhere)")
    List<Path> results = new ArrayList<>();

    @Option(names = "--perturbation", defaultValue = "step", description = "step, gaussian (drives on the pre-activations) or sinusoid (input transform)")
    String perturbation;

    @Option(names = "--xi", defaultValue = PAPER_XI, paramLabel = "LIST", description = "drive amplitudes (step) or standard deviations (gaussian), comma-separated")
    String xi;

    @Option(names = "--amplitude", paramLabel = "LIST", description = "sinusoid: amplitudes A to sweep (default 0,0.25,0.5,0.75,1 when --frequency is not a list)")
    String amplitude;

    @Option(names = "--frequency", paramLabel = "F|LIST", description = "sinusoid: frequency f (default 1), or a list to sweep f at the first --amplitude")
    String frequency;

    @Option(names = "--window", paramLabel = "START:LEN", description = "drive window, in steps (50:50) or fractions of T (0.2551:0.2551); default: the paper's 200:200 of 784 steps, scaled to T")
    String window;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best or last")
    String checkpoint;

    @Option(names = "--split", defaultValue = "test", description = "test or val")
    String split;

    @Option(names = "--out", defaultValue = "figures/robustness", paramLabel = "DIR", description = "folder for robustness.csv, robustness_summary.csv and robustness.png/.svg")
    Path out;

    @Option(names = "--title", description = "figure title (default: task, T, N, the perturbation and its window)")
    String title;

    @Option(names = "--allow-mixed", description = "allow runs of different tasks or sequence lengths in one figure")
    boolean allowMixed;

    @Option(names = "--compare", paramLabel = "A,B", description = "also print model A against model B at --at: difference of mean accuracies, "
            + "its 95%% interval and Welch's test over seeds (every pair at every value is in robustness_comparisons.csv)")
    String compare;

    @Option(names = "--at", paramLabel = "VALUE", description = "the swept value --compare looks at (default: the largest)")
    Double at;

    @Option(names = "--batch", defaultValue = "500", description = "evaluation batch size, made smaller when a drive [B, T, N] would pass 64 MB (results do not depend on it)")
    int batch;

    /** One run folder, checked and loaded once. */
    private record Run(Path dir, String name, RunConfig cfg, Path checkpointFile, String sha256) {}

    @Override
    public Integer call() throws Exception {
        String[] pair = comparePair();
        List<Robustness.Summary> summary = execute();
        printTable(summary, summary.isEmpty() ? "" : sweptParameter, Robustness.Metric.of(points));
        System.out.println("wrote " + out.resolve("robustness.csv") + ", robustness_summary.csv, robustness_comparisons.csv and robustness.png/.svg");
        if (pair != null) {
            double value = at != null ? at : summary.stream().mapToDouble(Robustness.Summary::value).max().orElse(0);
            printComparison(Robustness.compare(points, pair[0], pair[1], value), sweptParameter, Robustness.Metric.of(points));
        }
        return 0;
    }

    /** --compare A,B read before any work, or null. */
    private String[] comparePair() {
        if (compare == null) {
            if (at != null) throw new UserError("--at goes with --compare A,B; add --compare");
            return null;
        }
        String[] pair = compare.split(",", -1);
        if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank() || pair[0].strip().equals(pair[1].strip()))
            throw new UserError("--compare: give two different model ids separated by a comma, e.g. --compare arun,rnn_gamma_het; got '" + compare + "'");
        return new String[] {pair[0].strip(), pair[1].strip()};
    }

    /** The points of the last {@link #execute}. */
    private List<Robustness.Point> points = List.of();

    static void printComparison(Robustness.Comparison c, String parameter, Robustness.Metric metric) {
        org.neuradapt.analysis.SeedStatistics.Welch w = c.welch();
        System.out.printf(Locale.ROOT, "%s - %s at %s = %s: difference of the mean " + (metric == Robustness.Metric.ACCURACY ? "accuracies" : "squared errors") + " %+.4f, 95%% CI [%s, %s], Welch t = %s, df = %s, p = %s (%d and %d seeds)%n",
                c.modelA(), c.modelB(), parameter, Robustness.number(c.value()), w.difference(), f4(w.low()), f4(w.high()), f4(w.t()),
                Double.isNaN(w.df()) ? "n/a" : String.format(Locale.ROOT, "%.1f", w.df()),
                Double.isNaN(w.p()) ? "n/a (needs 2 seeds of each and a spread)" : String.format(Locale.ROOT, "%.3g", w.p()), w.na(), w.nb());
    }

    private static String f4(double v) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.4f", v); }

    /** What was swept ("xi", "amplitude" or "frequency"), set by {@link #execute}. */
    private String sweptParameter = "";

    /**
     * The experiment with the options as set: evaluates (or reuses) every point, writes the CSVs
     * and the figure into {@code out}, and returns the summary over seeds (quickstart calls this).
     */
    List<Robustness.Summary> execute() throws Exception {
        if (!split.equals("test") && !split.equals("val")) throw new UserError("--split must be test or val, got '" + split + "'");
        if (!checkpoint.equals("best") && !checkpoint.equals("last")) throw new UserError("--checkpoint must be best or last, got '" + checkpoint + "'");
        if (batch <= 0) throw new UserError("--batch must be > 0, got " + batch);
        if (runs.isEmpty() && results.isEmpty()) throw new UserError("give --runs DIR... (run folders) or --results CSV... (an earlier robustness.csv), or both");
        List<Run> list = runs.isEmpty() ? List.of() : checkRuns();
        // the sweep: one perturbation with its amplitude replaced by each value
        double[] values;
        Perturbation base;
        switch (perturbation) {
            case "step", "gaussian" -> {
                sweptParameter = "xi";
                values = Perturbations.parseList("--xi", xi);
                base = Perturbations.fromCli(perturbation, 0, window, null, null);
            }
            case "sinusoid" -> {
                double[] f = Perturbations.parseList("--frequency", frequency == null ? "1" : frequency);
                double[] a = Perturbations.parseList("--amplitude", amplitude == null ? (f.length > 1 ? "0.5" : "0,0.25,0.5,0.75,1") : amplitude);
                if (f.length > 1 && a.length > 1) throw new UserError("sweep either --amplitude or --frequency, not both; give one of them a single value");
                sweptParameter = f.length > 1 ? "frequency" : "amplitude";
                values = f.length > 1 ? f : a;
                base = Perturbations.fromCli("sinusoid", a[0], null, f[0], 0.0);
            }
            default -> throw new UserError("--perturbation must be step, gaussian or sinusoid, got '" + perturbation + "'");
        }
        for (Run r : list) base.id(r.cfg().data().sequenceLength()); // a window that does not fit T fails here, before any work
        List<Robustness.Point> earlier = earlierResults(base, values, list);   // and a bad --results CSV
        Runs.writableFolder(out);

        List<Robustness.Point> points = new ArrayList<>();
        Map<String, TaskData> tasks = new HashMap<>();
        int done = 0, total = list.size() * values.length;
        long t0 = System.nanoTime();
        for (Run r : list) {
            Map<String, String[]> cache = readCache(r.dir());
            Network net = null;
            TaskData data = null;
            for (double v : values) {
                Perturbation p = base.with(sweptParameter, v);
                int T = r.cfg().data().sequenceLength();
                String id = p.id(T);
                String key = r.sha256() + "," + split + "," + id;
                long t1 = System.nanoTime();
                double acc, loss;
                int count;
                String[] hit = cache.get(key);
                boolean reused = hit != null;
                if (reused) {
                    acc = Double.parseDouble(hit[0]);
                    loss = Double.parseDouble(hit[1]);
                    count = Integer.parseInt(hit[2]);
                } else {
                    if (data == null) {
                        data = tasks.computeIfAbsent(dataKey(r.cfg()), k -> org.neuradapt.data.Tasks.load(r.cfg().data(), r.cfg().seed()));
                        net = Runs.load(RunFolder.existing(r.dir()), r.cfg(), data, checkpoint);
                    }
                    SequenceSet set = split.equals("test") ? data.test() : data.val();
                    Evaluation e = Evaluation.of(net, set, batchFor(p, T, r.cfg().model().hidden()), data.classes(), r.cfg().model().hidden(), p, r.cfg().seed());
                    acc = e.accuracy();
                    loss = e.loss();
                    count = e.count();
                    cache.put(key, new String[] {Double.toString(acc), Double.toString(loss), Integer.toString(count)});
                    keepCache(r.dir(), cache); // after every point: an interrupted experiment resumes where it stopped
                }
                points.add(new Robustness.Point(r.cfg().model().label(), r.cfg().seed(), r.name(), taskName(r.cfg()), T, r.cfg().model().hidden(), p.type(),
                        sweptParameter, v, windowText(p, T), id, acc, loss, count));
                done++;
                System.err.printf(Locale.ROOT, "robustness %d/%d  %s %s=%s: %s %.4f (%s, %.1f s; %s elapsed)%n", done, total, r.name(),
                        sweptParameter, Robustness.number(v), Double.isNaN(acc) ? "mean squared error" : "accuracy", Double.isNaN(acc) ? loss : acc,
                        reused ? "cached" : count + " samples", (System.nanoTime() - t1) / 1e9, ProgressBar.duration((System.nanoTime() - t0) / 1e9));
            }
        }
        points.addAll(earlier);
        this.points = List.copyOf(points);
        List<Robustness.Summary> summary = Robustness.summarize(points);
        AtomicFiles.write(out.resolve("robustness.csv"), Robustness.toCsv(points));
        AtomicFiles.write(out.resolve("robustness_summary.csv"), Robustness.summaryCsv(summary, Robustness.Metric.of(points)));
        AtomicFiles.write(out.resolve("robustness_comparisons.csv"), Robustness.comparisonsCsv(Robustness.compareAll(points)));
        Figures.save(RobustnessChart.build(points, title), out.resolve("robustness"));
        return summary;
    }

    /** The options quickstart uses: the paper's step-drive protocol on the test set, written into {@code out}. */
    static RobustnessCommand paperStepDrive(List<Path> runs, Path out) {
        RobustnessCommand r = new RobustnessCommand();
        r.runs = runs;
        r.perturbation = "step";
        r.xi = PAPER_XI;
        r.checkpoint = "best";
        r.split = "test";
        r.out = out;
        r.batch = 500;
        return r;
    }

    private List<Run> checkRuns() {
        List<Run> list = new ArrayList<>();
        Set<String> tasksSeen = new LinkedHashSet<>();
        Set<Path> seen = new LinkedHashSet<>();
        Map<String, Path> bySha = new HashMap<>();
        for (Path dir : runs) {
            if (!seen.add(dir.toAbsolutePath().normalize())) continue;
            RunFolder folder = RunFolder.existing(dir);
            org.neuradapt.training.RunLock.hold(dir, "robustness");  // it writes the folder's cache; released when the command ends
            RunConfig cfg;
            try {
                cfg = folder.readConfig();
            } catch (UserError e) {
                throw new UserError("run folder '" + dir + "' was written by an incompatible version (" + e.getMessage() + "); retrain it with this version");
            }
            Path ckpt = checkpoint.equals("best") ? folder.bestCheckpoint() : folder.lastCheckpoint();
            if (!Files.isRegularFile(ckpt))
                throw new UserError("run folder '" + dir + "' is incomplete: no " + checkpoint + " checkpoint (" + ckpt
                        + "); finish it with ./neuradapt train --config " + dir.resolve(RunFolder.CONFIG) + " --resume");
            String sha;
            try {
                sha = MnistFiles.sha256Hex(Files.readAllBytes(ckpt));
            } catch (IOException e) {
                throw new UserError("cannot read checkpoint '" + ckpt + "': " + e.getMessage());
            }
            Path first = bySha.putIfAbsent(sha, dir);
            if (first != null) {
                // one network copied into two folders is one seed, not two (docs/science.md section 4.6)
                System.err.println("warning: '" + dir + "' holds the same " + checkpoint + " checkpoint as '" + first + "' (SHA-256 " + sha.substring(0, 12)
                        + "...): counted once");
                continue;
            }
            tasksSeen.add(taskName(cfg) + ", T = " + cfg.data().sequenceLength());
            list.add(new Run(dir, dir.getFileName().toString(), cfg, ckpt, sha));
        }
        if (tasksSeen.size() > 1 && !allowMixed)
            throw new UserError("the runs are of different tasks (" + String.join("; ", tasksSeen) + "); give runs of one task, or add --allow-mixed");
        return list;
    }

    /**
     * The rows of the --results CSVs at this experiment's perturbation and swept values. Refused
     * (one line naming the file): another perturbation or window, another task than the runs'
     * (without --allow-mixed), or a run already present (the same run evaluated twice would count
     * as two seeds).
     */
    private List<Robustness.Point> earlierResults(Perturbation base, double[] values, List<Run> list) {
        List<Robustness.Point> kept = new ArrayList<>();
        Set<String> runsSeen = new LinkedHashSet<>(), tasks = new LinkedHashSet<>();
        Map<Integer, String> windows = new HashMap<>();
        for (Run r : list) {
            int T = r.cfg().data().sequenceLength();
            runsSeen.add(r.name());
            tasks.add(taskName(r.cfg()) + ", T = " + T);
            windows.put(T, windowText(base, T));
        }
        for (Path csv : results) {
            List<Robustness.Point> rows = PlotCommand.readCsv(csv, "./neuradapt robustness", Robustness::fromCsv);
            Set<String> inFile = new LinkedHashSet<>();
            for (Robustness.Point p : rows) {
                if (!p.perturbation().equals(base.type()) || !p.parameter().equals(sweptParameter))
                    throw new UserError("--results '" + csv + "' holds a " + p.perturbation() + " sweep of " + p.parameter() + ", this experiment is a "
                            + base.type() + " sweep of " + sweptParameter + "; give a robustness.csv of the same perturbation");
                boolean wanted = false;
                for (double v : values) wanted |= Double.compare(v, p.value()) == 0;
                if (!wanted) continue;
                String w = windows.computeIfAbsent(p.steps(), T -> window == null ? p.window() : windowText(base, T));
                if (!p.window().isEmpty() && !p.window().equals(w))
                    throw new UserError("--results '" + csv + "' was measured with the drive window " + p.window() + ", this experiment uses " + w
                            + " at T = " + p.steps() + "; give the same --window");
                if (!inFile.contains(p.run()) && runsSeen.contains(p.run()))
                    throw new UserError("--results '" + csv + "': run " + p.run() + " is already in the experiment (as a run folder or in an earlier CSV); "
                            + "give each run once");
                inFile.add(p.run());
                tasks.add(p.task() + ", T = " + p.steps());
                kept.add(p);
            }
            runsSeen.addAll(inFile);
        }
        if (tasks.size() > 1 && !allowMixed)
            throw new UserError("the runs and --results are of different tasks (" + String.join("; ", tasks) + "); give one task, or add --allow-mixed");
        return kept;
    }

    /** Largest drive array [B, T, N] of one evaluation batch, in floats (64 MB). */
    static final long DRIVE_BUDGET = 16L << 20;

    /**
     * The evaluation batch: --batch, made smaller when a drive of that batch would exceed
     * {@link #DRIVE_BUDGET}. The drive is a dense [B, T, N] input; at T = 784, N = 400 a batch of
     * 500 fills 627 MB, and measured on 1000 test images (rnn_relu, step drive) batches of 500, 200,
     * 100 and 50 took 19.8, 12.1, 8.9 and 8.6 s. Results do not depend on the batch (a Gaussian
     * drive draws per sample, docs/science.md section 4.2).
     */
    int batchFor(Perturbation p, int steps, int hidden) {
        if (!p.changesDrive()) return batch;
        return (int) Math.max(1, Math.min(batch, DRIVE_BUDGET / ((long) steps * hidden)));
    }

    static String taskName(RunConfig cfg) { return cfg.data().task() + (cfg.data().mnist() && cfg.data().pool() > 1 ? "/pool" + cfg.data().pool() : ""); }

    /** Runs with the same data section and seed share one loaded task (psMNIST's permutation comes from the seed). */
    private static String dataKey(RunConfig cfg) { return cfg.data() + "#" + cfg.seed(); }

    /** The drive window resolved for T, "pos:len"; "" for a perturbation without one (the sinusoid). */
    private static String windowText(Perturbation p, int steps) {
        if (p instanceof StepDrive d) return d.window().resolve(steps).toString();
        if (p instanceof GaussianDrive d) return d.window().resolve(steps).toString();
        return "";
    }

    static void printTable(List<Robustness.Summary> summary, String parameter, Robustness.Metric metric) {
        System.out.printf(Locale.ROOT, "%-16s %10s %10s %8s %19s %8s %8s %6s%n", "model", parameter, "mean " + (metric == Robustness.Metric.ACCURACY ? "acc" : "mse"), "sd", "95% CI of the mean", "min", "max", "seeds");
        for (Robustness.Summary s : summary)
            System.out.printf(Locale.ROOT, "%-16s %10s %10.4f %8.4f %19s %8.4f %8.4f %6d%n", s.model(), Robustness.number(s.value()), s.mean(), s.sd(),
                    Double.isNaN(s.ciLow()) ? "n/a" : String.format(Locale.ROOT, "[%.4f, %.4f]", s.ciLow(), s.ciHigh()), s.min(), s.max(), s.seeds());
    }


    static Map<String, String[]> readCache(Path runDir) {
        Map<String, String[]> cache = new LinkedHashMap<>();
        Path f = runDir.resolve(CACHE);
        if (!Files.isRegularFile(f)) return cache;
        List<String> lines;
        try {
            lines = Files.readAllLines(f);
        } catch (IOException e) {  // garbage, not UTF-8, unreadable: it is only a cache
            System.err.println("warning: " + f + " cannot be read (" + e.getMessage() + "); its evaluations are recomputed");
            return cache;
        }
        if (lines.isEmpty() || !lines.get(0).equals(CACHE_HEADER)) return cache; // another format: recompute, it is only a cache
        for (String line : lines.subList(1, lines.size())) {
            List<String> c = Csv.split(line);
            if (c.size() == 6 && parses(c.get(3)) && parses(c.get(4)) && c.get(5).matches("\\d+"))
                cache.put(c.get(0) + "," + c.get(1) + "," + c.get(2), new String[] {c.get(3), c.get(4), c.get(5)});
        }
        return cache;
    }

    private static boolean parses(String number) {
        try {
            return Double.isFinite(Double.parseDouble(number));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Run folders whose cache could not be written (read-only): warned about once. */
    private final java.util.Set<Path> cacheNotKept = new java.util.HashSet<>();

    void keepCache(Path runDir, Map<String, String[]> cache) {
        if (cacheNotKept.contains(runDir)) return;
        try {
            writeCache(runDir, cache);
        } catch (IOException e) {
            cacheNotKept.add(runDir);
            System.err.println("warning: cannot write " + runDir.resolve(CACHE) + " (" + e.getMessage() + "); the results are computed, but a rerun "
                    + "recomputes them");
        }
    }

    private static void writeCache(Path runDir, Map<String, String[]> cache) throws IOException {
        StringBuilder sb = new StringBuilder(CACHE_HEADER).append('\n');
        cache.forEach((k, v) -> {
            String[] kk = k.split(",", 3);
            sb.append(kk[0]).append(',').append(kk[1]).append(',').append(Csv.quote(kk[2])).append(',')
                    .append(v[0]).append(',').append(v[1]).append(',').append(v[2]).append('\n');
        });
        AtomicFiles.write(runDir.resolve(CACHE), sb.toString());
    }
}

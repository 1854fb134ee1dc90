package org.neuradapt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.sweep.Grid;
import org.neuradapt.sweep.LocalSweep;
import org.neuradapt.sweep.Plan;
import org.neuradapt.sweep.Point;
import org.neuradapt.sweep.PointState;
import org.neuradapt.sweep.SweepProgress;
import org.neuradapt.sweep.SlurmResources;
import org.neuradapt.sweep.SlurmScript;
import org.neuradapt.sweep.SweepSpec;
import org.neuradapt.training.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./neuradapt sweep}: many training runs from one sweep file, run here as subprocesses,
 * written out as a SLURM job array, or reported point by point. This class knows the files:
 * run folders under the sweep's {@code out}, and {@code OUT/.sweep/} with {@code logs/NAME.log},
 * {@code status/NAME.exit} and {@code status/NAME.running} (the same for local and SLURM
 * sweeps), {@code local.lock} (held while a local sweep runs), {@code sweep.sbatch} and
 * {@code points.tsv}. The logic (grid, states, plan, scheduling, script text) is in
 * {@code org.neuradapt.sweep}.
 */
@Command(name = "sweep", description = {
        "Train a grid of runs (models x seeds x any config key) here or as a SLURM job array; a rerun resumes.",
        "The grid comes from a sweep file (see configs/sweep_*.yaml): here, as subprocesses (--workers K),",
        "or as a SLURM job array (--slurm); --status shows where each point stands. A rerun skips complete points and",
        "resumes interrupted ones; logs and exit codes go to <out>/.sweep/."},
        footer = {"", "Example:", "  ./neuradapt sweep --config configs/sweep_smoke.yaml --workers 1"})
final class SweepCommand implements Callable<Integer> {

    /** The main class of a point's subprocess (tests point it to a stand-in). */
    static final String TRAIN_MAIN = "org.neuradapt.cli.Main";

    /** Overrides the {@code sbatch} executable, e.g. for a test's stand-in; unset means {@code sbatch} on the PATH. */
    static final String SBATCH_PROPERTY = "neuradapt.sbatch";

    private static final String SBATCH_MISSING = "sbatch not found; is this a SLURM login node?"
            + " (experiments/slurm/local-cluster.sh starts a one-node cluster on this machine)";

    /** How long the shutdown hook gives running points to stop after SIGTERM before killing them. */
    private static final long STOP_GRACE_MS = 10_000;

    @Option(names = "--config", paramLabel = "FILE", description = "sweep file (YAML), e.g. configs/sweep_smoke.yaml")
    Path config;

    @Option(names = "--workers", paramLabel = "K", description = "local sweep: points run at once (default 1: each run uses every core); each of the K runs gets 1/K of the cores (--threads)")
    Integer workers;

    @Option(names = "--status", description = "print each point's state (complete, running, failed, partial, missing) and the totals")
    boolean status;

    @Option(names = "--slurm", description = "write <out>/.sweep/sweep.sbatch (a SLURM job array of the points not complete) and points.tsv instead of running")
    boolean slurm;

    @Option(names = "--submit", description = "like --slurm, then submit the script with sbatch")
    boolean submit;

    @Option(names = "--max-parallel", paramLabel = "K", description = "--slurm: at most K array tasks at once (%%K)")
    Integer maxParallel;

    @Option(names = "--time", paramLabel = "T", description = "--slurm: time limit per point, e.g. 04:00:00 (overrides slurm.time)")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "--slurm: CPUs per point (overrides slurm.cpus_per_task; default 2)")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "M", description = "--slurm: memory per point, e.g. 6G (overrides slurm.mem; default 6G)")
    String mem;

    @Option(names = "--partition", paramLabel = "P", description = "--slurm: partition (overrides slurm.partition)")
    String partition;

    @Option(names = "--account", paramLabel = "A", description = "--slurm: account (overrides slurm.account)")
    String account;

    /** Runs the points instead of subprocesses of this JVM; set by tests only. */
    LocalSweep.PointRunner runner;

    /** The main class the subprocesses run; tests set a stand-in that trains on generated MNIST files. */
    String trainMain = TRAIN_MAIN;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (config == null) throw new UserError("sweep needs --config FILE (e.g. --config configs/sweep_smoke.yaml)");
        boolean toSlurm = slurm || submit;
        if (status && (toSlurm || workers != null))
            throw new UserError("--status only reports; drop --slurm, --submit and --workers (see: neuradapt sweep --help)");
        if (toSlurm && workers != null)
            throw new UserError("--workers is for local sweeps; with --slurm, limit the tasks running at once with --max-parallel K");
        if (!toSlurm && (maxParallel != null || time != null || cpusPerTask != null || mem != null || partition != null || account != null))
            throw new UserError("--max-parallel, --time, --cpus-per-task, --mem, --partition and --account are for SLURM sweeps; add --slurm");
        if (workers != null && workers < 1) throw new UserError("--workers must be >= 1, got " + workers);
        if (cpusPerTask != null && cpusPerTask < 1) throw new UserError("--cpus-per-task must be >= 1, got " + cpusPerTask);
        if (maxParallel != null && maxParallel < 1) throw new UserError("--max-parallel must be >= 1, got " + maxParallel);

        SweepSpec spec = readSpec(config);
        List<Point> points = Grid.expand(spec, SweepCommand::resolve);
        Layout layout = new Layout(Path.of(spec.out()));
        if (status) return printStatus(spec, points, layout);
        if (!toSlurm && lockHeldElsewhere(layout))
            throw new UserError("another local sweep is running on " + layout.out() + " (it holds " + layout.lock()
                    + "); wait for it to end, or watch it with ./neuradapt sweep --status --config " + config);
        // a local run's marker is stale here: no sweep holds the lock; a SLURM task's marker is live
        List<PointState.Facts> facts = new ArrayList<>();
        for (Point p : points) facts.add(facts(p, layout));
        Plan plan = Plan.of(spec, points, facts, savedConfigs(spec, points, facts));
        return toSlurm ? writeSlurm(spec, plan, layout) : runLocal(spec, plan, layout);
    }

    // ---------------------------------------------------------------- reading the sweep

    private static SweepSpec readSpec(Path file) {
        if (!Files.isRegularFile(file))
            throw new UserError("sweep file '" + file + "' does not exist; pass a sweep YAML, e.g. --config configs/sweep_smoke.yaml");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read sweep file '" + file + "' (" + e.getMessage() + "); check that it is a readable UTF-8 text file");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
        return SweepSpec.parse(text, file.toString(), stem);
    }

    /** Base configs are paths relative to the current directory, like a run config's out and data.dir. */
    private static RunConfig resolve(String base, List<String> overrides) {
        Path file = Path.of(base);
        if (!Files.isRegularFile(file))
            throw new UserError("base config '" + base + "' (in grid.config) does not exist; paths there are relative to the current directory ("
                    + Path.of("").toAbsolutePath() + "): fix the path, or run the sweep from the directory they are relative to");
        return ConfigLoader.load(file, overrides);
    }

    /** The configs in the points' run folders, or null where a folder holds none. */
    private static List<RunConfig> savedConfigs(SweepSpec spec, List<Point> points, List<PointState.Facts> facts) {
        List<RunConfig> saved = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!facts.get(i).hasConfig()) {
                saved.add(null);
                continue;
            }
            try {
                saved.add(RunFolder.existing(Path.of(p.runDir())).readConfig());
            } catch (UserError e) {
                throw new UserError("sweep " + spec.source() + ", point " + p.name() + ": the run folder's " + RunFolder.CONFIG
                        + " does not load (" + e.getMessage() + "); move the folder away, or set another out in the sweep file", e);
            }
        }
        return saved;
    }

    // ---------------------------------------------------------------- files

    /** The sweep's own files under {@code OUT/.sweep/}. */
    record Layout(Path out) {
        Path dir() { return out.resolve(".sweep"); }
        Path logs() { return dir().resolve("logs"); }
        Path statusDir() { return dir().resolve("status"); }
        Path log(String name) { return logs().resolve(name + ".log"); }
        Path exit(String name) { return statusDir().resolve(name + ".exit"); }
        Path running(String name) { return statusDir().resolve(name + ".running"); }
        Path lock() { return dir().resolve("local.lock"); }
        Path script() { return dir().resolve("sweep.sbatch"); }
        Path pointsTsv() { return dir().resolve("points.tsv"); }
    }

    /** Marker files of local runs start with this word; SLURM's start with "slurm". */
    private static final String LOCAL_MARKER = "local";

    private static PointState.Facts facts(Point p, Layout layout) {
        Path run = Path.of(p.runDir());
        Path marker = layout.running(p.name());
        // a run trains exactly while its folder's lock is held (RunLock); a SLURM task's marker also counts until the task
        // removes it (a node's lock need not be visible here)
        boolean running = org.neuradapt.training.RunLock.held(run);
        if (!running && Files.isRegularFile(marker)) running = !readOrEmpty(marker).startsWith(LOCAL_MARKER);
        return new PointState.Facts(Files.isRegularFile(run.resolve(RunFolder.SUMMARY)), Files.isRegularFile(run.resolve(RunFolder.CONFIG)),
                Files.isRegularFile(run.resolve(RunFolder.CHECKPOINTS).resolve("last.ckpt")), running, exitCode(layout.exit(p.name())));
    }

    private static Integer exitCode(Path file) {
        if (!Files.isRegularFile(file)) return null;
        String text = readOrEmpty(file).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1; // an exit file that does not hold a number still says the run ended badly
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether another process holds the lock of a local sweep on this out. */
    private static boolean lockHeldElsewhere(Layout layout) {
        if (!Files.isRegularFile(layout.lock())) return false;
        try (FileChannel ch = FileChannel.open(layout.lock(), StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) return true;
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very JVM (a sweep started from the same process)
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a file through a temporary file and a rename, so that no reader sees it half-written. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp." + ProcessHandle.current().pid());
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A SLURM task killed outright (node failure, SIGKILL) cannot remove its marker; say how to free the point. */
    private static String staleMarkerHint(Layout layout) {
        return "if such a job is gone, delete its " + layout.statusDir().resolve("NAME.running");
    }

    // ---------------------------------------------------------------- --status

    private int printStatus(SweepSpec spec, List<Point> points, Layout layout) {
        int width = points.stream().mapToInt(p -> p.name().length()).max().orElse(4);
        int[] counts = new int[PointState.values().length];
        System.out.println("sweep " + spec.source() + ": " + points.size() + " points under " + layout.out());
        for (Point p : points) {
            PointState.Facts f = facts(p, layout);
            PointState state = PointState.of(f);
            counts[state.ordinal()]++;
            String detail = switch (state) {
                case FAILED -> "exit " + f.exitCode() + ", log " + layout.log(p.name());
                case RUNNING -> org.neuradapt.training.RunLock.held(Path.of(p.runDir()))
                        ? "held by " + org.neuradapt.training.RunLock.holder(Path.of(p.runDir())) : readOrEmpty(layout.running(p.name())).strip();
                case PARTIAL -> f.hasCheckpoint() ? "interrupted; a rerun resumes it from its last checkpoint" : "started, no checkpoint yet";
                default -> "";
            };
            if (f.hasConfig() && differs(p)) detail = (detail.isEmpty() ? "" : detail + "; ") + "the run folder holds another config";
            System.out.println(String.format(Locale.ROOT, "  %-" + width + "s  %-8s  %s", p.name(), state.label, detail).stripTrailing());
        }
        List<String> totals = new ArrayList<>();
        for (PointState s : PointState.values()) totals.add(counts[s.ordinal()] + " " + s.label);
        System.out.println(points.size() + " points: " + String.join(", ", totals));
        return 0;
    }

    private static boolean differs(Point p) {
        try {
            return !Plan.sameRun(RunFolder.existing(Path.of(p.runDir())).readConfig(), p.config());
        } catch (UserError e) {
            return true;
        }
    }

    // ---------------------------------------------------------------- --slurm

    private int writeSlurm(SweepSpec spec, Plan plan, Layout layout) throws IOException, InterruptedException {
        List<Point> toRun = plan.toRun().stream().map(Plan.Step::point).toList();
        long complete = plan.count(Plan.Action.SKIP_COMPLETE), running = plan.count(Plan.Action.SKIP_RUNNING);
        if (toRun.isEmpty()) {
            System.out.println("sweep " + spec.source() + ": all " + plan.steps().size() + " points are complete (" + complete + ") or running ("
                    + running + "); nothing to submit");
            return 0;
        }
        Path launcher = launcher();
        String stem = config.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
        SlurmResources flags = new SlurmResources(time, cpusPerTask, mem, partition, account, null, List.of());
        SlurmScript.Settings settings = new SlurmScript.Settings(spec.source(), Path.of("").toAbsolutePath().toString(), spec.out(),
                layout.out().toAbsolutePath().normalize().toString(), launcher.toString(), spec.slurm().overriddenBy(flags), stem, maxParallel);
        String script = SlurmScript.script(settings, toRun);
        // SLURM does not create the --output folder: a task whose log folder is missing fails at once
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.statusDir());
        writeAtomically(layout.pointsTsv(), SlurmScript.pointsTsv(toRun));
        writeAtomically(layout.script(), script);
        try {
            Files.setPosixFilePermissions(layout.script(), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: sbatch reads the script, it need not be executable
        }
        String skipped = complete + running == 0 ? "" : " (" + complete + " complete and " + running + " running are left out"
                + (running > 0 ? "; " + staleMarkerHint(layout) : "") + ")";
        System.out.println("wrote " + layout.script() + ": a job array of " + toRun.size() + " of the " + plan.steps().size() + " points" + skipped
                + "; the points are listed in " + layout.pointsTsv());
        if (!submit) {
            System.out.println("submit it with:");
            System.out.println("  sbatch " + layout.script());
            System.out.println("then watch it with: ./neuradapt sweep --status --config " + config);
            return 0;
        }
        return submit(layout);
    }

    private int submit(Layout layout) throws IOException, InterruptedException {
        String sbatch = System.getProperty(SBATCH_PROPERTY, "sbatch");
        Process p;
        try {
            p = new ProcessBuilder(sbatch, layout.script().toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UserError(SBATCH_MISSING);
        }
        p.getOutputStream().close();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int code = p.waitFor();
        if (code != 0) {
            // sbatch ends with its most specific complaint (e.g. "fatal: ..."), so the last line is the one to show
            String last = text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output").strip();
            throw new UserError("sbatch " + layout.script() + " failed (exit " + code + "): " + last);
        }
        System.out.print(text);
        System.out.println("watch it with: ./neuradapt sweep --status --config " + config);
        return 0;
    }

    /**
     * The launcher that array tasks run: the repository's ./neuradapt, found through the
     * {@code neuradapt.home} property that the launcher sets, or in the current directory.
     */
    static Path launcher() {
        String home = System.getProperty("neuradapt.home");
        Path dir = home != null && !home.isBlank() ? Path.of(home) : Path.of("");
        Path launcher = dir.toAbsolutePath().resolve("neuradapt").normalize();
        if (!Files.isRegularFile(launcher))
            throw new UserError("cannot find the neuradapt launcher at " + launcher + "; run the sweep through ./neuradapt from the repository");
        return launcher;
    }

    // ---------------------------------------------------------------- local

    private int runLocal(SweepSpec spec, Plan plan, Layout layout) throws IOException, InterruptedException {
        int k = workers == null ? 1 : workers;
        List<Plan.Step> toRun = plan.toRun();
        long resumed = toRun.stream().filter(s -> s.action() == Plan.Action.RESUME).count();
        System.err.println("sweep " + spec.source() + ": " + plan.steps().size() + " points; " + plan.count(Plan.Action.SKIP_COMPLETE) + " complete, "
                + toRun.size() + " to run (" + resumed + " resumed)" + (plan.count(Plan.Action.SKIP_RUNNING) > 0
                ? ", " + plan.count(Plan.Action.SKIP_RUNNING) + " running elsewhere (left alone; " + staleMarkerHint(layout) + ")" : "")
                + "; " + k + " at a time; logs in " + layout.logs());
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.statusDir());
        try (FileChannel lockChannel = FileChannel.open(layout.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null)
                throw new UserError("another local sweep is running on " + layout.out() + " (it holds " + layout.lock()
                        + "); wait for it to end, or watch it with ./neuradapt sweep --status --config " + config);
            return runLocked(spec, plan, layout, k);
        }
    }

    private int runLocked(SweepSpec spec, Plan plan, Layout layout, int k) throws InterruptedException {
        // K points at once share the cores: each run gets its share, so that nothing oversubscribes (docs/performance.md, "Threads")
        int threadsPerPoint = Math.max(1, org.neuradapt.util.Cores.available().count() / k);
        Subprocesses subprocesses = new Subprocesses(layout, javaCommand(trainMain), threadsPerPoint);
        LocalSweep.PointRunner inner = runner != null ? runner : subprocesses;
        Report report = new Report(layout);
        LocalSweep[] holder = new LocalSweep[1];
        Recorded recorded = new Recorded(layout, inner, () -> holder[0].isCancelled());
        LocalSweep sweep = new LocalSweep(plan, k, recorded, report);
        holder[0] = sweep;
        Thread hook = new Thread(() -> {
            // Ctrl-C or kill: stop the children too (a kill reaches only this JVM), and leave no
            // exit code for them, so that a rerun resumes them instead of calling them failed
            sweep.cancel();
            report.interrupted(sweep.progress());
            subprocesses.stopAll();
            recorded.clearMarkers();
        }, "sweep-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LocalSweep.Outcome outcome;
        report.startTicker(sweep);
        try {
            outcome = sweep.run();
        } finally {
            report.stopTicker();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already and does the cleaning up
            }
        }
        report.clearLine();
        List<LocalSweep.Result> failures = outcome.failures();
        long elsewhere = plan.count(Plan.Action.SKIP_RUNNING);
        System.out.println("sweep " + spec.source() + ": " + plan.steps().size() + " points, " + outcome.completeCount() + " complete ("
                + plan.count(Plan.Action.SKIP_COMPLETE) + " already), " + failures.size() + " failed"
                + (elsewhere > 0 ? ", " + elsewhere + " running elsewhere" : "") + " [" + SweepProgress.duration(outcome.seconds()) + "]");
        for (LocalSweep.Result r : failures)
            System.out.println("  failed: " + r.step().point().name() + " (" + what(r) + "), log " + layout.log(r.step().point().name()));
        if (!failures.isEmpty()) System.out.println("fix the cause and run the same command again: complete points are skipped, the rest resumed");
        return failures.isEmpty() ? 0 : 1;
    }

    private static String what(LocalSweep.Result r) {
        return r.error() != null ? "could not run: " + r.error() : "exit " + r.exitCode();
    }

    /**
     * Writes the status files around each run: NAME.running while it runs, NAME.exit when it has
     * ended (unless the sweep was interrupted: then the point is left to be resumed).
     */
    private static final class Recorded implements LocalSweep.PointRunner {
        private final Layout layout;
        private final LocalSweep.PointRunner inner;
        private final java.util.function.BooleanSupplier cancelled;
        private final Set<String> marked = ConcurrentHashMap.newKeySet();
        private final String marker;

        Recorded(Layout layout, LocalSweep.PointRunner inner, java.util.function.BooleanSupplier cancelled) {
            this.layout = layout;
            this.inner = inner;
            this.cancelled = cancelled;
            this.marker = LOCAL_MARKER + " sweep, pid " + ProcessHandle.current().pid() + " on " + hostName() + "\n";
        }

        @Override
        public int run(Point point, boolean resume) throws Exception {
            String name = point.name();
            Files.deleteIfExists(layout.exit(name)); // the last attempt's code no longer describes the point
            writeAtomically(layout.running(name), marker);
            marked.add(name);
            List<String> args = new ArrayList<>(point.trainArguments());
            if (resume) args.add("--resume");
            Files.writeString(layout.log(name), "== " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                    + " local sweep: " + String.join(" ", args) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            int code;
            try {
                code = inner.run(point, resume);
            } catch (Exception e) {
                if (!cancelled.getAsBoolean()) writeAtomically(layout.exit(name), "1\n");
                clear(name);
                throw e;
            }
            if (!cancelled.getAsBoolean()) writeAtomically(layout.exit(name), code + "\n");
            clear(name);
            return code;
        }

        private void clear(String name) {
            try {
                Files.deleteIfExists(layout.running(name));
            } catch (IOException e) {
                // a stale local marker is harmless: it counts only while a sweep holds the lock
            }
            marked.remove(name);
        }

        void clearMarkers() {
            for (String name : List.copyOf(marked)) clear(name);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * The command line of a point's subprocess: this JVM's java, its JVM options (heap, the Vector
     * API module, neuradapt.home) and class path, and the given main class.
     */
    static List<String> javaCommand(String mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            // a debugger's port can be bound by one JVM only
            if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")) cmd.add(a);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        return cmd;
    }

    /** Runs each point as a subprocess of the same Java, with its output appended to NAME.log. */
    static final class Subprocesses implements LocalSweep.PointRunner {
        private final Layout layout;
        private final List<String> java;
        private final int threads;
        private final Set<Process> live = ConcurrentHashMap.newKeySet();
        private volatile boolean stopping;

        /** threads: each point's --threads, unless its config sets run.threads. */
        Subprocesses(Layout layout, List<String> java, int threads) {
            this.layout = layout;
            this.java = List.copyOf(java);
            this.threads = threads;
        }

        @Override
        public int run(Point point, boolean resume) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(java);
            cmd.addAll(point.trainArguments());
            if (resume) cmd.add("--resume");
            if (point.config().execution().threads() == 0) cmd.addAll(List.of("--threads", Integer.toString(threads)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(point.name()).toFile()));
            // the launcher's default: small graphs run faster on one OpenMP thread
            pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
            pb.environment().put(Main.PARENT_PID, Long.toString(ProcessHandle.current().pid()));  // the child stops if this sweep dies
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                Files.writeString(layout.log(point.name()), "could not start " + cmd.get(0) + ": " + e.getMessage() + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return 127; // the shell's code for a command that could not be run
            }
            live.add(p);
            try {
                p.getOutputStream().close();
                if (stopping) p.destroy(); // started while the shutdown hook was stopping the others
                return p.waitFor();
            } catch (InterruptedException e) {
                // whoever interrupted the sweep gave up on it: its children must not outlive it
                stop(List.of(p));
                throw e;
            } finally {
                live.remove(p);
            }
        }

        /** SIGTERM to every child (a training run keeps its last checkpoint), then SIGKILL to those still alive. */
        void stopAll() {
            stopping = true;
            stop(List.copyOf(live));
        }

        private static void stop(List<Process> children) {
            children.forEach(Process::destroy);
            long deadline = System.currentTimeMillis() + STOP_GRACE_MS;
            for (Process p : children) {
                try {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0 || !p.waitFor(left, TimeUnit.MILLISECONDS)) p.destroyForcibly();
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * The sweep's progress on stderr: one line refreshed in place on a terminal, a line per
     * change otherwise (logs, CI); a failed point gets a line of its own either way.
     */
    private final class Report implements LocalSweep.Listener {
        private final Layout layout;
        private final boolean live = System.console() != null;
        private ScheduledExecutorService ticker;
        private int drawn;

        Report(Layout layout) {
            this.layout = layout;
        }

        @Override
        public void started(Point point, boolean resume, SweepProgress now) {
            show(now);
        }

        @Override
        public void finished(LocalSweep.Result r, SweepProgress now) {
            if (r.interrupted()) return; // interrupted() has said what happens to these
            if (r.failed()) {
                clearLine();
                String name = r.step().point().name();
                String cause = r.error() != null ? "could not run: " + r.error() : "exit " + r.exitCode() + lastLine(layout.log(name));
                System.err.println("sweep: " + name + " failed (" + cause + "); log " + layout.log(name));
            }
            show(now);
        }

        synchronized void interrupted(SweepProgress now) {
            clearLine();
            System.err.println("sweep: interrupted with " + now.running() + " points running; they are stopped, and the same command resumes them");
        }

        private synchronized void show(SweepProgress p) {
            if (live) {
                String line = p.line();
                System.err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
                drawn = line.length();
                System.err.flush();
            } else {
                System.err.println(p.line());
            }
        }

        synchronized void clearLine() {
            if (live && drawn > 0) {
                System.err.print("\r" + " ".repeat(drawn) + "\r");
                System.err.flush();
                drawn = 0;
            }
        }

        /** On a terminal the elapsed time ticks once a second; in a log, lines come only on changes. */
        void startTicker(LocalSweep sweep) {
            if (!live) return;
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sweep-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(() -> show(sweep.progress()), 1, 1, TimeUnit.SECONDS);
        }

        void stopTicker() {
            if (ticker != null) ticker.shutdownNow();
        }
    }

    /** ": " and the last line of a log (a failed train ends with its one-line error), or "". */
    private static String lastLine(Path log) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - 4096);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            String last = new String(tail, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip();
            if (last.isEmpty() || last.startsWith("== ")) return "";
            return ": " + (last.length() > 200 ? last.substring(0, 200) + "..." : last);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}

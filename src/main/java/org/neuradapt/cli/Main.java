package org.neuradapt.cli;

import org.neuradapt.UserError;
import org.neuradapt.training.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: the only place that knows about paths, printing and exit codes.
 * Exit codes: 0 success, 1 internal error, 2 user error (bad config, data file or argument),
 * 3 training diverged (NaN or infinite loss; the last good checkpoint is kept), 4 out of a resource
 * (memory, disk space, a file that cannot be written).
 */
@Command(name = "neuradapt", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Recurrent networks of neurons with learnable, adaptive f-I curves (Geadah et al. 2024).",
        subcommands = {TrainCommand.class, EvalCommand.class, DataCommand.class, BenchCommand.class, CheckModelCommand.class, QuickstartCommand.class, PlotCommand.class,
                RobustnessCommand.class, AnalyzeCommand.class, ExportCommand.class, ImportCommand.class, SweepCommand.class, SpikingCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Example:", "  ./neuradapt quickstart", "  ./neuradapt help train"})
public final class Main implements Runnable {
    /** Exit codes; 4 is any exhausted resource: memory, disk space, a file that cannot be written. */
    public static final int USER_ERROR = 2, DIVERGED = 3, OUT_OF_MEMORY = 4;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        watchParent();
        System.exit(execute(args));
    }

    /** Set by a local sweep in its children's environment: the sweep's process id. */
    static final String PARENT_PID = "NEURADAPT_SWEEP_PID";

    /**
     * A run started by a local sweep stops when the sweep is gone, however it ended (kill -9
     * included), so that no orphan keeps training into a folder a rerun will want; its checkpoints
     * are whole (written by rename) and {@code --resume} continues it.
     */
    private static void watchParent() {
        String pid = System.getenv(PARENT_PID);
        if (pid == null) return;
        long parent;
        try {
            parent = Long.parseLong(pid.strip());
        } catch (NumberFormatException e) {
            return;
        }
        watch(parent, () -> {
            System.err.println("error: the sweep that started this run (process " + parent + ") has ended; stopping. Rerun the sweep to resume it");
            Runtime.getRuntime().halt(143);
        });
    }

    /** Runs {@code gone} on a daemon thread once process {@code parent} is no longer alive (checked every 0.5 s). */
    static Thread watch(long parent, Runnable gone) {
        Thread t = new Thread(() -> {
            while (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            gone.run();
        }, "sweep-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The frame of a user neuron model in an exception's stack (the first frame of a class outside
     * the JDK, neuradapt's own packages and its libraries, or in neuradapt's example and fixture
     * models), or null when the exception did not come from user code.
     */
    static StackTraceElement userFrame(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                String c = f.getClassName();
                boolean library = c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("org.nd4j.")
                        || c.startsWith("org.bytedeco.") || c.startsWith("picocli.") || c.startsWith("org.knowm.") || c.startsWith("org.apache.")
                        || c.startsWith("com.fasterxml.") || c.startsWith("org.junit.");
                boolean ours = c.startsWith("org.neuradapt.") && !c.startsWith("org.neuradapt.neuron.example.") && !c.startsWith("org.neuradapt.neuron.fixture.");
                if (!library && !ours) return f;
                if (ours) break;  // the exception arose in neuradapt's own code: not a user model's
            }
        }
        return null;
    }

    /**
     * The exit code of a command that threw: one line on stderr for every error a user can act on
     * (bad input 2, diverged training 3, an exhausted resource 4); anything else is a bug and
     * propagates with its stack trace.
     */
    static int handle(Exception ex) throws Exception {
        // a kernel's worker thread wraps what it met: look through the causes of anything that is not itself a user error
        // (a user error's own message already says what its cause means)
        if (!(ex instanceof UserError)) for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
            if (c instanceof UserError u) return handle(u);
            if (c instanceof OutOfMemoryError oom) return outOfMemory(oom);
        }
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof ArithmeticException && "integer overflow".equals(c.getMessage()) && c.getStackTrace().length > 0
                    && c.getStackTrace()[0].getClassName().startsWith("java.lang.Math")
                    && java.util.Arrays.stream(c.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("org.neuradapt.network"))) {
                // the histories of one batch (steps x batch x neurons per array) are larger than an array can index
                System.err.println("error: the network's histories for one batch are larger than an array holds (T x batch x neurons values, over 2^31); "
                        + "use a smaller train.batch_size (or --batch), model.hidden or sequence length");
                return OUT_OF_MEMORY;
            }
        }
        if (ex instanceof org.neuradapt.ResourceError) {
            System.err.println("error: " + ex.getMessage());
            return OUT_OF_MEMORY;
        }
        if (ex instanceof UserError) {
            System.err.println("error: " + ex.getMessage());
            return USER_ERROR;
        }
        if (ex instanceof Trainer.DivergedException) {
            System.err.println("error: training diverged: " + ex.getMessage());
            return DIVERGED;
        }
        if (ex instanceof java.nio.file.InvalidPathException p) {
            // e.g. a run name with letters the file system's encoding cannot hold (LANG=C)
            System.err.println("error: '" + p.getInput() + "' cannot be a file name here (" + p.getReason() + "); use ASCII letters, digits, '-' and '_'"
                    + " or run with a UTF-8 locale (LANG=C.UTF-8)");
            return USER_ERROR;
        }
        StackTraceElement user = userFrame(ex);
        if (user != null) {
            // a user neuron model threw: name it and where, not a stack trace of the kernels around it
            System.err.println("error: " + user.getClassName() + "." + user.getMethodName() + " (line " + user.getLineNumber() + ") threw "
                    + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse(""))
                    + "; check the model with ./neuradapt check-model --config FILE");
            return USER_ERROR;
        }
        java.io.IOException io = ex instanceof java.io.IOException i ? i : ex instanceof java.io.UncheckedIOException u ? u.getCause() : null;
        if (io != null) {
            // a full disk, a folder that became read-only, a file that vanished: one line, what was written is whole or not there
            String what = io instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
            String reason = io instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(io.getMessage());
            System.err.println("error: cannot write or read " + what + reason + "; free disk space or choose another folder, then rerun"
                    + " (finished results and checkpoints are kept; train --resume continues a run)");
            return OUT_OF_MEMORY;
        }
        throw ex;
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        org.neuradapt.network.fused.FastKernels.setThreads(0);   // each command line starts from the defaults (tests run many in one JVM)
        CommandLine cl = commandLine();
        cl.setExecutionExceptionHandler((ex, line, parsed) -> handle(ex));
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("error: " + ex.getMessage() + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return USER_ERROR;
        });
        try {
            return executeHolding(cl, args);
        } finally {
            org.neuradapt.training.RunLock.releaseAll();  // the run folders a command wrote into (RunLock.hold)
        }
    }

    /** {@link #execute}'s body, its command's locks released by the caller. */
    private static int executeHolding(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(e);
        }
    }

    /** Heap or JavaCPP's native limit: which, and what to change, in one line; exit code 4. */
    static int outOfMemory(OutOfMemoryError e) {
        System.err.println("error: out of memory (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); use a smaller"
                + " batch or model, set model.bptt_checkpoint (ARUN), or raise the limits in NEURADAPT_JAVA_OPTS,"
                + " e.g. \"-Xmx3g -Dorg.bytedeco.javacpp.maxBytes=12g\"");
        return OUT_OF_MEMORY;
    }

    /**
     * The command tree with --help and --version on every command and defaults shown in every
     * usage message, so that each subcommand explains itself (its footer holds a worked example).
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        standardHelp(cl);
        return cl;
    }

    private static void standardHelp(CommandLine cl) {
        if (cl.getCommandSpec().findOption("--help") == null) cl.getCommandSpec().mixinStandardHelpOptions(true);
        cl.getCommandSpec().usageMessage().showDefaultValues(true).width(110);
        cl.getSubcommands().values().forEach(Main::standardHelp);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"neuradapt " + org.neuradapt.training.Provenance.currentVersion() + " (ND4J/SameDiff 1.0.0-M2.1, Java " + System.getProperty("java.version") + ")"};
        }
    }
}

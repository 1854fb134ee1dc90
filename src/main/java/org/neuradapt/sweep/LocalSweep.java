package org.neuradapt.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs the points of a {@link Plan} that need running on a few worker threads, each through a
 * {@link PointRunner}, in grid order. A failed point is recorded and the others go on; only
 * {@link #cancel()} (Ctrl-C) stops the sweep from starting more. Nothing here spawns a process or
 * writes a file: the runner does, so tests run fake points.
 */
public final class LocalSweep {

    /** Runs one point to the end and returns its exit code (0 = complete). */
    @FunctionalInterface
    public interface PointRunner {
        /**
         * @param point the point
         * @param resume whether to continue the run in the point's folder ({@code train --resume})
         * @return the exit code of the training run
         * @throws Exception when the run could not be run at all; the point counts as failed
         */
        int run(Point point, boolean resume) throws Exception;
    }

    /** Hears what happens, while the sweep's lock is held, so that reports come in order. */
    public interface Listener {
        /** A point was started. */
        default void started(Point point, boolean resume, SweepProgress now) {}

        /** A point ended; {@code error} is set when the runner threw instead of returning a code. */
        default void finished(Result result, SweepProgress now) {}
    }

    /**
     * What became of one step.
     *
     * @param step the step
     * @param exitCode the run's exit code, or null when it did not run or the runner threw
     * @param error what the runner threw, or null
     * @param interrupted the run was stopped by {@link #cancel()}, or never started because of it
     */
    public record Result(Plan.Step step, Integer exitCode, Throwable error, boolean interrupted) {
        /** Whether this sweep ran the point and the run did not end with exit code 0 (an interrupted run is not a failure). */
        public boolean failed() {
            return !interrupted && step.runs() && (error != null || (exitCode != null && exitCode != 0));
        }

        /** Whether the point is complete: skipped as complete, or run with exit code 0. */
        public boolean complete() {
            return step.action() == Plan.Action.SKIP_COMPLETE || (!interrupted && exitCode != null && exitCode == 0);
        }
    }

    /**
     * The whole sweep's result.
     *
     * @param results one per point, in grid order
     * @param cancelled whether {@link #cancel()} stopped the sweep
     * @param seconds how long it took
     */
    public record Outcome(List<Result> results, boolean cancelled, double seconds) {
        public Outcome {
            results = List.copyOf(results);
        }

        /** The failed results. */
        public List<Result> failures() {
            return results.stream().filter(Result::failed).toList();
        }

        /** Whether any point failed. */
        public boolean anyFailed() {
            return results.stream().anyMatch(Result::failed);
        }

        /** How many points are complete. */
        public long completeCount() {
            return results.stream().filter(Result::complete).count();
        }
    }

    private final Plan plan;
    private final int workers;
    private final PointRunner runner;
    private final Listener listener;
    private final LongSupplier nanoClock;
    private final Result[] results;
    private volatile boolean cancelled;
    private long start;
    private int complete, running, failed, waiting, elsewhere;

    /**
     * @param plan what to do with each point
     * @param workers how many points run at once (each local training run already uses both cores)
     * @param runner runs one point
     * @param listener hears starts and ends
     */
    public LocalSweep(Plan plan, int workers, PointRunner runner, Listener listener) {
        this(plan, workers, runner, listener, System::nanoTime);
    }

    LocalSweep(Plan plan, int workers, PointRunner runner, Listener listener, LongSupplier nanoClock) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        this.plan = plan;
        this.workers = workers;
        this.runner = runner;
        this.listener = listener;
        this.nanoClock = nanoClock;
        this.results = new Result[plan.steps().size()];
    }

    /**
     * Runs the sweep and returns when every point has ended (or, after {@link #cancel()}, when the
     * points that were running have ended).
     *
     * @throws InterruptedException when the calling thread is interrupted; the sweep is cancelled first
     */
    public Outcome run() throws InterruptedException {
        List<Integer> toRun = new ArrayList<>();
        synchronized (this) {
            start = nanoClock.getAsLong();
            for (int i = 0; i < results.length; i++) {
                Plan.Step s = plan.steps().get(i);
                switch (s.action()) {
                    case SKIP_COMPLETE -> {
                        complete++;
                        results[i] = new Result(s, null, null, false);
                    }
                    case SKIP_RUNNING -> {
                        elsewhere++;
                        results[i] = new Result(s, null, null, false);
                    }
                    default -> {
                        waiting++;
                        toRun.add(i);
                    }
                }
            }
        }
        if (!toRun.isEmpty()) {
            AtomicInteger threadNumber = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, toRun.size()), r -> {
                Thread t = new Thread(r, "sweep-worker-" + threadNumber.incrementAndGet());
                t.setDaemon(true); // a worker must never keep the JVM alive after the command returned
                return t;
            });
            for (int i : toRun) pool.execute(() -> runOne(i));
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    // the workers end by themselves; waiting in steps keeps this thread interruptible
                }
            } catch (InterruptedException e) {
                cancel();
                pool.shutdownNow();
                throw e;
            }
        }
        synchronized (this) {
            return new Outcome(Arrays.asList(results), cancelled, seconds());
        }
    }

    /** Starts no further point; the points that are running are left to end (their runner stops them). */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** The progress now. */
    public synchronized SweepProgress progress() {
        return new SweepProgress(results.length, complete, running, failed, waiting, elsewhere, seconds());
    }

    private double seconds() {
        return (nanoClock.getAsLong() - start) / 1e9;
    }

    private void runOne(int i) {
        Plan.Step step = plan.steps().get(i);
        boolean resume = step.action() == Plan.Action.RESUME;
        synchronized (this) {
            if (cancelled) {
                waiting--;
                results[i] = new Result(step, null, null, true);
                return;
            }
            waiting--;
            running++;
            listener.started(step.point(), resume, progress());
        }
        Integer code = null;
        Throwable error = null;
        try {
            code = runner.run(step.point(), resume);
        } catch (InterruptedException e) {
            error = e;
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            error = e;
        }
        synchronized (this) {
            running--;
            // a run that ended well before Ctrl-C reached it is complete, not interrupted
            boolean interrupted = cancelled && (code == null || code != 0);
            Result r = new Result(step, code, error, interrupted);
            results[i] = r;
            if (r.complete()) complete++;
            else if (r.failed()) failed++;
            listener.finished(r, progress());
        }
    }
}

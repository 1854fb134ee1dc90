package org.neuradapt.network.fused;

import java.util.concurrent.locks.LockSupport;

/**
 * Splits element-wise loops over samples between the calling thread and up to
 * {@code workers - 1} persistent helper threads. Each chunk gets a worker index so that
 * reductions go into per-worker accumulators (no sharing, no locks). Helpers spin briefly
 * after each piece of work (the next step's loop usually follows within microseconds) and then
 * park until the next submit unparks them, so an idle kernel holds no core. (They used to wake
 * every millisecond and spin again: each idle kernel then burnt about half a core, and a process
 * holding a dozen networks, a test JVM or an experiment over many runs, ran several times slower.)
 */
final class Par implements AutoCloseable {
    /** Body of a parallel loop over [from, to) run by worker {@code w}. */
    @FunctionalInterface
    interface Body { void run(int from, int to, int w); }

    /** Below this estimated number of element operations a loop runs on the calling thread (tests lower it). */
    static volatile long minParallelWork = 20_000;

    private final int workers;
    private final Helper[] helpers;

    Par(int workers) {
        this.workers = Math.max(1, workers);
        this.helpers = new Helper[this.workers - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(i + 1);
            helpers[i].thread.start();
        }
    }

    int workers() { return workers; }

    /**
     * Runs body over [0, n) in contiguous chunks; runs inline when n is small or
     * {@code work} (an estimate of the total element operations) is below a threshold.
     */
    void forEach(int n, long work, Body body) {
        int k = (int) Math.min(workers, n);
        if (k <= 1 || work < minParallelWork) {
            body.run(0, n, 0);
            return;
        }
        for (int i = 1; i < k; i++) {
            helpers[i - 1].submit(body, (int) ((long) n * i / k), (int) ((long) n * (i + 1) / k));
        }
        body.run(0, n / k, 0);
        for (int i = 1; i < k; i++) helpers[i - 1].await();
    }

    @Override
    public void close() {
        for (Helper h : helpers) h.stop();
    }

    private static final class Helper implements Runnable {
        final Thread thread;
        final int index;
        volatile Body body;
        volatile boolean done = true;
        volatile boolean stopped;
        int from, to;
        volatile Throwable failure;
        final Thread[] waiter = new Thread[1];

        Helper(int index) {
            this.index = index;
            this.thread = new Thread(this, "fast-kernel-worker-" + index);
            thread.setDaemon(true);
        }

        void submit(Body b, int from, int to) {
            this.from = from;
            this.to = to;
            this.done = false;
            this.body = b; // volatile write publishes from/to
            LockSupport.unpark(thread);
        }

        void await() {
            long spins = 0;
            while (!done) {
                if (++spins < 200_000) Thread.onSpinWait();
                else Thread.yield();
            }
            Throwable f = failure;
            if (f != null) {
                failure = null;
                throw new IllegalStateException("fast kernel worker failed", f);
            }
        }

        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (!stopped) {
                Body b = body;
                if (b == null) {
                    long spins = 0;
                    while ((b = body) == null && !stopped && ++spins < 20_000) Thread.onSpinWait();
                    // submit() writes body before it unparks, and a permit given before park() is kept,
                    // so no wake-up is lost; park() may also return spuriously, hence the loop
                    while (b == null && !stopped) {
                        LockSupport.park(this);
                        b = body;
                    }
                    if (b == null) continue; // stopped
                }
                body = null;
                try {
                    b.run(from, to, index);
                } catch (Throwable t) {
                    failure = t;
                }
                done = true;
            }
        }
    }
}

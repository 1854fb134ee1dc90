package org.neuradapt.sweep;

import java.util.Locale;

/**
 * A snapshot of a running sweep, shown as one line such as
 * {@code sweep: 4/9 complete, 2 running, 1 failed, 2 waiting [3m12s]}.
 *
 * @param total the points of the sweep
 * @param complete points complete, whether skipped as already complete or finished now
 * @param running points this sweep is running
 * @param failed points that exited with a non-zero code in this sweep
 * @param waiting points this sweep will still start
 * @param elsewhere points left alone because another run holds them
 * @param seconds the time since the sweep started
 */
public record SweepProgress(int total, int complete, int running, int failed, int waiting, int elsewhere, double seconds) {

    /** The progress line. */
    public String line() {
        String others = elsewhere > 0 ? ", " + elsewhere + " running elsewhere" : "";
        return String.format(Locale.ROOT, "sweep: %d/%d complete, %d running, %d failed, %d waiting%s [%s]",
                complete, total, running, failed, waiting, others, duration(seconds));
    }

    /** A duration as 42s, 3m12s or 2h05m. */
    public static String duration(double s) {
        long t = (long) Math.max(0, s);
        if (t < 60) return t + "s";
        if (t < 3600) return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        return String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60);
    }
}

package org.neuradapt.sweep;

/**
 * Where a point stands, from its run folder and the sweep's status files. Local and SLURM
 * sweeps write the same status files, so one classification serves both.
 */
public enum PointState {
    /** The run folder holds summary.json: training finished and the test set was evaluated. */
    COMPLETE("complete"),
    /** A live run holds the point: a local sweep's worker (its lock is held) or a SLURM task (NAME.running). */
    RUNNING("running"),
    /** The last attempt exited with a non-zero code (NAME.exit) and nothing has finished it since. */
    FAILED("failed"),
    /** A run was started (config.yaml or a checkpoint) but neither finished nor failed: interrupted. */
    PARTIAL("partial"),
    /** Nothing has been written for the point. */
    MISSING("missing");

    /** The word printed for the state. */
    public final String label;

    PointState(String label) {
        this.label = label;
    }

    /**
     * What the files of one point say.
     *
     * @param hasSummary the run folder holds summary.json
     * @param hasConfig the run folder holds config.yaml (a run was started there)
     * @param hasCheckpoint the run folder holds checkpoints/last.ckpt
     * @param running a live run holds the point (a stale marker of a dead local sweep does not count)
     * @param exitCode the exit code in NAME.exit, or null when there is none
     */
    public record Facts(boolean hasSummary, boolean hasConfig, boolean hasCheckpoint, boolean running, Integer exitCode) {
        /** A point of which nothing exists. */
        public static final Facts NOTHING = new Facts(false, false, false, false, null);
    }

    /**
     * Classifies a point. A summary wins over everything (an old failure's exit file does not
     * undo a later success); a live run wins over an old exit code, which a rerun replaces.
     */
    public static PointState of(Facts f) {
        if (f.hasSummary()) return COMPLETE;
        if (f.running()) return RUNNING;
        if (f.exitCode() != null && f.exitCode() != 0) return FAILED;
        if (f.hasConfig() || f.hasCheckpoint()) return PARTIAL;
        return MISSING;
    }
}

package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every single-run analysis takes ({@code analyze NAME --run DIR [--checkpoint] [--out]}); a picocli mixin. */
final class AnalysisOptions {
    @picocli.CommandLine.Mixin ThreadsOption threads;
    @Option(names = "--run", paramLabel = "DIR", description = "run folder written by train (required)")
    Path run;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best, last, or a checkpoint file")
    String checkpoint;

    @Option(names = "--out", paramLabel = "DIR", description = "folder the results go into: an analysis's CSV, .json and figure (default: DIR/analysis), or export's .npz and .json (default: DIR)")
    Path out;

    /** Opens the run for analysis {@code name}; models lists the model ids it applies to (empty: all). */
    AnalysisRun open(String name, List<String> models, String why) {
        return open(name, models, why, cfg -> {});
    }

    /**
     * Opens the run after {@code checks} accepted its config: options that must fit the run (a
     * window or steps against its T) are checked there, before the output folder is created.
     */
    AnalysisRun open(String name, List<String> models, String why, java.util.function.Consumer<org.neuradapt.config.RunConfig> checks) {
        if (run == null) throw new org.neuradapt.UserError("analyze " + name + ": give --run DIR, a run folder written by train");
        return AnalysisRun.open(run, checkpoint, out, name, models, why, checks);
    }

    /** A run opened by {@link #openWith} and the protocol built from its config. */
    record Opened<P>(AnalysisRun run, P protocol) {}

    /**
     * Opens the run like {@link #open(String, List, String, java.util.function.Consumer)}, with
     * {@code protocol} as the checks: it builds the analysis's protocol from the run's config,
     * refusing options that do not fit it, and that protocol is returned with the run.
     */
    <P> Opened<P> openWith(String name, List<String> models, String why, java.util.function.Function<org.neuradapt.config.RunConfig, P> protocol) {
        List<P> built = new java.util.ArrayList<>(1);
        AnalysisRun opened = open(name, models, why, cfg -> built.add(protocol.apply(cfg)));
        return new Opened<>(opened, built.get(0));
    }
}

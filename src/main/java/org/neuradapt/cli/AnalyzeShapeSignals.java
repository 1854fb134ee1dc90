package org.neuradapt.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.DoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.analysis.ShapeSignals;
import org.neuradapt.network.Network;
import org.neuradapt.network.Signals;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.perturbation.Window;
import org.neuradapt.plot.ShapeSignalsChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze shape-signals} (docs/science.md section 5.2): an ARUN's mean gain n_t and
 * saturation s_t against t under step drives of several amplitudes, the drive window shaded.
 */
@Command(name = "shape-signals",
        description = "An ARUN's mean n_t and s_t (over neurons and samples) against t under step drives of several xi, window shaded (docs/science.md section 5.2).",
        footer = {"", "Example:", "  ./neuradapt analyze shape-signals --run runs/quickstart_arun",
                "  ./neuradapt analyze shape-signals --run runs/quickstart_arun --xi 0,5,30 --window 0.3:0.2 --samples 100 --out /tmp/shape"})
final class AnalyzeShapeSignals implements Callable<Integer> {
    static final String NAME = "shape-signals";
    /** The analyses of the controller's (n_t, s_t), which only an ARUN has in time. */
    static final List<String> ARUN = org.neuradapt.neuron.ModelRegistry.ids(org.neuradapt.neuron.ModelRegistry.Capability.CONTROLLER);
    static final String WHY = "only an ARUN's controller sets n_t and s_t from its input; an RNN's gamma has n and s fixed in time";

    @Mixin AnalysisOptions opts;

    @Option(names = "--xi", defaultValue = "0,1,2.5,5,10,15,20,30", paramLabel = "LIST", description = "step amplitudes, comma-separated")
    String xi;

    @Option(names = "--samples", defaultValue = "100", description = "test samples averaged per amplitude (the first ones; the reference averaged one batch of 100)")
    int samples;

    @Mixin DriveOptions drive;

    @Override
    public Integer call() throws Exception {
        List<Double> amplitudes = Perturbations.parseValues("--xi", xi);
        drive.check();
        AnalysisOptions.Opened<ShapeSignals.Protocol> opened = opts.openWith(NAME, ARUN, WHY, cfg -> {
            drive.checkSamples(samples, cfg);
            return new ShapeSignals.Protocol(amplitudes, drive.resolve(cfg), cfg.data().sequenceLength(), samples, drive.input, drive.seed(cfg));
        });
        AnalysisRun run = opened.run();
        ShapeSignals.Protocol p = opened.protocol();
        Window w = drive.window();
        long start = System.nanoTime();
        ShapeSignals.Result r = ShapeSignals.analyse(run.source(), p, simulator(run, p.input(), samples, p.seed(), a -> new StepDrive(a, w)), run.progress());
        double seconds = (System.nanoTime() - start) / 1e9;
        run.write("shape_signals", ShapeSignals.csv(r), p.parameters(), ShapeSignalsChart.build(r,
                run.title("Shape signals under a step drive")));
        List<ShapeSignals.Change> changes = ShapeSignals.changes(r);
        run.write("shape_signals_summary", ShapeSignals.changesCsv(changes), p.parameters(), null);
        changes.stream().filter(c -> c.signal().equals("n") && c.xi() == amplitudes.stream().mapToDouble(Double::doubleValue).max().orElse(0))
                .forEach(c -> System.out.printf(java.util.Locale.ROOT, "n_t at xi = %s: %+.1f%% at most during the drive, %+.1f%% late in it, %+.1f%% at most after it "
                        + "(against the undriven run, level %.3f before the drive)%n", org.neuradapt.analysis.Robustness.number(c.xi()), 100 * c.duringRel(),
                        100 * c.lateRel(), 100 * c.afterRel(), c.level()));
        System.out.printf(java.util.Locale.ROOT, "network runs took %.1f s (%d amplitudes x %d samples, T = %d)%n", seconds, amplitudes.size(), samples, run.steps());
        return 0;
    }

    /** The network runs of sections 5.2 and 5.3: n_t and s_t of {@code samples} inputs under the perturbation of amplitude xi. */
    static ShapeSignals.Simulator simulator(AnalysisRun run, String input, int samples, long seed, DoubleFunction<Perturbation> drive) {
        Network net = run.network(run.steps(), Map.of());
        return xi -> {
            Map<String, INDArray> rec = net.record(run.batch(input, samples, drive.apply(xi), seed), Set.of(Signals.N, Signals.S));
            INDArray n = rec.get(Signals.N), s = rec.get(Signals.S);
            return new ShapeSignals.Recorded((int) n.size(0), (int) n.size(1), (int) n.size(2), Doubles.flat(n), Doubles.flat(s));
        };
    }

}

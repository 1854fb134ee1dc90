package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Eigenspectrum;
import org.neuradapt.network.Parameters;
import org.neuradapt.plot.EigenspectrumChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze eigenspectrum} (docs/science.md section 5.8): the eigenvalues of W at the run's
 * own initialisation (redrawn from its seed) and after training, for one run and any runs given
 * with --compare, in one complex-plane figure.
 */
@Command(name = "eigenspectrum",
        description = "Eigenvalues of the recurrent weights W at initialisation (recreated from the run's seed) and after training, several runs "
                + "overlaid in the complex plane with the unit circle; spectral radii printed (docs/science.md section 5.8).",
        footer = {"", "Example:", "  ./neuradapt analyze eigenspectrum --run runs/quickstart_arun --compare runs/quickstart_rnn_relu"})
final class AnalyzeEigenspectrum implements Callable<Integer> {
    static final String NAME = "eigenspectrum";

    @Mixin AnalysisOptions opts;

    @Option(names = {"--compare", "--runs"}, arity = "1..*", paramLabel = "DIR", description = "more run folders to overlay (same --checkpoint; --runs, as in gain-scaling, is the same option); the output goes with --run's")
    List<Path> compare = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String why = "it decomposes the recurrent matrix W of a_t = x U + h W + b; an LSTM or GRU has gate blocks instead";
        if (compare.contains(opts.run)) throw new UserError("--compare " + opts.run + " repeats --run; give other run folders");
        // the runs to compare are opened (and refused) first, so a refusal leaves no output folder behind; they write nothing,
        // so their output folder is only checked, and the temporary folder serves
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        List<AnalysisRun> others = new ArrayList<>();
        for (Path dir : compare) others.add(AnalysisRun.open(dir, opts.checkpoint, scratch, NAME, AnalyzeFractionalOrder.MODELS, why));
        AnalysisRun run = opts.open(NAME, AnalyzeFractionalOrder.MODELS, why);
        List<AnalysisRun> runs = new ArrayList<>(List.of(run));
        runs.addAll(others);

        long start = System.nanoTime();
        List<Eigenspectrum.Spectrum> spectra = new ArrayList<>();
        Map<String, Object> radii = new LinkedHashMap<>();
        for (AnalysisRun r : runs) {
            Eigenspectrum.Spectrum init = Eigenspectrum.of(r.source(), Eigenspectrum.INIT, matrix(r.initialParameters().get(Parameters.W)));
            Eigenspectrum.Spectrum trained = Eigenspectrum.of(r.source(), Eigenspectrum.TRAINED, matrix(r.parameters().get(Parameters.W)));
            spectra.add(init);
            spectra.add(trained);
            Map<String, Object> radius = new LinkedHashMap<>();
            radius.put("source", r.source());
            radius.put("dir", r.dir().toString());
            radius.put("init", init.radius());
            radius.put("trained", trained.radius());
            radii.put(r.source().run(), radius);
            System.out.printf(Locale.ROOT, "%s (%s): spectral radius %.4f at init, %.4f trained%n", r.source().run(), r.model(), init.radius(), trained.radius());
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("runs", radii);  // by run name: its folder, source (checkpoint and SHA-256) and spectral radii
        String title = "Eigenvalues of W at init and after training";
        run.write("eigenspectrum", Eigenspectrum.csv(spectra), parameters, EigenspectrumChart.build(spectra, title));
        System.out.printf(Locale.ROOT, "decompositions took %.1f s%n", seconds);
        return 0;
    }

    private static double[][] matrix(INDArray w) { return w.castTo(DataType.DOUBLE).toDoubleMatrix(); }
}

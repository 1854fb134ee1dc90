package org.neuradapt.cli;

import java.util.ArrayList;
import java.util.List;
import org.neuradapt.analysis.Progress;
import org.neuradapt.spiking.FiCurve;
import org.neuradapt.spiking.Integration;
import org.neuradapt.spiking.SpikingModel;
import org.neuradapt.spiking.SpikingModels;
import picocli.CommandLine.Option;

/** The options every {@code spiking} command takes: which models, how they are integrated, which currents (a picocli mixin). */
final class SpikingOptions {
    @Option(names = "--model", defaultValue = "all", split = ",", paramLabel = "NAME[:PRESET]",
            description = "model ids lif, alif, adex, izhikevich, hh with an optional preset (e.g. izhikevich:FS, adex:bursting), or all; "
                    + "repeat or separate with commas")
    List<String> model;

    @Option(names = "--duration", defaultValue = "1000", description = "simulated time per current, ms")
    double duration;

    @Option(names = "--max-step", defaultValue = "0.5", description = "largest step of the adaptive Dormand-Prince integrator, ms")
    double maxStep;

    @Option(names = "--atol", defaultValue = "1e-8", description = "absolute tolerance of the integrator")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-8", description = "relative tolerance of the integrator")
    double rtol;

    @Option(names = "--currents", paramLabel = "FROM:TO:COUNT",
            description = "the f-I sweep in the model's current unit (pA for lif/alif/adex, dimensionless for izhikevich, uA/cm^2 for hh); "
                    + "default 0 to the model's own maximum in 41 points")
    String currents;

    /** The models named, refused (with the known ones listed) before anything runs. */
    List<SpikingModel> models() { return SpikingModels.parseAll("--model", model); }

    /**
     * Checks every option (the models, the integration settings, --currents) before anything runs,
     * so a mistake writes nothing, and returns the integration settings; dt is that of the noisy simulations.
     */
    Integration check(double dt) {
        models();
        if (currents != null) FiCurve.Sweep.parse(currents);
        return new Integration(duration, maxStep, atol, rtol, dt);
    }

    /** The sweep of one model: --currents, or its default. */
    FiCurve.Sweep sweep(SpikingModel m) { return currents != null ? FiCurve.Sweep.parse(currents) : FiCurve.Sweep.of(m); }

    /** The f-I curve of every model, in order; a sweep that never fires is a UserError naming the rheobase found. */
    List<FiCurve.Result> curves(Integration s, Progress progress) {
        List<FiCurve.Result> out = new ArrayList<>();
        for (SpikingModel m : models()) out.add(FiCurve.measure(m, sweep(m), s, progress));
        return out;
    }

    /** The --out of the commands that do not read a run (a picocli mixin). */
    static final class Output {
        @Option(names = "--out", defaultValue = "spiking", paramLabel = "DIR", description = "folder for the results")
        java.nio.file.Path out;

        /** The folder's writer for {@code analysis}, its JSON naming the simulated models as the source; refuses an unwritable folder. */
        ResultFiles files(String analysis, List<SpikingModel> models, long seed) {
            Runs.writableFolder(out);
            return new ResultFiles(out, analysis, java.util.Map.of("simulated", models.stream().map(SpikingModel::name).toList()), seed);
        }
    }
}

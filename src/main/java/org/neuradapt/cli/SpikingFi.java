package org.neuradapt.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuradapt.spiking.FiCurve;
import org.neuradapt.spiking.Integration;
import org.neuradapt.plot.FiCurveChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spiking fi} (docs/science.md section 8.3): onset and steady-state rates against constant current, rheobase and type. */
@Command(name = "fi", description = "f-I curves: onset rate (1/first ISI) and steady-state rate against a constant current, the rheobase of "
        + "repetitive firing and type I or II (docs/science.md section 8.3). Writes fi.csv, fi_summary.csv, their .json and fi.png/.svg.",
        footer = {"", "Example:", "  ./neuradapt spiking fi --model lif --model hh --out /tmp/fi",
                "  ./neuradapt spiking fi --model izhikevich:RS --currents 0:20:81 --duration 2000"})
final class SpikingFi implements Callable<Integer> {
    @Mixin SpikingOptions opts;

    @Mixin SpikingOptions.Output output;

    @Override public Integer call() throws Exception {
        Integration s = opts.check(Integration.DEFAULT.dt());
        long start = System.nanoTime();
        List<FiCurve.Result> curves = opts.curves(s, AnalysisRun.progress("spiking fi"));
        double seconds = (System.nanoTime() - start) / 1e9;
        ResultFiles files = output.files("spiking fi", opts.models(), 0);
        files.write("fi", FiCurve.csv(curves), FiCurve.parameters(curves), FiCurveChart.build(curves, null, "f-I curves: steady-state (points) and onset (dashed) rates"));
        files.write("fi_summary", FiCurve.summaryCsv(curves), FiCurve.parameters(curves), null);
        for (FiCurve.Result r : curves)
            System.out.printf(Locale.ROOT, "%s: rheobase %.4g %s, %.3g Hz just above it, type %s, up to %.3g Hz%n", r.model().name(), r.rheobase(),
                    r.model().currentUnit(), r.jump(), r.type().id, r.maxRate());
        System.out.printf(Locale.ROOT, "simulations took %.1f s%n", seconds);
        return 0;
    }
}

package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.plot.BenchChart;
import org.neuradapt.plot.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Figures from result CSVs (figures never recompute results). */
@Command(name = "plot", description = "Draw a figure (PNG and SVG) from a result CSV.", subcommands = {PlotCommand.Bench.class})
final class PlotCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "bench", description = "Bar chart of figures/bench.csv (written by experiments/bench.sh).")
    static final class Bench implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "figures/bench.csv", description = "benchmark CSV (default: ${DEFAULT-VALUE})")
        Path csv;

        @Option(names = "--out", defaultValue = "figures/bench", description = "output path without extension (default: ${DEFAULT-VALUE})")
        Path out;

        @Override public Integer call() throws Exception {
            if (!Files.isRegularFile(csv)) throw new UserError("benchmark CSV '" + csv + "' does not exist; run experiments/bench.sh first");
            List<String> lines = Files.readAllLines(csv);
            if (lines.isEmpty()) throw new UserError("benchmark CSV '" + csv + "' is empty; run experiments/bench.sh");
            List<String> head = List.of(lines.get(0).split(","));
            int label = head.indexOf("case"), java = head.indexOf("java_s"), torch = head.indexOf("torch_s");
            if (label < 0 || java < 0 || torch < 0)
                throw new UserError("benchmark CSV '" + csv + "' needs the columns case, java_s, torch_s; it has " + head);
            List<BenchChart.Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                try {
                    rows.add(new BenchChart.Row(f[label], Double.parseDouble(f[java]), f[torch].isBlank() ? Double.NaN : Double.parseDouble(f[torch])));
                } catch (RuntimeException e) {
                    throw new UserError("benchmark CSV '" + csv + "': cannot read the row '" + line + "'");
                }
            }
            Figures.save(BenchChart.build(rows), out);
            System.out.println("wrote " + out + ".png and " + out + ".svg");
            return 0;
        }
    }
}

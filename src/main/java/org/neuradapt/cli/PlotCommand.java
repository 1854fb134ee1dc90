package org.neuradapt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Heterogeneity;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.analysis.TrainingCurves;
import org.neuradapt.plot.HeterogeneityChart;
import org.neuradapt.plot.RobustnessChart;
import org.neuradapt.plot.TrainingCurvesChart;
import org.neuradapt.plot.BenchChart;
import org.neuradapt.plot.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Figures from result CSVs (figures never recompute results). */
@Command(name = "plot", description = "Draw a figure (PNG and SVG) from a result CSV.",
        footer = {"", "Example:", "  ./neuradapt plot bench figures/bench.csv --out figures/bench"}, subcommands = {PlotCommand.Bench.class, PlotCommand.RobustnessPlot.class, PlotCommand.TrainingPlot.class, PlotCommand.HeterogeneityPlot.class,
                PlotCommand.TasksPlot.class, PlotCommand.ThreadsPlot.class})
final class PlotCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "bench", description = "Bar chart of figures/bench.csv (written by experiments/bench.sh).",
        footer = {"", "Example:", "  ./neuradapt plot bench figures/bench.csv --out figures/bench"})
    static final class Bench implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "figures/bench.csv", description = "benchmark CSV")
        Path csv;

        @Option(names = "--out", defaultValue = "figures/bench", description = "output path without extension")
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

    /** Reads a result CSV through its parser; a missing or malformed file is a one-line user error. */
    static <T> T readCsv(Path csv, String producer, java.util.function.Function<String, T> parse) {
        if (!Files.isRegularFile(csv)) throw new UserError("CSV '" + csv + "' does not exist; " + producer + " writes it");
        try {
            return parse.apply(Files.readString(csv));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new UserError("CSV '" + csv + "' cannot be read (" + e.getMessage() + "); write it again with " + producer);
        }
    }

    /** The figure base path beside a CSV: figures/robustness/robustness.csv -> figures/robustness/robustness. */
    static Path besideCsv(Path csv) {
        String name = csv.getFileName().toString();
        return csv.resolveSibling(name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name);
    }

    @Command(name = "robustness", description = "Redraw the robustness figure (accuracy against amplitude, mean and range over seeds) from robustness.csv.",
            footer = {"", "Example:", "  ./neuradapt plot robustness figures/robustness/robustness.csv"})
    static final class RobustnessPlot implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CSV", description = "robustness.csv written by ./neuradapt robustness")
        Path csv;

        @Option(names = "--out", paramLabel = "BASE", description = "output path without extension (default: beside the CSV)")
        Path out;

        @Option(names = "--title", description = "figure title (default: task, T, N, perturbation and window from the CSV)")
        String title;

        @Override public Integer call() throws Exception {
            List<Robustness.Point> points = readCsv(csv, "./neuradapt robustness", Robustness::fromCsv);
            if (points.isEmpty()) throw new UserError("CSV '" + csv + "' has no rows; run ./neuradapt robustness");
            Path base = out != null ? out : besideCsv(csv);
            Figures.save(RobustnessChart.build(points, title), base);
            System.out.println("wrote " + base + ".png and " + base + ".svg");
            return 0;
        }
    }

    @Command(name = "training", description = "Redraw the training curves (loss and validation accuracy per epoch, mean over seeds) from training_curves.csv.",
            footer = {"", "Example:", "  ./neuradapt plot training figures/robustness/training_curves.csv"})
    static final class TrainingPlot implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CSV", description = "training_curves.csv written by ./neuradapt analyze training-curves")
        Path csv;

        @Option(names = "--out", paramLabel = "BASE", description = "output path without extension; _loss and _accuracy are appended (default: beside the CSV)")
        Path out;

        @Override public Integer call() throws Exception {
            List<TrainingCurves.Point> points = readCsv(csv, "./neuradapt analyze training-curves", TrainingCurves::fromCsv);
            if (points.isEmpty()) throw new UserError("CSV '" + csv + "' has no rows; run ./neuradapt analyze training-curves");
            for (Path p : drawTrainingCurves(points, out != null ? out : besideCsv(csv))) System.out.println("wrote " + p + ".png and .svg");
            return 0;
        }
    }

    /**
     * The two training-curve figures of one CSV: BASE_loss (training loss) and BASE_accuracy
     * (validation accuracy), or for tasks with continuous targets, which have no accuracy,
     * BASE_val_loss (validation mean squared error).
     */
    static List<Path> drawTrainingCurves(List<TrainingCurves.Point> points, Path base) throws java.io.IOException {
        boolean values = TrainingCurvesChart.valuesOnly(points);
        Path loss = base.resolveSibling(base.getFileName() + "_loss"), second = base.resolveSibling(base.getFileName() + (values ? "_val_loss" : "_accuracy"));
        Figures.save(TrainingCurvesChart.build(points, TrainingCurvesChart.Quantity.TRAIN_LOSS, "Training loss per epoch"), loss);
        Figures.save(values ? TrainingCurvesChart.build(points, TrainingCurvesChart.Quantity.VAL_LOSS, "Validation loss per epoch")
                : TrainingCurvesChart.build(points, TrainingCurvesChart.Quantity.VAL_ACC, "Validation accuracy per epoch"), second);
        return List.of(loss, second);
    }

    @Command(name = "heterogeneity", description = "Redraw the scatter of learned (n_i, s_i) with initial point and centre of mass from heterogeneity.csv.",
            footer = {"", "Example:", "  ./neuradapt plot heterogeneity figures/robustness/heterogeneity.csv"})
    static final class HeterogeneityPlot implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CSV", description = "heterogeneity.csv written by ./neuradapt analyze heterogeneity")
        Path csv;

        @Option(names = "--out", paramLabel = "BASE", description = "output path without extension (default: beside the CSV)")
        Path out;

        @Override public Integer call() throws Exception {
            List<Heterogeneity.Point> points = readCsv(csv, "./neuradapt analyze heterogeneity", Heterogeneity::fromCsv);
            if (points.isEmpty()) throw new UserError("CSV '" + csv + "' has no rows; run ./neuradapt analyze heterogeneity");
            Path base = out != null ? out : besideCsv(csv);
            Figures.save(HeterogeneityChart.build(points, HETEROGENEITY_TITLE), base);
            System.out.println("wrote " + base + ".png and " + base + ".svg");
            return 0;
        }
    }

    static final String HETEROGENEITY_TITLE = "Learned gain and saturation per neuron (RNN+gamma, heterogeneous)";

    @Command(name = "tasks", description = "Bars of a per-task summary over seeds (figures/tasks/accuracy_summary.csv or flip_flop_summary.csv, "
            + "written by experiments/task_accuracy.sh and flip_flop.sh): mean per task and model with its 95%% interval.",
            footer = {"", "Example:", "  ./neuradapt plot tasks figures/tasks/accuracy_summary.csv"})
    static final class TasksPlot implements Callable<Integer> {
        static final String ACCURACY = "task,model,seeds,mean,ci95_low,ci95_high,min,max",
                MSE = "task,model,seeds,mean_mse,ci95_low,ci95_high,min,max,zero_output_mse";

        @Parameters(index = "0", paramLabel = "CSV", description = "accuracy_summary.csv or flip_flop_summary.csv")
        Path csv;

        @Option(names = "--out", paramLabel = "BASE", description = "output path without extension (default: beside the CSV)")
        Path out;

        /** The summary's rows, and for a value task's summary each task's error of outputs held at 0 (its reference). */
        record Summary(List<org.neuradapt.plot.TaskScoresChart.Row> rows, java.util.Map<String, Double> reference, boolean mse) {
            static Summary parse(String text) {
                boolean mse = text.startsWith(MSE);
                java.util.Map<String, Double> reference = new java.util.LinkedHashMap<>();
                List<org.neuradapt.plot.TaskScoresChart.Row> rows = org.neuradapt.analysis.Csv.parse(text, mse ? MSE : ACCURACY, "task summary", f -> {
                    if (mse) reference.put(f.get(0), Double.parseDouble(f.get(8)));
                    return new org.neuradapt.plot.TaskScoresChart.Row(f.get(0), f.get(1), Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4)),
                            Double.parseDouble(f.get(5)));
                });
                return new Summary(rows, reference, mse);
            }
        }

        @Override public Integer call() throws Exception {
            Summary summary = readCsv(csv, "experiments/task_accuracy.sh or experiments/flip_flop.sh", Summary::parse);
            List<org.neuradapt.plot.TaskScoresChart.Row> rows = summary.rows();
            boolean mse = summary.mse();
            if (rows.isEmpty()) throw new UserError("CSV '" + csv + "' has no rows; run experiments/task_accuracy.sh");
            java.util.Map<String, Double> reference = summary.reference();
            Path base = out != null ? out : besideCsv(csv);
            var chart = org.neuradapt.plot.TaskScoresChart.build(rows, null, mse ? "Test mean squared error per task (outputs held at 0: "
                    + reference.values().stream().map(v -> String.format(java.util.Locale.ROOT, "%.3f", v)).distinct().reduce((a, b) -> a + ", " + b).orElse("") + ")"
                    : "Test accuracy per task", mse ? "test mean squared error" : "test accuracy");
            Figures.save(chart, base);
            System.out.println("wrote " + base + ".png and " + base + ".svg");
            return 0;
        }
    }

    @Command(name = "threads", description = "Seconds per batch against threads from figures/bench_threads.csv (written by ./neuradapt bench --threads LIST).",
            footer = {"", "Example:", "  ./neuradapt plot threads figures/bench_threads.csv"})
    static final class ThreadsPlot implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CSV", description = "bench_threads.csv")
        Path csv;

        @Option(names = "--out", paramLabel = "BASE", description = "output path without extension (default: beside the CSV)")
        Path out;

        @Override public Integer call() throws Exception {
            String text = readCsv(csv, "./neuradapt bench --threads LIST", t -> t);
            List<String> head = org.neuradapt.analysis.Csv.split(text.lines().findFirst().orElse(""));
            int model = head.indexOf("model"), hidden = head.indexOf("hidden"), steps = head.indexOf("steps"), threads = head.indexOf("threads"),
                    seconds = head.indexOf("median_s_per_batch"), cpu = head.indexOf("cpu"), date = head.indexOf("date"),
                    batch = head.indexOf("batch"), shards = head.indexOf("shards");
            if (model < 0 || threads < 0 || seconds < 0)
                throw new UserError("CSV '" + csv + "' needs the columns model, threads, median_s_per_batch; it has " + head);
            List<org.neuradapt.plot.ThreadScalingChart.Row> rows = new ArrayList<>();
            String machine = "";
            for (String line : text.lines().skip(1).filter(l -> !l.isBlank()).toList()) {
                List<String> f = org.neuradapt.analysis.Csv.split(line);
                try {
                    String label = f.get(model) + (hidden >= 0 ? " N=" + f.get(hidden) : "") + (steps >= 0 ? " T=" + f.get(steps) : "")
                            + (batch >= 0 ? " B=" + f.get(batch) : "") + (shards >= 0 ? ", " + f.get(shards) + " shards" : "");
                    rows.add(new org.neuradapt.plot.ThreadScalingChart.Row(label, Integer.parseInt(f.get(threads)), Double.parseDouble(f.get(seconds))));
                    if (cpu >= 0 && date >= 0) machine = f.get(cpu) + ", " + f.get(date);
                } catch (RuntimeException e) {
                    throw new UserError("CSV '" + csv + "': cannot read the row '" + line + "'");
                }
            }
            if (rows.isEmpty()) throw new UserError("CSV '" + csv + "' has no rows; run ./neuradapt bench --threads LIST");
            Path base = out != null ? out : besideCsv(csv);
            try {
                Figures.save(org.neuradapt.plot.ThreadScalingChart.build(rows, "Seconds per training batch against threads" + (machine.isEmpty() ? "" : " (" + machine + ")")), base);
            } catch (IllegalArgumentException e) {
                throw new UserError("CSV '" + csv + "': " + e.getMessage());
            }
            System.out.println("wrote " + base + ".png and " + base + ".svg");
            return 0;
        }
    }
}

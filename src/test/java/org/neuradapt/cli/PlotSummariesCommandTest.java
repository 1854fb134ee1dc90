package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plot tasks and plot threads write PNG and SVG from CSVs in the experiments' formats; a CSV in another format is refused in one line. */
class PlotSummariesCommandTest {
    @TempDir Path tmp;

    @Test
    void plotTasksAndThreadsWriteFiguresAndRefuseOtherCsvs() throws Exception {
        Path acc = Files.writeString(tmp.resolve("accuracy_summary.csv"), "task,model,seeds,mean,ci95_low,ci95_high,min,max\n"
                + "perceptual_decision,rnn_relu,5,0.7722,0.7487,0.7957,0.7490,0.8000\nperceptual_decision,arun,5,0.7,0.6,0.8,0.6,0.8\n");
        Path mse = Files.writeString(tmp.resolve("flip_flop_summary.csv"), "task,model,seeds,mean_mse,ci95_low,ci95_high,min,max,zero_output_mse\n"
                + "flip_flop,arun,5,0.00575,0.00293,0.00858,0.00308,0.00906,0.85777\n");
        Path threads = Files.writeString(tmp.resolve("bench_threads.csv"), "model,hidden,ctrl,steps,batch,shards,threads,median_s_per_batch,cpu,date\n"
                + "arun,64,8,196,32,2,1,0.0293,AMD EPYC,2026-12-07\narun,64,8,196,32,2,2,0.0211,AMD EPYC,2026-12-07\n");
        for (String[] args : List.of(new String[] {"plot", "tasks", acc.toString()}, new String[] {"plot", "tasks", mse.toString()},
                new String[] {"plot", "threads", threads.toString()})) {
            CliRun.Out r = CliRun.run(args);
            assertEquals(0, r.code(), r.err());
            String base = args[2].substring(0, args[2].length() - 4);
            assertTrue(Files.size(Path.of(base + ".png")) > 10_000 && Files.readString(Path.of(base + ".svg")).contains("<svg"), base);
        }
        Path other = Files.writeString(tmp.resolve("other.csv"), "a,b\n1,2\n");
        CliRun.Out bad = CliRun.run("plot", "tasks", other.toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("other.csv"), bad.err());
    }

    /** Runs of a task with continuous targets have no accuracy: the second training-curve figure is their validation loss. */
    @Test
    void trainingCurvesOfValueTasksDrawTheValidationLoss() throws Exception {
        List<org.neuradapt.analysis.TrainingCurves.Point> values = List.of(new org.neuradapt.analysis.TrainingCurves.Point("arun", 1, "r", 1, 0.5, Double.NaN, 0.4, Double.NaN),
                new org.neuradapt.analysis.TrainingCurves.Point("arun", 1, "r", 2, 0.2, Double.NaN, 0.1, Double.NaN));
        List<Path> drawn = PlotCommand.drawTrainingCurves(values, tmp.resolve("tc"));
        assertEquals(List.of(tmp.resolve("tc_loss"), tmp.resolve("tc_val_loss")), drawn);
        assertTrue(Files.isRegularFile(tmp.resolve("tc_val_loss.png")));
        List<org.neuradapt.analysis.TrainingCurves.Point> classes = List.of(new org.neuradapt.analysis.TrainingCurves.Point("arun", 1, "r", 1, 0.5, 0.6, 0.4, 0.7));
        assertEquals(tmp.resolve("tc2_accuracy"), PlotCommand.drawTrainingCurves(classes, tmp.resolve("tc2")).get(1));
    }
}

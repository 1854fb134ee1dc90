package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Network;
import org.neuradapt.perturbation.Drive;
import org.neuradapt.perturbation.SinusoidalTransform;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", description = "Evaluate a trained run, optionally under a drive or the sinusoidal input transform (SCIENCE.md section 4).")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder written by train")
    Path run;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best, last, or a checkpoint file (default: ${DEFAULT-VALUE})")
    String checkpoint;

    @Option(names = "--split", defaultValue = "test", description = "test or val (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--drive", defaultValue = "none", description = "none, step or gaussian: added to every neuron's pre-activation (default: ${DEFAULT-VALUE})")
    String drive;

    @Option(names = "--xi", defaultValue = "0", description = "drive amplitude (step) or standard deviation (gaussian)")
    double xi;

    @Option(names = "--window", paramLabel = "POS:LEN", description = "drive window in steps, pos < t < pos+len (default: the paper's 200:200 scaled to T)")
    String window;

    @Option(names = "--sinusoid", description = "apply the test sinusoidal input transform (A 0.5, f 1, phase 0)")
    boolean sinusoid;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = RunFolder.existing(run);
        RunConfig cfg = folder.readConfig();
        TaskData data = SequentialMnist.load(cfg.data(), cfg.seed());
        SequenceSet set = switch (split) {
            case "test" -> data.test();
            case "val" -> data.val();
            default -> throw new UserError("--split must be test or val, got '" + split + "'");
        };
        if (sinusoid) {
            float[] x = set.x().clone();
            SinusoidalTransform.TEST.applyInPlace(x, set.count(), set.steps(), set.inputSize());
            set = new SequenceSet(x, set.labels(), set.count(), set.steps(), set.inputSize());
        }
        Drive.Window w = parseWindow(set.steps());
        Drive d = switch (drive) {
            case "none" -> Drive.NONE;
            case "step" -> new Drive.Step(xi, w);
            case "gaussian" -> new Drive.Gaussian(xi, w);
            default -> throw new UserError("--drive must be none, step or gaussian, got '" + drive + "'");
        };
        Network net = Runs.load(folder, cfg, data, checkpoint);
        Evaluation e = Evaluation.of(net, set, 256, data.classes(), cfg.model().hidden(), d, cfg.seed());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.toString());
        out.put("model", cfg.model().type());
        out.put("checkpoint", checkpoint);
        out.put("split", split);
        out.put("drive", drive);
        out.put("xi", xi);
        out.put("window", w.pos() + ":" + w.len());
        out.put("sinusoid", sinusoid);
        out.put("loss", e.loss());
        out.put("accuracy", e.accuracy());
        out.put("count", e.count());
        if (json) System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
        else System.out.printf(Locale.ROOT, "%s (%s, %s checkpoint) on %s, drive %s xi=%s window %d:%d%s: accuracy %.4f, loss %.4f (%d samples)%n",
                run, cfg.model().type(), checkpoint, split, drive, xi, w.pos(), w.len(), sinusoid ? ", sinusoid" : "", e.accuracy(), e.loss(), e.count());
        return 0;
    }

    private Drive.Window parseWindow(int steps) {
        if (window == null) return Drive.Window.paperScaled(steps);
        String[] p = window.split(":");
        try {
            if (p.length != 2) throw new NumberFormatException();
            return new Drive.Window(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (IllegalArgumentException e) {
            throw new UserError("--window must be POS:LEN with non-negative integers (steps), got '" + window + "'");
        }
    }
}

package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Network;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.Perturbations;
import org.neuradapt.perturbation.SinusoidalInput;
import org.neuradapt.perturbation.Window;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", description = "Evaluate a trained run, optionally under a drive or the sinusoidal input transform (docs/science.md section 4).",
        footer = {"", "Example:", "  ./neuradapt eval --run runs/cpu_arun --drive step --xi 5 --window 50:50",
                "  ./neuradapt eval --run runs/cpu_arun --perturbation gaussian --xi 2 --window 0.255:0.255 --json",
                "  ./neuradapt eval --run runs/cpu_arun --perturbation sinusoid --amplitude 0.5 --frequency 2"})
final class EvalCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin ThreadsOption threads;
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "run folder written by train")
    Path run;

    @Option(names = "--checkpoint", defaultValue = "best", description = "best, last, or a checkpoint file")
    String checkpoint;

    @Option(names = "--split", defaultValue = "test", description = "test or val")
    String split;

    @Option(names = "--drive", paramLabel = "TYPE", description = "none, step or gaussian: added to every neuron's pre-activation (the LSTM's output gate); default none")
    String drive;

    @Option(names = "--perturbation", paramLabel = "TYPE", description = "none, step, gaussian or sinusoid: --drive that also takes the sinusoidal input transform")
    String perturbation;

    @Option(names = "--xi", description = "drive amplitude (step) or standard deviation (gaussian); default 0")
    Double xi;

    @Option(names = "--amplitude", description = "sinusoid amplitude A (default 0.5); for a drive, the same as --xi")
    Double amplitude;

    @Option(names = "--frequency", description = "sinusoid frequency f, periods per sequence (default 1)")
    Double frequency;

    @Option(names = "--phase", description = "sinusoid phase in radians (default 0)")
    Double phase;

    @Option(names = "--window", paramLabel = "POS:LEN", description = "drive window, pos < t < pos+len: in steps (50:50) or as fractions of T (0.255:0.255, 25.5%%:25.5%%); default the paper's 200:200 of T = 784 as fractions")
    String window;

    @Option(names = "--sinusoid", description = "also apply the test sinusoidal input transform (A 0.5, f 1, phase 0)")
    boolean sinusoid;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Perturbation p = perturbation();  // option mistakes are reported before any data is read
        RunFolder folder = RunFolder.existing(run);
        org.neuradapt.training.RunLock.refuseIfTraining(run, "evaluate it");
        RunConfig cfg = folder.readConfig();
        TaskData data = org.neuradapt.data.Tasks.load(cfg.data(), cfg.seed());
        SequenceSet set = switch (split) {
            case "test" -> data.test();
            case "val" -> data.val();
            default -> throw new UserError("--split must be test or val, got '" + split + "'");
        };
        String id;
        Window.Steps w;
        try {
            id = p.id(set.steps());  // resolves the windows: one that does not fit T is named here
            w = (window == null ? Window.PAPER : Window.parse(window)).resolve(set.steps());
        } catch (UserError err) {
            throw new UserError("--window: " + err.getMessage());
        }
        Network net = Runs.load(folder, cfg, data, checkpoint);
        Evaluation e = Evaluation.of(net, set, 256, data.classes(), cfg.model().hidden(), p, cfg.seed());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.toString());
        out.put("model", cfg.model().type());
        out.put("checkpoint", checkpoint);
        out.put("split", split);
        out.put("perturbation", id);
        out.put("drive", driveType(p));
        out.put("xi", xiOf(p));
        out.put("window", w.toString());
        out.put("sinusoid", hasSinusoid(p));
        out.put("loss", e.loss());
        out.put("accuracy", e.accuracy());
        out.put("count", e.count());
        if (json) System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out));
        else System.out.printf(Locale.ROOT, "%s (%s, %s checkpoint) on %s under %s: accuracy %.4f, loss %.4f (%d samples)%n",
                run, cfg.model().type(), checkpoint, split, id, e.accuracy(), e.loss(), e.count());
        return 0;
    }

    /** The perturbation the options ask for: --drive or --perturbation, then --sinusoid on top. */
    Perturbation perturbation() {
        if (drive != null && perturbation != null && !drive.equals(perturbation))
            throw new UserError("--drive " + drive + " and --perturbation " + perturbation + " disagree; give one of them");
        String type = perturbation != null ? perturbation : drive != null ? drive : "none";
        if (drive != null && perturbation == null && !List.of("none", "step", "gaussian").contains(drive))
            throw new UserError("--drive must be none, step or gaussian, got '" + drive + "' (--perturbation also takes sinusoid)");
        boolean isSinusoid = type.equals("sinusoid");
        if (isSinusoid && xi != null)
            throw new UserError("--xi is the drives' amplitude; give the sinusoid's as --amplitude");
        if (!isSinusoid && xi != null && amplitude != null && !xi.equals(amplitude))
            throw new UserError("--xi " + xi + " and --amplitude " + amplitude + " disagree; for a drive they are the same, give one");
        double a = isSinusoid ? (amplitude != null ? amplitude : SinusoidalInput.TEST.amplitude())
                : xi != null ? xi : amplitude != null ? amplitude : 0.0;
        // --window is kept for the printed window even without a drive (as before), so none ignores it
        Perturbation main = Perturbations.fromCli(type, a, type.equals("none") ? null : window, frequency, phase);
        if (type.equals("none") && window != null) {
            try {
                Window.parse(window);  // still a readable window
            } catch (UserError e) {
                throw new UserError("--window: " + e.getMessage());
            }
        }
        if (!sinusoid) return main;
        if (isSinusoid) throw new UserError("--sinusoid adds the test sinusoid; with --perturbation sinusoid give one of them");
        // the input transform first, then the drive: the order the two act in a forward pass
        return main.equals(Perturbation.NONE) ? SinusoidalInput.TEST : new Perturbation.Combined(List.of(SinusoidalInput.TEST, main));
    }

    private static List<Perturbation> parts(Perturbation p) {
        return p instanceof Perturbation.Combined c ? c.parts() : List.of(p);
    }

    private static boolean hasSinusoid(Perturbation p) {
        return parts(p).stream().anyMatch(q -> q instanceof SinusoidalInput);
    }

    private static String driveType(Perturbation p) {
        return parts(p).stream().map(Perturbation::type).filter(t -> t.equals("step") || t.equals("gaussian")).findFirst().orElse("none");
    }

    private static double xiOf(Perturbation p) {
        return parts(p).stream().filter(q -> !(q instanceof SinusoidalInput)).mapToDouble(Perturbation::amplitude).findFirst().orElse(0.0);
    }
}

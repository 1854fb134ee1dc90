package org.neuradapt.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.UserError;
import org.neuradapt.analysis.Psychometric;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.Tasks;
import org.neuradapt.network.Network;
import org.neuradapt.neuron.ModelRegistry;
import org.neuradapt.plot.PsychometricChart;
import org.neuradapt.training.Batches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code analyze psychometric} (docs/tasks.md, "Psychometric curve"): the run's test accuracy at
 * each level of its cognitive task's difficulty axis, from the same test trials as training's
 * (regenerated from the seed with their conditions), with Wilson 95% intervals.
 */
@Command(name = "psychometric",
        description = "Accuracy against the task's difficulty axis (the coherence of a perceptual decision) on the run's test trials, "
                + "with Wilson 95%% intervals and a maximum-likelihood Weibull fit: psychometric.csv, .json, .png/.svg (docs/tasks.md).",
        footer = {"", "Example:", "  ./neuradapt analyze psychometric --run runs/task_perceptual_decision"})
final class AnalyzePsychometric implements Callable<Integer> {
    static final String NAME = "psychometric";

    @Mixin AnalysisOptions opts;

    @Option(names = "--batch", defaultValue = "500", description = "evaluation batch size (results do not depend on it)")
    int batch;

    /** How many classes the trials' decisions take (the Weibull fit's chance is one over it): 2 with or without a fixation output. */
    static int choices(SequenceSet test) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int T = test.steps();
        for (int i = 0; i < test.count(); i++) seen.add(test.stepTargets() == null ? test.labels()[i] : test.stepTargets().classes()[i * T + T - 1]);
        return Math.max(2, seen.size());
    }

    @Override
    public Integer call() throws Exception {
        if (batch < 1) throw new UserError("--batch must be >= 1, got " + batch);
        AnalysisRun run = opts.open(NAME, ModelRegistry.ids(), "", cfg -> {
            if (cfg.data().mnist() || cfg.data().task().equals(Tasks.NPZ))
                throw new UserError("analyze psychometric needs a run of a cognitive task with a difficulty axis (docs/tasks.md); "
                        + "this run's task is " + cfg.data().task());
            if (Tasks.cognitive(cfg.data().task(), cfg.data().steps(), cfg.data().options()).condition() == null)
                throw new UserError("analyze psychometric: task " + cfg.data().task() + " has no difficulty axis to draw accuracy against; "
                        + "perceptual_decision, context_integration and interval_discrimination have one");
        });
        var cfg = run.config();
        String axis = Tasks.cognitive(cfg.data().task(), cfg.data().steps(), cfg.data().options()).condition();
        long start = System.nanoTime();
        Tasks.Trials trials = Tasks.testTrials(cfg.data(), cfg.seed());
        SequenceSet test = trials.set();
        Network net = run.network(test.steps(), Map.of());
        int[] order = SequentialMnist.identity(test.count());
        boolean[] correct = new boolean[test.count()];
        for (int from = 0; from < test.count(); from += batch) {
            int to = Math.min(test.count(), from + batch);
            INDArray logits = net.logits(Batches.of(test, order, from, to, run.classes(), null, run.hidden()));
            if (logits.rank() == 3) {   // a class at every step (fixation: 1): the trial's decision is the last step's, against its target there
                int T = test.steps();
                logits = logits.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(T - 1),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                for (int i = from; i < to; i++) correct[i] = org.neuradapt.training.Evaluation.argmax(logits, i - from) == test.stepTargets().classes()[i * T + T - 1];
            } else {
                for (int i = from; i < to; i++) correct[i] = org.neuradapt.training.Evaluation.argmax(logits, i - from) == test.labels()[i];
            }
        }
        Psychometric p = Psychometric.of(run.source(), cfg.data().task(), axis, trials.conditions(), correct);
        for (Psychometric.Level l : p.levels())
            System.out.printf(Locale.ROOT, "%s %s: accuracy %.3f [%.3f, %.3f] (%d trials)%n", axis, org.neuradapt.analysis.Robustness.number(l.condition()),
                    l.accuracy(), l.ciLow(), l.ciHigh(), l.trials());
        Psychometric.Fit fit = p.fit(1.0 / choices(test));
        System.out.printf(Locale.ROOT, "Weibull fit p(x) = 1 - %.3f exp(-(x / alpha)^beta): alpha = %.4g (the %s at p = %.3f), beta = %.3g%n",
                1 - fit.chance(), fit.alpha(), axis, fit.at(fit.alpha()), fit.beta());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("task", cfg.data().task());
        parameters.put("condition", axis);
        parameters.put("trials", test.count());
        parameters.put("split", "test");
        parameters.put("weibull_alpha", fit.alpha());
        parameters.put("weibull_beta", fit.beta());
        parameters.put("weibull_log_likelihood", fit.logLikelihood());
        String title = run.title("psychometric curve, " + cfg.data().task());
        run.write(NAME, Psychometric.csv(p), parameters, PsychometricChart.build(p, fit, title));
        System.out.printf(Locale.ROOT, "evaluation took %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }
}

package org.neuradapt.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuradapt.UserError;
import org.neuradapt.config.DataConfig;

/**
 * The contract every registered cognitive task keeps (docs/tasks.md), run over {@link Tasks}: shapes,
 * one seed one set of trials (and another seed others), splits that share no stream, finite inputs,
 * targets where they belong (a last-step task: every class present in roughly equal shares; a
 * per-step task: a target at every step, a mask that counts steps of every trial, targets that
 * vary, the same with the same seed); and each task's own rule, checked on its trials by a decoder
 * that knows the rule.
 */
class TasksTest {
    static Stream<String> tasks() { return Tasks.cognitiveIds().stream(); }

    static DataConfig config(String id, int train) { return new DataConfig("unused", id, 1, train, 200, 200, 60, Map.of(), null); }

    @ParameterizedTest
    @MethodSource("tasks")
    void shapesSeedsSplitsAndBalancedClasses(String id) {
        TaskData a = Tasks.load(config(id, 2000), 7), b = Tasks.load(config(id, 2000), 7), c = Tasks.load(config(id, 2000), 8);
        CognitiveTask task = Tasks.cognitive(id, 60, Map.of());
        for (SequenceSet s : new SequenceSet[] {a.train(), a.val(), a.test()}) {
            assertEquals(60, s.steps());
            assertEquals(task.inputSize(), s.inputSize());
            for (float v : s.x()) assertTrue(Float.isFinite(v), id);
            for (int y : s.labels()) assertTrue(y >= 0 && y < task.classes(), id + ": label " + y);
        }
        assertEquals(2000, a.train().count());
        assertEquals(200, a.val().count());
        assertArrayEquals(a.train().x(), b.train().x(), id + ": same seed, same trials");
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertFalse(java.util.Arrays.equals(a.train().x(), c.train().x()), id + ": another seed, other trials");
        assertFalse(java.util.Arrays.equals(a.train().x(), a.val().x()) , id + ": the splits are different streams");
        assertEquals(task.readout(), a.readout(), id + ": the data's read-out is the task's");
        if (task.readout().perStep()) {
            stepTargetsWhereTheyBelong(id, task, a.train(), b.train());
            return;
        }
        assertEquals(null, a.train().stepTargets(), id);
        int[] count = new int[task.classes()];
        for (int y : a.train().labels()) count[y]++;
        for (int k = 0; k < count.length; k++)
            assertTrue(Math.abs(count[k] - 2000.0 / count.length) < 4 * Math.sqrt(2000.0), id + ": class " + k + " has " + count[k] + " of 2000");
    }

    /** A per-step task's targets: one per step (K values or a class), the same with the same seed, a mask counting steps of every trial, targets that vary. */
    private static void stepTargetsWhereTheyBelong(String id, CognitiveTask task, SequenceSet a, SequenceSet same) {
        StepTargets st = a.stepTargets();
        assertTrue(st != null && st.readout() == task.readout() && st.width() == task.classes(), id);
        int T = a.steps(), K = task.classes(), n = a.count();
        if (st.values() != null) {
            assertEquals(n * T * K, st.values().length, id);
            assertArrayEquals(st.values(), same.stepTargets().values(), id + ": same seed, same targets");
            for (float v : st.values()) assertTrue(Float.isFinite(v), id);
        } else {
            assertEquals(n * T, st.classes().length, id);
            assertArrayEquals(st.classes(), same.stepTargets().classes(), id + ": same seed, same targets");
        }
        float[] mask = st.mask();
        if (mask != null) {
            assertArrayEquals(mask, same.stepTargets().mask(), id);
            for (int i = 0; i < n; i++) {
                double w = 0;
                for (int t = 0; t < T; t++) { assertTrue(mask[i * T + t] >= 0, id); w += mask[i * T + t]; }
                assertTrue(w > 0, id + ": trial " + i + " counts no step");
            }
        }
        for (int k = 0; k < (st.values() != null ? K : 1); k++) {   // each output (or the class) takes more than one value at counted steps
            java.util.Set<Float> seen = new java.util.HashSet<>();
            for (int i = 0; i < n * T; i++)
                if (mask == null || mask[i] > 0) seen.add(st.values() != null ? st.values()[i * K + k] : (float) st.classes()[i]);
            assertTrue(seen.size() > 1, id + ": output " + k + " is constant at the counted steps: " + seen);
        }
    }

    /** The task's rule decides its trials: a decoder that knows it beats chance by far (noise-free trials: exactly). */
    @Test
    void eachTasksRuleIsInItsTrials() {
        SplittableRandom rng = new SplittableRandom(3);
        // perceptual decision: the sign of the summed evidence, at the highest coherence
        CognitiveTask pdm = new PerceptualDecision(100, Map.of("noise", 0.0));
        int right = 0;
        for (int i = 0; i < 500; i++) {
            float[] x = new float[100];
            int y = pdm.trial(rng, x, new double[1]);
            double sum = 0;
            for (float v : x) sum += v;
            if (sum == 0) continue;   // zero coherence: no evidence, a coin flip
            right += (sum > 0 ? 1 : 0) == y ? 1 : 0;
        }
        assertTrue(right > 400, "noise-free evidence decides: " + right);
        // context integration: the sign of the channel the context names
        CognitiveTask ctx = new ContextIntegration(50, Map.of("noise", 0.0));
        for (int i = 0; i < 200; i++) {
            float[] x = new float[50 * 4];
            int y = ctx.trial(rng, x, new double[1]);
            int context = x[3] == 1 ? 1 : 0;
            assertEquals(x[2] + x[3], 1f, "one context channel on");
            double s = 0;
            for (int t = 0; t < 50; t++) s += x[t * 4 + context];
            assertEquals(s > 0 ? 1 : 0, y, "the named channel's sign");
        }
        // delayed match: the test's channel equals the sample's
        CognitiveTask dms = new DelayedMatch(100, Map.of("noise", 0.0, "stimuli", 4.0));
        for (int i = 0; i < 200; i++) {
            float[] x = new float[100 * 4];
            int y = dms.trial(rng, x, new double[1]);
            assertEquals(argmax(x, 20, 4) == argmax(x, 70, 4) ? 1 : 0, y);
        }
        // interval discrimination: the longer pulse
        CognitiveTask iv = new IntervalDiscrimination(100, Map.of("noise", 0.0));
        for (int i = 0; i < 200; i++) {
            float[] x = new float[100];
            int y = iv.trial(rng, x, new double[1]);
            int first = 0, second = 0, t = 0;
            while (t < 100 && x[t] == 0) t++;
            while (t < 100 && x[t] == 1) { first++; t++; }
            while (t < 100 && x[t] == 0) t++;
            while (t < 100 && x[t] == 1) { second++; t++; }
            assertTrue(first > 0 && second > 0 && first != second);
            assertEquals(second > first ? 1 : 0, y);
        }
    }

    /** The flip-flop's output k holds the sign of channel k's last pulse (0 before it); the mask starts at the first pulse. */
    @Test
    void theFlipFlopHoldsTheLastPulse() {
        SplittableRandom rng = new SplittableRandom(4);
        CognitiveTask ff = new FlipFlop(80, Map.of("bits", 2.0, "pulse_rate", 0.1));
        int T = 80, K = 2, flips = 0;
        for (int i = 0; i < 50; i++) {
            float[] x = new float[T * K], y = new float[T * K], m = new float[T];
            java.util.Arrays.fill(m, 1f);
            ff.trial(rng, x, y, m, new double[1]);
            float[] state = new float[K];
            boolean any = false;
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < K; k++) {
                    if (x[t * K + k] != 0) {
                        assertEquals(1f, Math.abs(x[t * K + k]));
                        if (state[k] != x[t * K + k]) flips++;
                        state[k] = x[t * K + k];
                        any = true;
                    }
                    assertEquals(state[k], y[t * K + k], "trial " + i + " step " + t + " bit " + k);
                }
                assertEquals(any ? 1f : 0f, m[t]);
            }
        }
        assertTrue(flips > 100, "the bits flip: " + flips);
    }

    /**
     * perceptual_decision with fixation: 1 (neurogym's convention): the same evidence as the plain
     * task from the same stream, a fixation cue on until the response period, class 0 while it is
     * on and 1 + the choice after, fixation steps weighing fixation_weight, the response period the
     * decision steps.
     */
    @Test
    void thePerceptualDecisionWithAFixationOutput() {
        CognitiveTask plain = new PerceptualDecision(50, Map.of()), fix = new PerceptualDecision(50, Map.of("fixation", 1.0, "fixation_weight", 0.5));
        assertEquals(org.neuradapt.network.Readout.STEP_CLASSES, fix.readout());
        assertEquals(3, fix.classes());
        assertEquals(2, fix.inputSize());
        boolean[] decision = fix.decisionSteps();
        for (int t = 0; t < 50; t++) assertEquals(t >= 40, decision[t], "the response period after the stimulus (0.8 T)");
        SplittableRandom a = new SplittableRandom(9), b = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            float[] x1 = new float[50], x2 = new float[100], y = new float[50], m = new float[50];
            int l1 = plain.trial(a, x1, new double[1]), l2 = fix.trial(b, x2, y, m, new double[1]);
            assertEquals(l1, l2);
            for (int t = 0; t < 50; t++) {
                assertEquals(x1[t], x2[2 * t], "the same evidence on channel 0");
                assertEquals(t < 40 ? 1f : 0f, x2[2 * t + 1], "the fixation cue");
                assertEquals(t < 40 ? 0f : 1f + l2, y[t]);
                assertEquals(t < 40 ? 0.5f : 1f, m[t]);
            }
        }
        assertThrows(UserError.class, () -> new PerceptualDecision(50, Map.of("fixation_weight", 0.5)));
        assertThrows(UserError.class, () -> new PerceptualDecision(50, Map.of("fixation", 2.0)));
        TaskData d = Tasks.load(new DataConfig("unused", "perceptual_decision", 1, 40, 10, 10, 50, Map.of("fixation", 1.0), null), 3);
        assertEquals(40 * 50, d.train().stepTargets().decision().length);
        assertTrue(d.train().stepTargets().decision()[45] && !d.train().stepTargets().decision()[39]);
    }

    static int argmax(float[] x, int t, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) if (x[t * k + j] > x[t * k + best]) best = j;
        return best;
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void theTestTrialsWithConditionsAreTheLoadedTestSplit(String id) {
        TaskData d = Tasks.load(config(id, 50), 9);
        Tasks.Trials t = Tasks.testTrials(config(id, 50), 9);
        assertArrayEquals(d.test().x(), t.set().x());
        assertArrayEquals(d.test().labels(), t.set().labels());
        if (Tasks.cognitive(id, 60, Map.of()).condition() == null) return;
        long levels = java.util.Arrays.stream(t.conditions()).distinct().count();
        assertTrue(levels >= 3, id + ": " + levels + " condition levels");
    }

    @Test
    void badTasksAndOptionsAreRefusedNamingTheKey() {
        UserError e = assertThrows(UserError.class, () -> Tasks.check(config("nope", 10)));
        assertTrue(e.getMessage().startsWith("config key 'data.task': unknown task 'nope'") && e.getMessage().contains("delayed_match"), e.getMessage());
        e = assertThrows(UserError.class, () -> Tasks.cognitive("delayed_match", 60, Map.of("nois", 1.0)));
        assertTrue(e.getMessage().startsWith("config key 'data.options.nois'"), e.getMessage());
        e = assertThrows(UserError.class, () -> Tasks.cognitive("interval_discrimination", 10, Map.of()));
        assertTrue(e.getMessage().startsWith("config key 'data.steps'"), e.getMessage());
        e = assertThrows(UserError.class, () -> Tasks.check(new DataConfig("data", "psmnist", 2, 0, 0, 0, 100, Map.of("noise", 1.0), null)));
        assertTrue(e.getMessage().startsWith("config key 'data.options' is read by the cognitive tasks"), e.getMessage());
        e = assertThrows(UserError.class, () -> Tasks.check(new DataConfig("data", "delayed_match", 1, 0, 0, 0, 50, Map.of(), "x.npz")));
        assertTrue(e.getMessage().startsWith("config key 'data.file' is read by data.task npz only"), e.getMessage());
        e = assertThrows(UserError.class, () -> Tasks.cognitive("delayed_match", 60, Map.of("stimuli", 2.5)));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }
}

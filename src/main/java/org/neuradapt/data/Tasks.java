package org.neuradapt.data;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.neuradapt.UserError;
import org.neuradapt.config.DataConfig;
import org.neuradapt.network.Readout;

/**
 * The one list of tasks (docs/tasks.md): what {@code data.task} accepts. Sequential MNIST and
 * psMNIST read the MNIST files ({@link SequentialMnist}); the cognitive tasks are generated from
 * the run's seed, {@code data.steps} steps long, with {@code data.options} for their parameters;
 * npz reads the user's sequences ({@link NpzDataset}).
 */
public final class Tasks {
    private Tasks() {}

    /** The MNIST tasks (docs/science.md section 3). */
    public static final List<String> MNIST = DataConfig.MNIST_TASKS;

    /** Your own sequences from an .npz file ({@link NpzDataset}). */
    public static final String NPZ = "npz";

    /** Trials per split of a cognitive task when data.*_subset is 0. */
    public static final int TRAIN_TRIALS = 5000, VAL_TRIALS = 1000, TEST_TRIALS = 1000;

    private record Entry(String id, BiFunction<Integer, Map<String, Double>, CognitiveTask> make) {}

    private static final List<Entry> COGNITIVE = List.of(
            new Entry("perceptual_decision", PerceptualDecision::new),
            new Entry("context_integration", ContextIntegration::new),
            new Entry("delayed_match", DelayedMatch::new),
            new Entry("interval_discrimination", IntervalDiscrimination::new),
            new Entry("flip_flop", FlipFlop::new));

    /** Every task id, MNIST first. */
    public static List<String> ids() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.concat(MNIST.stream(), COGNITIVE.stream().map(Entry::id)), java.util.stream.Stream.of(NPZ)).toList();
    }

    /** The ids of the cognitive tasks. */
    public static List<String> cognitiveIds() { return COGNITIVE.stream().map(Entry::id).toList(); }

    /** The cognitive task a config names (UserError naming the key for an unknown id or a bad option). */
    public static CognitiveTask cognitive(String id, int steps, Map<String, Double> options) {
        for (Entry e : COGNITIVE) if (e.id().equals(id)) return e.make().apply(steps, options == null ? Map.of() : options);
        throw new UserError("config key 'data.task': unknown task '" + id + "'; use one of " + ids() + " (docs/tasks.md)");
    }

    /**
     * Refuses (UserError, one line) a task id, T or option a run could not use, before any data is
     * made or folder written; returns what the task's read-out reports (docs/tasks.md, "Targets"),
     * without making its trials: the MNIST tasks the last step's class, a cognitive task its own,
     * an .npz file what its targets array holds (the file is read).
     */
    public static Readout check(DataConfig cfg) {
        if (cfg.file() != null && !cfg.task().equals(NPZ))
            throw new UserError("config key 'data.file' is read by data.task npz only, and the task is " + cfg.task() + "; remove it or set data.task: npz");
        if (cfg.task().equals(NPZ)) return NpzDataset.load(cfg).readout();   // reads the file: its arrays and shapes are checked before the run folder
        if (!MNIST.contains(cfg.task())) return cognitive(cfg.task(), cfg.steps(), cfg.options()).readout();
        if (!cfg.options().isEmpty())
            throw new UserError("config key 'data.options' is read by the cognitive tasks and npz, not by " + cfg.task() + "; remove " + cfg.options().keySet());
        return Readout.LAST;
    }

    /** The three splits of the task a config names, from its seed. */
    public static TaskData load(DataConfig cfg, long seed) {
        if (MNIST.contains(cfg.task())) return SequentialMnist.load(cfg, seed);
        if (cfg.task().equals(NPZ)) return NpzDataset.load(cfg);
        CognitiveTask task = cognitive(cfg.task(), cfg.steps(), cfg.options());
        SplittableRandom[] split = streams(seed);
        return new TaskData(trials(task, orDefault(cfg.trainSubset(), TRAIN_TRIALS), split[0]), trials(task, orDefault(cfg.valSubset(), VAL_TRIALS), split[1]),
                trials(task, orDefault(cfg.testSubset(), TEST_TRIALS), split[2]), SequentialMnist.identity(task.steps()), task.classes());
    }

    /** n trials of a task drawn from rng. */
    public static SequenceSet trials(CognitiveTask task, int n, SplittableRandom rng) { return generate(task, n, rng).set(); }

    /**
     * Trials with each one's value on the task's difficulty axis ({@link CognitiveTask#condition()}).
     *
     * @param conditions [n]
     */
    public record Trials(SequenceSet set, double[] conditions) {}

    /** n trials of a task drawn from rng, with their conditions (and their step targets, for a per-step task). */
    public static Trials generate(CognitiveTask task, int n, SplittableRandom rng) {
        int steps = task.steps(), perTrial = steps * task.inputSize();
        Readout readout = task.readout();
        int perTarget = readout == Readout.STEP_VALUES ? steps * task.classes() : steps;
        float[] x = new float[n * perTrial], one = new float[perTrial];
        float[] targets = readout.perStep() ? new float[n * perTarget] : null, target = new float[perTarget];
        float[] masks = readout.perStep() ? new float[n * steps] : null, mask = new float[steps];
        int[] y = new int[n];
        double[] conditions = new double[n], c = new double[1];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(one, 0f);
            java.util.Arrays.fill(target, 0f);
            java.util.Arrays.fill(mask, 1f);
            c[0] = 0;
            y[i] = readout.perStep() ? task.trial(rng, one, target, mask, c) : task.trial(rng, one, c);
            conditions[i] = c[0];
            System.arraycopy(one, 0, x, i * perTrial, perTrial);
            if (readout.perStep()) {
                System.arraycopy(target, 0, targets, i * perTarget, perTarget);
                System.arraycopy(mask, 0, masks, i * steps, steps);
            }
        }
        StepTargets st = !readout.perStep() ? null
                : readout == Readout.STEP_VALUES ? new StepTargets(readout, task.classes(), null, targets, masks)
                : new StepTargets(readout, task.classes(), classes(targets), null, masks, decisions(task, n));
        return new Trials(new SequenceSet(x, y, n, steps, task.inputSize(), st), conditions);
    }

    /** The task's decision steps repeated for n trials, or null. */
    private static boolean[] decisions(CognitiveTask task, int n) {
        boolean[] one = task.decisionSteps();
        if (one == null) return null;
        boolean[] all = new boolean[n * one.length];
        for (int i = 0; i < n; i++) System.arraycopy(one, 0, all, i * one.length, one.length);
        return all;
    }

    private static int[] classes(float[] v) {
        int[] c = new int[v.length];
        for (int i = 0; i < v.length; i++) c[i] = (int) v[i];
        return c;
    }


    /**
     * The test split of a cognitive task's config with its conditions: the same trials as
     * {@link #load} makes from the seed (the third of its streams).
     */
    public static Trials testTrials(DataConfig cfg, long seed) {
        CognitiveTask task = cognitive(cfg.task(), cfg.steps(), cfg.options());
        return generate(task, orDefault(cfg.testSubset(), TEST_TRIALS), streams(seed)[2]);
    }

    /** The train, validation and test streams of a seed: three independent splits, so that the splits never share a trial. */
    private static SplittableRandom[] streams(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return new SplittableRandom[] {root.split(), root.split(), root.split()};
    }

    private static int orDefault(int n, int dflt) { return n > 0 ? n : dflt; }

    /** A standard normal draw (Box-Muller on the task's stream, so a seed fixes it). */
    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static void options(String task, Map<String, Double> options, String... known) {
        for (String k : options.keySet())
            if (!List.of(known).contains(k))
                throw new UserError("config key 'data.options." + k + "': " + task + " has no option '" + k + "'; its options are " + List.of(known));
    }

    static int atLeast(String task, int steps, int min) {
        if (steps < min) throw new UserError("config key 'data.steps': " + task + " needs at least " + min + " steps, got " + steps);
        return steps;
    }

    static double positive(String key, double v) {
        if (!(v > 0)) throw new UserError("config key 'data.options." + key + "' must be > 0, got " + v);
        return v;
    }

    static double nonNegative(String key, double v) {
        if (!(v >= 0)) throw new UserError("config key 'data.options." + key + "' must be >= 0, got " + v);
        return v;
    }

    static int count(String key, double v, int min) {
        if (v != Math.rint(v) || v < min) throw new UserError("config key 'data.options." + key + "' must be a whole number >= " + min + ", got " + v);
        return (int) v;
    }
}

package org.neuradapt.config;

import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import org.neuradapt.UserError;

/**
 * The allowed values of every config key, declared once as a table of rules. A rule that fails
 * becomes a one-line {@link UserError} naming the key, the requirement and the offending value.
 */
public final class ConfigRules {

    /** The built-in model ids of {@code model.type}; {@code rnn} takes its neuron from {@code model.activation}. */
    public static final List<String> MODEL_TYPES = org.neuradapt.neuron.ModelRegistry.ids();

    /** The built-in activation families accepted by {@code model.activation} besides class names. */
    public static final List<String> ACTIVATIONS = List.of(
            "relu", "tanh", "softplus", "gamma_fixed", "gamma_hom", "gamma_het");

    /** The built-in controller of {@code model.controller} besides class names. */
    public static final List<String> CONTROLLERS = List.of("arun");

    /** The values of {@code model.backend}. */
    public static final List<String> BACKENDS = List.of("auto", "samediff", "samediff_unrolled", "samediff_stepped");

    /** Longest run name: file systems take 255 bytes per name, less room for the files' ".tmp" suffixes. */
    public static final int MAX_NAME_BYTES = 200;

    /** The largest N whose N x N matrix fits one Java array. */
    public static final int MAX_HIDDEN = 46_340;

    /** Pooling factors that tile a 28x28 image exactly and leave more than one pixel. */
    public static final List<Integer> POOLS = List.of(1, 2, 4, 7, 14);

    /** Sizes of the train / validation / test splits (docs/science.md section 3). */
    public static final int TRAIN_SIZE = 50_000;
    public static final int VAL_SIZE = 10_000;
    public static final int TEST_SIZE = 10_000;

    /** A fully qualified Java class name: at least one package segment before the simple name. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)+[A-Za-z_$][A-Za-z0-9_$]*");

    private static final List<Rule> RULES = List.of(
            text("name", RunConfig::name, ConfigRules::isFolderName,
                    "a non-empty folder name of at most " + MAX_NAME_BYTES + " bytes without '/', '\\' or surrounding spaces (not '.' or '..')"),
            text("out", RunConfig::out, s -> s != null && !s.isBlank(), "a non-empty folder path"),

            oneOf("model.type", c -> c.model().type(), MODEL_TYPES),
            // W is one N x N array: N^2 must stay below 2^31 entries (50,000 neurons would need 10 GB for W alone)
            ints("model.hidden", c -> c.model().hidden(), v -> v > 0 && v <= MAX_HIDDEN, "> 0 and at most " + MAX_HIDDEN + " (the N x N recurrent matrix is one "
                    + "array of fewer than 2^31 entries)"),
            ints("model.ctrl", c -> c.model().ctrl(), v -> v > 0, "> 0")
                    .when(c -> "arun".equals(c.model().type()), "model.type is arun"),
            doubles("model.n", c -> c.model().n(), v -> v > 0, "> 0")
                    .when(ConfigRules::usesFixedGamma, "the neuron is gamma_fixed"),
            doubles("model.s", c -> c.model().s(), v -> v >= 0 && v <= 1, "in [0, 1]")
                    .when(ConfigRules::usesFixedGamma, "the neuron is gamma_fixed"),
            text("model.activation", c -> c.model().activation(), a -> a != null,
                    "set (one of " + String.join(", ", ACTIVATIONS) + ", or a class name)")
                    .when(c -> "rnn".equals(c.model().type()), "model.type is rnn"),
            // A neuron named for another model type would be ignored silently; say so instead.
            new Rule("model.activation", c -> !"rnn".equals(c.model().type()), null, c -> c.model().activation(),
                    a -> a == null, "left out unless model.type is rnn (remove it, or set model.type: rnn)"),
            text("model.activation", c -> c.model().activation(),
                    a -> a == null || ACTIVATIONS.contains(a) || CLASS_NAME.matcher(a).matches(),
                    "one of " + String.join(", ", ACTIVATIONS) + " or a fully qualified class name"),
            text("model.controller", c -> c.model().controller(),
                    a -> a != null && (CONTROLLERS.contains(a) || CLASS_NAME.matcher(a).matches()),
                    "'arun' or a fully qualified class name"),
            oneOf("model.backend", c -> c.model().backend(), BACKENDS),
            ints("model.bptt_checkpoint", c -> c.model().bpttCheckpoint(), v -> v >= 0, ">= 0"),
            // Only rnn_gamma_het has per-neuron (n_i, s_i) parameters to start from the fits.
            new Rule("model.init_shape.from", c -> !usesHeterogeneousGamma(c), null, c -> c.model().initShape().from(),
                    v -> v == null, "left out unless model.type is rnn_gamma_het (the only model with a learned n_i, s_i per neuron;"
                    + " the ARUN's b_n, b_s and gamma_hom's n, s are shared): remove it or set model.type: rnn_gamma_het"),
            doubles("model.init_shape.jitter_n", c -> c.model().initShape().jitterN(), v -> v >= 0, ">= 0 (0 = no jitter)"),
            doubles("model.init_shape.jitter_s", c -> c.model().initShape().jitterS(), v -> v >= 0, ">= 0 (0 = no jitter)"),

            text("data.dir", c -> c.data().dir(), s -> s != null && !s.isBlank(), "a non-empty folder path"),
            text("data.task", c -> c.data().task(), t -> t != null && !t.isBlank(),
                    "smnist, psmnist or a cognitive task (docs/tasks.md)"),
            ints("data.steps", c -> c.data().steps(), v -> v >= 1, ">= 1 (the steps of a cognitive task's trial)"),
            ints("data.pool", c -> c.data().pool(), POOLS::contains,
                    "a divisor of 28 (" + POOLS.toString().replaceAll("[\\[\\]]", "") + ")"),
            ints("data.train_subset", c -> c.data().trainSubset(), v -> v >= 0 && v <= TRAIN_SIZE,
                    "in [0, " + TRAIN_SIZE + "] (0 = all)"),
            ints("data.val_subset", c -> c.data().valSubset(), v -> v >= 0 && v <= VAL_SIZE,
                    "in [0, " + VAL_SIZE + "] (0 = all)"),
            ints("data.test_subset", c -> c.data().testSubset(), v -> v >= 0 && v <= TEST_SIZE,
                    "in [0, " + TEST_SIZE + "] (0 = all)"),

            ints("train.epochs", c -> c.train().epochs(), v -> v > 0, "> 0"),
            ints("train.batch_size", c -> c.train().batchSize(), v -> v > 0, "> 0"),
            doubles("train.lr", c -> c.train().lr(), v -> v > 0, "> 0"),
            doubles("train.clip_grad_norm", c -> c.train().clipGradNorm(), v -> v >= 0, ">= 0 (0 = no clipping)"),
            doubles("train.plateau_factor", c -> c.train().plateauFactor(), v -> v > 0 && v < 1, "in (0, 1)"),
            ints("train.plateau_patience", c -> c.train().plateauPatience(), v -> v >= 0, ">= 0"),
            ints("train.checkpoint_every", c -> c.train().checkpointEvery(), v -> v >= 1, ">= 1"),
            doubles("train.sinusoid_p", c -> c.train().sinusoidP(), v -> v >= 0 && v <= 1, "in [0, 1]"),
            doubles("train.augment_p", c -> c.train().augmentP(), v -> v >= 0 && v <= 1, "in [0, 1]"),
            // A probability with nothing to apply would train without augmentation silently; say so instead.
            new Rule("train.augment", c -> c.train().augmentP() > 0, "train.augment_p > 0", c -> c.train().augment().type(),
                    v -> !"none".equals(v), "a perturbation such as {type: gaussian, xi: 1}"),
            ints("train.max_batches_per_epoch", c -> c.train().maxBatchesPerEpoch(), v -> v >= 0,
                    ">= 0 (0 = whole training set)"),
            ints("train.shards", c -> c.train().shards(), v -> v >= 1, ">= 1 (the logical shards of a batch; default 2)"),

            ints("run.threads", c -> c.execution().threads(), v -> v >= 0, ">= 0 (0 = the cores this process may use)"));

    private ConfigRules() {
    }

    /**
     * Checks every rule against a bound config.
     *
     * @throws UserError naming the first key whose value is not allowed
     */
    public static void validate(RunConfig config) {
        if (config.model() == null || config.data() == null || config.train() == null) {
            throw new UserError("config sections model, data and train must all be present");
        }
        for (Rule rule : RULES) {
            rule.check(config);
        }
        checkAugmentWindows(config);
        checkMix(config.model().initShape());
    }

    /**
     * The weights of {@code model.init_shape.mix} (docs/science.md section 9.2): present exactly
     * when a fit table is named, each >= 0, summing to 1 within 1e-6. Whether the types exist in
     * the table is checked when the file is read ({@link InitShapes#pin}).
     */
    private static void checkMix(InitShapeConfig section) {
        String key = "model.init_shape.mix";
        if (!section.enabled()) {
            if (!section.mix().isEmpty())
                throw new UserError("config key '" + key + "' is set but model.init_shape.from is not;"
                        + " name the fit table in model.init_shape.from (e.g. figures/spiking/fit.csv) or remove the mix");
            return;
        }
        if (section.mix().isEmpty())
            throw new UserError("config key '" + key + "' is empty; give the fraction of each neuron type,"
                    + " e.g. {\"izhikevich:RS\": 0.8, \"izhikevich:FS\": 0.2}");
        double sum = 0;
        for (var e : section.mix().entrySet()) {
            if (!(e.getValue() >= 0))
                throw new UserError("config key '" + key + "." + e.getKey() + "' must be >= 0, got "
                        + ConfigLoader.show(e.getValue()) + "; give each type a fraction of the neurons");
            sum += e.getValue();
        }
        if (Math.abs(sum - 1) > 1e-6)
            throw new UserError("config key '" + key + "' must have weights summing to 1, got " + ConfigLoader.show(sum)
                    + " (" + section.mix() + "); rescale them");
    }

    /**
     * The windows of {@code train.augment} must fit the task's T = (28 / data.pool)^2 (the rule
     * table has checked data.pool already); checked here so that a mistake stops the run before
     * any data is read. The trainer checks again against the T of the data it is given.
     */
    private static void checkAugmentWindows(RunConfig config) {
        int steps = config.data().sequenceLength();
        try {
            config.train().augment().id(steps);
        } catch (UserError e) {
            throw new UserError("config key 'train.augment': " + e.getMessage() + " (data.pool " + config.data().pool() + ")");
        }
    }

    /** Returns the number of rules, so a test can see that the table is not empty by accident. */
    static int ruleCount() {
        return RULES.size();
    }

    private static boolean usesFixedGamma(RunConfig c) {
        return "rnn_gamma_fixed".equals(c.model().type())
                || ("rnn".equals(c.model().type()) && "gamma_fixed".equals(c.model().activation()));
    }

    private static boolean usesHeterogeneousGamma(RunConfig c) {
        return "rnn_gamma_het".equals(c.model().type())
                || ("rnn".equals(c.model().type()) && "gamma_het".equals(c.model().activation()));
    }

    private static boolean isFolderName(String s) {
        return s != null && !s.isEmpty() && s.equals(s.strip()) && !s.equals(".") && !s.equals("..")
                && s.indexOf('/') < 0 && s.indexOf('\\') < 0 && s.chars().noneMatch(Character::isISOControl)
                && s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_NAME_BYTES;
    }

    private static Rule ints(String path, ToIntFunction<RunConfig> get, IntPredicate ok, String requirement) {
        return new Rule(path, c -> true, null, c -> get.applyAsInt(c),
                v -> ok.test((Integer) v), requirement);
    }

    private static Rule doubles(String path, ToDoubleFunction<RunConfig> get, DoublePredicate ok, String requirement) {
        return new Rule(path, c -> true, null, c -> get.applyAsDouble(c),
                v -> ok.test((Double) v), requirement);
    }

    private static Rule text(String path, Function<RunConfig, String> get, Predicate<String> ok, String requirement) {
        return new Rule(path, c -> true, null, get::apply, v -> ok.test((String) v), requirement);
    }

    private static Rule oneOf(String path, Function<RunConfig, String> get, List<String> allowed) {
        return text(path, get, allowed::contains, "one of " + String.join(", ", allowed));
    }

    /**
     * One entry of the table.
     *
     * @param path the dotted key it checks
     * @param applies when the rule is in force (most rules always are)
     * @param condition words for {@code applies}, shown in the message; null for unconditional rules
     * @param value reads the key's value from a bound config
     * @param ok whether a value is allowed
     * @param requirement what an allowed value looks like, completing "must be ..."
     */
    private record Rule(String path, Predicate<RunConfig> applies, String condition,
                        Function<RunConfig, Object> value, Predicate<Object> ok, String requirement) {

        Rule when(Predicate<RunConfig> predicate, String words) {
            return new Rule(path, predicate, words, value, ok, requirement);
        }

        void check(RunConfig config) {
            if (!applies.test(config)) {
                return;
            }
            Object v = value.apply(config);
            if (!ok.test(v)) {
                String when = condition == null ? "" : " when " + condition;
                throw new UserError("config key '" + path + "' must be " + requirement + when
                        + ", got " + ConfigLoader.show(v));
            }
        }
    }
}

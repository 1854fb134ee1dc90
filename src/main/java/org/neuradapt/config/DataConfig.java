package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The {@code data:} section of a run config. */
public record DataConfig(
        @JsonPropertyDescription("folder holding the four MNIST IDX files (plain or .gz) or a torchvision MNIST/raw folder")
        String dir,
        @JsonPropertyDescription("task: smnist (pixel by pixel), psmnist (fixed random permutation drawn from the seed), a cognitive task generated from the seed:"
                + " perceptual_decision, context_integration, delayed_match, interval_discrimination (docs/tasks.md), or npz (your sequences, data.file)")
        String task,
        @JsonPropertyDescription("average-pooling factor: 1 (28x28, T = 784), 2 (14x14, T = 196), 4 (7x7, T = 49); must divide 28")
        int pool,
        @JsonProperty("train_subset")
        @JsonPropertyDescription("number of training samples used (<= 50000; 0 = all)")
        int trainSubset,
        @JsonProperty("val_subset")
        @JsonPropertyDescription("number of validation samples used (<= 10000; 0 = all)")
        int valSubset,
        @JsonProperty("test_subset")
        @JsonPropertyDescription("number of test samples used (<= 10000; 0 = all); a cognitive task's trials (0 = 1000)")
        int testSubset,
        @JsonPropertyDescription("steps T of a cognitive task's trial (MNIST tasks: T = (28 / pool)^2, this key is not read)")
        int steps,
        @JsonPropertyDescription("numeric options of a cognitive task, e.g. {noise: 1.0} (docs/tasks.md lists each task's); of task npz: val, test (fractions at the file's end, default 0.1 each)")
        java.util.Map<String, Double> options,
        @JsonPropertyDescription("task npz: the .npz file holding inputs [S, T, D] and targets [S] (docs/tasks.md, \"Your own sequences\")")
        String file) {

    /** The MNIST tasks, whose T comes from data.pool (docs/science.md section 3). */
    public static final java.util.List<String> MNIST_TASKS = java.util.List.of("smnist", "psmnist");

    /** A data section of an MNIST task (no cognitive-task keys). */
    public DataConfig(String dir, String task, int pool, int trainSubset, int valSubset, int testSubset) {
        this(dir, task, pool, trainSubset, valSubset, testSubset, DEFAULT_STEPS, java.util.Map.of(), null);
    }

    /** The default T of a cognitive task. */
    public static final int DEFAULT_STEPS = 100;

    public DataConfig {
        options = options == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    /** Whether the task reads the MNIST files (else it is generated). */
    public boolean mnist() { return MNIST_TASKS.contains(task); }

    /** The sequence length T: (28 / pool)^2 for the MNIST tasks (docs/science.md section 3.1), data.steps for a cognitive task. */
    public int sequenceLength() {
        if (!mnist()) return steps;
        int side = 28 / pool;
        return side * side;
    }
}

package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The {@code data:} section of a run config. */
public record DataConfig(
        @JsonPropertyDescription("folder holding the four MNIST IDX files (plain or .gz) or a torchvision MNIST/raw folder")
        String dir,
        @JsonPropertyDescription("task: smnist (pixel by pixel) or psmnist (fixed random permutation drawn from the seed)")
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
        @JsonPropertyDescription("number of test samples used (<= 10000; 0 = all)")
        int testSubset) {

    /** The sequence length T = (28 / pool)^2 of this task (docs/science.md section 3.1). */
    public int sequenceLength() {
        int side = 28 / pool;
        return side * side;
    }
}

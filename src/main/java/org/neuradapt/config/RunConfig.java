package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A whole run config: what is trained, on what, how, and where the run folder goes. */
public record RunConfig(
        @JsonPropertyDescription("run name; the run folder is <out>/<name>")
        String name,
        @JsonPropertyDescription("seed fixing initialisation, permutation, shuffling and augmentation")
        long seed,
        @JsonPropertyDescription("parent folder of run folders")
        String out,
        @JsonPropertyDescription("network: model type, sizes, neuron model")
        ModelConfig model,
        @JsonPropertyDescription("task and data files")
        DataConfig data,
        @JsonPropertyDescription("optimiser and schedule")
        TrainConfig train) {
}

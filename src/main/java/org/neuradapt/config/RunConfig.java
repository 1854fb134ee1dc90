package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonProperty;
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
        TrainConfig train,
        @JsonProperty("run")
        @JsonPropertyDescription("how the run executes on this machine (threads); not part of what it computes")
        ExecutionConfig execution) {

    /** A run config with the default execution settings (every core the process may use). */
    public RunConfig(String name, long seed, String out, ModelConfig model, DataConfig data, TrainConfig train) {
        this(name, seed, out, model, data, train, ExecutionConfig.DEFAULT);
    }

    public RunConfig {
        execution = execution == null ? ExecutionConfig.DEFAULT : execution;
    }

    /** The same run with other execution settings. */
    public RunConfig withExecution(ExecutionConfig e) { return new RunConfig(name, seed, out, model, data, train, e); }
}

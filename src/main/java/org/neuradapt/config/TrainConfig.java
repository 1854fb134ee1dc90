package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The {@code train:} section of a run config (SCIENCE.md section 3 gives the paper's values). */
public record TrainConfig(
        @JsonPropertyDescription("number of epochs (> 0)")
        int epochs,
        @JsonProperty("batch_size")
        @JsonPropertyDescription("mini-batch size (> 0)")
        int batchSize,
        @JsonPropertyDescription("Adam learning rate (> 0)")
        double lr,
        @JsonProperty("clip_grad_norm")
        @JsonPropertyDescription("clip the global gradient norm to this value; 0 = no clipping")
        double clipGradNorm,
        @JsonProperty("plateau_factor")
        @JsonPropertyDescription("ReduceLROnPlateau factor on validation loss, in (0, 1)")
        double plateauFactor,
        @JsonProperty("plateau_patience")
        @JsonPropertyDescription("ReduceLROnPlateau patience in epochs (>= 0)")
        int plateauPatience,
        @JsonProperty("checkpoint_every")
        @JsonPropertyDescription("keep a checkpoint every k epochs (>= 1); best and last are always kept")
        int checkpointEvery,
        @JsonProperty("sinusoid_p")
        @JsonPropertyDescription("probability that a training batch gets the sinusoidal input transform (A = 0.2, f ~ U(0, 2)), in [0, 1]")
        double sinusoidP,
        @JsonProperty("max_batches_per_epoch")
        @JsonPropertyDescription("cap on training batches per epoch; 0 = whole training set")
        int maxBatchesPerEpoch) {

}

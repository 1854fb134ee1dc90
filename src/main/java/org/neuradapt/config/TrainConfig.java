package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.neuradapt.perturbation.Perturbation;

/** The {@code train:} section of a run config (docs/science.md section 3 gives the paper's values). */
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
        @JsonProperty("augment_p")
        @JsonPropertyDescription("probability that a training batch gets the perturbation train.augment (after the sinusoid of train.sinusoid_p), in [0, 1]")
        double augmentP,
        @JsonPropertyDescription("perturbation used as training augmentation with probability train.augment_p: none, a mapping"
                + " such as {type: gaussian, xi: 1, window: {start: 0.255, length: 0.255}} (types step, gaussian,"
                + " sinusoid; windows in steps or as fractions of T), or a list of them applied in order")
        Perturbation augment,
        @JsonProperty("max_batches_per_epoch")
        @JsonPropertyDescription("cap on training batches per epoch; 0 = whole training set")
        int maxBatchesPerEpoch,
        @JsonPropertyDescription("logical shards of each batch (>= 1): each sums its samples' gradients on its own and the sums are added in shard order,"
                + " so results depend on it but never on the thread count; a run uses at most this many threads (docs/performance.md, \"Threads\")")
        int shards) {

    /** Logical shards of a batch unless a config says: every run trained before the key existed on two or more cores had 2. */
    public static final int DEFAULT_SHARDS = 2;

    public TrainConfig {
        if (augment == null) augment = Perturbation.NONE;  // a record built in code may leave it out
    }

    /** A train section with the default logical shards ({@link #DEFAULT_SHARDS}). */
    public TrainConfig(int epochs, int batchSize, double lr, double clipGradNorm, double plateauFactor, int plateauPatience, int checkpointEvery,
                       double sinusoidP, double augmentP, Perturbation augment, int maxBatchesPerEpoch) {
        this(epochs, batchSize, lr, clipGradNorm, plateauFactor, plateauPatience, checkpointEvery, sinusoidP, augmentP, augment, maxBatchesPerEpoch,
                DEFAULT_SHARDS);
    }

    /** This section with {@code train.epochs} replaced (a resumed run may extend it), every other key kept. */
    public TrainConfig withEpochs(int epochs) {
        return new TrainConfig(epochs, batchSize, lr, clipGradNorm, plateauFactor, plateauPatience, checkpointEvery,
                sinusoidP, augmentP, augment, maxBatchesPerEpoch, shards);
    }
}

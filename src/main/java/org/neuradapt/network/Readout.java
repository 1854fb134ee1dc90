package org.neuradapt.network;

/**
 * What the linear read-out reports and what it is trained against (docs/science.md section 2.4;
 * docs/tasks.md, "Targets"). The task decides: sequential MNIST and the built-in decision tasks
 * report one class at the last step, as the paper does; a task with a target at every step reads
 * out every step, under a loss mask that says which steps count.
 */
public enum Readout {
    /** One class per sequence from the last state: logits = h_T W_out + b_out [B, C], mean cross-entropy (the paper). */
    LAST("last"),
    /** A class at every step: logits_t = h_t W_out + b_out [B, T, C], cross-entropy averaged over the masked steps. */
    STEP_CLASSES("step_classes"),
    /** K continuous values at every step: y_t = h_t W_out + b_out [B, T, K], squared error averaged over the masked steps and K. */
    STEP_VALUES("step_values");

    private final String id;

    Readout(String id) { this.id = id; }

    /** The name files and messages use. */
    public String id() { return id; }

    /** Reads out every step (logits [B, T, C]) rather than the last one. */
    public boolean perStep() { return this != LAST; }

    /** Compares with classes (cross-entropy, accuracy) rather than values (squared error). */
    public boolean classes() { return this != STEP_VALUES; }
}

package org.neuradapt.neuron;

import java.util.Arrays;

/**
 * A learnable parameter that a neuron model declares: its name (unique within the model, see
 * {@code network.Parameters}), its shape and how it is initialised.
 */
public record ParamSpec(String name, long[] shape, Init init) {
    public ParamSpec {
        shape = shape.clone();
    }

    public long length() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    @Override public long[] shape() { return shape.clone(); }

    @Override public String toString() { return name + Arrays.toString(shape); }
}

package org.neuradapt.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * One change of a network's inputs or drive during a forward pass (docs/science.md section 4).
 * Drives are inputs of every model ({@code network.Batch#drive}), so one trained network is
 * evaluated under any perturbation without rebuilding or retraining; the same objects serve as
 * training augmentation ({@code train.augment}).
 *
 * <p>Perturbations are immutable values: equal parameters give equal objects, and {@link #id}
 * names one exactly, so it can key a cache or a CSV row.
 */
public sealed interface Perturbation permits StepDrive, GaussianDrive, SinusoidalInput, Perturbation.Combined {

    /** No change at all. */
    Perturbation NONE = new Combined(List.of());

    /**
     * Applies to one batch in place: {@code x} is [B, T, I] row-major (already a private copy) and
     * {@code drive} is [B, T, N] row-major and is ADDED to. Either array may be null when the
     * perturbation does not change it ({@link #changesInput}, {@link #changesDrive}).
     *
     * @param rng the source of stochastic values, drawn in a fixed order; deterministic perturbations ignore it
     */
    void apply(float[] x, float[] drive, Shape shape, SplittableRandom rng);

    /** Whether {@link #apply} writes into the drive (else the drive array may be skipped). */
    boolean changesDrive();

    /** Whether {@link #apply} changes the inputs (else they need not be copied). */
    boolean changesInput();

    /** The sweepable amplitude: xi for drives, A for the sinusoid (for {@link Combined}: its first part's, 0 for none). */
    double amplitude();

    /**
     * A copy with one parameter replaced: "xi" (drives), "amplitude"/"A", "frequency"/"f", "phase"
     * (sinusoid); a {@link Combined} replaces it in every part that has it.
     *
     * @throws IllegalArgumentException for a parameter this perturbation does not have, naming the known ones
     */
    Perturbation with(String parameter, double value);

    /** A copy with {@link #amplitude()} replaced, whatever the type calls it (xi or A); for sweeps. */
    default Perturbation withAmplitude(double value) {
        return with(this instanceof SinusoidalInput ? "amplitude" : "xi", value);
    }

    /**
     * Canonical one-line id with every parameter and the window resolved for T, e.g.
     * {@code step(xi=5,window=50:50)}; used as a cache key and in CSVs. Two perturbations with the
     * same id at T have the same effect at T.
     *
     * @throws org.neuradapt.UserError when a window does not fit T steps
     */
    String id(int steps);

    /** Type id: "none", "step", "gaussian", "sinusoid", or "combined". */
    String type();

    /** The sizes of one batch: B, T, inputs per step I, neurons N. */
    record Shape(int batch, int steps, int inputs, int hidden) {
        /** Checks that arrays given to {@link #apply} have these sizes; null arrays are not checked. */
        void check(float[] x, float[] drive) {
            if (x != null && x.length != (long) batch * steps * inputs)
                throw new IllegalArgumentException("x has " + x.length + " values, expected " + batch + "x" + steps + "x" + inputs);
            if (drive != null && drive.length != (long) batch * steps * hidden)
                throw new IllegalArgumentException("drive has " + drive.length + " values, expected " + batch + "x" + steps + "x" + hidden);
        }
    }

    /**
     * Several perturbations applied one after the other, in list order, with one random source
     * (docs/science.md section 4). The empty list is {@link #NONE}.
     */
    record Combined(List<Perturbation> parts) implements Perturbation {
        public Combined {
            parts = List.copyOf(parts);  // immutable, and rejects null parts
        }

        @Override
        public void apply(float[] x, float[] drive, Shape shape, SplittableRandom rng) {
            for (Perturbation p : parts) p.apply(x, drive, shape, rng);
        }

        @Override public boolean changesDrive() { return parts.stream().anyMatch(Perturbation::changesDrive); }

        @Override public boolean changesInput() { return parts.stream().anyMatch(Perturbation::changesInput); }

        @Override public double amplitude() { return parts.isEmpty() ? 0 : parts.get(0).amplitude(); }

        @Override
        public Perturbation with(String parameter, double value) {
            List<Perturbation> out = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Perturbation p : parts) {
                try {
                    out.add(p.with(parameter, value));
                } catch (IllegalArgumentException e) {
                    out.add(p);  // a part without this parameter keeps its own
                    problems.add(e.getMessage());
                }
            }
            if (problems.size() == parts.size())
                throw new IllegalArgumentException(parts.isEmpty() ? "none has no parameters, got '" + parameter + "'"
                        : "no part of " + type() + " has parameter '" + parameter + "' (" + String.join("; ", problems) + ")");
            return new Combined(out);
        }

        @Override
        public Perturbation withAmplitude(double value) {
            if (parts.isEmpty()) throw new IllegalArgumentException("none has no amplitude");
            return new Combined(parts.stream().map(p -> p.withAmplitude(value)).toList());
        }

        @Override
        public String id(int steps) {
            return parts.isEmpty() ? "none"
                    : "combined(" + parts.stream().map(p -> p.id(steps)).collect(Collectors.joining("+")) + ")";
        }

        @Override public String type() { return parts.isEmpty() ? "none" : "combined"; }
    }
}

package org.neuradapt.neuron;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which spiking neuron type each RNN neuron stands for, and the initial (n_i, s_i) it gets: the
 * biologically initialised network of docs/science.md section 9.2. The counts per type are the
 * mix's proportions of N rounded by largest remainder (exact up to rounding, ties to the type
 * listed first), the neurons of each type are placed by a seeded shuffle, and an optional Gaussian
 * jitter, truncated to the gamma family's range (n &gt; 0, s in [0, 1]), spreads each neuron
 * around its type's fitted shape. Pure: the same table, mix, N, seed and jitter give the same
 * assignment.
 *
 * @param types the type name of neuron i
 * @param n     the initial gain n_i
 * @param s     the initial saturation s_i
 */
public record ShapeAssignment(List<String> types, double[] n, double[] s) {

    /** Header of {@link #csv()}. */
    public static final String HEADER = "neuron,type,n,s";

    /** Decorrelates the assignment's random stream from the parameter draws of the same seed. */
    private static final long SALT = 0x5EED_B10_1417L;

    /** Draws per neuron before a jitter gives up and keeps the type's own shape (only for jitters far wider than the range). */
    static final int MAX_JITTER_DRAWS = 1000;

    public ShapeAssignment {
        if (types.size() != n.length || n.length != s.length)
            throw new IllegalArgumentException("types, n and s differ in length");
        types = List.copyOf(types);
        n = n.clone();
        s = s.clone();
    }

    @Override public double[] n() { return n.clone(); }

    @Override public double[] s() { return s.clone(); }

    /**
     * Neurons per type for weights summing to 1: floor(w_k N) each, then one more for the types with
     * the largest remainders (ties to the earlier type) until they sum to N.
     */
    public static int[] counts(double[] weights, int hidden) {
        int[] c = new int[weights.length];
        double[] rest = new double[weights.length];
        int left = hidden;
        for (int k = 0; k < weights.length; k++) {
            double exact = weights[k] * hidden;
            c[k] = (int) Math.floor(exact + 1e-9);
            rest[k] = exact - c[k];
            left -= c[k];
        }
        while (left > 0) {
            int best = -1;
            for (int k = 0; k < weights.length; k++) if (best < 0 || rest[k] > rest[best] + 1e-12) best = k;
            c[best]++;
            rest[best] = Double.NEGATIVE_INFINITY;
            left--;
        }
        return c;
    }

    /**
     * Assigns N neurons to the types of a mix.
     *
     * @param table   the fitted shapes
     * @param mix     type name to weight, weights &gt;= 0 summing to 1, every type in the table with a valid shape
     * @param hidden  N
     * @param seed    the run's seed
     * @param jitterN standard deviation of the Gaussian jitter added to n_i (0 = none)
     * @param jitterS standard deviation of the Gaussian jitter added to s_i (0 = none)
     * @throws IllegalArgumentException for a type missing from the table or with a shape outside the family
     */
    public static ShapeAssignment draw(FittedShapes table, Map<String, Double> mix, int hidden, long seed,
                                       double jitterN, double jitterS) {
        List<String> names = new ArrayList<>(mix.keySet());
        double[] weights = new double[names.size()];
        for (int k = 0; k < weights.length; k++) {
            String type = names.get(k);
            FittedShapes.Shape shape = table.byType().get(type);
            if (shape == null)
                throw new IllegalArgumentException("type '" + type + "' is not in the fit table; use one of its types: "
                        + String.join(", ", table.byType().keySet()));
            if (!shape.valid())
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "type '%s' has n = %s, s = %s (line %d), outside the gamma family (n > 0, s in [0, 1]); drop it from the mix or refit it",
                        type, shape.n(), shape.s(), shape.line()));
            weights[k] = mix.get(type);
        }
        int[] count = counts(weights, hidden);
        List<String> types = new ArrayList<>(hidden);
        for (int k = 0; k < count.length; k++) types.addAll(Collections.nCopies(count[k], names.get(k)));
        SplittableRandom rng = new SplittableRandom(seed ^ SALT);
        for (int i = hidden - 1; i > 0; i--) Collections.swap(types, i, rng.nextInt(i + 1)); // Fisher-Yates
        double[] n = new double[hidden], s = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            FittedShapes.Shape shape = table.byType().get(types.get(i));
            n[i] = shape.n();
            s[i] = shape.s();
            for (int tries = 0; tries < MAX_JITTER_DRAWS && (jitterN > 0 || jitterS > 0); tries++) {
                double cn = shape.n() + jitterN * gaussian(rng), cs = shape.s() + jitterS * gaussian(rng);
                if (new FittedShapes.Shape(cn, cs, shape.line()).valid()) {
                    n[i] = cn;
                    s[i] = cs;
                    break;
                }
            }
        }
        return new ShapeAssignment(types, n, s);
    }

    /** Neurons per type, in order of first appearance of each type in the mix. */
    public Map<String, Integer> countByType() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String t : types) out.merge(t, 1, Integer::sum);
        return out;
    }

    /** One row per neuron: neuron,type,n,s (the run folder's init_shape.csv). */
    public String csv() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < n.length; i++)
            b.append(i).append(',').append(org.neuradapt.analysis.Csv.quote(types.get(i))).append(',').append(n[i]).append(',').append(s[i]).append('\n');
        return b.toString();
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}

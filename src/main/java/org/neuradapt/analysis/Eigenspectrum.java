package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Eigenvalues of a recurrent weight matrix W (docs/science.md section 5.8), at initialisation and
 * after training. W is not symmetric, so its eigenvalues are complex: Commons Math's
 * {@link EigenDecomposition} reduces it to real Schur form and reads them off the 1x1 and 2x2
 * diagonal blocks. The row-vector convention (a_t = h W) and PyTorch's (W^T h) have the same
 * spectrum, since W and W^T share eigenvalues.
 *
 * <p>Pure: no I/O.
 */
public final class Eigenspectrum {
    private Eigenspectrum() {}

    /** The two states of a run whose W is decomposed. */
    public static final String INIT = "init", TRAINED = "trained";

    /** One eigenvalue re + i im; {@code index} is its rank by decreasing modulus. */
    public record Eigenvalue(int index, double re, double im) {
        public double modulus() { return Math.hypot(re, im); }
    }

    /** The spectrum of one run's W in one state, eigenvalues by decreasing modulus (then by angle). */
    public record Spectrum(Source source, String state, List<Eigenvalue> values) {
        public Spectrum {
            values = List.copyOf(values);
        }

        /** The spectral radius max |lambda|. */
        public double radius() { return values.isEmpty() ? 0 : values.get(0).modulus(); }
    }

    /** The eigenvalues of the square matrix {@code w} ([N][N]). */
    public static Spectrum of(Source source, String state, double[][] w) {
        for (double[] row : w)
            if (row.length != w.length) throw new IllegalArgumentException("W must be square, got " + w.length + " rows of " + row.length);
        EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(w, false));
        double[] re = e.getRealEigenvalues(), im = e.getImagEigenvalues();
        List<Eigenvalue> v = new ArrayList<>();
        for (int i = 0; i < re.length; i++) v.add(new Eigenvalue(i, re[i], im[i]));
        v.sort(Comparator.comparingDouble((Eigenvalue x) -> -x.modulus()).thenComparingDouble(x -> Math.atan2(x.im(), x.re())));
        List<Eigenvalue> ranked = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) ranked.add(new Eigenvalue(i, v.get(i).re(), v.get(i).im()));
        return new Spectrum(source, state, ranked);
    }

    /** The tidy CSV: {@code run,model,state,index,re,im,modulus}, one row per eigenvalue. */
    public static String csv(List<Spectrum> spectra) {
        StringBuilder b = new StringBuilder("run,model,state,index,re,im,modulus\n");
        for (Spectrum s : spectra)
            for (Eigenvalue e : s.values())
                b.append(Csv.quote(s.source().run())).append(',').append(Csv.quote(s.source().model())).append(',').append(s.state()).append(',')
                        .append(e.index()).append(String.format(Locale.ROOT, ",%.10g,%.10g,%.10g%n", e.re(), e.im(), e.modulus()));
        return b.toString();
    }
}

package org.neuradapt.spiking;

import java.util.List;
import java.util.Locale;

/**
 * The (n, s) map (docs/science.md section 8.7): the spiking models' fitted gamma parameters beside
 * a trained network's learned (n_i, s_i), as one tidy table.
 */
public final class GainMap {
    private GainMap() {}

    public static final String HEADER = "kind,model,preset,neuron,n,n_se,s,s_se,n_at_bound";

    /** One row per model (kind "spiking", neuron empty) and per network neuron (kind "network", model and preset empty). */
    public static String csv(List<GammaFit.Result> fits, double[] networkN, double[] networkS) {
        if (networkN.length != networkS.length) throw new IllegalArgumentException(networkN.length + " gains and " + networkS.length + " saturations");
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (GammaFit.Result f : fits)
            sb.append(String.format(Locale.ROOT, "spiking,%s,%s,,%.6g,%.4g,%.6g,%.4g,%b%n", f.model().id(), f.model().preset(), f.n(), f.se()[0], f.s(), f.se()[1],
                    f.atGainBound()));
        for (int i = 0; i < networkN.length; i++) sb.append(String.format(Locale.ROOT, "network,,,%d,%.6g,,%.6g,,false%n", i, networkN[i], networkS[i]));
        return sb.toString();
    }
}

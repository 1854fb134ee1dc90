package org.neuradapt.spiking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuradapt.UserError;

/**
 * The registry of spiking models and their presets, read from {@code NAME[:PRESET]} (docs/science.md
 * section 8.1). Presets match case-insensitively; a model named without a preset is its first one.
 */
public final class SpikingModels {
    private SpikingModels() {}

    /** The preset name of a model that has only one parameter set. */
    public static final String DEFAULT = "default";

    /** Every model id with its presets, in the order figures and tables list them. */
    public static final Map<String, List<? extends SpikingModel>> ALL = registry();

    private static Map<String, List<? extends SpikingModel>> registry() {
        Map<String, List<? extends SpikingModel>> m = new LinkedHashMap<>();
        m.put("lif", Lif.PRESETS);
        m.put("alif", Alif.PRESETS);
        m.put("adex", AdEx.PRESETS);
        m.put("izhikevich", Izhikevich.PRESETS);
        m.put("hh", HodgkinHuxley.PRESETS);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every model and preset. */
    public static List<SpikingModel> all() {
        List<SpikingModel> out = new ArrayList<>();
        ALL.values().forEach(out::addAll);
        return out;
    }

    /** The known names, for error messages: lif, alif, adex:tonic|adapting|bursting, ... */
    public static String known() {
        List<String> names = new ArrayList<>();
        ALL.forEach((id, presets) -> names.add(presets.size() == 1 && presets.get(0).preset().equals(DEFAULT) ? id
                : id + ":" + String.join("|", presets.stream().map(SpikingModel::preset).toList())));
        return String.join(", ", names);
    }

    /**
     * One model: {@code NAME} (its first preset) or {@code NAME:PRESET}.
     *
     * @throws UserError naming {@code option} and listing the known models and presets
     */
    public static SpikingModel parse(String option, String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        String id = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT), preset = colon < 0 ? null : t.substring(colon + 1);
        List<? extends SpikingModel> presets = ALL.get(id);
        if (presets == null) throw new UserError(option + ": unknown model '" + text + "'; known: " + known() + ", or all");
        if (preset == null) return presets.get(0);
        for (SpikingModel m : presets) if (m.preset().equalsIgnoreCase(preset)) return m;
        throw new UserError(option + ": model " + id + " has no preset '" + preset + "'; known: " + known());
    }

    /** Every model the options name ({@code all} for every model and preset), in order, without repeats. */
    public static List<SpikingModel> parseAll(String option, List<String> texts) {
        List<SpikingModel> out = new ArrayList<>();
        for (String text : texts)
            for (SpikingModel m : text.strip().equalsIgnoreCase("all") ? all() : List.of(parse(option, text)))
                if (!out.contains(m)) out.add(m);
        if (out.isEmpty()) throw new UserError(option + ": name at least one model; known: " + known() + ", or all");
        return out;
    }
}

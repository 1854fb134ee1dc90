package org.neuradapt.neuron;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuradapt.analysis.Csv;

/**
 * Fitted gamma shapes (n, s) of spiking neuron types, read from the text of a fit table such as
 * {@code figures/spiking/fit.csv}: a header naming at least the columns {@code model}, {@code preset},
 * {@code n} and {@code s} (others are ignored), one row per type. A type is named
 * {@code model:preset} ({@code model} alone when the preset is empty), e.g. {@code izhikevich:RS}.
 * The networks start from these shapes when a config asks for a biologically initialised network
 * (docs/science.md section 9.2).
 *
 * @param byType (n, s) by type name, in file order
 */
public record FittedShapes(Map<String, Shape> byType) {

    /** The columns a fit table must have. */
    public static final List<String> COLUMNS = List.of("model", "preset", "n", "s");

    /** One type's fitted gain n and saturation s, with the 1-based line of the file it came from. */
    public record Shape(double n, double s, int line) {
        /** Whether gamma(x; n, s) is a member of the family (docs/science.md section 1.1): n &gt; 0, s in [0, 1]. */
        public boolean valid() { return n > 0 && Double.isFinite(n) && s >= 0 && s <= 1; }
    }

    public FittedShapes {
        byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    }

    /** The type name of a row: {@code model:preset}, or {@code model} when the preset is empty. */
    public static String typeName(String model, String preset) {
        return preset.isEmpty() ? model : model + ":" + preset;
    }

    /**
     * Parses a fit table. Lines that are blank or start with '#' are skipped; a number that does
     * not parse (a failed fit written as NaN or empty) is kept as NaN, so it is refused only when a
     * mix uses that type.
     *
     * @throws IllegalArgumentException naming the line, for a missing column, a short row or a type given twice
     */
    public static FittedShapes parse(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        if (lines.isEmpty()) throw new IllegalArgumentException("it is empty; it needs a header with the columns " + String.join(", ", COLUMNS));
        List<String> header = Csv.split(lines.get(0)).stream().map(String::strip).toList();
        int[] at = new int[COLUMNS.size()];
        for (int k = 0; k < at.length; k++) {
            at[k] = header.indexOf(COLUMNS.get(k));
            if (at[k] < 0) throw new IllegalArgumentException("its header has no column '" + COLUMNS.get(k) + "' (it needs "
                    + String.join(", ", COLUMNS) + ")");
        }
        Map<String, Shape> out = new LinkedHashMap<>();
        int line = 0;
        boolean headerSeen = false;
        for (String raw : text.lines().toList()) {
            line++;
            if (raw.isBlank() || raw.startsWith("#")) continue;
            if (!headerSeen) { headerSeen = true; continue; }
            List<String> f = Csv.split(raw);
            if (f.size() < header.size())
                throw new IllegalArgumentException("line " + line + " has " + f.size() + " fields, the header " + header.size());
            String type = typeName(f.get(at[0]).strip(), f.get(at[1]).strip());
            if (out.containsKey(type)) throw new IllegalArgumentException("line " + line + " repeats the type '" + type + "'");
            out.put(type, new Shape(number(f.get(at[2])), number(f.get(at[3])), line));
        }
        return new FittedShapes(out);
    }

    private static double number(String field) {
        try {
            return Double.parseDouble(field.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

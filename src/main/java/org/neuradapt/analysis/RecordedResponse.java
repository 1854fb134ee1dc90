package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuradapt.UserError;

/**
 * Responses recorded elsewhere (firing rates of real neurons, another simulator's output) for the
 * fractional-order estimator (docs/science.md section 5.4, "Recorded responses"): a CSV with a
 * column {@code t}, an optional column {@code xi} (the step's amplitude; 1 when absent) and one or
 * more response columns (one per neuron or cell). Rows of one amplitude are one response on
 * evenly spaced t; every amplitude has the same number of steps. The estimator then runs exactly
 * as on a network: the mean over the response columns is the mean response, each column a "neuron".
 *
 * @param file       the file's name, for messages and provenance
 * @param xi         the amplitudes, in order of first appearance
 * @param columns    the response columns' names
 * @param trialMeans per amplitude, the responses [T][columns]
 */
public record RecordedResponse(String file, List<Double> xi, List<String> columns, List<double[][]> trialMeans) {
    public RecordedResponse {
        xi = List.copyOf(xi);
        columns = List.copyOf(columns);
        trialMeans = List.copyOf(trialMeans);
    }

    /** Steps T of each response. */
    public int steps() { return trialMeans.get(0).length; }

    /**
     * Reads a response table.
     *
     * @throws UserError naming the file, and the line or column at fault, with the fix
     */
    public static RecordedResponse parse(String file, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) first++;
        if (first == lines.length) throw new UserError(file + ": the file is empty; give a CSV with a header such as t,xi,response");
        List<String> header = Csv.split(lines[first].strip());
        int tCol = header.indexOf("t"), xiCol = header.indexOf("xi");
        if (tCol < 0)
            throw new UserError(file + ": no column 't' in the header '" + lines[first].strip() + "'; name the time column t (e.g. t,xi,response)");
        List<Integer> responseCols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == tCol || c == xiCol) continue;
            String name = header.get(c).strip();
            if (name.isEmpty()) throw new UserError(file + ": column " + (c + 1) + " of the header has no name; name every column");
            if (names.contains(name)) throw new UserError(file + ": column '" + name + "' appears twice in the header; give each column its own name");
            responseCols.add(c);
            names.add(name);
        }
        if (responseCols.isEmpty())
            throw new UserError(file + ": no response column besides t" + (xiCol >= 0 ? " and xi" : "") + "; add one or more, e.g. t,xi,response");

        Map<Double, List<double[]>> byXi = new LinkedHashMap<>();  // xi -> rows of (t, responses...)
        for (int l = first + 1; l < lines.length; l++) {
            if (lines[l].isBlank()) continue;
            List<String> f = Csv.split(lines[l].strip());
            if (f.size() != header.size())
                throw new UserError(file + ": line " + (l + 1) + " has " + f.size() + " fields, the header " + header.size() + "; give one value per column");
            double[] row = new double[1 + responseCols.size()];
            row[0] = number(file, l, "t", f.get(tCol));
            for (int k = 0; k < responseCols.size(); k++) row[1 + k] = number(file, l, names.get(k), f.get(responseCols.get(k)));
            double xi = xiCol < 0 ? 1 : number(file, l, "xi", f.get(xiCol));
            byXi.computeIfAbsent(xi, k -> new ArrayList<>()).add(row);
        }
        if (byXi.isEmpty()) throw new UserError(file + ": the header has no rows under it; give one row per step");
        if (byXi.keySet().stream().noneMatch(v -> v > 0))
            throw new UserError(file + ": every xi is <= 0; the fit needs a step of amplitude xi > 0 (or drop the xi column: xi = 1)");

        List<double[][]> means = new ArrayList<>();
        int steps = -1;
        for (Map.Entry<Double, List<double[]>> e : byXi.entrySet()) {
            List<double[]> rows = e.getValue();
            String which = xiCol < 0 ? "" : " at xi = " + Robustness.number(e.getKey());
            if (steps >= 0 && rows.size() != steps)
                throw new UserError(file + ": " + rows.size() + " rows" + which + ", " + steps + " at the first xi; give every amplitude the same steps");
            steps = rows.size();
            if (steps < 2) throw new UserError(file + ": " + steps + " row" + which + "; a response needs at least 2 steps");
            double dt = rows.get(1)[0] - rows.get(0)[0];
            for (int t = 1; t < steps; t++) {
                double d = rows.get(t)[0] - rows.get(t - 1)[0];
                if (!(dt > 0) || Math.abs(d - dt) > 1e-6 * Math.max(1, Math.abs(dt)))
                    throw new UserError(String.format(Locale.ROOT, "%s: t%s is not increasing in even steps (t = %s then %s); the estimator takes samples at a "
                            + "fixed spacing: resample the response onto an even grid", file, which, Robustness.number(rows.get(t - 1)[0]),
                            Robustness.number(rows.get(t)[0])));
            }
            double[][] m = new double[steps][responseCols.size()];
            for (int t = 0; t < steps; t++) System.arraycopy(rows.get(t), 1, m[t], 0, responseCols.size());
            means.add(m);
        }
        return new RecordedResponse(file, new ArrayList<>(byXi.keySet()), names, means);
    }

    private static double number(String file, int line, String column, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserError(file + ": line " + (line + 1) + ", column " + column + ": '" + text + "' is not a finite number");
    }
}

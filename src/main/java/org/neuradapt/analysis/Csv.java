package org.neuradapt.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The small CSV dialect of result files: comma-separated, a field quoted only when it holds a comma or a quote. */
public final class Csv {
    private Csv() {}

    public static String quote(String s) {
        if (s == null) return "";
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') quoted = false;
                else f.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { out.add(f.toString()); f.setLength(0); }
            else f.append(c);
        }
        out.add(f.toString());
        return out;
    }

    /**
     * Reads a result CSV: checks its header, splits every non-blank line into exactly as many fields
     * as the header names and hands them to {@code row}; a malformed file is an
     * IllegalArgumentException naming the line.
     */
    public static <T> List<T> parse(String text, String header, String what, Function<List<String>, T> row) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).equals(header))
            throw new IllegalArgumentException("not a " + what + " CSV: the first line must be '" + header + "'");
        int fields = split(header).size();
        List<T> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = split(lines.get(i));
            try {
                if (f.size() != fields) throw new IllegalArgumentException(f.size() + " fields, " + fields + " expected");
                out.add(row.apply(f));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }
}

package org.neuradapt.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuradapt.UserError;
import org.neuradapt.config.RunConfig;

/**
 * Expands a sweep's grid into its points: the cartesian product of the grid keys in file order
 * (the first key varies slowest, like nested loops written in that order), each point resolved
 * into a validated run config and named by the template.
 */
public final class Grid {

    /** More points than this is almost certainly a mistake in the grid (and would take years). */
    public static final int MAX_POINTS = 100_000;

    /** The run name a point gets while its real name is computed from its resolved config. */
    static final String PROVISIONAL_NAME = "sweep-point";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** An override as ConfigLoader names it in a message: "--set KEY: ...". */
    private static final Pattern SET_PREFIX = Pattern.compile("^--set ([^:\\s]+): ");

    private Grid() {}

    /**
     * Turns a base config and overrides into a run config; the command resolves the base
     * config's path and loads it with ConfigLoader, tests may resolve from text.
     */
    @FunctionalInterface
    public interface Resolver {
        /**
         * @param base the base config as written in the sweep file's grid.config
         * @param overrides {@code key=value} overrides, applied in order
         * @return the resolved, validated config
         * @throws UserError for a missing base config or any config error
         */
        RunConfig resolve(String base, List<String> overrides);
    }

    /**
     * Expands and validates every point before anything runs, so that a typo in the last point
     * fails the sweep at once instead of hours later.
     *
     * @param spec the sweep
     * @param resolver loads a base config with overrides
     * @return the points in grid order
     * @throws UserError one line, prefixed by the sweep file and the point, for a config error in
     *                   any point; or for an unknown template placeholder, a run name that is not
     *                   a folder name, or two points with the same run name
     */
    public static List<Point> expand(SweepSpec spec, Resolver resolver) {
        Template template = Template.parse(spec);
        long count = spec.pointCount();
        if (count > MAX_POINTS)
            throw SweepSpec.error(spec.source(), "the grid has " + count + " points (more than " + MAX_POINTS + "); make it smaller");
        List<SweepSpec.Axis> axes = spec.grid();
        List<Point> points = new ArrayList<>();
        int[] at = new int[axes.size()];
        for (int index = 0; index < count; index++) {
            points.add(point(spec, template, resolver, index, at));
            // odometer: the last key turns fastest, so points come out in the order of nested loops
            for (int k = axes.size() - 1; k >= 0; k--) {
                if (++at[k] < axes.get(k).values().size()) break;
                at[k] = 0;
            }
        }
        refuseDuplicateNames(spec, points);
        return points;
    }

    private static Point point(SweepSpec spec, Template template, Resolver resolver, int index, int[] at) {
        Map<String, SweepSpec.Value> values = new LinkedHashMap<>();
        for (int k = 0; k < at.length; k++) values.put(spec.grid().get(k).key(), spec.grid().get(k).values().get(at[k]));
        Map<String, String> coordinates = new LinkedHashMap<>();
        values.forEach((k, v) -> coordinates.put(k, v.text()));
        String base = values.get(SweepSpec.CONFIG_KEY).text();
        List<String> overrides = new ArrayList<>();
        values.forEach((k, v) -> {
            if (!k.equals(SweepSpec.CONFIG_KEY)) overrides.add(k + "=" + v.overrideText());
        });
        for (SweepSpec.Setting s : spec.set()) overrides.add(s.key() + "=" + s.value().overrideText());

        // {model} and {seed} may come from the base config, so the name needs a first resolution
        RunConfig provisional;
        try {
            provisional = resolver.resolve(base, Point.runOverrides(overrides, spec.out(), PROVISIONAL_NAME));
        } catch (UserError e) {
            throw pointError(spec, fallbackLabel(spec, template, resolver, base, coordinates), e);
        }
        String name = template.render(provisional, base, coordinates);
        checkFolderName(spec, name, coordinates);
        RunConfig config;
        try {
            config = resolver.resolve(base, Point.runOverrides(overrides, spec.out(), name));
        } catch (UserError e) {
            throw pointError(spec, name, e);
        }
        return new Point(index, name, base, overrides, coordinates, config);
    }

    /**
     * A name for a point whose config does not resolve, for the error message: the run name if
     * the base config alone resolves (it gives {model} and {seed}), else its grid coordinates.
     */
    private static String fallbackLabel(SweepSpec spec, Template template, Resolver resolver, String base, Map<String, String> coordinates) {
        try {
            RunConfig plain = resolver.resolve(base, Point.runOverrides(List.of(), spec.out(), PROVISIONAL_NAME));
            return template.render(plain, base, coordinates);
        } catch (UserError | IllegalArgumentException e) {
            return Point.describe(coordinates);
        }
    }

    private static UserError pointError(SweepSpec spec, String label, UserError e) {
        String message = e.getMessage();
        Matcher m = SET_PREFIX.matcher(message);
        if (m.find()) {
            // the user wrote the key in the sweep file, not as --set: say where
            String key = m.group(1);
            String where = spec.axis(key) != null ? "grid." + key : "set." + key;
            message = where + ": " + message.substring(m.end());
        }
        return new UserError("sweep " + spec.source() + ", point " + label + ": " + message, e);
    }

    private static void checkFolderName(SweepSpec spec, String name, Map<String, String> coordinates) {
        boolean bad = name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\") || !name.strip().equals(name)
                || name.chars().anyMatch(Character::isWhitespace);
        if (bad)
            throw SweepSpec.error(spec.source(), "point " + Point.describe(coordinates) + " gets the run name '" + name + "' from the template '"
                    + spec.nameTemplate() + "', which is not a folder name (no '/', '\\', spaces or leading '.');"
                    + " leave keys whose values are paths out of name, or use {config} for base configs");
    }

    private static void refuseDuplicateNames(SweepSpec spec, List<Point> points) {
        Map<String, Point> seen = new HashMap<>();
        for (Point p : points) {
            Point first = seen.putIfAbsent(p.name(), p);
            if (first == null) continue;
            Set<String> differ = new LinkedHashSet<>();
            first.coordinates().forEach((k, v) -> {
                if (!v.equals(p.coordinates().get(k))) differ.add("{" + Template.placeholderFor(spec, k) + "}");
            });
            String hint = differ.isEmpty() ? "the grid lists the same values twice; remove the repeat"
                    : "add the grid keys that tell them apart to name, e.g. " + String.join(" ", differ);
            throw SweepSpec.error(spec.source(), "points " + (first.index() + 1) + " (" + first.coordinatesText() + ") and " + (p.index() + 1)
                    + " (" + p.coordinatesText() + ") both get the run name '" + p.name() + "' from the template '" + spec.nameTemplate()
                    + "', so one would overwrite the other; " + hint);
        }
    }

    /** A parsed run-name template: literal text and placeholders. */
    record Template(String text, List<String> placeholders, Map<String, String> gridKeyOf) {

        /** Placeholders that every sweep has, whatever its grid. */
        static final List<String> BUILT_IN = List.of("model", "seed", SweepSpec.CONFIG_KEY);

        static Template parse(SweepSpec spec) {
            String text = spec.nameTemplate();
            // a grid key is known by its full name and, when no other key shares it, by its last segment
            Map<String, String> gridKeyOf = new HashMap<>();
            Map<String, Integer> shortCount = new HashMap<>();
            for (SweepSpec.Axis a : spec.grid()) shortCount.merge(a.shortName(), 1, Integer::sum);
            for (SweepSpec.Axis a : spec.grid()) {
                gridKeyOf.put(a.key(), a.key());
                if (shortCount.get(a.shortName()) == 1) gridKeyOf.putIfAbsent(a.shortName(), a.key());
            }
            String stripped = PLACEHOLDER.matcher(text).replaceAll("");
            if (stripped.contains("{") || stripped.contains("}"))
                throw SweepSpec.error(spec.source(), "name template '" + text + "' has an unmatched '{' or '}'; write placeholders like {seed}");
            List<String> placeholders = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                String key = m.group(1).strip();
                if (!BUILT_IN.contains(key) && !gridKeyOf.containsKey(key)) {
                    List<String> known = new ArrayList<>();
                    BUILT_IN.forEach(b -> known.add("{" + b + "}"));
                    for (SweepSpec.Axis a : spec.grid())
                        if (!a.key().equals(SweepSpec.CONFIG_KEY)) known.add("{" + placeholderFor(spec, a.key()) + "}");
                    String ambiguous = shortCount.getOrDefault(key, 0) > 1 ? " (several grid keys end in '" + key + "'; use the full key)" : "";
                    throw SweepSpec.error(spec.source(), "name template '" + text + "' uses {" + key + "}, which is not a grid key" + ambiguous
                            + "; use " + String.join(", ", known));
                }
                placeholders.add(key);
            }
            return new Template(text, placeholders, gridKeyOf);
        }

        /** The shortest placeholder that names a grid key. */
        static String placeholderFor(SweepSpec spec, String key) {
            if (key.equals(SweepSpec.CONFIG_KEY)) return key;
            String shortName = key.substring(key.lastIndexOf('.') + 1);
            long same = spec.grid().stream().filter(a -> a.shortName().equals(shortName)).count();
            return same == 1 ? shortName : key;
        }

        String render(RunConfig config, String base, Map<String, String> coordinates) {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String key = m.group(1).strip();
                // a grid key wins: its value is exactly what the sweep file wrote
                String value = gridKeyOf.containsKey(key) && !key.equals(SweepSpec.CONFIG_KEY) ? coordinates.get(gridKeyOf.get(key))
                        : switch (key) {
                            case "model" -> config.model().type();
                            case "seed" -> Long.toString(config.seed());
                            case SweepSpec.CONFIG_KEY -> stem(base);
                            default -> throw new IllegalArgumentException("placeholder {" + key + "} passed parse");
                        };
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** A base config's file name without .yaml, e.g. cpu_arun for configs/cpu_arun.yaml. */
        static String stem(String base) {
            String file = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
            return file.replaceFirst("\\.(yaml|yml)$", "");
        }
    }
}

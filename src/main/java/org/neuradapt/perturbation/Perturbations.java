package org.neuradapt.perturbation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.neuradapt.UserError;

/**
 * Reads perturbations from YAML (already parsed into maps, lists and scalars) and from CLI
 * options, and writes them back (docs/science.md section 4). Every mistake is a one-line
 * {@link UserError} that names the config key or option: keys starting with {@code -} are CLI
 * options ({@code --xi: ...}), anything else a config key ({@code config key 'train.augment' ...}).
 *
 * <p>YAML forms: {@code none} (or null, or {@code {type: none}}); a mapping
 * {@code {type: step, xi: 5, window: {start: 0.255, length: 0.255}}} ({@code gaussian} likewise;
 * {@code window} may also be text, {@code "50:50"} or {@code "0.255:0.255"}, see {@link Window#parse},
 * and defaults to {@link Window#PAPER}); {@code {type: sinusoid, amplitude: 0.5, frequency: 1,
 * phase: 0}} (missing parameters take {@link SinusoidalInput#TEST}'s values); a list of these, or
 * {@code {type: combined, parts: [...]}}, applied in order ({@link Perturbation.Combined}).
 *
 * <p>A window mapping is in steps when {@code unit: steps} is given, or when both numbers are
 * written as integers and no unit is given ({@code {start: 50, length: 50}}); otherwise the
 * numbers are fractions of T (docs/science.md section 4.5). {@link #toMap} always writes the unit.
 */
public final class Perturbations {

    /** The values of a perturbation's {@code type}. */
    public static final List<String> TYPES = List.of("none", "step", "gaussian", "sinusoid", "combined");

    /** The types {@link #fromCli} builds. */
    public static final List<String> CLI_TYPES = List.of("none", "step", "gaussian", "sinusoid");

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private Perturbations() {}

    /**
     * A perturbation from its YAML value.
     *
     * @param key the config key (or option) it was given under, named in error messages
     * @param yaml null, "none", a mapping with a {@code type}, or a list of such values
     * @throws UserError naming the key (and the nested key) for anything it cannot read
     */
    public static Perturbation fromMap(String key, Object yaml) {
        if (yaml == null) return Perturbation.NONE;
        if (yaml instanceof String s) {
            if (s.strip().equals("none")) return Perturbation.NONE;
            throw error(key, "must be none, a mapping such as {type: step, xi: 5, window: \"0.255:0.255\"}"
                    + " or a list of them, got '" + s + "'");
        }
        if (yaml instanceof List<?> list) {
            List<Perturbation> parts = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) parts.add(fromMap(key + "[" + i + "]", list.get(i)));
            return new Perturbation.Combined(parts);
        }
        if (yaml instanceof Map<?, ?> map) return fromMapping(key, map);
        throw error(key, "must be none, a mapping with a type (" + String.join(", ", TYPES) + ") or a list of them, got " + yaml);
    }

    private static Perturbation fromMapping(String key, Map<?, ?> map) {
        Object type = map.get("type");
        if (!(type instanceof String t) || !TYPES.contains(t))
            throw error(key + ".type", "must be one of " + String.join(", ", TYPES)
                    + (type == null ? ", got nothing (add type: ...)" : ", got " + show(type)));
        List<String> known = switch (t) {
            case "step", "gaussian" -> List.of("type", "xi", "window");
            case "sinusoid" -> List.of("type", "amplitude", "frequency", "phase");
            case "combined" -> List.of("type", "parts");
            default -> List.of("type");
        };
        for (Object k : map.keySet())
            if (!known.contains(String.valueOf(k)))
                throw error(key + "." + k, "is unknown for type " + t + " (known keys: " + String.join(", ", known) + ")");
        try {
            return switch (t) {
                case "step" -> new StepDrive(required(key, map, "xi"), window(key + ".window", map.get("window")));
                case "gaussian" -> new GaussianDrive(required(key, map, "xi"), window(key + ".window", map.get("window")));
                case "sinusoid" -> new SinusoidalInput(
                        optional(key, map, "amplitude", SinusoidalInput.TEST.amplitude()),
                        optional(key, map, "frequency", SinusoidalInput.TEST.frequency()),
                        optional(key, map, "phase", SinusoidalInput.TEST.phase()));
                case "combined" -> {
                    Object parts = map.get("parts");
                    if (!(parts instanceof List<?>))
                        throw error(key + ".parts", "must be a list of perturbations, got " + show(parts));
                    yield fromMap(key + ".parts", parts);
                }
                default -> Perturbation.NONE;
            };
        } catch (UserError e) {
            if (e.getMessage().startsWith("config key ") || e.getMessage().startsWith("-")) throw e;
            throw errorColon(key, e.getMessage());  // a value the record itself refused, e.g. a negative std
        }
    }

    private static double required(String key, Map<?, ?> map, String name) {
        if (!map.containsKey(name)) throw error(key + "." + name, "is missing; add " + name + ": NUMBER");
        return number(key + "." + name, map.get(name));
    }

    private static double optional(String key, Map<?, ?> map, String name, double otherwise) {
        return map.containsKey(name) ? number(key + "." + name, map.get(name)) : otherwise;
    }

    private static double number(String key, Object v) {
        double d = Double.NaN;
        if (v instanceof Number n) d = n.doubleValue();
        else if (v instanceof String s && DECIMAL.matcher(s.strip()).matches()) d = Double.parseDouble(s.strip());
        if (Double.isFinite(d)) return d;
        String hint = key.endsWith(".frequency") && v instanceof String
                ? " (a frequency drawn per batch from U(0, 2) is the paper's augmentation: train.sinusoid_p)" : "";
        throw error(key, "must be a number, got " + show(v) + hint);
    }

    private static Window window(String key, Object v) {
        try {
            if (v == null) return Window.PAPER;
            if (v instanceof String s) return Window.parse(s);
            if (v instanceof Map<?, ?> m) {
                for (Object k : m.keySet())
                    if (!List.of("start", "length", "unit").contains(String.valueOf(k)))
                        throw error(key + "." + k, "is unknown (known keys: start, length, unit)");
                if (!m.containsKey("start") || !m.containsKey("length"))
                    throw error(key, "needs start and length, got " + show(m));
                Object start = m.get("start"), length = m.get("length"), unit = m.get("unit");
                double a = number(key + ".start", start), b = number(key + ".length", length);
                if (a < 0 || b < 0) throw error(key, "must not be negative, got " + show(m));
                Window.Unit u;
                if (unit == null) u = isInteger(start) && isInteger(length) ? Window.Unit.STEPS : Window.Unit.FRACTION;
                else if ("steps".equals(unit)) u = Window.Unit.STEPS;
                else if ("fraction".equals(unit)) u = Window.Unit.FRACTION;
                else throw error(key + ".unit", "must be steps or fraction, got " + show(unit));
                return new Window(a, b, u);
            }
            throw error(key, "must be " + Window.FORMS + ", or a mapping {start: 0.255, length: 0.255}, got " + show(v));
        } catch (UserError e) {
            if (e.getMessage().startsWith("config key ") || e.getMessage().startsWith("-")) throw e;
            throw errorColon(key, e.getMessage());
        }
    }

    private static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger;
    }

    /**
     * A perturbation from CLI options.
     *
     * @param type none, step, gaussian or sinusoid
     * @param amplitude xi for the drives, A for the sinusoid
     * @param window the drives' window text ({@link Window#parse}); null for {@link Window#PAPER}; ignored by none
     * @param frequency the sinusoid's f (null for 1)
     * @param phase the sinusoid's phase (null for 0)
     * @throws UserError naming the option for an unknown type, a bad window, a negative std, or an option the type does not take
     */
    public static Perturbation fromCli(String type, double amplitude, String window, Double frequency, Double phase) {
        String t = type == null ? "none" : type.strip();
        if (!CLI_TYPES.contains(t))
            throw new UserError("--perturbation must be one of " + String.join(", ", CLI_TYPES) + ", got '" + type + "'");
        if (!t.equals("sinusoid") && (frequency != null || phase != null))
            throw new UserError("--frequency and --phase apply to --perturbation sinusoid only, not " + t);
        if (t.equals("sinusoid") && window != null)
            throw new UserError("--window applies to the step and gaussian drives only; the sinusoid acts on every step");
        try {
            return switch (t) {
                case "step" -> new StepDrive(amplitude, windowOption(window));
                case "gaussian" -> new GaussianDrive(amplitude, windowOption(window));
                case "sinusoid" -> new SinusoidalInput(amplitude, frequency == null ? 1.0 : frequency, phase == null ? 0.0 : phase);
                default -> Perturbation.NONE;
            };
        } catch (UserError e) {
            if (e.getMessage().startsWith("-")) throw e;
            throw new UserError((t.equals("sinusoid") ? "--amplitude: " : "--xi: ") + e.getMessage());
        }
    }

    /** A --window option's value (null: the paper's window), refused with --window named. */
    public static Window windowOption(String text) {
        if (text == null) return Window.PAPER;
        try {
            return Window.parse(text);
        } catch (UserError e) {
            throw new UserError("--window: " + e.getMessage());
        }
    }

    /** The YAML value of a perturbation, read back equal by {@link #fromMap}; the window always carries its unit. */
    public static Map<String, Object> toMap(Perturbation p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.type());
        if (p instanceof StepDrive s) {
            m.put("xi", s.xi());
            m.put("window", windowMap(s.window()));
        } else if (p instanceof GaussianDrive g) {
            m.put("xi", g.xi());
            m.put("window", windowMap(g.window()));
        } else if (p instanceof SinusoidalInput s) {
            m.put("amplitude", s.amplitude());
            m.put("frequency", s.frequency());
            m.put("phase", s.phase());
        } else if (p instanceof Perturbation.Combined c && !c.parts().isEmpty()) {
            m.put("parts", c.parts().stream().map(Perturbations::toMap).toList());
        }
        return m;
    }

    private static Map<String, Object> windowMap(Window w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", w.start());
        m.put("length", w.length());
        m.put("unit", w.unit() == Window.Unit.STEPS ? "steps" : "fraction");
        return m;
    }

    /**
     * Reads a comma-separated list of numbers, e.g. {@code 0,0.5,1,2.5}.
     *
     * @param option the option (or key) it came from, named in the message
     * @throws UserError such as {@code --xi: cannot read '0,,x' (item 2 is empty); give comma-separated numbers, e.g. 0,0.5,1}
     */
    public static double[] parseList(String option, String text) {
        return parse(option, text);
    }

    /** {@link #parseList} as an immutable list, the form the analyses' protocol records take. */
    public static java.util.List<Double> parseValues(String option, String text) {
        return java.util.Arrays.stream(parse(option, text)).boxed().toList();
    }

    private static double[] parse(String option, String text) {
        String[] items = text == null ? new String[] {""} : text.split(",", -1);
        double[] out = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            String problem = item.isEmpty() ? "item " + (i + 1) + " is empty"
                    : DECIMAL.matcher(item).matches() ? null : "item " + (i + 1) + ", '" + item + "', is not a number";
            if (problem == null && !Double.isFinite(out[i] = Double.parseDouble(item)))
                problem = "item " + (i + 1) + ", '" + item + "', is too large";
            if (problem != null)
                throw new UserError(option + ": cannot read '" + text + "' (" + problem + "); give comma-separated numbers, e.g. 0,0.5,1");
        }
        return out;
    }

    /** A number as ids show it: 5, 0.5, 1.0E-7 (no trailing zeros; exact enough to tell values apart). */
    static String number(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e9 ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }

    private static String show(Object v) {
        if (v == null) return "nothing";
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    private static UserError error(String key, String tail) {
        return new UserError(key.startsWith("-") ? key + " " + tail : "config key '" + key + "' " + tail);
    }

    /** Wraps a nested message for {@link #error}: "config key 'k': ..." or "--opt: ...". */
    private static UserError errorColon(String key, String message) {
        return new UserError(key.startsWith("-") ? key + ": " + message : "config key '" + key + "': " + message);
    }
}

package org.neuradapt.perturbation;

import java.util.regex.Pattern;
import org.neuradapt.UserError;

/**
 * A time window given in steps or as fractions of the sequence length T (docs/science.md
 * section 4.5). The paper places its drives at pos 200, len 200 of T = 784; a CPU-scale task with
 * T = 196 or 49 keeps that protocol by giving the window as fractions of T ({@link #PAPER}).
 *
 * <p>Resolution rule for fractions: {@code pos = round(start * T)}, {@code len = round(length * T)}
 * with {@link Math#round(double)} (halves round up). {@link #PAPER} gives 200:200 at T = 784,
 * 50:50 at T = 196 and 13:13 at T = 49 (12.5 rounds up); the rounded text {@code 0.2551} gives
 * 12:12 at T = 49, so name {@link #PAPER} rather than a rounded decimal when the exact protocol
 * matters.
 *
 * <p>A window fits a sequence of T steps when {@code 0 <= pos < T} and {@code len >= 0}. A window
 * that runs past the end is cut there rather than refused, since a drive that lasts "until the
 * end" is a legitimate protocol; a start outside [0, T) touches nothing and is always a mistake.
 *
 * @param start the first boundary: steps, or a fraction of T
 * @param length the length: steps, or a fraction of T
 * @param unit which of the two
 */
public record Window(double start, double length, Unit unit) {

    /** How {@link #start} and {@link #length} are measured. */
    public enum Unit { STEPS, FRACTION }

    /** The paper's window, pos 200, len 200 at T = 784, as fractions so that it scales with T. */
    public static final Window PAPER = new Window(200.0 / 784, 200.0 / 784, Unit.FRACTION);

    /** What {@link #parse} accepts, for error messages. */
    public static final String FORMS = "POS:LEN in steps (e.g. 50:50) or as fractions of T (e.g. 0.255:0.255 or 25.5%:25.5%)";

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    public Window {
        if (unit == null) throw new IllegalArgumentException("window unit must be STEPS or FRACTION, got null");
        if (!Double.isFinite(start) || !Double.isFinite(length))
            throw new UserError("window " + start + ":" + length + " must be two finite numbers");
        if (unit == Unit.STEPS && (start != Math.rint(start) || length != Math.rint(length)))
            throw new UserError("window " + start + ":" + length + " in steps must be two whole numbers");
    }

    /** A window in steps. */
    public static Window steps(int pos, int len) { return new Window(pos, len, Unit.STEPS); }

    /** A window as fractions of T. */
    public static Window fractions(double start, double length) { return new Window(start, length, Unit.FRACTION); }

    /**
     * The window in steps for a sequence of {@code steps} steps.
     *
     * @throws UserError naming the window and T when it does not fit (a start outside [0, T), or a negative length)
     */
    public Steps resolve(int steps) {
        long pos = unit == Unit.STEPS ? (long) start : Math.round(start * steps);
        long len = unit == Unit.STEPS ? (long) length : Math.round(length * steps);
        if (pos < 0 || pos >= steps || len < 0) {
            String resolved = unit == Unit.FRACTION ? " (fractions of T, " + pos + ":" + len + " in steps)" : " (steps)";
            throw new UserError("window " + text() + resolved + " does not fit a sequence of T = " + steps
                    + " steps: its start must be in [0, " + steps + ") and its length >= 0");
        }
        return new Steps((int) pos, (int) Math.min(len, Integer.MAX_VALUE));
    }

    /** The window as {@link #parse} reads it back: {@code 50:50} in steps, {@code 0.25:0.25} as fractions. */
    public String text() {
        return unit == Unit.STEPS
                ? (long) start + ":" + (long) length
                : Double.toString(start) + ":" + Double.toString(length);
    }

    /**
     * Reads a window: {@code POS:LEN} in steps when both numbers are written as integers
     * ({@code 50:50}); otherwise both are fractions of T ({@code 0.255:0.255}, {@code 0:0.5}), and
     * a number ending in {@code %} is a percentage ({@code 25.5%:25.5%}).
     *
     * @throws UserError naming the text and the forms accepted
     */
    public static Window parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(":", -1);
        if (parts.length != 2) throw unreadable(text);
        String a = parts[0].strip(), b = parts[1].strip();
        if (INTEGER.matcher(a).matches() && INTEGER.matcher(b).matches()) {
            try {
                Window w = steps(Integer.parseInt(a), Integer.parseInt(b));
                if (w.start < 0 || w.length < 0) throw negative(text);
                return w;
            } catch (NumberFormatException e) {
                throw unreadable(text);  // more digits than an int holds
            }
        }
        Window w = fractions(fraction(a, text), fraction(b, text));
        if (w.start < 0 || w.length < 0) throw negative(text);
        return w;
    }

    private static double fraction(String s, String text) {
        boolean percent = s.endsWith("%");
        String number = percent ? s.substring(0, s.length() - 1).strip() : s;
        if (!DECIMAL.matcher(number).matches()) throw unreadable(text);
        double v = Double.parseDouble(number);
        return percent ? v / 100 : v;
    }

    private static UserError unreadable(String text) {
        return new UserError("cannot read window '" + text + "'; give " + FORMS);
    }

    private static UserError negative(String text) {
        return new UserError("window '" + text + "' must not be negative; give " + FORMS);
    }

    /**
     * A window resolved to steps: the steps {@code pos < t < pos + len}, strict on both ends as in
     * the authors' {@code StepTransform} (docs/science.md section 4.1). Kept strict so that results
     * compare one to one with the reference: a window 200:200 touches the 199 steps 201..399.
     */
    public record Steps(int pos, int len) {
        public boolean contains(int t) { return t > pos && t < pos + len; }

        /** The first step inside the window. */
        public int first() { return pos + 1; }

        /** One past the last step inside the window, cut at {@code steps}. */
        public int end(int steps) { return (int) Math.min((long) pos + len, steps); }

        @Override public String toString() { return pos + ":" + len; }
    }
}

package org.neuradapt.sweep;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.neuradapt.UserError;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A sweep file, read but not yet expanded: where the runs go, how they are named, the grid of
 * values to combine, the overrides every point shares and the SLURM resources.
 *
 * <pre>
 * out: runs/robustness_cpu          # parent folder of the runs
 * name: "{model}_s{seed}"           # run-name template
 * grid:                             # cartesian product, in file order
 *   config: [configs/cpu_rnn_relu.yaml, configs/cpu_arun.yaml]
 *   seed: [200, 400, 600]
 * set:                              # fixed overrides for every point
 *   train.epochs: 3
 * slurm: {time: "04:00:00", cpus_per_task: 2, mem: 6G}
 * </pre>
 *
 * <p>The file is read with SnakeYAML's node tree rather than bound to objects so that every value
 * keeps the text it was written with: {@code lr: [1e-3]} names a run {@code lr1e-3}, not
 * {@code lr0.001}, and reaches the run config through exactly the {@code --set} text a user
 * would type.
 *
 * @param source how the file is named in messages, e.g. {@code configs/sweep_smoke.yaml}
 * @param out the parent folder of the runs, as written (relative to the directory the sweep runs in)
 * @param nameTemplate the run-name template, e.g. {@code {model}_s{seed}}
 * @param grid the grid keys in file order, {@link #CONFIG_KEY} among them
 * @param set the fixed overrides in file order
 * @param slurm the SLURM resources of the {@code slurm} section (unset fields are null)
 */
public record SweepSpec(String source, String out, String nameTemplate, List<Axis> grid, List<Setting> set,
                        SlurmResources slurm) {

    /** The grid key that lists the base run configs. */
    public static final String CONFIG_KEY = "config";

    /** The keys a sweep file may have at its top level. */
    public static final List<String> KEYS = List.of("out", "name", "grid", "set", "slurm");

    /** The keys of the {@code slurm} section. */
    public static final List<String> SLURM_KEYS = List.of("time", "cpus_per_task", "mem", "partition", "account", "job_name", "extra");

    /** Plain YAML text that every YAML reader takes for the same string (no number, boolean or null look-alike). */
    private static final Pattern PLAIN_STRING = Pattern.compile("(\\.\\.?/|[A-Za-z_/])[A-Za-z0-9_./@+-]*");

    public SweepSpec {
        grid = List.copyOf(grid);
        set = List.copyOf(set);
    }

    /**
     * One value from the sweep file, as written.
     *
     * @param text the scalar's text without quotes
     * @param quoted whether the file quoted it, which makes it a string whatever it looks like
     */
    public record Value(String text, boolean quoted) {
        /**
         * The value as the right-hand side of {@code --set key=value}, so that the run config reads
         * the same value the sweep file meant: a quoted value that would otherwise read as a number,
         * boolean or null (e.g. {@code "007"}) stays quoted.
         */
        public String overrideText() {
            if (!quoted || (PLAIN_STRING.matcher(text).matches() && new Resolver().resolve(NodeId.scalar, text, true).equals(Tag.STR)))
                return text;
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /** One grid key and its values, in file order. */
    public record Axis(String key, List<Value> values) {
        public Axis {
            values = List.copyOf(values);
        }

        /** The last segment of the key, e.g. {@code lr} for {@code train.lr}: its name in the run-name template. */
        public String shortName() {
            return key.substring(key.lastIndexOf('.') + 1);
        }
    }

    /** One fixed override of the {@code set} section. */
    public record Setting(String key, Value value) {}

    /** The grid's base configs (the values of {@link #CONFIG_KEY}). */
    public Axis configAxis() {
        return axis(CONFIG_KEY);
    }

    /** The number of points the grid expands to. */
    public long pointCount() {
        long n = 1;
        for (Axis a : grid) n *= a.values().size();
        return n;
    }

    /**
     * Reads a sweep file's text.
     *
     * @param text the YAML text
     * @param source how the file is named in messages
     * @param stem the file name without {@code .yaml}; the default {@code out} is {@code runs/<stem>}
     *             and the default SLURM job name is the stem
     * @throws UserError one line naming the problem and the fix, for bad YAML, an unknown key, an
     *                   empty grid, a grid without {@code config}, or a key both in grid and set
     */
    public static SweepSpec parse(String text, String source, String stem) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text == null ? "" : text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            String where = m == null ? "" : " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
            throw error(source, "not valid YAML" + where + ": " + oneLine(e.getProblem()) + "; fix the syntax there");
        } catch (YAMLException e) {
            throw error(source, "not valid YAML: " + oneLine(e.getMessage()) + "; fix the syntax there");
        }
        if (root == null || (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL)))
            throw error(source, "the file is empty; it needs at least a grid, e.g. grid: {config: [configs/smoke.yaml], seed: [1, 2]}");
        if (!(root instanceof MappingNode top))
            throw error(source, "the file must hold a mapping with the keys " + KEYS + " at its top level");

        String out = "runs/" + stem, name = null;
        List<Axis> grid = null;
        List<Setting> set = List.of();
        SlurmResources slurm = SlurmResources.NONE;
        for (Map.Entry<String, Node> e : entries(top, "", source).entrySet()) {
            String key = e.getKey();
            Node value = e.getValue();
            switch (key) {
                case "out" -> out = string(value, "out", source, "a folder, e.g. out: runs/my_sweep");
                case "name" -> name = string(value, "name", source, "a template, e.g. name: \"{model}_s{seed}\"");
                case "grid" -> grid = grid(value, source);
                case "set" -> set = settings(value, source);
                case "slurm" -> slurm = slurm(value, source);
                default -> throw error(source, "unknown key '" + key + "'" + suggestion(key, KEYS) + "; a sweep file has the keys " + KEYS);
            }
        }
        if (grid == null || grid.isEmpty())
            throw error(source, "the grid is empty; add grid: with config: [configs/<run>.yaml, ...] and the keys to vary, e.g. seed: [200, 400]");
        if (grid.stream().noneMatch(a -> a.key().equals(CONFIG_KEY)))
            throw error(source, "grid.config is missing; list the base run configs there, e.g. config: [configs/cpu_arun.yaml]");
        for (Axis a : grid)
            if (a.values().isEmpty())
                throw error(source, "grid." + a.key() + " has no values, so the grid has no points; give it at least one, e.g. "
                        + a.key() + ": [" + (a.key().equals(CONFIG_KEY) ? "configs/smoke.yaml" : "1") + "]");
        Set<String> gridKeys = new LinkedHashSet<>();
        for (Axis a : grid) gridKeys.add(a.key());
        for (Setting s : set)
            if (gridKeys.contains(s.key()))
                throw error(source, "key '" + s.key() + "' is both in grid and in set; keep it in one of them");
        if (name == null) name = defaultName(grid);
        return new SweepSpec(source, out, name, grid, set, slurm);
    }

    /** The axis of a key, or null. */
    public Axis axis(String key) {
        for (Axis a : grid) if (a.key().equals(key)) return a;
        return null;
    }

    /** The default template names a run by its base config and every other grid key with its value. */
    private static String defaultName(List<Axis> grid) {
        StringBuilder sb = new StringBuilder("{" + CONFIG_KEY + "}");
        for (Axis a : grid)
            if (!a.key().equals(CONFIG_KEY)) sb.append('_').append(a.shortName()).append('{').append(a.key()).append('}');
        return sb.toString();
    }

    private static List<Axis> grid(Node node, String source) {
        if (isNull(node)) return List.of();
        if (!(node instanceof MappingNode map))
            throw error(source, "grid must be a mapping of keys to lists of values, e.g. grid: {config: [configs/smoke.yaml], seed: [1, 2]}");
        List<Axis> axes = new ArrayList<>();
        flatten(map, "", source, "grid", (key, value) -> {
            checkRunKey(key, "grid", source);
            List<Value> values = new ArrayList<>();
            if (value instanceof SequenceNode seq) {
                int i = 0;
                for (Node item : seq.getValue()) {
                    i++;
                    if (!(item instanceof ScalarNode s) || isNull(item))
                        throw error(source, "grid." + key + ", value " + i + " must be one plain value (a number or a string), not "
                                + kind(item) + "; each grid value sets the key once");
                    values.add(value(s, "grid." + key, source));
                }
            } else if (value instanceof ScalarNode s && !isNull(s)) {
                values.add(value(s, "grid." + key, source)); // one value: the key is fixed, like set
            }
            axes.add(new Axis(key, values));
        });
        return axes;
    }

    private static List<Setting> settings(Node node, String source) {
        if (isNull(node)) return List.of();
        if (!(node instanceof MappingNode map))
            throw error(source, "set must be a mapping of config keys to values, e.g. set: {train.epochs: 3}");
        List<Setting> out = new ArrayList<>();
        flatten(map, "", source, "set", (key, value) -> {
            checkRunKey(key, "set", source);
            if (!(value instanceof ScalarNode s))
                throw error(source, "set." + key + " must be one value, not " + kind(value) + "; to try several values, move it to grid");
            out.add(new Setting(key, value(s, "set." + key, source)));
        });
        return out;
    }

    /** out, name and config belong to the sweep, not to one point; say where they go instead. */
    private static void checkRunKey(String key, String section, String source) {
        switch (key) {
            case "out" -> throw error(source, section + ".out: every run of a sweep goes under the sweep's out; set the top-level out: instead");
            case "name" -> throw error(source, section + ".name: run names come from the name template; set the top-level name: instead");
            case CONFIG_KEY -> {
                if (section.equals("set"))
                    throw error(source, "set.config: base configs go in grid.config, e.g. grid: {config: [configs/cpu_arun.yaml]}");
            }
            default -> { }
        }
    }

    private static SlurmResources slurm(Node node, String source) {
        if (isNull(node)) return SlurmResources.NONE;
        if (!(node instanceof MappingNode map))
            throw error(source, "slurm must be a mapping, e.g. slurm: {time: \"04:00:00\", cpus_per_task: 2, mem: 6G}");
        String time = null, mem = null, partition = null, account = null, jobName = null;
        Integer cpus = null;
        List<String> extra = List.of();
        for (Map.Entry<String, Node> e : entries(map, "slurm.", source).entrySet()) {
            String key = e.getKey(), path = "slurm." + key;
            Node v = e.getValue();
            switch (key) {
                case "time" -> time = string(v, path, source, "a SLURM time, e.g. time: \"04:00:00\"");
                case "mem" -> mem = string(v, path, source, "a SLURM memory size, e.g. mem: 6G");
                case "partition" -> partition = string(v, path, source, "a partition name");
                case "account" -> account = string(v, path, source, "an account name");
                case "job_name" -> jobName = string(v, path, source, "a job name");
                case "cpus_per_task" -> {
                    String t = string(v, path, source, "a whole number, e.g. cpus_per_task: 2");
                    if (!t.matches("\\d{1,4}") || Integer.parseInt(t) < 1)
                        throw error(source, path + " must be a whole number >= 1, got '" + t + "'");
                    cpus = Integer.parseInt(t);
                }
                case "extra" -> {
                    List<String> lines = new ArrayList<>();
                    List<Node> items = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
                    for (Node item : items) {
                        String line = string(item, path, source, "a list of sbatch options, e.g. extra: [\"--qos=normal\"]");
                        if (!line.startsWith("-"))
                            throw error(source, path + " holds '" + line + "', which is not an sbatch option; write options like \"--qos=normal\"");
                        lines.add(line);
                    }
                    extra = lines;
                }
                default -> throw error(source, "unknown key '" + path + "'" + suggestion(key, SLURM_KEYS) + "; the slurm section has the keys " + SLURM_KEYS);
            }
        }
        return new SlurmResources(time, cpus, mem, partition, account, jobName, extra);
    }

    private interface LeafConsumer {
        void accept(String key, Node value);
    }

    /** Walks nested mappings, so that {@code train: {lr: [..]}} and {@code train.lr: [..]} mean the same key. */
    private static void flatten(MappingNode map, String prefix, String source, String section, LeafConsumer leaf) {
        for (Map.Entry<String, Node> e : entries(map, section + "." + prefix, source).entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof MappingNode inner) flatten(inner, key + ".", source, section, leaf);
            else leaf.accept(key, e.getValue());
        }
    }

    /** The entries of a mapping in file order; a key given twice is refused (the later would win silently). */
    private static Map<String, Node> entries(MappingNode map, String prefix, String source) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k))
                throw error(source, "keys must be plain names, got " + kind(t.getKeyNode()) + " as a key" + (prefix.isEmpty() ? "" : " in " + prefix.replaceAll("\\.$", "")));
            if (out.put(k.getValue(), t.getValueNode()) != null)
                throw error(source, "key '" + prefix + k.getValue() + "' appears twice; keep one");
        }
        return out;
    }

    private static Value value(ScalarNode s, String path, String source) {
        String text = s.getValue();
        // points.tsv and the SLURM script hold one point per line and tab-separated fields
        if (text.contains("\t") || text.contains("\n") || text.contains("\r"))
            throw error(source, path + " holds a value with a tab or line break; write it on one line without tabs");
        return new Value(text, s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN);
    }

    private static String string(Node node, String path, String source, String expected) {
        if (!(node instanceof ScalarNode s) || isNull(node))
            throw error(source, path + " must be " + expected + ", got " + kind(node));
        if (s.getValue().contains("\n") || s.getValue().contains("\t"))
            throw error(source, path + " must be on one line without tabs");
        return s.getValue();
    }

    private static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && s.getTag().equals(Tag.NULL));
    }

    private static String kind(Node node) {
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof MappingNode) return "a mapping";
        if (isNull(node)) return "nothing";
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** " (did you mean 'x'?)" for the closest known key when it is a plausible typo, else "". */
    static String suggestion(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key.toLowerCase(), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        // further away than about half the word, a suggestion is noise rather than a typo fix
        return best != null && bestDistance <= Math.max(2, key.length() / 2) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    static UserError error(String source, String message) {
        return new UserError(oneLine("sweep " + source + ": " + message));
    }
}

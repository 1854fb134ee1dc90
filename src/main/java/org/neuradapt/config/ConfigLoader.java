package org.neuradapt.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigSchema.Key;
import org.neuradapt.config.ConfigSchema.Kind;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.Perturbations;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads run configs: a YAML file deep-merged over the paper defaults, then {@code --set}
 * overrides, then bound to {@link RunConfig} and validated by {@link ConfigRules}. Every mistake
 * becomes a one-line {@link UserError} that names the key (or file) and what to write instead.
 *
 * <p>The key checks run on the YAML tree before binding, so that a message can name the dotted
 * key path and suggest a spelling; Jackson's own unknown-property check stays on as a safety net.
 */
public final class ConfigLoader {

    /** The class-path resource, next to this class, that holds the complete default config. */
    public static final String DEFAULTS_RESOURCE = "defaults.yaml";

    /** The run name used by {@link #fromString} when the YAML has none. */
    public static final String STRING_RUN_NAME = "run";

    /** Shown by {@link #describe()} as the default of {@code name}, which has no fixed default. */
    private static final String NAME_DEFAULT_TEXT = "<config file name without .yaml>";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            // A key given twice in one file is almost always a paste error; the later one would win silently.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            // Every string value is written quoted: Jackson reads plain 1e-4, 0x10 or 007 as numbers,
            // so an unquoted name or folder like those would not read back as the same string.
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .addModule(perturbationModule())
            .build();

    /** Decimal numbers as YAML writes them; YAML 1.1 parsers leave "1e-4" (no dot) as a string. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

    private static final int MAX_SHOWN_CHARS = 60;

    private ConfigLoader() {
    }

    /**
     * Perturbations (train.augment) are written as {@link Perturbations#toMap} gives them, or as
     * {@code none}, and read by {@link Perturbations#fromMap}; so config.yaml holds the same text
     * a user would write, and every value the record takes round-trips.
     */
    private static com.fasterxml.jackson.databind.Module perturbationModule() {
        com.fasterxml.jackson.databind.module.SimpleModule m = new com.fasterxml.jackson.databind.module.SimpleModule("perturbations");
        m.addSerializer(Perturbation.class, new com.fasterxml.jackson.databind.JsonSerializer<Perturbation>() {
            @Override
            public void serialize(Perturbation p, com.fasterxml.jackson.core.JsonGenerator gen,
                                  com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                if (Perturbation.NONE.equals(p)) gen.writeString("none");
                else provider.defaultSerializeValue(Perturbations.toMap(p), gen);
            }
        });
        m.addDeserializer(Perturbation.class, new com.fasterxml.jackson.databind.JsonDeserializer<Perturbation>() {
            @Override
            public Perturbation deserialize(JsonParser parser, com.fasterxml.jackson.databind.DeserializationContext ctx)
                    throws IOException {
                // coerceLeaf has already read this value with its full key path; this only binds it
                String key = parser.getParsingContext().getCurrentName();
                return Perturbations.fromMap(key == null ? "perturbation" : key, parser.readValueAs(Object.class));
            }

            @Override
            public Perturbation getNullValue(com.fasterxml.jackson.databind.DeserializationContext ctx) {
                return Perturbation.NONE;
            }
        });
        return m;
    }

    /**
     * Loads a config file, merged over the defaults, with overrides applied, bound and validated.
     *
     * @param yaml the config file; its name without {@code .yaml} is the run name when it sets none
     * @param overrides {@code key.path=value} strings from {@code --set}, applied in order; may be null
     * @return the resolved config
     * @throws UserError for a missing or unreadable file, bad YAML, an unknown key, a wrong type or a value out of range
     */
    public static RunConfig load(Path yaml, List<String> overrides) {
        if (!Files.isRegularFile(yaml)) {
            throw error("config file '" + yaml + "' does not exist; pass the path of a YAML config, e.g. configs/smoke.yaml");
        }
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw error("cannot read config file '" + yaml + "' (" + e + "); check that it is a readable UTF-8 text file");
        }
        return resolve(text, yaml.toString(), nameOf(yaml), overrides);
    }

    /**
     * Resolves a config given as YAML text, exactly as {@link #load} does for a file.
     *
     * @param yaml the YAML text; an empty text means "all defaults"
     * @param overrides {@code key.path=value} strings, applied in order; may be null
     * @return the resolved config, named {@value #STRING_RUN_NAME} unless the text or an override names it
     * @throws UserError as {@link #load} does
     */
    public static RunConfig fromString(String yaml, List<String> overrides) {
        return resolve(yaml, "<string>", STRING_RUN_NAME, overrides);
    }

    /**
     * What a checkpoint is bound to: the config as {@link #toYaml} writes it, without what may
     * change for the same network (the run's name and parent folder, the data folder,
     * train.epochs, which a resume may extend, and the run section: the thread count changes no
     * bit). Two configs with the same text train the same network from the same seed.
     */
    public static String bindingText(RunConfig config) {
        ObjectNode tree = (ObjectNode) ordered(ConfigSchema.ROOT, MAPPER.valueToTree(config));
        tree.remove("name");
        tree.remove("out");
        tree.remove("run");
        ((ObjectNode) tree.get("data")).remove("dir");
        ((ObjectNode) tree.get("train")).remove("epochs");
        // keys a task does not read are left out, so that checkpoints trained before they existed keep
        // their binding: data.file outside task npz; data.steps and data.options for the MNIST tasks
        ObjectNode data = (ObjectNode) tree.get("data");
        if (!"npz".equals(config.data().task())) data.remove("file");
        if (config.data().mnist()) {
            data.remove("steps");
            data.remove("options");
        }
        // train.shards at its default is left out, so that every checkpoint trained before the key
        // existed (two shards on two or more cores) keeps its binding; any other count binds
        if (tree.get("train").path("shards").asInt(TrainConfig.DEFAULT_SHARDS) == TrainConfig.DEFAULT_SHARDS)
            ((ObjectNode) tree.get("train")).remove("shards");
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config as YAML", e);
        }
    }

    /**
     * Writes a resolved config as YAML, complete with every key, so that {@link #load} of the text
     * gives back an equal record. Run folders keep this text so that eval and resume repeat the run.
     */
    public static String toYaml(RunConfig config) {
        try {
            // Keys are written in the records' declaration order; Jackson's own order moves renamed ones.
            JsonNode ordered = ordered(ConfigSchema.ROOT, MAPPER.valueToTree(config));
            return "# Resolved neuradapt run config: every key, after defaults and --set overrides.\n"
                    + MAPPER.writeValueAsString(ordered);
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and a map always serialise; failing here is a bug, not a user error.
            throw new IllegalStateException("cannot write config as YAML", e);
        }
    }

    private static JsonNode ordered(Key section, JsonNode node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Key key : section.children().values()) {
            JsonNode value = node.get(key.name());
            out.set(key.name(), key.kind() == Kind.SECTION && value != null && value.isObject()
                    ? ordered(key, value) : value);
        }
        return out;
    }

    /**
     * Lists every config key with its description (from the records' annotations) and default
     * (from the defaults resource), for {@code ./neuradapt train --help-config}.
     */
    public static String describe() {
        ObjectNode defaults = defaults();
        StringBuilder out = new StringBuilder();
        out.append("Config keys (YAML, snake_case). A config file sets only what it changes;")
                .append(" override any key with --set key.path=value.\n");
        describeSection(ConfigSchema.ROOT, defaults, "", out);
        return out.toString();
    }

    private static void describeSection(Key section, JsonNode defaults, String indent, StringBuilder out) {
        for (Key key : section.children().values()) {
            JsonNode value = defaults.get(key.name());
            if (key.kind() == Kind.SECTION) {
                out.append('\n').append(indent).append(key.path()).append(":  ").append(key.description()).append('\n');
                describeSection(key, value, indent + "  ", out);
            } else {
                String shown = key.path().equals("name") && (value == null || value.isNull())
                        ? NAME_DEFAULT_TEXT : defaultText(value);
                out.append(indent).append(key.path()).append(" (").append(key.kind().phrase)
                        .append(", default ").append(shown).append(")\n")
                        .append(indent).append("    ").append(key.description()).append('\n');
            }
        }
    }

    private static String defaultText(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        return value.isContainerNode() ? value.toString() : value.asText();
    }

    private static RunConfig resolve(String text, String source, String defaultName, List<String> overrides) {
        ObjectNode tree = defaults();
        merge(tree, parse(text, source));
        if (overrides != null) {
            for (String override : overrides) {
                applyOverride(tree, override);
            }
        }
        if (!tree.hasNonNull("name")) {
            tree.put("name", defaultName);
        }
        RunConfig config = bind(coerceSection(ConfigSchema.ROOT, tree));
        ConfigRules.validate(config);
        return InitShapes.pin(config);
    }

    /** Returns a fresh copy of the default config tree. */
    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULTS_RESOURCE + " is missing next to ConfigLoader");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    private static ObjectNode parse(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            // YAML's .nan / .inf are valid YAML but not values any key takes: say so, not "invalid YAML"
            if (String.valueOf(e.getOriginalMessage()).startsWith("Malformed numeric value"))
                throw error("config file '" + source + "' " + syntaxProblem(e).replace("Malformed numeric value", "has the number")
                        + ", which no key takes (NaN and infinities are not allowed); give a finite number");
            throw error("config file '" + source + "' is not valid YAML " + syntaxProblem(e) + "; fix the syntax there");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();  // an empty file asks for all defaults
        }
        if (!root.isObject()) {
            throw error("config file '" + source + "' must hold a mapping of keys (e.g. 'model:', 'train:') at the top level, got "
                    + show(root));
        }
        return (ObjectNode) root;
    }

    /**
     * Describes where and what a YAML syntax error is. SnakeYAML's own mark points at the problem;
     * Jackson's location can point at the token before it, so the mark is preferred when there is one.
     */
    private static String syntaxProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
                return "at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                        + m.getProblem() + context;
            }
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return where + ": " + e.getOriginalMessage();
    }

    /** Merges {@code over} into {@code base}: mappings merge key by key, anything else replaces. */
    private static void merge(ObjectNode base, ObjectNode over) {
        Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode old = base.get(field.getKey());
            JsonNode value = field.getValue();
            if (old != null && old.isObject() && value.isObject()) {
                merge((ObjectNode) old, (ObjectNode) value);
            } else if (old != null && old.isObject() && value.isNull()) {
                // "model:" with nothing under it is an empty section, not a request to delete it.
                continue;
            } else {
                base.set(field.getKey(), value);
            }
        }
    }

    private static void applyOverride(ObjectNode tree, String override) {
        int eq = override == null ? -1 : override.indexOf('=');
        String keyPath = eq < 0 ? "" : override.substring(0, eq).strip();
        if (eq < 0 || keyPath.isEmpty() || keyPath.startsWith(".") || keyPath.endsWith(".") || keyPath.contains("..")) {
            throw error("--set '" + oneLine(String.valueOf(override))
                    + "' is malformed: expected key.path=value, e.g. --set train.lr=1e-3");
        }
        JsonNode value = parseScalar(override.substring(eq + 1));
        String[] parts = keyPath.split("\\.");
        Key section = ConfigSchema.ROOT;
        ObjectNode node = tree;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            Key key = section.children().get(part);
            if (key == null) {
                throw error("--set " + keyPath + ": " + ConfigSchema.unknownKeyMessage(section, part));
            }
            if (last) {
                // "--set name=" is an empty name, refused like any empty string (null is written "null")
                node.set(part, key.kind() == Kind.STRING && value.isNull() && !override.substring(eq + 1).strip().equals("null") ? TextNode.valueOf("") : value);
                return;
            }
            if (key.kind() == Kind.NUMBER_MAP && i == parts.length - 2) {
                // model.options.<name>=value: option names are free, so there is nothing to check here.
                child(node, part).set(parts[i + 1], value);
                return;
            }
            if (key.kind() != Kind.SECTION) {
                throw error("--set " + keyPath + ": config key '" + keyPath + "' is unknown ('" + key.path()
                        + "' is a value, not a section); use --set " + key.path() + "=VALUE");
            }
            section = key;
            node = child(node, part);
        }
    }

    /** Returns the mapping under {@code name}, replacing whatever non-mapping was there. */
    private static ObjectNode child(ObjectNode node, String name) {
        JsonNode existing = node.get(name);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        ObjectNode created = node.objectNode();
        node.set(name, created);
        return created;
    }

    /** Reads an override value as a YAML scalar; text that YAML reads as a list or mapping stays text. */
    private static JsonNode parseScalar(String text) {
        try {
            JsonNode parsed = MAPPER.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                return NullNode.instance;
            }
            return parsed.isValueNode() ? parsed : TextNode.valueOf(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /** Checks a section's keys and value types, returning a tree that binds without surprises. */
    private static ObjectNode coerceSection(Key section, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw error("config key '" + section.path() + "' must be a mapping of its keys ("
                    + section.childNames() + "), got " + show(node));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Key key = section.children().get(field.getKey());
            if (key == null) {
                throw error(ConfigSchema.unknownKeyMessage(section, field.getKey()));
            }
            out.set(key.name(), key.kind() == Kind.SECTION
                    ? coerceSection(key, field.getValue()) : coerceLeaf(key, key.path(), field.getValue()));
        }
        for (Key key : section.children().values()) {
            if (!out.has(key.name())) {
                // Only reachable if the defaults resource lost a key, which its test guards against.
                throw error("config key '" + key.path() + "' is missing; add it to the config");
            }
        }
        return out;
    }

    /** The string keys whose default is null (no value: the config file's name, no user class, no fit table). */
    private static final java.util.Set<String> NULLABLE = java.util.Set.of("name", "model.activation", "model.init_shape.from", "model.init_shape.sha256", "data.file");

    private static JsonNode coerceLeaf(Key key, String path, JsonNode v) {
        switch (key.kind()) {
            case INT, LONG -> {
                String digits = v.isIntegralNumber() ? v.asText()
                        : v.isTextual() && INTEGER.matcher(v.asText().strip()).matches() ? v.asText().strip() : null;
                try {
                    if (digits != null) {
                        long parsed = Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
                        if (key.kind() == Kind.LONG) {
                            return LongNode.valueOf(parsed);
                        }
                        if (parsed == (int) parsed) {
                            return IntNode.valueOf((int) parsed);
                        }
                    }
                } catch (NumberFormatException e) {
                    // Falls through to the message below: the digits do not fit in 64 bits.
                }
                String range = digits == null ? "" : key.kind() == Kind.INT ? " that fits in 32 bits" : " that fits in 64 bits";
                throw error("config key '" + path + "' must be an integer" + range + ", got " + show(v));
            }
            case DOUBLE -> {
                double parsed = Double.NaN;
                if (v.isNumber()) {
                    parsed = v.doubleValue();
                } else if (v.isTextual() && DECIMAL.matcher(v.asText().strip()).matches()) {
                    parsed = Double.parseDouble(v.asText().strip());
                }
                if (!Double.isFinite(parsed)) {
                    throw error("config key '" + path + "' must be a number, got " + show(v));
                }
                return DoubleNode.valueOf(parsed);
            }
            case STRING -> {
                if (v.isNull() && !NULLABLE.contains(path) || v.isTextual() && v.asText().isBlank()) {
                    throw error("config key '" + path + "' is empty; give it a non-empty value, or leave it out to keep its default"
                            + (NULLABLE.contains(path) ? "" : " (./neuradapt train --help-config lists it)"));
                }
                if (v.isNull() || v.isTextual()) {
                    return v;
                }
                if (v.isValueNode()) {
                    return TextNode.valueOf(v.asText());  // e.g. "name: 7" is the name "7"
                }
                throw error("config key '" + path + "' must be a string, got " + show(v));
            }
            case NUMBER_MAP -> {
                if (v.isNull()) {
                    return JsonNodeFactory.instance.objectNode();
                }
                if (!v.isObject()) {
                    throw error("config key '" + path + "' must be a mapping of option names to numbers"
                            + " (e.g. {k: 2.0}), got " + show(v));
                }
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                Key number = new Key(path, key.name(), Kind.DOUBLE, key.description(), Map.of());
                v.fields().forEachRemaining(e -> out.set(e.getKey(),
                        coerceLeaf(number, ConfigSchema.join(path, e.getKey()), e.getValue())));
                return out;
            }
            case PERTURBATION -> {
                JsonNode tree = v;
                String text = v.isTextual() ? v.asText().strip() : "";
                if (text.startsWith("{") || text.startsWith("[")) {
                    // --set train.augment={type: step, xi: 5} arrives as text; read it as the YAML it is
                    try {
                        tree = MAPPER.readTree(text);
                    } catch (JsonProcessingException e) {
                        throw error("config key '" + path + "' is not valid YAML " + syntaxProblem(e));
                    }
                }
                Object plain;
                try {
                    plain = MAPPER.treeToValue(tree, Object.class);
                } catch (JsonProcessingException e) {
                    throw error("config key '" + path + "' cannot be read: " + oneLine(e.getOriginalMessage()));
                }
                Perturbation p = Perturbations.fromMap(path, plain);  // names the nested key on any mistake
                return MAPPER.valueToTree(p);
            }
            default -> throw new IllegalStateException("section " + path + " reached coerceLeaf");
        }
    }

    private static RunConfig bind(ObjectNode tree) {
        try {
            return MAPPER.treeToValue(tree, RunConfig.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .collect(Collectors.joining("."));
            throw error("config key '" + path + "' cannot be read: " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw error("config cannot be read: " + oneLine(e.getOriginalMessage()));
        }
    }

    /** Derives a run name from a config file name: {@code configs/smoke.yaml} gives {@code smoke}. */
    private static String nameOf(Path file) {
        String name = file.getFileName().toString();
        return name.replaceFirst("\\.(yaml|yml)$", "");
    }

    /** Shows a value inside a one-line message: strings quoted, shortened, without line breaks. */
    static String show(Object value) {
        if (value == null || value instanceof NullNode) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            if (node.isArray()) {
                return "a list " + shorten(node.toString());
            }
            if (node.isObject()) {
                return "a mapping " + shorten(node.toString());
            }
            return node.isTextual() ? "'" + shorten(node.asText()) + "'" : shorten(node.asText());
        }
        return value instanceof String s ? "'" + shorten(s) + "'" : shorten(value.toString());
    }

    private static String shorten(String s) {
        String line = oneLine(s);
        return line.length() <= MAX_SHOWN_CHARS ? line : line.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    /** Collapses line breaks and runs of spaces so that a message stays on one line. */
    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static UserError error(String message) {
        return new UserError(oneLine(message));
    }
}

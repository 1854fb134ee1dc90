package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tree of config keys, read from the config records and their Jackson annotations so that
 * the records stay the one place where a key is named and described.
 */
final class ConfigSchema {

    /** What a key holds; decides how a YAML value is checked and what an error message asks for. */
    enum Kind {
        SECTION("a mapping"),
        INT("an integer"),
        LONG("an integer"),
        DOUBLE("a number"),
        STRING("a string"),
        NUMBER_MAP("a mapping of option names to numbers"),
        PERTURBATION("a perturbation");

        /** The phrase used in "must be ..." messages. */
        final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }
    }

    /**
     * One key of the config.
     *
     * @param path dotted path from the top level, e.g. {@code train.batch_size}
     * @param name the YAML name of the key, e.g. {@code batch_size}
     * @param kind what the key holds
     * @param description the text of its {@code @JsonPropertyDescription}
     * @param children the keys of a section by YAML name, in declaration order; empty otherwise
     */
    record Key(String path, String name, Kind kind, String description, Map<String, Key> children) {

        /** Returns the YAML names of the children, comma separated, for "known keys" hints. */
        String childNames() {
            return String.join(", ", children.keySet());
        }
    }

    /** The root section; its children are the top-level keys. */
    static final Key ROOT = section("", "", "", RunConfig.class);

    private ConfigSchema() {
    }

    /** Returns every leaf key (and free-form map) in declaration order, depth first. */
    static List<Key> leaves() {
        List<Key> out = new ArrayList<>();
        collectLeaves(ROOT, out);
        return out;
    }

    private static void collectLeaves(Key key, List<Key> out) {
        for (Key child : key.children().values()) {
            if (child.kind() == Kind.SECTION) {
                collectLeaves(child, out);
            } else {
                out.add(child);
            }
        }
    }

    /** Joins a parent path and a key name into a dotted path. */
    static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /**
     * Builds the message for a key that {@code section} does not have, suggesting the closest
     * known key when it is close enough to be a plausible typo.
     */
    static String unknownKeyMessage(Key section, String name) {
        String path = join(section.path(), name);
        String where = section.path().isEmpty() ? "at the top level" : "in " + section.path();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : section.children().keySet()) {
            int d = editDistance(name.toLowerCase(), known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        // A suggestion further away than about half the word is noise rather than a typo fix.
        boolean plausible = best != null && bestDistance <= Math.max(2, name.length() / 2);
        String hint = plausible ? "did you mean '" + join(section.path(), best) + "'? " : "";
        return "config key '" + path + "' is unknown (" + hint + "known keys " + where + ": "
                + section.childNames() + ")";
    }

    /** Levenshtein distance between two strings. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Key section(String path, String name, String description, Class<?> type) {
        Map<String, Key> children = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Field field = field(type, component.getName());
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            String yamlName = property != null && !property.value().isEmpty()
                    ? property.value() : component.getName();
            JsonPropertyDescription text = field.getAnnotation(JsonPropertyDescription.class);
            if (text == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + component.getName()
                        + " lacks @JsonPropertyDescription; every config key must be described");
            }
            String childPath = join(path, yamlName);
            Class<?> ctype = component.getType();
            Key child = ctype.isRecord()
                    ? section(childPath, yamlName, text.value(), ctype)
                    : new Key(childPath, yamlName, kindOf(ctype, childPath), text.value(), Map.of());
            children.put(yamlName, child);
        }
        return new Key(path, name, Kind.SECTION, description, Collections.unmodifiableMap(children));
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record " + type.getName() + " has no field " + name, e);
        }
    }

    private static Kind kindOf(Class<?> type, String path) {
        if (type == int.class) {
            return Kind.INT;
        } else if (type == long.class) {
            return Kind.LONG;
        } else if (type == double.class) {
            return Kind.DOUBLE;
        } else if (type == String.class) {
            return Kind.STRING;
        } else if (type == org.neuradapt.perturbation.Perturbation.class) {
            // train.augment: read and checked by perturbation.Perturbations, which names the nested key
            return Kind.PERTURBATION;
        } else if (Map.class.isAssignableFrom(type)) {
            // The maps in the config, model.options and model.init_shape.mix, are Map<String, Double>.
            return Kind.NUMBER_MAP;
        }
        throw new IllegalStateException("config key " + path + " has unsupported type " + type);
    }

    /** Returns the dotted paths of every leaf key, for tests and messages. */
    static List<String> leafPaths() {
        return leaves().stream().map(Key::path).collect(Collectors.toList());
    }
}

package org.neuradapt.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.neuradapt.config.RunConfig;

/**
 * One point of a sweep's grid: a training run, named, with its base config, its overrides and the
 * config they resolve to (validated, with the sweep's {@code out} and the run's name set).
 *
 * @param index the point's place in the grid's product, from 0
 * @param name the run name, which is also the run folder's name under {@code out}
 * @param base the base run config's path, as written in the sweep file
 * @param overrides the {@code key=value} overrides of the grid keys and then the set section
 * @param coordinates every grid key (the base config included) and this point's value, in file order
 * @param config the resolved run config
 */
public record Point(int index, String name, String base, List<String> overrides, Map<String, String> coordinates,
                    RunConfig config) {

    public Point {
        overrides = List.copyOf(overrides);
        coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    }

    /** The run folder relative to the sweep's directory, e.g. {@code runs/sweep/arun_s200}. */
    public String runDir() {
        return config.out().endsWith("/") ? config.out() + name : config.out() + "/" + name;
    }

    /**
     * The arguments of the {@code train} command that runs this point (without {@code --resume}):
     * {@code train --config BASE --set k=v ... --set out=OUT --set name=NAME}.
     */
    public List<String> trainArguments() {
        List<String> args = new ArrayList<>(List.of("train", "--config", base));
        for (String o : runOverrides(overrides, config.out(), name)) {
            args.add("--set");
            args.add(o);
        }
        return args;
    }

    /**
     * The overrides followed by {@code out} and {@code name}, which come last so that they win over
     * the base config's; both are written so that YAML reads them back as strings.
     */
    static List<String> runOverrides(List<String> overrides, String out, String name) {
        List<String> all = new ArrayList<>(overrides);
        all.add("out=" + new SweepSpec.Value(out, true).overrideText());
        all.add("name=" + new SweepSpec.Value(name, true).overrideText());
        return all;
    }

    /** The grid coordinates as one line, e.g. {@code config=configs/a.yaml, seed=200}. */
    public String coordinatesText() {
        return describe(coordinates);
    }

    static String describe(Map<String, String> coordinates) {
        return coordinates.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}

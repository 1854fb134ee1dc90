package org.neuradapt.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.ExecutionConfig;
import org.neuradapt.config.RunConfig;

/**
 * What a sweep does with each point: skip it (complete, or running elsewhere), start it, or
 * resume it. Decided for every point before anything runs, so that a run folder that holds a
 * different run stops the sweep before a single file is written.
 *
 * @param steps one step per point, in grid order
 */
public record Plan(List<Step> steps) {

    /** How many differing keys a conflict message lists. */
    private static final int SHOWN_DIFFERENCES = 3;

    public Plan {
        steps = List.copyOf(steps);
    }

    /** What happens to one point. */
    public enum Action {
        /** Already complete with the same config: nothing to do. */
        SKIP_COMPLETE,
        /** A live run (another local sweep or a SLURM task) holds it: leave it to that run. */
        SKIP_RUNNING,
        /** Nothing was started: train from scratch. */
        START,
        /** A run was started in its folder (config.yaml exists): {@code train --resume} continues it. */
        RESUME
    }

    /** One point, its state and what happens to it. */
    public record Step(Point point, PointState state, Action action) {
        /** Whether the sweep runs this point. */
        public boolean runs() {
            return action == Action.START || action == Action.RESUME;
        }
    }

    /**
     * Decides every point.
     *
     * @param spec the sweep (for messages)
     * @param points the expanded points
     * @param facts each point's files, in the order of {@code points}
     * @param saved each point's run-folder config (config.yaml), or null where there is none
     * @throws UserError when a run folder holds a run whose config differs from the point's:
     *                   nothing is overwritten, and the message says to use another out or name
     */
    public static Plan of(SweepSpec spec, List<Point> points, List<PointState.Facts> facts, List<RunConfig> saved) {
        if (facts.size() != points.size() || saved.size() != points.size())
            throw new IllegalArgumentException("one fact and one saved config per point");
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            PointState.Facts f = facts.get(i);
            RunConfig s = saved.get(i);
            if (s != null && !sameRun(s, p.config()))
                throw new UserError("sweep " + spec.source() + ", point " + p.name() + ": run folder '" + p.runDir()
                        + "' holds a run with another config (" + String.join("; ", differences(p.config(), s))
                        + "); nothing was overwritten; set another out in the sweep file, or change name so that the runs do not collide");
            PointState state = PointState.of(f);
            Action action = switch (state) {
                case COMPLETE -> Action.SKIP_COMPLETE;
                case RUNNING -> Action.SKIP_RUNNING;
                default -> f.hasConfig() ? Action.RESUME : Action.START;
            };
            steps.add(new Step(p, state, action));
        }
        return new Plan(steps);
    }

    /** The steps the sweep runs, in grid order. */
    public List<Step> toRun() {
        return steps.stream().filter(Step::runs).toList();
    }

    /** How many steps have this action. */
    public long count(Action action) {
        return steps.stream().filter(s -> s.action() == action).count();
    }

    /**
     * Two configs are the same run when their complete YAML (every key, defaults included) is the
     * same, the run section aside: the thread count changes no result (docs/performance.md, "Threads").
     */
    public static boolean sameRun(RunConfig a, RunConfig b) {
        return ConfigLoader.toYaml(a.withExecution(ExecutionConfig.DEFAULT)).equals(ConfigLoader.toYaml(b.withExecution(ExecutionConfig.DEFAULT)));
    }

    /**
     * The keys in which the sweep's config differs from a run folder's, e.g.
     * {@code train.epochs: sweep 3, folder 10}, at most {@value #SHOWN_DIFFERENCES} of them.
     */
    static List<String> differences(RunConfig sweep, RunConfig folder) {
        List<String> out = new ArrayList<>();
        try {
            YAMLMapper yaml = new YAMLMapper();
            diff("", yaml.readTree(ConfigLoader.toYaml(sweep)), yaml.readTree(ConfigLoader.toYaml(folder)), out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ConfigLoader.toYaml wrote YAML that does not read back", e);
        }
        if (out.isEmpty()) out.add("the config texts differ");
        if (out.size() > SHOWN_DIFFERENCES) {
            int more = out.size() - SHOWN_DIFFERENCES;
            out.subList(SHOWN_DIFFERENCES, out.size()).clear();
            out.add("and " + more + " more");
        }
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                diff(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), b.get(e.getKey()), out);
            }
            return;
        }
        if (a == null || b == null || !a.equals(b))
            out.add(path + ": sweep " + text(a) + ", folder " + text(b));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "null" : n.isValueNode() ? n.asText() : n.toString();
    }
}

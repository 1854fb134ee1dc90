package org.neuradapt.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.sweep.PointState.Facts;

/** What a point's files say about it, and what a sweep then does with it. */
class SweepStateTest {

    static final SweepSpec SPEC = SweepSpec.parse("out: runs/x\nname: \"{model}_s{seed}\"\ngrid:\n  config: [configs/arun.yaml]\n  seed: [1, 2, 3, 4, 5, 6]\n",
            "s.yaml", "s");
    static final List<Point> POINTS = Grid.expand(SPEC, SweepGridTest.BASES);

    @Test
    void classification() {
        assertEquals(PointState.MISSING, PointState.of(Facts.NOTHING));
        assertEquals(PointState.COMPLETE, PointState.of(new Facts(true, true, true, false, null)));
        // a summary wins over an old failure's exit code and over a marker
        assertEquals(PointState.COMPLETE, PointState.of(new Facts(true, true, true, true, 2)));
        assertEquals(PointState.RUNNING, PointState.of(new Facts(false, true, true, true, 2)));
        assertEquals(PointState.RUNNING, PointState.of(new Facts(false, false, false, true, null)));
        assertEquals(PointState.FAILED, PointState.of(new Facts(false, false, false, false, 2)));
        assertEquals(PointState.FAILED, PointState.of(new Facts(false, true, true, false, 143)));
        assertEquals(PointState.PARTIAL, PointState.of(new Facts(false, true, true, false, null)));
        assertEquals(PointState.PARTIAL, PointState.of(new Facts(false, true, false, false, null)));
        assertEquals(PointState.PARTIAL, PointState.of(new Facts(false, true, true, false, 0)));
        assertEquals(PointState.MISSING, PointState.of(new Facts(false, false, false, false, 0)));
        assertEquals("partial", PointState.PARTIAL.label);
    }

    @Test
    void planSkipsCompleteAndRunningResumesStartedRunsAndStartsTheRest() {
        List<Facts> facts = List.of(
                new Facts(true, true, true, false, 0),      // complete
                new Facts(false, true, true, true, null),   // running elsewhere
                new Facts(false, true, true, false, 1),     // failed after it started: resume
                new Facts(false, false, false, false, 2),   // failed before it started (e.g. no data): start
                new Facts(false, true, true, false, null),  // interrupted: resume
                Facts.NOTHING);                             // missing: start
        List<RunConfig> saved = new ArrayList<>();
        for (int i = 0; i < POINTS.size(); i++) saved.add(facts.get(i).hasConfig() ? POINTS.get(i).config() : null);
        Plan plan = Plan.of(SPEC, POINTS, facts, saved);
        assertEquals(List.of(Plan.Action.SKIP_COMPLETE, Plan.Action.SKIP_RUNNING, Plan.Action.RESUME, Plan.Action.START, Plan.Action.RESUME,
                Plan.Action.START), plan.steps().stream().map(Plan.Step::action).toList());
        assertEquals(List.of(PointState.COMPLETE, PointState.RUNNING, PointState.FAILED, PointState.FAILED, PointState.PARTIAL, PointState.MISSING),
                plan.steps().stream().map(Plan.Step::state).toList());
        assertEquals(List.of("arun_s3", "arun_s4", "arun_s5", "arun_s6"), plan.toRun().stream().map(s -> s.point().name()).toList());
        assertEquals(1, plan.count(Plan.Action.SKIP_COMPLETE));
    }

    @Test
    void aRunFolderWithAnotherConfigIsRefusedNamingTheKey() {
        List<Facts> facts = new ArrayList<>();
        List<RunConfig> saved = new ArrayList<>();
        for (Point p : POINTS) {
            facts.add(Facts.NOTHING);
            saved.add(null);
        }
        Point p = POINTS.get(1);
        facts.set(1, new Facts(true, true, true, false, 0));
        saved.set(1, ConfigLoader.fromString(SweepGridTest.ARUN, List.of("seed=2", "out=runs/x", "name=arun_s2", "train.epochs=7")));
        UserError e = assertThrows(UserError.class, () -> Plan.of(SPEC, POINTS, facts, saved));
        assertEquals(1, e.getMessage().lines().count());
        for (String part : List.of("point arun_s2", "runs/x/arun_s2", "train.epochs: sweep 100, folder 7", "nothing was overwritten", "another out"))
            assertTrue(e.getMessage().contains(part), "mentions '" + part + "': " + e.getMessage());
        saved.set(1, p.config());
        assertEquals(Plan.Action.SKIP_COMPLETE, Plan.of(SPEC, POINTS, facts, saved).steps().get(1).action());
    }
}

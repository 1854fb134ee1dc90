package org.neuradapt.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.neuradapt.config.RunConfig;
import org.neuradapt.sweep.PointState.Facts;

/** The local scheduler with fake points (no JVM is started): skip, resume, failure isolation, workers, Ctrl-C. */
class SweepLocalTest {

    static Plan plan(List<Facts> facts) {
        List<Point> points = SweepStateTest.POINTS.subList(0, facts.size());
        List<RunConfig> saved = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) saved.add(facts.get(i).hasConfig() ? points.get(i).config() : null);
        return Plan.of(SweepStateTest.SPEC, points, facts, saved);
    }

    /** Records each call; the point named in {@code codes} returns that code, the others 0. */
    static final class Fake implements LocalSweep.PointRunner {
        final Map<String, Boolean> calls = new ConcurrentHashMap<>();
        final Map<String, Integer> codes;

        Fake(Map<String, Integer> codes) {
            this.codes = codes;
        }

        @Override
        public int run(Point point, boolean resume) {
            calls.put(point.name(), resume);
            if (point.name().equals("arun_s5")) throw new IllegalStateException("cannot start");
            return codes.getOrDefault(point.name(), 0);
        }
    }

    @Test
    void skipsCompleteAndRunningPointsAndResumesStartedOnes() throws Exception {
        Fake fake = new Fake(Map.of());
        Plan plan = plan(List.of(new Facts(true, true, true, false, 0), new Facts(false, true, true, true, null),
                new Facts(false, true, true, false, 1), Facts.NOTHING));
        LocalSweep.Outcome o = new LocalSweep(plan, 1, fake, new LocalSweep.Listener() {}).run();
        assertEquals(Map.of("arun_s3", true, "arun_s4", false), fake.calls);
        assertFalse(o.anyFailed());
        assertEquals(3, o.completeCount(), "the skipped complete point and the two that ran");
        assertFalse(o.results().get(1).complete(), "a point running elsewhere is not counted complete");
    }

    @Test
    void aFailedPointDoesNotStopTheOthers() throws Exception {
        Fake fake = new Fake(Map.of("arun_s2", 2));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        LocalSweep.Listener listener = new LocalSweep.Listener() {
            @Override public void started(Point point, boolean resume, SweepProgress now) { lines.add("start " + point.name() + " " + now.line()); }
            @Override public void finished(LocalSweep.Result r, SweepProgress now) { lines.add("end " + r.step().point().name() + " " + now.line()); }
        };
        Plan plan = plan(List.of(Facts.NOTHING, Facts.NOTHING, Facts.NOTHING, Facts.NOTHING, Facts.NOTHING, Facts.NOTHING));
        LocalSweep.Outcome o = new LocalSweep(plan, 1, fake, listener, () -> 0L).run();
        assertEquals(6, fake.calls.size(), "every point ran");
        assertTrue(o.anyFailed());
        assertEquals(List.of("arun_s2", "arun_s5"), o.failures().stream().map(r -> r.step().point().name()).toList());
        assertEquals(2, o.failures().get(0).exitCode());
        assertTrue(o.failures().get(1).error() instanceof IllegalStateException);
        assertEquals(4, o.completeCount());
        assertEquals("start arun_s1 sweep: 0/6 complete, 1 running, 0 failed, 5 waiting [0s]", lines.get(0));
        assertEquals("end arun_s2 sweep: 1/6 complete, 0 running, 1 failed, 4 waiting [0s]", lines.get(3));
        assertEquals("end arun_s6 sweep: 4/6 complete, 0 running, 2 failed, 0 waiting [0s]", lines.get(lines.size() - 1));
    }

    @Test
    void workersRunPointsAtOnceButNeverMore() throws Exception {
        AtomicInteger now = new AtomicInteger(), most = new AtomicInteger();
        CountDownLatch two = new CountDownLatch(2);
        LocalSweep.PointRunner runner = (point, resume) -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            two.countDown();
            two.await(10, TimeUnit.SECONDS); // the first two must overlap
            Thread.sleep(20);
            now.decrementAndGet();
            return 0;
        };
        Plan plan = plan(List.of(Facts.NOTHING, Facts.NOTHING, Facts.NOTHING, Facts.NOTHING, Facts.NOTHING));
        LocalSweep.Outcome o = new LocalSweep(plan, 2, runner, new LocalSweep.Listener() {}).run();
        assertEquals(2, most.get());
        assertEquals(5, o.completeCount());
    }

    @Test
    void cancelStartsNoMorePointsAndFailsNone() throws Exception {
        LocalSweep[] sweep = new LocalSweep[1];
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        LocalSweep.PointRunner runner = (point, resume) -> {
            ran.add(point.name());
            sweep[0].cancel(); // Ctrl-C while the first point runs: its child is killed
            return 143;
        };
        Plan plan = plan(List.of(Facts.NOTHING, Facts.NOTHING, Facts.NOTHING));
        sweep[0] = new LocalSweep(plan, 1, runner, new LocalSweep.Listener() {});
        LocalSweep.Outcome o = sweep[0].run();
        assertEquals(List.of("arun_s1"), ran);
        assertTrue(o.cancelled());
        assertFalse(o.anyFailed(), "an interrupted point is resumed later, not failed");
        assertTrue(o.results().stream().allMatch(LocalSweep.Result::interrupted));
    }

    @Test
    void progressLine() {
        assertEquals("sweep: 4/9 complete, 2 running, 1 failed, 2 waiting [3m12s]", new SweepProgress(9, 4, 2, 1, 2, 0, 192.4).line());
        assertEquals("sweep: 0/3 complete, 0 running, 0 failed, 2 waiting, 1 running elsewhere [2h05m]", new SweepProgress(3, 0, 0, 0, 2, 1, 7530).line());
        assertEquals("42s", SweepProgress.duration(42.9));
    }
}

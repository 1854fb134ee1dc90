package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.analysis.Robustness;
import org.neuradapt.config.ConfigLoader;
import org.neuradapt.config.RunConfig;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Network;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.StepDrive;
import org.neuradapt.perturbation.Window;
import org.neuradapt.training.Evaluation;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;
import org.neuradapt.training.Trainer;

/** The robustness experiment: its table on a tiny trained network, and every bad input refused before any work. */
class RobustnessCommandTest {
    @TempDir Path tmp;

    /** The fixtures of this class (fake run folders, the refusal check) writing under {@code tmp}, for other command tests. */
    static RobustnessCommandTest in(Path tmp) {
        RobustnessCommandTest r = new RobustnessCommandTest();
        r.tmp = tmp;
        return r;
    }

    /** A run folder with a config and (optionally) a best checkpoint whose bytes are only hashed, never read. */
    Path fakeRun(String name, boolean withCheckpoint, String... set) throws Exception {
        List<String> s = new ArrayList<>(List.of("name=" + name, "out=" + tmp));
        s.addAll(List.of(set));
        RunConfig cfg = ConfigLoader.fromString("", s);
        Path dir = tmp.resolve(name);
        RunFolder f = RunFolder.open(dir, RunFolder.Mode.NEW);
        f.writeConfig(cfg);
        if (withCheckpoint) Files.writeString(f.bestCheckpoint(), "not read before the checks: " + name);  // bytes of its own: another network
        return dir;
    }

    void refused(String mention, Path out, String... args) {
        CliErrorsTest.Result r = CliErrorsTest.run(args);
        CliErrorsTest.assertUserError(r, mention);
        assertFalse(Files.exists(out), "nothing written for: " + String.join(" ", args));
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path a = fakeRun("a", true), b = fakeRun("b", true, "data.pool=2"), incomplete = fakeRun("c", false);
        Path out = tmp.resolve("fig");
        String o = out.toString();
        refused("--xi", out, "robustness", "--runs", a.toString(), "--xi", "0,,x", "--out", o);
        refused("900:10", out, "robustness", "--runs", a.toString(), "--window", "900:10", "--out", o);
        refused("incomplete", out, "robustness", "--runs", incomplete.toString(), "--out", o);
        refused("--allow-mixed", out, "robustness", "--runs", a.toString(), b.toString(), "--out", o);
        refused("not a run folder", out, "robustness", "--runs", tmp.resolve("nothing").toString(), "--out", o);
        refused("--perturbation", out, "robustness", "--runs", a.toString(), "--perturbation", "wobble", "--out", o);
        refused("--frequency", out, "robustness", "--runs", a.toString(), "--perturbation", "sinusoid", "--amplitude", "0,1", "--frequency", "1,2", "--out", o);
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        refused("not writable", tmp.resolve("a-file").resolve("sub"), "robustness", "--runs", a.toString(), "--out", file.resolve("sub").toString());
        // an incompatible (older or newer) run folder: a config key this version does not know
        Path old = fakeRun("old", true);
        Files.writeString(old.resolve(RunFolder.CONFIG), Files.readString(old.resolve(RunFolder.CONFIG)) + "legacy_key: 1\n");
        refused("incompatible", out, "robustness", "--runs", old.toString(), "--out", o);
    }

    @Test
    void robustnessTableOfATinyTrainedNetwork() throws Exception {
        // the experiment's core on a trained network: accuracy at each amplitude, from the same evaluation the command runs
        int T = 12;
        RunConfig cfg = SyntheticTask.config("rnn_relu", tmp, 6, "train.lr=0.03");
        TaskData data = SyntheticTask.task(T, 3);
        RunFolder f = RunFolder.open(tmp.resolve(cfg.name()), RunFolder.Mode.NEW);
        Network net = org.neuradapt.network.ModelFactory.create(cfg.model(), 1, T, 3, cfg.seed(), org.nd4j.linalg.api.buffer.DataType.FLOAT);
        new Trainer(cfg, data, net, f, new Trainer.Listener() {}).run(false);
        List<Robustness.Point> pts = new ArrayList<>();
        Window w = new Window(2, 6, Window.Unit.STEPS);
        for (double xi : new double[] {0, 1, 30}) {
            Perturbation p = xi == 0 ? Perturbation.NONE : new StepDrive(xi, w);
            Evaluation e = Evaluation.of(net, data.test(), 16, 3, cfg.model().hidden(), p, cfg.seed());
            pts.add(new Robustness.Point("rnn_relu", cfg.seed(), cfg.name(), "synthetic", T, 6, "step", "xi", xi, "2:6", p.id(T), e.accuracy(), e.loss(), e.count()));
        }
        List<Robustness.Summary> s = Robustness.summarize(pts);
        assertEquals(3, s.size());
        Evaluation clean = Evaluation.of(net, data.test(), 16, 3, cfg.model().hidden(), Perturbation.NONE, cfg.seed());
        assertEquals(clean.accuracy(), s.get(0).mean(), 1e-12, "xi = 0 is the clean accuracy");
        assertTrue(s.get(0).mean() > 0.6, "the tiny network learned the task: " + s.get(0).mean());
        assertTrue(s.get(2).mean() < s.get(0).mean(), "a drive of 30 on a ReLU network costs accuracy: " + s);
        assertEquals(48, pts.get(2).count());
    }

    /**
     * One network copied into two folders is one seed (docs/science.md section 4.6): counted once,
     * with a warning. The evaluations come from the run's cache, so no data is loaded.
     */
    @Test
    void aCheckpointGivenTwiceCountsOnce() throws Exception {
        Path a = fakeRun("a", true), b = fakeRun("b", true), c = fakeRun("c", true, "seed=7");
        Files.copy(a.resolve(RunFolder.CHECKPOINTS).resolve("best.ckpt"), b.resolve(RunFolder.CHECKPOINTS).resolve("best.ckpt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);  // b: a copy of a
        for (Path dir : List.of(a, b, c)) {
            String sha = org.neuradapt.data.MnistFiles.sha256Hex(Files.readAllBytes(RunFolder.existing(dir).bestCheckpoint()));
            StringBuilder cache = new StringBuilder(RobustnessCommand.CACHE_HEADER + "\n");
            for (double xi : new double[] {0, 30}) {
                String id = org.neuradapt.perturbation.Perturbations.fromCli("step", 0, null, null, null).with("xi", xi).id(784);
                cache.append(sha).append(",test,").append(org.neuradapt.analysis.Csv.quote(id)).append(',').append(dir == c ? 0.5 : 0.9 - xi / 100).append(",1,100\n");
            }
            Files.writeString(dir.resolve(RobustnessCommand.CACHE), cache);
        }
        Path out = tmp.resolve("dup");
        CliErrorsTest.Result r = CliErrorsTest.run("robustness", "--runs", a.toString(), b.toString(), c.toString(), "--xi", "0,30", "--out", out.toString(),
                "--compare", "rnn_gamma_het,rnn_gamma_het");
        assertEquals(2, r.code(), "the same model twice is refused: " + r.err());
        r = CliErrorsTest.run("robustness", "--runs", a.toString(), b.toString(), c.toString(), "--xi", "0,30", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: '" + b + "' holds the same best checkpoint as '" + a + "'") && r.err().contains("counted once"), r.err());
        List<String> summary = Files.readAllLines(out.resolve("robustness_summary.csv"));
        assertEquals(org.neuradapt.analysis.Robustness.SUMMARY_HEADER, summary.get(0));
        assertTrue(summary.get(1).endsWith(",2"), "a and c, not b: " + summary.get(1));
        assertEquals(1 + 2 * 2, Files.readAllLines(out.resolve("robustness.csv")).size(), "two runs x two amplitudes");
        assertTrue(Files.isRegularFile(out.resolve("robustness_comparisons.csv")));
    }

    /** A run folder whose evaluations at xi = 0 and 30 are in its cache (accuracy clean, then under the drive), so no data is loaded. */
    Path cachedRun(String name, double clean, double driven, String... set) throws Exception {
        Path dir = fakeRun(name, true, set);
        String sha = org.neuradapt.data.MnistFiles.sha256Hex(Files.readAllBytes(RunFolder.existing(dir).bestCheckpoint()));
        StringBuilder cache = new StringBuilder(RobustnessCommand.CACHE_HEADER + "\n");
        for (double xi : new double[] {0, 30}) {
            String id = org.neuradapt.perturbation.Perturbations.fromCli("step", 0, null, null, null).with("xi", xi).id(784);
            cache.append(sha).append(",test,").append(org.neuradapt.analysis.Csv.quote(id)).append(',').append(xi == 0 ? clean : driven).append(",1,100\n");
        }
        Files.writeString(dir.resolve(RobustnessCommand.CACHE), cache);
        return dir;
    }

    /**
     * --results: the rows of an earlier robustness.csv join new runs without re-evaluation, the
     * comparison spans both, and a run present twice, another perturbation or another task is refused.
     */
    @Test
    void earlierResultsJoinNewRunsWithoutReevaluation() throws Exception {
        Path a1 = cachedRun("a1", 0.9, 0.2), a2 = cachedRun("a2", 0.8, 0.3, "seed=7");
        Path first = tmp.resolve("first");
        CliErrorsTest.Result r = CliErrorsTest.run("robustness", "--runs", a1.toString(), a2.toString(), "--xi", "0,30", "--out", first.toString());
        assertEquals(0, r.code(), r.err());
        Files.delete(a1.resolve(RobustnessCommand.CACHE));   // the earlier runs are gone: only their CSV is left
        Path b1 = cachedRun("b1", 0.9, 0.7, "model.type=lif"), b2 = cachedRun("b2", 0.8, 0.8, "model.type=lif", "seed=7");
        Path both = tmp.resolve("both");
        CliRun.Out o = CliRun.run("robustness", "--runs", b1.toString(), b2.toString(), "--results", first.resolve("robustness.csv").toString(),
                "--xi", "0,30", "--out", both.toString(), "--compare", "lif,rnn_gamma_het", "--at", "30");
        assertEquals(0, o.code(), o.err());
        assertEquals(1 + 4 * 2, Files.readAllLines(both.resolve("robustness.csv")).size(), "four runs x two amplitudes");
        assertTrue(o.out().contains("lif - rnn_gamma_het at xi = 30: difference of the mean accuracies +0.5000"), o.out());
        assertTrue(Files.readString(both.resolve("robustness_comparisons.csv")).contains("lif"), "the comparisons span old and new");
        // only the CSV, with a subset of its amplitudes
        Path sub = tmp.resolve("sub");
        r = CliErrorsTest.run("robustness", "--results", first.resolve("robustness.csv").toString(), "--xi", "30", "--out", sub.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 2, Files.readAllLines(sub.resolve("robustness.csv")).size());
        // refusals: a run given twice, another perturbation, nothing at all
        refused("already in the experiment", tmp.resolve("twice"), "robustness", "--results", first.resolve("robustness.csv").toString(),
                both.resolve("robustness.csv").toString(), "--xi", "0,30", "--out", tmp.resolve("twice").toString());
        refused("same perturbation", tmp.resolve("gauss"), "robustness", "--results", first.resolve("robustness.csv").toString(),
                "--perturbation", "gaussian", "--xi", "0,30", "--out", tmp.resolve("gauss").toString());
        refused("--runs DIR", tmp.resolve("none"), "robustness", "--xi", "0,30", "--out", tmp.resolve("none").toString());
    }

    /** The cache is only a cache: garbage (not UTF-8, malformed rows) is recomputed, and a cache that cannot be written is warned about once. */
    @Test
    void aBrokenOrUnwritableCacheIsRecomputedNotFatal() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.write(dir.resolve(RobustnessCommand.CACHE), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        CliRun.Out r = CliRun.capture(() -> RobustnessCommand.readCache(dir).size());
        assertEquals(0, r.code());
        assertTrue(r.err().startsWith("warning: ") && r.err().contains("recomputed"), r.err());
        Files.writeString(dir.resolve(RobustnessCommand.CACHE), RobustnessCommand.CACHE_HEADER + "\nabc,test,id,0.5,0.1,100\nabc,test,id2,x,0.1,100\n");
        assertEquals(1, RobustnessCommand.readCache(dir).size(), "the malformed row is dropped");

        Files.delete(dir.resolve(RobustnessCommand.CACHE));
        Files.createSymbolicLink(dir.resolve(RobustnessCommand.CACHE + ".tmp"), Path.of("/dev/full"));  // a full disk
        RobustnessCommand cmd = new RobustnessCommand();
        java.util.Map<String, String[]> cache = new java.util.LinkedHashMap<>();
        cache.put("abc,test,id", new String[] {"0.5", "0.1", "100"});
        CliRun.Out w = CliRun.capture(() -> {
            cmd.keepCache(dir, cache);
            cmd.keepCache(dir, cache);
            return 0;
        });
        assertEquals(1, w.err().lines().count(), "warned once: " + w.err());
        assertTrue(w.err().contains("the results are computed"), w.err());
    }
}

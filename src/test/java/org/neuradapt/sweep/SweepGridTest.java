package org.neuradapt.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neuradapt.UserError;
import org.neuradapt.config.ConfigLoader;

/** Reading a sweep file and expanding its grid: order, product, names, and every refusal in one line. */
class SweepGridTest {

    static final String ARUN = "model:\n  type: arun\n  hidden: 8\n  ctrl: 2\n";
    static final String RELU = "model:\n  type: rnn_relu\n  hidden: 8\n";

    /** Base configs given as text, so that the tests need no files. */
    static Grid.Resolver resolver(Map<String, String> bases) {
        return (base, overrides) -> {
            String text = bases.get(base);
            if (text == null) throw new UserError("base config '" + base + "' (in grid.config) does not exist");
            return ConfigLoader.fromString(text, overrides);
        };
    }

    static final Grid.Resolver BASES = resolver(Map.of("configs/arun.yaml", ARUN, "configs/relu.yaml", RELU));

    static List<Point> expand(String yaml) {
        return Grid.expand(SweepSpec.parse(yaml, "s.yaml", "s"), BASES);
    }

    static UserError refused(String yaml) {
        UserError e = assertThrows(UserError.class, () -> expand(yaml));
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("sweep s.yaml"), "names the sweep file: " + e.getMessage());
        return e;
    }

    static void assertMentions(UserError e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "should mention '" + p + "': " + e.getMessage());
    }

    @Test
    void cartesianProductInFileOrderLastKeyFastest() {
        List<Point> points = expand("""
                out: runs/x
                name: "{model}_s{seed}"
                grid:
                  config: [configs/relu.yaml, configs/arun.yaml]
                  seed: [200, 400, 600]
                set:
                  train.epochs: 3
                """);
        assertEquals(List.of("rnn_relu_s200", "rnn_relu_s400", "rnn_relu_s600", "arun_s200", "arun_s400", "arun_s600"),
                points.stream().map(Point::name).toList());
        for (int i = 0; i < points.size(); i++) assertEquals(i, points.get(i).index());
        Point p = points.get(4);
        assertEquals("configs/arun.yaml", p.base());
        assertEquals(List.of("seed=400", "train.epochs=3"), p.overrides());
        assertEquals(Map.of("config", "configs/arun.yaml", "seed", "400"), p.coordinates());
        assertEquals(400, p.config().seed());
        assertEquals(3, p.config().train().epochs());
        assertEquals("runs/x", p.config().out());
        assertEquals("arun_s400", p.config().name());
        assertEquals("runs/x/arun_s400", p.runDir());
        assertEquals(List.of("train", "--config", "configs/arun.yaml", "--set", "seed=400", "--set", "train.epochs=3",
                "--set", "out=runs/x", "--set", "name=arun_s400"), p.trainArguments());
    }

    @Test
    void nameTemplateUsesGridKeysByLastSegmentWithTheirTextAsWritten() {
        List<Point> points = expand("""
                name: "{config}-lr{lr}-{train.batch_size}-{model}"
                grid:
                  config: [configs/arun.yaml]
                  train.lr: [1e-3, 0.01]
                  train:
                    batch_size: [16]
                """);
        assertEquals(List.of("arun-lr1e-3-16-arun", "arun-lr0.01-16-arun"), points.stream().map(Point::name).toList());
        assertEquals(1e-3, points.get(0).config().train().lr());
        assertEquals(16, points.get(1).config().train().batchSize());
        assertEquals(List.of("config", "train.lr", "train.batch_size"), List.copyOf(points.get(0).coordinates().keySet()));
    }

    @Test
    void defaultsNameTheRunByEveryGridKeyAndPutItUnderRunsStem() {
        SweepSpec spec = SweepSpec.parse("grid:\n  config: [configs/relu.yaml]\n  seed: [1, 2]\n  train.lr: [0.1]\n", "s.yaml", "s");
        assertEquals("runs/s", spec.out());
        assertEquals("{config}_seed{seed}_lr{train.lr}", spec.nameTemplate());
        assertEquals(List.of("relu_seed1_lr0.1", "relu_seed2_lr0.1"), Grid.expand(spec, BASES).stream().map(Point::name).toList());
        // a single value needs no list
        assertEquals(1, expand("grid:\n  config: configs/relu.yaml\n").size());
    }

    @Test
    void quotedValuesStayStrings() {
        assertEquals("\"007\"", new SweepSpec.Value("007", true).overrideText());
        assertEquals("007", new SweepSpec.Value("007", false).overrideText());
        assertEquals("\"true\"", new SweepSpec.Value("true", true).overrideText());
        assertEquals("data/mnist", new SweepSpec.Value("data/mnist", true).overrideText());
        assertEquals("./data", new SweepSpec.Value("./data", true).overrideText());
        assertEquals("\"a \\\"b\\\"\"", new SweepSpec.Value("a \"b\"", true).overrideText());
        List<Point> points = expand("name: \"p{dir}\"\ngrid:\n  config: [configs/relu.yaml]\n  data.dir: [\"007\"]\n");
        assertEquals("007", points.get(0).config().data().dir());
        assertEquals("p007", points.get(0).name());
    }

    @Test
    void duplicateRunNamesAreRefusedNamingTheKeysThatDiffer() {
        UserError e = refused("name: \"{model}\"\ngrid:\n  config: [configs/arun.yaml]\n  seed: [1, 2]\n");
        assertMentions(e, "points 1 (config=configs/arun.yaml, seed=1) and 2", "'arun'", "{seed}");
        assertMentions(refused("name: \"x{seed}\"\ngrid:\n  config: [configs/arun.yaml]\n  seed: [1, 1]\n"), "same values twice");
    }

    @Test
    void emptyGridsAreRefused() {
        assertMentions(refused("out: runs/x\n"), "grid is empty", "config:");
        assertMentions(refused("grid: {}\n"), "grid is empty");
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\n  seed: []\n"), "grid.seed has no values");
        assertMentions(refused("grid:\n  seed: [1]\n"), "grid.config is missing");
        assertMentions(refused(""), "empty");
    }

    @Test
    void unknownConfigKeysAreRefusedNamingTheKeyAndThePoint() {
        assertMentions(refused("name: \"{model}_s{seed}\"\ngrid:\n  config: [configs/arun.yaml]\n  seed: [200]\n  train.lrr: [0.1]\n"),
                "sweep s.yaml, point arun_s200: grid.train.lrr:", "'train.lrr'", "did you mean 'train.lr'");
        assertMentions(refused("name: \"{model}_s{seed}\"\ngrid:\n  config: [configs/arun.yaml]\n  seed: [200]\nset:\n  train.lrr: 0.1\n"),
                "sweep s.yaml, point arun_s200: set.train.lrr:", "did you mean 'train.lr'");
        // every point is checked before anything runs: a bad value in the last one is found
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\n  train.lr: [0.1, -1]\n"), "point arun_lr-1", "train.lr");
        assertMentions(refused("grid:\n  config: [configs/nope.yaml]\n  seed: [1]\n"), "configs/nope.yaml", "does not exist");
    }

    @Test
    void unknownSweepKeysAreRefused() {
        assertMentions(refused("grd:\n  config: [configs/arun.yaml]\n"), "unknown key 'grd'", "did you mean 'grid'");
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\nslurm:\n  tme: 1:00:00\n"), "slurm.tme", "did you mean 'time'");
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\n  seed: [1]\nset:\n  seed: 2\n"), "'seed' is both in grid and in set");
        assertMentions(refused("name: \"{lrate}\"\ngrid:\n  config: [configs/arun.yaml]\n  train.lr: [0.1]\n"), "{lrate}", "{lr}", "{model}");
        assertMentions(refused("name: \"x{seed\"\ngrid:\n  config: [configs/arun.yaml]\n"), "unmatched");
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\n  name: [a, b]\n"), "grid.name", "top-level name");
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\nset:\n  out: x\n"), "set.out");
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\n  seed: [[1, 2]]\n"), "grid.seed, value 1");
        assertMentions(refused("grid:\n  config: [configs/arun.yaml]\n  grid: 1\n  grid: 2\n"), "appears twice");
        assertMentions(refused("grid: [1\n"), "not valid YAML", "line");
        assertMentions(refused("name: \"{dir}\"\ngrid:\n  config: [configs/arun.yaml]\n  data.dir: [/tmp/a]\n"), "not a folder name");
    }

    @Test
    void slurmSectionIsRead() {
        SweepSpec spec = SweepSpec.parse("grid:\n  config: [a.yaml]\nslurm:\n  time: \"04:00:00\"\n  cpus_per_task: 4\n  mem: 6G\n"
                + "  partition: debug\n  extra: [\"--qos=low\"]\n", "s.yaml", "s");
        assertEquals(new SlurmResources("04:00:00", 4, "6G", "debug", null, null, List.of("--qos=low")), spec.slurm());
        SlurmResources merged = spec.slurm().overriddenBy(new SlurmResources("1:00:00", null, "2G", null, "lab", null, List.of()));
        assertEquals(new SlurmResources("1:00:00", 4, "2G", "debug", "lab", null, List.of("--qos=low")), merged);
        assertThrows(UserError.class, () -> SweepSpec.parse("grid:\n  config: [a.yaml]\nslurm:\n  cpus_per_task: 0\n", "s.yaml", "s"));
    }

    /** The example sweep files expand with the real configs they name (paths relative to the repository). */
    @Test
    void exampleSweepFilesExpand() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("sweep_")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "configs/sweep_*.yaml exist");
        for (Path f : files) {
            SweepSpec spec = SweepSpec.parse(Files.readString(f), f.toString(), f.getFileName().toString().replace(".yaml", ""));
            List<Point> points = Grid.expand(spec, (base, o) -> ConfigLoader.load(Path.of(base), o));
            assertEquals(spec.pointCount(), points.size(), f.toString());
        }
    }
}

package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line: exit code 2, one line on stderr that names the problem, nothing written. */
class CliErrorsTest {
    @TempDir Path tmp;

    record Result(int code, String err) {}

    static Result run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            return new Result(Main.execute(args), buf.toString());
        } finally {
            System.setErr(old);
        }
    }

    static void assertUserError(Result r, String... mentions) {
        assertEquals(2, r.code(), r.err());
        String text = r.err().strip();
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.startsWith("error: "), text);
        assertFalse(text.contains("Exception"), "no stack trace: " + text);
        for (String m : mentions) assertTrue(text.contains(m), "should mention '" + m + "': " + text);
    }

    @Test
    void unknownConfigKey() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), "model:\n  hiden: 3\n");
        assertUserError(run("train", "--config", cfg.toString(), "--set", "out=" + tmp), "model.hiden", "model.hidden");
        assertFalse(Files.exists(tmp.resolve("c")), "no run folder created");
    }

    @Test
    void wrongTypeAndOutOfRange() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), "train:\n  lr: fast\n");
        assertUserError(run("train", "--config", cfg.toString()), "train.lr");
        Path zero = Files.writeString(tmp.resolve("z.yaml"), "model:\n  hidden: 0\n");
        assertUserError(run("train", "--config", zero.toString()), "model.hidden");
        assertUserError(run("train", "--config", zero.toString(), "--set", "model.hidden=4", "--set", "data.pool=3"), "data.pool");
        assertUserError(run("train", "--config", zero.toString(), "--set", "model.hidden=4", "--set", "train.lr=-1"), "train.lr");
    }

    @Test
    void missingConfigFileAndMissingData() throws Exception {
        assertUserError(run("train", "--config", tmp.resolve("nope.yaml").toString()), "nope.yaml");
        Path cfg = Files.writeString(tmp.resolve("c.yaml"), "out: " + tmp.resolve("runs") + "\ndata:\n  dir: " + tmp.resolve("empty") + "\n");
        assertUserError(run("train", "--config", cfg.toString()), tmp.resolve("empty").toString(), "data fetch");
        assertFalse(Files.exists(tmp.resolve("runs")), "no run folder created when the data is missing");
    }

    @Test
    void badArguments() {
        assertUserError(run("train", "--config", "x.yaml", "--resume", "--overwrite"), "--resume");
        assertUserError(run("train", "--bogus"), "--bogus");
        assertUserError(run("eval", "--run", tmp.toString()), tmp.toString(), "run folder");
        assertUserError(run("bench", "--model", "nope"), "--model");
        assertUserError(run("bench", "--hidden", "0"), "--hidden");
        assertUserError(run("bench", "--warmup", "x"), "--warmup");
        assertUserError(run("bench", "--warmup", "0"), "--warmup");
    }
}

package org.neuradapt.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuradapt.UserError;

/** Every kind of config mistake becomes a one-line {@link UserError} that names the key and the fix. */
class ConfigErrorsTest {

    /** Runs {@code action}, expects a UserError, checks it is one line and contains every fragment. */
    static UserError assertUserError(Executable action, String... fragments) {
        UserError e = assertThrows(UserError.class, action);
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "not one line: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + fragment + "' not in: " + message);
        }
        return e;
    }

    /** YAML text, overrides, and the fragments the message must contain (the first is always the key). */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                // unknown keys, with a spelling suggestion when one is close
                Arguments.of("model:\n  hiden: 3\n", List.of(), List.of("'model.hiden'", "did you mean 'model.hidden'?",
                        "known keys in model: type, hidden, ctrl")),
                Arguments.of("trian:\n  lr: 1\n", List.of(), List.of("'trian'", "did you mean 'train'?")),
                Arguments.of("model:\n  options: {k: 1}\n  optoins: {}\n", List.of(), List.of("'model.optoins'", "'model.options'")),
                Arguments.of("", List.of("model.hiden=3"), List.of("'model.hiden'", "did you mean 'model.hidden'?")),
                Arguments.of("", List.of("zzzzzzzz=1"), List.of("'zzzzzzzz'", "known keys at the top level")),
                Arguments.of("", List.of("train.lr.x=1"), List.of("'train.lr.x'", "--set train.lr=VALUE")),
                // empty values: a key given with nothing after it is a mistake, never a silent default
                Arguments.of("", List.of("model.type="), List.of("config key 'model.type' is empty")),
                Arguments.of("", List.of("data.task="), List.of("config key 'data.task' is empty")),
                Arguments.of("", List.of("model.backend="), List.of("config key 'model.backend' is empty")),
                Arguments.of("", List.of("name="), List.of("config key 'name' is empty")),
                Arguments.of("", List.of("data.dir= "), List.of("config key 'data.dir' is empty")),
                Arguments.of("model:\n  type:\n", List.of(), List.of("config key 'model.type' is empty")),
                // a name no file system takes, a NaN written the YAML way
                Arguments.of("", List.of("name=" + "a".repeat(300)), List.of("'name'", "at most 200 bytes")),
                Arguments.of("train:\n  lr: .nan\n", List.of(), List.of("'.nan'", "no key takes", "give a finite number")),
                // sizes that cannot be held
                Arguments.of("", List.of("model.hidden=50000"), List.of("'model.hidden'", "at most 46340", "got 50000")),
                // malformed overrides
                Arguments.of("", List.of("train.lr"), List.of("'train.lr'", "key.path=value")),
                Arguments.of("", List.of("=3"), List.of("'=3'", "key.path=value")),
                Arguments.of("", List.of("train..lr=3"), List.of("'train..lr=3'", "key.path=value")),
                // wrong types
                Arguments.of("", List.of("train.lr=abc"), List.of("config key 'train.lr' must be a number, got 'abc'")),
                Arguments.of("train:\n  lr: [1]\n", List.of(), List.of("'train.lr'", "must be a number")),
                Arguments.of("train:\n  lr: Infinity\n", List.of(), List.of("'train.lr'", "must be a number")),
                Arguments.of("", List.of("train.lr=.inf"), List.of("'train.lr'", "must be a number")),
                Arguments.of("train:\n  epochs: 2.5\n", List.of(), List.of("'train.epochs'", "must be an integer, got 2.5")),
                Arguments.of("model:\n  hidden: 99999999999\n", List.of(), List.of("'model.hidden'", "32 bits")),
                Arguments.of("seed: abc\n", List.of(), List.of("'seed'", "must be an integer")),
                Arguments.of("model:\n  options: {k: abc}\n", List.of(), List.of("'model.options.k'", "must be a number")),
                Arguments.of("model:\n  options: [1, 2]\n", List.of(), List.of("'model.options'", "mapping")),
                Arguments.of("model: 5\n", List.of(), List.of("'model'", "must be a mapping")),
                Arguments.of("", List.of("data="), List.of("'data'", "must be a mapping")),
                Arguments.of("data:\n  task: {a: 1}\n", List.of(), List.of("'data.task'", "must be a string")),
                // out of range
                Arguments.of("train:\n  lr: -1\n", List.of(), List.of("config key 'train.lr' must be > 0, got -1.0")),
                Arguments.of("", List.of("model.hidden=0"), List.of("'model.hidden'", "> 0", "got 0")),
                Arguments.of("", List.of("model.type=arun", "model.ctrl=0"), List.of("'model.ctrl'", "> 0", "arun")),
                Arguments.of("", List.of("model.type=rnn_gamma_fixed", "model.s=1.5"), List.of("'model.s'", "[0, 1]", "1.5")),
                Arguments.of("", List.of("model.type=rnn_gamma_fixed", "model.s=-0.1"), List.of("'model.s'", "[0, 1]")),
                Arguments.of("", List.of("model.type=rnn_gamma_fixed", "model.n=0"), List.of("'model.n'", "> 0")),
                Arguments.of("", List.of("model.type=rnn", "model.activation=gamma_fixed", "model.n=-2"), List.of("'model.n'", "> 0")),
                Arguments.of("", List.of("train.batch_size=0"), List.of("'train.batch_size'", "> 0")),
                Arguments.of("", List.of("train.epochs=0"), List.of("'train.epochs'", "> 0")),
                Arguments.of("", List.of("train.plateau_factor=1"), List.of("'train.plateau_factor'", "(0, 1)")),
                Arguments.of("", List.of("train.plateau_factor=0"), List.of("'train.plateau_factor'", "(0, 1)")),
                Arguments.of("", List.of("train.plateau_patience=-1"), List.of("'train.plateau_patience'", ">= 0")),
                Arguments.of("", List.of("train.sinusoid_p=1.5"), List.of("'train.sinusoid_p'", "[0, 1]")),
                Arguments.of("", List.of("train.sinusoid_p=-0.5"), List.of("'train.sinusoid_p'", "[0, 1]")),
                Arguments.of("", List.of("train.augment_p=1.5"), List.of("'train.augment_p'", "[0, 1]", "1.5")),
                Arguments.of("", List.of("train.augment_p=-0.1"), List.of("'train.augment_p'", "[0, 1]")),
                Arguments.of("", List.of("train.augment_p=0.5"), List.of("'train.augment'", "a perturbation", "train.augment_p > 0", "'none'")),
                Arguments.of("train:\n  augment: {type: ramp}\n", List.of(), List.of("'train.augment.type'",
                        "none, step, gaussian, sinusoid, combined", "'ramp'")),
                Arguments.of("train:\n  augment: {type: gaussian, xi: -1}\n", List.of(), List.of("'train.augment'", "standard deviation", "-1")),
                Arguments.of("train:\n  augment: {type: step, xi: '0,,x'}\n", List.of(), List.of("'train.augment.xi'", "must be a number")),
                Arguments.of("train:\n  augment: {type: step, xi: 1, wndow: '1:2'}\n", List.of(), List.of("'train.augment.wndow'", "type, xi, window")),
                Arguments.of("train:\n  augment: {type: step, xi: 1, window: '50;50'}\n", List.of(), List.of("'train.augment.window'", "'50;50'", "0.255:0.255")),
                // a window must fit the task's T = (28 / data.pool)^2: 196 at pool 2
                Arguments.of("data:\n  pool: 2\ntrain:\n  augment: {type: step, xi: 1, window: '196:10'}\n", List.of(),
                        List.of("'train.augment'", "window 196:10", "T = 196", "data.pool 2")),
                Arguments.of("train:\n  augment: {type: step, xi: 1, window: {start: 1.0, length: 0.1}}\n", List.of("data.pool=4"),
                        List.of("'train.augment'", "window 1.0:0.1", "T = 49")),
                Arguments.of("", List.of("train.augment=step"), List.of("'train.augment'", "'step'")),
                Arguments.of("", List.of("train.augment={type: step"), List.of("'train.augment'", "not valid YAML")),
                Arguments.of("", List.of("train.augment.xi=2"), List.of("'train.augment.xi'", "is a value, not a section")),
                Arguments.of("", List.of("train.clip_grad_norm=-1"), List.of("'train.clip_grad_norm'", ">= 0")),
                Arguments.of("", List.of("train.checkpoint_every=0"), List.of("'train.checkpoint_every'", ">= 1")),
                Arguments.of("", List.of("train.max_batches_per_epoch=-1"), List.of("'train.max_batches_per_epoch'", ">= 0")),
                Arguments.of("", List.of("data.pool=3"), List.of("'data.pool'", "28 (1, 2, 4, 7, 14), got 3")),
                Arguments.of("", List.of("data.pool=28"), List.of("'data.pool'", "28 (1, 2, 4, 7, 14)")),
                Arguments.of("", List.of("model.type=rnn_foo"), List.of("'model.type'",
                        String.join(", ", ConfigRules.MODEL_TYPES), "'rnn_foo'")),
                Arguments.of("", List.of("model.type=rnn"), List.of("'model.activation'", "model.type is rnn")),
                Arguments.of("", List.of("model.activation=relu"), List.of("'model.activation'", "model.type: rnn")),
                Arguments.of("", List.of("model.type=rnn", "model.activation=sigmoid"), List.of("'model.activation'", "class name")),
                Arguments.of("", List.of("model.controller=foo"), List.of("'model.controller'", "class name")),
                Arguments.of("", List.of("model.backend=cuda"), List.of("'model.backend'", "auto, samediff")),
                Arguments.of("", List.of("data.train_subset=-1"), List.of("'data.train_subset'", "[0, 50000]")),
                Arguments.of("", List.of("data.train_subset=50001"), List.of("'data.train_subset'", "[0, 50000]")),
                Arguments.of("", List.of("data.val_subset=10001"), List.of("'data.val_subset'", "[0, 10000]")),
                Arguments.of("", List.of("data.test_subset=10001"), List.of("'data.test_subset'", "[0, 10000]")),
                Arguments.of("", List.of("data.test_subset=-3"), List.of("'data.test_subset'", "[0, 10000]")),
                Arguments.of("", List.of("name=a/b"), List.of("'name'", "folder name")),
                Arguments.of("", List.of("out="), List.of("'out'", "non-empty")),
                Arguments.of("", List.of("data.dir=''"), List.of("'data.dir'", "non-empty")),
                // the top level and syntax
                Arguments.of("- a\n- b\n", List.of(), List.of("'<string>'", "mapping of keys", "top level")),
                Arguments.of("just text\n", List.of(), List.of("'<string>'", "top level")),
                Arguments.of("model:\n  hidden: 1\nmodel:\n  hidden: 2\n", List.of(), List.of("'<string>'", "line 3", "Duplicate"))
        );
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeNamesItsKey(String yaml, List<String> overrides, List<String> fragments) {
        assertUserError(() -> ConfigLoader.fromString(yaml, overrides), fragments.toArray(String[]::new));
    }

    @Test
    void conditionalRangesOnlyApplyToTheirModel() {
        // ctrl, n and s are ignored by models that do not read them, so odd values there are not errors.
        assertDoesNotThrow(() -> ConfigLoader.fromString("", List.of("model.ctrl=0", "model.s=3", "model.n=-1")));
        assertDoesNotThrow(() -> ConfigLoader.fromString("", List.of("model.type=rnn", "model.activation=org.example.MyNeuron")));
        assertDoesNotThrow(() -> ConfigLoader.fromString("", List.of("data.pool=14", "data.train_subset=50000",
                "train.plateau_factor=0.5", "train.sinusoid_p=1")));
        // augment set with probability 0 is off, not a mistake: augment_p=0 is how a run turns it off
        assertDoesNotThrow(() -> ConfigLoader.fromString("train:\n  augment: {type: step, xi: 1, window: '700:50'}\n", List.of()));
    }

    @Test
    void syntaxErrorNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "model:\n  hidden: 3\n  type: [rnn\n");
        assertUserError(() -> ConfigLoader.load(file, List.of()), file.toString(), "line 4", "not valid YAML");
        Files.writeString(file, "model:\n\thidden: 3\n");
        assertUserError(() -> ConfigLoader.load(file, List.of()), file.toString(), "line 2");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.yaml");
        assertUserError(() -> ConfigLoader.load(file, List.of()), "'" + file + "'", "does not exist");
        assertUserError(() -> ConfigLoader.load(dir, List.of()), "'" + dir + "'", "does not exist");
    }

    @Test
    void fileErrorsAndOverrideErrorsAlsoComeFromLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "train:\n  lr: 1e-3\n");
        assertUserError(() -> ConfigLoader.load(file, List.of("train.lr=0")), "'train.lr'", "> 0");
        Files.writeString(file, "- 1\n");
        assertUserError(() -> ConfigLoader.load(file, List.of()), file.toString(), "top level");
    }

    @Test
    void ruleTableCoversTheRangedKeys() {
        assertTrue(ConfigRules.ruleCount() >= 25, "rules were dropped from the table");
    }
}

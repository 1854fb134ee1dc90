package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every registered command answers --help (and `help CMD`) with its usage and a worked example, exit code 0. */
class HelpTest {
    static CliRun.Out run(String... args) { return CliRun.run(args); }

    /** Paths of every command below the root, e.g. [train], [data, fetch]. */
    static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) return;
            List<String> p = new ArrayList<>(prefix);
            p.add(name);
            paths.add(p);
            paths.addAll(commandPaths(sub, p));
        });
        return paths;
    }

    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> paths = commandPaths(Main.commandLine(), List.of());
        assertTrue(paths.size() >= 9, "commands found: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun.Out r = run(args.toArray(String[]::new));
            String cmd = String.join(" ", path);
            assertEquals(0, r.code(), cmd + " --help: " + r.err());
            assertTrue(r.out().contains("Usage: neuradapt " + cmd), cmd + " --help prints its usage: " + r.out());
            assertTrue(r.out().contains("Example:\n  ./neuradapt"), cmd + " --help shows a worked example: " + r.out());
            assertTrue(r.out().contains("--help"), cmd + " lists --help: " + r.out());
            // a lone % in a description is a format error picocli warns about and prints raw
            assertTrue(!r.err().contains("picocli WARN") && !r.out().contains("%n"), cmd + " --help formats its text: " + r.err());
        }
    }

    @Test
    void helpSubcommandNamesTheCommand() {
        for (String cmd : List.of("train", "eval", "bench", "data", "quickstart", "plot")) {
            CliRun.Out r = run("help", cmd);
            assertEquals(0, r.code(), "help " + cmd + ": " + r.err());
            assertTrue(r.out().contains("Usage: neuradapt " + cmd), r.out());
        }
        assertEquals(0, run("--help").code());
        assertTrue(run("--help").out().contains("help"), "the root usage lists the help command");
    }

    @Test
    void defaultsAreShown() {
        CliRun.Out r = run("bench", "--help");
        assertTrue(r.out().contains("Default:"), r.out());
    }

    @Test
    void unknownOptionPointsToAHelpThatWorks() {
        CliRun.Out r = run("train", "--bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("(see: neuradapt train --help)"), r.err());
        assertEquals(0, run("train", "--help").code());
    }
}

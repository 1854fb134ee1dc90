package org.neuradapt.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.IntSupplier;

/** Runs a command line (or any command) in this JVM and captures its exit code, stdout and stderr. */
final class CliRun {
    private CliRun() {}

    record Out(int code, String out, String err) {}

    static Out run(String... args) {
        return capture(() -> Main.execute(args));
    }

    static synchronized Out capture(IntSupplier command) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int code = command.getAsInt();
            return new Out(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}

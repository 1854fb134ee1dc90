package org.neuradapt.util;

import java.io.OutputStream;
import java.io.PrintStream;

/** Runs a block with System.out silenced (SameDiff prints one line per op while building gradients). */
public final class Quiet {
    private Quiet() {}

    public static synchronized void run(Runnable block) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            block.run();
        } finally {
            System.setOut(out);
        }
    }
}

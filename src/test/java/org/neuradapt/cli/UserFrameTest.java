package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** An exception thrown by a user neuron model is named by its class and line, not shown as a stack trace of the kernels. */
class UserFrameTest {
    static RuntimeException thrown(String... classes) {
        RuntimeException e = new IllegalStateException("boom");
        StackTraceElement[] st = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) st[i] = new StackTraceElement(classes[i], "value", "F.java", 10 + i);
        e.setStackTrace(st);
        return e;
    }

    @Test
    void theUserModelsFrameIsFound() {
        StackTraceElement f = Main.userFrame(thrown("java.lang.Math", "com.lab.MyNeuron", "org.neuradapt.network.fused.FusedElmanCell"));
        assertEquals("com.lab.MyNeuron", f.getClassName());
        assertEquals(11, f.getLineNumber());
        assertEquals("org.neuradapt.neuron.example.SoftThreshold",
                Main.userFrame(thrown("org.neuradapt.neuron.example.SoftThreshold", "org.neuradapt.network.fused.FusedElmanCell")).getClassName());
        assertNull(Main.userFrame(thrown("org.neuradapt.network.fused.FusedElmanCell", "com.lab.Caller")), "our own code's exception: not blamed on the user");
        assertNull(Main.userFrame(thrown("java.util.ArrayList", "org.neuradapt.cli.Main")));
    }

    @Test
    void aThrowingModelIsOneLineWithExitCode2() {
        CliRun.Out r = CliRun.capture(() -> {
            // the handler Main.execute installs, fed an exception from a user model
            RuntimeException e = thrown("com.lab.MyNeuron", "org.neuradapt.network.fused.FusedElmanCell");
            try {
                return Main.handle(e);
            } catch (Exception unexpected) {
                throw new AssertionError(unexpected);
            }
        });
        assertEquals(2, r.code());
        assertEquals("error: com.lab.MyNeuron.value (line 10) threw IllegalStateException: boom; check the model with ./neuradapt check-model --config FILE",
                r.err().strip());
    }

    /** What a kernel's worker thread wraps is unwrapped: memory and array-size limits are exit 4 in one line, a user error exit 2. */
    @Test
    void wrappedResourceFailuresAreOneLine() {
        ArithmeticException overflow = new ArithmeticException("integer overflow");
        overflow.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.lang.Math", "multiplyExact", "Math.java", 1),
                new StackTraceElement("org.neuradapt.network.fused.RecurrentKernel", "setup", "RecurrentKernel.java", 99)});
        Object[][] cases = {
                {new IllegalStateException("fast kernel worker failed", new OutOfMemoryError("Cannot allocate new FloatPointer(1)")), 4, "out of memory"},
                {new IllegalStateException("fast kernel worker failed", overflow), 4, "larger than an array holds"},
                {new IllegalStateException("fast kernel worker failed", new org.neuradapt.UserError("bad thing")), 2, "error: bad thing"},
                {new org.neuradapt.ResourceError("too big"), 4, "error: too big"}};
        for (Object[] c : cases) {
            CliRun.Out r = CliRun.capture(() -> {
                try {
                    return Main.handle((Exception) c[0]);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(c[1], r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            org.junit.jupiter.api.Assertions.assertTrue(r.err().contains((String) c[2]), r.err());
        }
    }
}

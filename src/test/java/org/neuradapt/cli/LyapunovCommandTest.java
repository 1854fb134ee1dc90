package org.neuradapt.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze lyapunov} and {@code analyze jacobian} (docs/science.md sections 5.5 and 5.6): every bad input is one line, exit 2, nothing written. */
class LyapunovCommandTest {
    @TempDir Path tmp;

    @Test
    void lyapunovRefusesBadInputAndModelsAVariantDoesNotApplyTo() throws Exception {
        RobustnessCommandTest f = RobustnessCommandTest.in(tmp);
        Path arun = f.fakeRun("a", true, "model.type=arun"), relu = f.fakeRun("r", true, "model.type=rnn_relu"),
                lstm = f.fakeRun("l", true, "model.type=lstm"), het = f.fakeRun("h", true, "model.type=rnn_gamma_het");
        Path out = tmp.resolve("out");
        String o = out.toString();
        f.refused("rnn_relu", out, "analyze", "lyapunov", "--run", relu.toString(), "--out", o);  // reference: gamma models only
        f.refused("rnn_relu", out, "analyze", "lyapunov", "--run", relu.toString(), "--out", o, "--variant", "full");
        f.refused("rnn_gamma_het", out, "analyze", "lyapunov", "--run", het.toString(), "--out", o, "--variant", "full");
        f.refused("lstm", out, "analyze", "lyapunov", "--run", lstm.toString(), "--out", o, "--variant", "trajectory");
        String[][] bad = {{"--variant", "chaos"}, {"--k", "0"}, {"--k", "100000"}, {"--transient", "-1"}, {"--steps", "0"}, {"--xi", "0,x"},
                {"--window", "0.99:0.5"}, {"--window", "5-5"}, {"--shapes", "all"}, {"--stride", "0"}, {"--samples", "0"}};
        for (String[] b : bad) f.refused(b[0], out, "analyze", "lyapunov", "--run", arun.toString(), "--out", o, b[0], b[1]);
        f.refused("--transient", out, "analyze", "lyapunov", "--run", arun.toString(), "--out", o, "--variant", "trajectory", "--transient", "100000");
        f.refused("--k", out, "analyze", "lyapunov", "--run", arun.toString(), "--out", o, "--variant", "full", "--k", "100000");
        f.refused("--variant reference only", out, "analyze", "lyapunov", "--run", arun.toString(), "--out", o, "--variant", "trajectory", "--map-drive");
        f.refused("not a run folder", out, "analyze", "lyapunov", "--run", tmp.resolve("nothing").toString(), "--out", o);
    }

    @Test
    void jacobianRefusesBadInputAndModelsWithoutAnElementwiseActivation() throws Exception {
        RobustnessCommandTest f = RobustnessCommandTest.in(tmp);
        Path relu = f.fakeRun("r", true, "model.type=rnn_relu"), gru = f.fakeRun("g", true, "model.type=gru");
        Path out = tmp.resolve("out");
        String o = out.toString();
        f.refused("gru", out, "analyze", "jacobian", "--run", gru.toString(), "--out", o);
        String[][] bad = {{"--samples", "0"}, {"--xi", "x"}, {"--window", "100000:5"}};
        for (String[] b : bad) f.refused(b[0], out, "analyze", "jacobian", "--run", relu.toString(), "--out", o, b[0], b[1]);
        f.refused("no checkpoint", out, "analyze", "jacobian", "--run", f.fakeRun("empty", false, "model.type=rnn_relu").toString(), "--out", o);
    }
}

package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.analysis.Csv;
import org.neuradapt.analysis.JacobianNorm;
import org.neuradapt.analysis.ReferenceLyapunov;
import org.neuradapt.analysis.TrajectoryLyapunov;
import org.neuradapt.network.Parameters;
import org.neuradapt.training.Checkpoint;
import org.neuradapt.training.RunFolder;
import org.neuradapt.training.SyntheticTask;

/**
 * {@code analyze lyapunov} and {@code analyze jacobian} (docs/science.md sections 5.5 and 5.6) end to end on tiny trained
 * runs (N = 6, M = 3, T = 16, zero inputs: no test needs MNIST): every variant writes its CSV (header and rows as
 * documented), JSON, PNG and SVG, and numbers are checked against answers computed independently of the analysis code;
 * and every bad input is one line, exit 2, nothing written.
 */
class LyapunovCommandTest {
    @TempDir Path tmp;

    /** T = 16: the paper's window scaled to T is 4:4 (driven steps t = 5..7, onset 5). */
    private Path trained(String model) throws Exception {
        return SyntheticTask.trainedRun(tmp, model, 16, "data.pool=7");
    }

    /** Runs {@code analyze NAME} with zero inputs into {@code out}, asserts exit 0 and returns the rows of {@code csv}. */
    private static List<String> analyse(Path run, Path out, String csv, String... args) throws Exception {
        String[] head = {"analyze", args[0], "--run", run.toString(), "--out", out.toString(), "--input", "zeros", "--samples", "3"};
        String[] all = java.util.Arrays.copyOf(head, head.length + args.length - 1);
        System.arraycopy(args, 1, all, head.length, args.length - 1);
        CliRun.Out r = CliRun.run(all);
        assertEquals(0, r.code(), r.err());
        String base = csv.replace("_running", "");
        for (String ext : List.of(".json", ".png", ".svg")) assertTrue(Files.size(out.resolve(base + ext)) > 0, base + ext);
        return Files.readAllLines(out.resolve(csv + ".csv"));
    }

    private static double col(String line, int k) { return Double.parseDouble(Csv.split(line).get(k)); }

    /** Replaces W and b in the run's best checkpoint (the one analyses read by default). */
    private static void setWeights(Path run, double[][] w, double b) throws Exception {
        Path file = run.resolve(RunFolder.CHECKPOINTS).resolve("best.ckpt");
        Checkpoint c = Checkpoint.read(file);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> p = new LinkedHashMap<>(c.params());
        int n = w.length;
        p.put(Parameters.W, Nd4j.create(w).castTo(DataType.FLOAT));
        p.put(Parameters.B, Nd4j.valueArrayOf(p.get(Parameters.B).shape(), b).castTo(DataType.FLOAT));
        assertEquals(n, p.get(Parameters.W).size(0));
        new Checkpoint(c.epoch(), c.adamStep(), c.lr(), c.scheduleBest(), c.badEpochs(), c.bestValLoss(), c.bestEpoch(), c.binding(), c.metrics(), p, c.adamM(), c.adamV())
                .write(file);
    }

    /**
     * rnn_relu with W = c P (P a permutation, so W is a scaled orthogonal matrix) and b = 1: on zero inputs with a
     * non-negative drive every a_t >= 1, relu is the identity, J_t = c P^T and every exponent is ln c exactly; and
     * with a random non-negative W the network stays linear too, so ||J_t||_2 = ||W||_2 (Commons Math SVD) at every step.
     */
    @Test
    void reluRunsGiveTheLinearAnswers() throws Exception {
        Path run = trained("rnn_relu");
        int n = 6;
        double c = 0.8;
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) w[i][(i + 2) % n] = c;
        setWeights(run, w, 1.0);
        double lnC = Math.log((float) c);  // the checkpoint holds floats
        Path out = tmp.resolve("relu");
        List<String> spec = analyse(run, out, "lyapunov_trajectory", "lyapunov", "--variant", "trajectory", "--k", "6", "--transient", "2", "--xi", "0,5");
        assertEquals(TrajectoryLyapunov.SPECTRUM_HEADER, spec.get(0));
        assertEquals(1 + 2 * 6, spec.size(), "2 amplitudes x k = 6");
        for (String row : spec.subList(1, spec.size())) {
            assertEquals(lnC, col(row, 3), 1e-9, row);
            assertEquals(0, col(row, 4), 1e-9, row);
        }
        List<String> running = Files.readAllLines(out.resolve("lyapunov_trajectory_running.csv"));
        assertEquals(TrajectoryLyapunov.RUNNING_HEADER, running.get(0));
        assertEquals(1 + 2 * 14, running.size(), "2 amplitudes x S = T - T0 = 14 steps");
        assertEquals("trajectory,5,2,", running.get(15).substring(0, "trajectory,5,2,".length()), "the running rows start at t = T0");
        assertEquals(lnC, col(running.get(28), 3), 1e-9);

        // a random non-negative W: still linear; the norm is W's largest singular value at every step and for every sample
        SplittableRandom rnd = new SplittableRandom(3);
        for (double[] row : w) for (int j = 0; j < n; j++) row[j] = (float) (0.35 * rnd.nextDouble());
        setWeights(run, w, 0.5);
        double sigma = new SingularValueDecomposition(MatrixUtils.createRealMatrix(w)).getSingularValues()[0];
        List<String> jac = analyse(run, out, "jacobian_norm", "jacobian", "--xi", "0,3");
        assertEquals(JacobianNorm.HEADER, jac.get(0));
        assertEquals(1 + 2 * 16, jac.size(), "2 amplitudes x T = 16 steps");
        assertTrue(sigma > 0.5 && sigma < 2.5, "a non-trivial norm: " + sigma);
        for (String row : jac.subList(1, jac.size())) {
            assertEquals(sigma, col(row, 2), 1e-9, row);
            assertEquals(0, col(row, 3), 1e-9, row);
            assertEquals(3, col(row, 4));
        }
    }

    /**
     * The ARUN: every lyapunov variant and jacobian run, with the documented columns and rows; and along the same
     * trajectories lambda_1 of the trajectory variant is bounded by the mean of ln ||J_t||_2 of jacobian over the same
     * steps (||dh_t|| <= ||J_t||_2 ||dh_{t-1}||, Jensen over the samples), section 5.6.
     */
    @Test
    void everyVariantRunsOnATinyArun() throws Exception {
        Path run = trained("arun"), out = tmp.resolve("arun");
        List<String> ref = analyse(run, out, "lyapunov_reference", "lyapunov", "--k", "3", "--xi", "0,5", "--steps", "200");
        assertEquals(ReferenceLyapunov.HEADER, ref.get(0));
        // stride 4 aligned on the onset 5: t = 1, 5, 9, 13, two modes each, plus the xi panel's two: 10 points x k = 3 per amplitude
        assertEquals(1 + 2 * 10 * 3, ref.size());
        assertEquals(2 * 2 * 3, ref.stream().filter(l -> l.startsWith("xi,")).count());
        assertTrue(ref.stream().anyMatch(l -> l.startsWith("time,5,adaptive,5,0,")), "onset t = 5 in the time panel");
        for (String row : ref.subList(1, ref.size())) assertTrue(Double.isFinite(col(row, 8)) && col(row, 8) < 1, row);

        List<String> full = analyse(run, out, "lyapunov_full", "lyapunov", "--variant", "full", "--k", "24", "--transient", "4");
        assertEquals(TrajectoryLyapunov.SPECTRUM_HEADER, full.get(0));
        assertEquals(1 + 24, full.size(), "one amplitude (0) x k = N(M + 1) = 24");
        // finite-time exponents over 12 steps need not come out sorted; each is finite and averaged over the 3 samples
        for (String row : full.subList(1, full.size())) assertTrue(Double.isFinite(col(row, 3)) && col(row, 5) == 3, row);
        assertEquals(1 + 12, Files.readAllLines(out.resolve("lyapunov_full_running.csv")).size(), "S = T - T0 = 12");

        trajectoryBoundedByJacobianNorm(run, out);
    }

    @Test
    void trajectoryAndJacobianOnRnnGammaHet() throws Exception {
        Path run = trained("rnn_gamma_het");
        trajectoryBoundedByJacobianNorm(run, tmp.resolve("het"));
        // for rnn_gamma_* the shape parameters do not move: the reference map's adaptive and fixed values coincide
        List<String> ref = analyse(run, tmp.resolve("het"), "lyapunov_reference", "lyapunov", "--k", "2", "--xi", "5", "--steps", "100");
        assertEquals(1 + 10 * 2, ref.size());
        for (int i = 1; i < ref.size(); i += 4) {
            List<String> a = Csv.split(ref.get(i)), f = Csv.split(ref.get(i + 2));
            assertEquals("adaptive", a.get(2));
            assertEquals("fixed", f.get(2));
            assertEquals(a.get(8), f.get(8), ref.get(i) + " / " + ref.get(i + 2));
        }
    }

    /** Runs the trajectory variant and jacobian under xi = 5 and checks lambda_1 <= mean over the kept steps of ln ||J_t||_2. */
    private static void trajectoryBoundedByJacobianNorm(Path run, Path out) throws Exception {
        List<String> spec = analyse(run, out, "lyapunov_trajectory", "lyapunov", "--variant", "trajectory", "--k", "4", "--transient", "3", "--xi", "5");
        assertEquals(TrajectoryLyapunov.SPECTRUM_HEADER, spec.get(0));
        assertEquals(1 + 4, spec.size());
        List<String> jac = analyse(run, out, "jacobian_norm", "jacobian", "--xi", "5");
        assertEquals(1 + 16, jac.size());
        double bound = 0;
        for (int t = 3; t < 16; t++) bound += Math.log(col(jac.get(1 + t), 2)) / 13;
        double lambda1 = col(spec.get(1), 3);
        assertTrue(Double.isFinite(lambda1) && lambda1 <= bound + 1e-12, "lambda_1 = " + lambda1 + " > mean ln ||J_t|| = " + bound);
        assertTrue(col(spec.get(1), 3) >= col(spec.get(4), 3));
    }

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
                {"--window", "0.99:0.5"}, {"--window", "5-5"}, {"--shapes", "all"}, {"--stride", "0"}, {"--samples", "0"}, {"--samples", "20000"}};
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
        String[][] bad = {{"--samples", "0"}, {"--samples", "20000"}, {"--xi", "x"}, {"--window", "100000:5"}};
        for (String[] b : bad) f.refused(b[0], out, "analyze", "jacobian", "--run", relu.toString(), "--out", o, b[0], b[1]);
        f.refused("no checkpoint", out, "analyze", "jacobian", "--run", f.fakeRun("empty", false, "model.type=rnn_relu").toString(), "--out", o);
    }
}

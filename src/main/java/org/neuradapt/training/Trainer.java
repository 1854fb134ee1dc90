package org.neuradapt.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuradapt.config.RunConfig;
import org.neuradapt.config.TrainConfig;
import org.neuradapt.data.SequenceSet;
import org.neuradapt.data.SequentialMnist;
import org.neuradapt.data.TaskData;
import org.neuradapt.network.Batch;
import org.neuradapt.network.Network;
import org.neuradapt.network.Score;
import org.neuradapt.perturbation.Perturbation;
import org.neuradapt.perturbation.SinusoidalInput;

/**
 * Trains a {@link Network} on a task (docs/science.md section 3): Adam, ReduceLROnPlateau on
 * validation loss, optional gradient-norm clipping and augmentation, one checkpoint per epoch
 * (last), the best by validation loss and every k epochs. A seed fixes the run: epoch e shuffles
 * with a generator derived from (seed, e), so a resumed run replays exactly.
 *
 * <p>Augmentation (docs/science.md section 4): with probability {@code train.sinusoid_p} a batch
 * gets the paper's sinusoidal transform (A = 0.2, f ~ U(0, 2) drawn per batch), then, with
 * probability {@code train.augment_p}, the perturbation {@code train.augment} (a drive or any
 * other {@link Perturbation}, fixed parameters). Both coin flips, and any random values the
 * perturbations need, come from the epoch's generator, and a probability of 0 draws nothing, so
 * runs without augmentation replay exactly as before these keys existed.
 */
public final class Trainer {

    /** Progress reports; the CLI turns them into a progress bar. */
    public interface Listener {
        default void onBatch(int epoch, int batch, int batches, double loss, double acc) {}

        default void onEpoch(EpochMetrics m) {}
    }

    /** The points of an epoch's write sequence, for the crash tests: a hook that may throw after each write. */
    @FunctionalInterface
    interface WritePoint {
        void after(String write, int epoch);
    }

    /** No-op outside tests. */
    static WritePoint writePoint = (w, e) -> {};

    /** Thrown when the loss becomes NaN or infinite; the last good checkpoint is kept. */
    public static final class DivergedException extends RuntimeException {
        public DivergedException(String message) { super(message); }
    }

    private final RunConfig cfg;
    private final TaskData data;
    private final Network net;
    private final RunFolder folder;
    private final Listener listener;
    private final int hidden;
    private final java.util.function.LongSupplier nanoTime;

    public Trainer(RunConfig cfg, TaskData data, Network net, RunFolder folder, Listener listener) {
        this(cfg, data, net, folder, listener, System::nanoTime);
    }

    /**
     * A trainer whose epoch times (the seconds column of metrics.csv) come from {@code nanoTime}:
     * the thread-count test pins it, so that two runs' files can be compared byte for byte.
     */
    public Trainer(RunConfig cfg, TaskData data, Network net, RunFolder folder, Listener listener, java.util.function.LongSupplier nanoTime) {
        this.cfg = cfg;
        this.data = data;
        this.net = net;
        this.folder = folder;
        this.listener = listener;
        this.hidden = cfg.model().hidden();
        this.nanoTime = nanoTime;
    }

    /** Runs (or, with {@code resume}, continues) training to cfg.train().epochs() and writes the summary. */
    public Summary run(boolean resume) {
        try {
            return train(resume);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Summary train(boolean resume) throws IOException {
        TrainConfig tc = cfg.train();
        checkAugmentFits(tc, data.train().steps());
        Map<String, INDArray> params = net.parameters();
        Adam adam = new Adam(params);
        PlateauSchedule schedule = new PlateauSchedule(tc.lr(), tc.plateauFactor(), tc.plateauPatience());
        List<EpochMetrics> history = new ArrayList<>();
        String binding = Checkpoint.binding(cfg);  // the config does not change during a run: bound once
        int start = 1, bestEpoch = 0;
        double bestValLoss = Double.POSITIVE_INFINITY;
        if (resume && java.nio.file.Files.exists(folder.lastCheckpoint())) {
            Checkpoint c = Checkpoint.read(folder.lastCheckpoint());
            c.requireBinding(cfg, folder.lastCheckpoint(), folder.dir().resolve(RunFolder.CONFIG));
            c.params().forEach((k, v) -> params.get(k).assign(v));
            adam.restore(c.adamStep(), c.adamM(), c.adamV());
            schedule.restore(c.lr(), c.scheduleBest(), c.badEpochs());
            start = c.epoch() + 1;
            bestValLoss = c.bestValLoss();
            bestEpoch = c.bestEpoch();
            // the checkpoint carries the rows of its epochs: metrics.csv is rebuilt from them, whatever write a crash cut
            if (!c.metrics().isEmpty()) {
                history.addAll(EpochMetrics.parseRows(c.metrics()));
            } else {
                for (EpochMetrics m : folder.readMetrics()) if (m.epoch() <= c.epoch()) history.add(m);  // a version 1 checkpoint
            }
            folder.writeMetrics(history);
            folder.writeConfig(cfg); // a resume may extend train.epochs: the folder records what was run

        } else {
            folder.writeConfig(cfg);
            folder.writeJson(RunFolder.PROVENANCE, Provenance.capture(cfg.seed()));
            if (cfg.model().initShape().enabled()) // which neuron stands for which spiking type (docs/science.md section 9.2)
                AtomicFiles.write(folder.dir().resolve(RunFolder.INIT_SHAPE),
                        org.neuradapt.config.InitShapes.assignment(cfg.model(), cfg.seed()).csv());
        }
        folder.writeMetrics(history);

        SequenceSet train = data.train();
        int batchSize = tc.batchSize();
        int batches = (train.count() + batchSize - 1) / batchSize;
        if (tc.maxBatchesPerEpoch() > 0) batches = Math.min(batches, tc.maxBatchesPerEpoch());
        for (int epoch = start; epoch <= tc.epochs(); epoch++) {
            long t0 = nanoTime.getAsLong();
            SplittableRandom rng = new SplittableRandom(cfg.seed() * 1_000_003L + epoch);
            int[] order = shuffled(train.count(), rng);
            double normSum = 0;
            Score seen = Score.ZERO;
            for (int k = 0; k < batches; k++) {
                int from = k * batchSize, to = Math.min(train.count(), from + batchSize);
                Batch batch = Batches.of(train, order, from, to, data.classes(), null, hidden);
                batch = augment(batch, tc, rng);
                Network.Gradients g = net.lossAndGradients(batch);
                if (!Double.isFinite(g.loss()))
                    throw new DivergedException("loss became " + g.loss() + " at epoch " + epoch + ", batch " + (k + 1)
                            + (java.nio.file.Files.isRegularFile(folder.lastCheckpoint())
                                    ? "; the last good checkpoint is kept in " + folder.lastCheckpoint().getParent()
                                    : "; no epoch had finished, so there is no checkpoint")
                            + " (try a lower train.lr or set train.clip_grad_norm)");
                double norm = globalNorm(g.gradients());
                if (tc.clipGradNorm() > 0 && norm > tc.clipGradNorm())
                    for (INDArray a : g.gradients().values()) a.muli(tc.clipGradNorm() / norm);
                adam.update(params, g.gradients(), schedule.lr());
                normSum += norm;
                Score s = Score.of(g.logits(), batch);   // the epoch's means weigh each batch by its sequences, or its counted steps
                seen = seen.plus(new Score(g.loss() * s.lossWeight(), s.lossWeight(), s.correct(), s.weight()));
                listener.onBatch(epoch, k + 1, batches, seen.meanLoss(), seen.accuracy());
            }
            Evaluation val = Evaluation.of(net, data.val(), Math.max(batchSize, 256), data.classes(), hidden, Perturbation.NONE, 0);
            double lrUsed = schedule.lr();
            schedule.step(val.loss());
            EpochMetrics m = new EpochMetrics(epoch, seen.meanLoss(), seen.accuracy(), val.loss(), val.accuracy(),
                    lrUsed, normSum / batches, (nanoTime.getAsLong() - t0) / 1e9);
            boolean best = val.loss() < bestValLoss;
            if (best) {
                bestValLoss = val.loss();
                bestEpoch = epoch;
            }
            history.add(m);
            Checkpoint c = new Checkpoint(epoch, adam.step(), schedule.lr(), schedule.best(), schedule.badEpochs(),
                    bestValLoss, bestEpoch, binding, EpochMetrics.rows(history), params, adam.firstMoments(), adam.secondMoments());
            // an epoch is one unit: last.ckpt carries its rows, so metrics.csv (written last) is rebuilt from it on resume
            if (best) c.write(folder.bestCheckpoint());
            writePoint.after("best", epoch);
            if (epoch % tc.checkpointEvery() == 0) c.write(folder.epochCheckpoint(epoch));
            writePoint.after("epoch", epoch);
            c.write(folder.lastCheckpoint());
            writePoint.after("last", epoch);
            folder.writeMetrics(history);
            writePoint.after("metrics", epoch);
            listener.onEpoch(m);
        }
        return summarize(history, bestEpoch, bestValLoss);
    }

    private Summary summarize(List<EpochMetrics> history, int bestEpoch, double bestValLoss) throws IOException {
        Map<String, INDArray> params = net.parameters();
        Map<String, INDArray> current = new HashMap<>();
        params.forEach((k, v) -> current.put(k, v.dup()));
        if (java.nio.file.Files.exists(folder.bestCheckpoint()))
            Checkpoint.read(folder.bestCheckpoint()).params().forEach((k, v) -> params.get(k).assign(v));
        Evaluation test = Evaluation.of(net, data.test(), Math.max(cfg.train().batchSize(), 256), data.classes(), hidden, Perturbation.NONE, 0);
        current.forEach((k, v) -> params.get(k).assign(v));
        double bestValAcc = history.stream().filter(m -> m.epoch() == bestEpoch).mapToDouble(EpochMetrics::valAcc).findFirst().orElse(Double.NaN);
        long count = params.values().stream().mapToLong(INDArray::length).sum();
        double wall = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        Summary s = new Summary(cfg.name(), cfg.model().type(), net.backend(), test.accuracy(), test.loss(), bestEpoch,
                bestValLoss, bestValAcc, history.size(), count, wall, cfg.seed(), Provenance.capture(cfg.seed()));
        folder.writeJson(RunFolder.SUMMARY, s);
        return s;
    }

    /** A window that does not fit the task's T is refused before training starts, naming the key. */
    private static void checkAugmentFits(TrainConfig tc, int steps) {
        try {
            tc.augment().id(steps);
        } catch (org.neuradapt.UserError e) {
            throw new org.neuradapt.UserError("config key 'train.augment': " + e.getMessage());
        }
    }

    /** One training batch after the configured augmentations (see the class comment for the order of draws). */
    Batch augment(Batch batch, TrainConfig tc, SplittableRandom rng) {
        if (tc.sinusoidP() > 0 && rng.nextDouble() < tc.sinusoidP()) {
            double f = SinusoidalInput.TRAIN_MAX_FREQUENCY * rng.nextDouble();
            batch = Evaluation.perturbed(batch, new SinusoidalInput(SinusoidalInput.TRAIN_AMPLITUDE, f, 0), hidden, rng);
        }
        if (tc.augmentP() > 0 && rng.nextDouble() < tc.augmentP())
            batch = Evaluation.perturbed(batch, tc.augment(), hidden, rng);
        return batch;
    }

    static int[] shuffled(int n, SplittableRandom rng) {
        int[] o = SequentialMnist.identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    static double globalNorm(Map<String, INDArray> grads) {
        double sq = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }

}

package org.neuradapt.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuradapt.UserError;

/**
 * Everything needed to continue a run exactly or to analyse it: the parameters, Adam's
 * moments and the schedule's state after {@code epoch} completed epochs.
 *
 * <p>File format (big-endian): "NACK", version, the state scalars, the binding (version 2 on),
 * then named arrays (name, dtype, shape, values), then a CRC-32 of everything before it. Writes go
 * to a temporary file in the same folder that is then renamed over the target, so a crash never
 * leaves a half-written checkpoint.
 *
 * <p>The binding ties the weights to the config they were trained with: the SHA-256 of
 * {@link org.neuradapt.config.ConfigLoader#bindingText} and a readable summary (model, N, T,
 * task, seed). Every command that loads a checkpoint with a config checks it
 * ({@link #requireBinding}), so a checkpoint never runs under another config. Version 1 files
 * (no binding) still load.
 *
 * <p>An epoch is written as a unit: the checkpoint also carries the metrics rows of every epoch it
 * has seen, so {@code metrics.csv} (written after it) can always be rebuilt from it; whatever
 * write a crash interrupts, a resume finds the checkpoint and the rows of the same epochs.
 *
 * @param binding "sha256 SUMMARY", or "" for a version 1 file
 * @param metrics the {@code metrics.csv} rows of epochs 1..epoch (no header), or "" for a version 1 file
 */
public record Checkpoint(int epoch, long adamStep, double lr, double scheduleBest, int badEpochs, double bestValLoss, int bestEpoch,
                         String binding, String metrics, Map<String, INDArray> params, Map<String, INDArray> adamM, Map<String, INDArray> adamV) {
    private static final int MAGIC = 0x4E41434B; // "NACK"
    private static final int VERSION = 2;

    /** The binding of a config: the SHA-256 of its binding text, then model, N, T, task and seed. */
    public static String binding(org.neuradapt.config.RunConfig cfg) {
        String sha = org.neuradapt.data.MnistFiles.sha256Hex(
                org.neuradapt.config.ConfigLoader.bindingText(cfg).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return sha + " model " + cfg.model().type() + ", N = " + cfg.model().hidden() + ", T = " + cfg.data().sequenceLength() + ", task "
                + cfg.data().task() + ", seed " + cfg.seed();
    }

    /**
     * Refuses, in one line, to use this checkpoint under a config it was not trained with.
     *
     * @param file   the checkpoint's file, for the message
     * @param config the config file that was read, for the message
     */
    public void requireBinding(org.neuradapt.config.RunConfig cfg, Path file, Path config) {
        if (binding.isEmpty()) return;  // version 1: trained before bindings were recorded
        String expected = binding(cfg);
        if (expected.regionMatches(0, binding, 0, 64)) return;
        throw new UserError("checkpoint " + file + " was trained with another config (" + binding.substring(65) + ") than " + config + " ("
                + expected.substring(65) + "); use the config of the run that wrote it, or that run's checkpoint");
    }

    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            writeTo(tmp, file);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(tmp);  // a full disk leaves the old checkpoint and no temporary file
            throw e;
        }
    }

    private void writeTo(Path tmp, Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (OutputStream raw = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw), crc))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(epoch);
            out.writeLong(adamStep);
            out.writeDouble(lr);
            out.writeDouble(scheduleBest);
            out.writeInt(badEpochs);
            out.writeDouble(bestValLoss);
            out.writeInt(bestEpoch);
            out.writeUTF(binding);
            byte[] rows = metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(rows.length);
            out.write(rows);
            writeGroup(out, params);
            writeGroup(out, adamM);
            writeGroup(out, adamV);
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Checkpoint read(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc))) {
            if (in.readInt() != MAGIC) throw corrupt(file, "not a neuradapt checkpoint");
            int version = in.readInt();
            if (version != 1 && version != VERSION) throw corrupt(file, "checkpoint format version " + version + ", expected 1 or " + VERSION);
            int epoch = in.readInt();
            long step = in.readLong();
            double lr = in.readDouble(), scheduleBest = in.readDouble();
            int bad = in.readInt();
            double bestValLoss = in.readDouble();
            int bestEpoch = in.readInt();
            String binding = version >= 2 ? in.readUTF() : "";
            String metrics = "";
            if (version >= 2) {
                int n = in.readInt();
                if (n < 0 || n > 64 << 20) throw corrupt(file, "metrics of " + n + " bytes");
                metrics = new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
                if (metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != n) throw corrupt(file, "truncated");
            }
            Map<String, INDArray> p = readGroup(in), m = readGroup(in), v = readGroup(in);
            long expected = crc.getValue();
            if (new DataInputStream(raw).readLong() != expected) throw corrupt(file, "checksum mismatch");
            return new Checkpoint(epoch, step, lr, scheduleBest, bad, bestValLoss, bestEpoch, binding, metrics, p, m, v);
        } catch (EOFException e) {
            throw corrupt(file, "truncated");
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint " + file + ": " + e.getMessage());
        }
    }

    private static UserError corrupt(Path file, String why) {
        return new UserError("checkpoint " + file + " is corrupt (" + why + "); analyses and export take another with --checkpoint (an epoch-NNNN.ckpt of that folder); to resume, copy one over "
                + "last.ckpt, or retrain with --overwrite");
    }

    private static void writeGroup(DataOutputStream out, Map<String, INDArray> group) throws IOException {
        out.writeInt(group.size());
        for (Map.Entry<String, INDArray> e : group.entrySet()) {
            INDArray a = e.getValue();
            out.writeUTF(e.getKey());
            boolean dbl = a.dataType() == DataType.DOUBLE;
            out.writeBoolean(dbl);
            out.writeInt(a.rank());
            for (long d : a.shape()) out.writeLong(d);
            if (dbl) for (double x : a.dup().data().asDouble()) out.writeDouble(x);
            else for (float x : a.castTo(DataType.FLOAT).dup().data().asFloat()) out.writeFloat(x);
        }
    }

    private static Map<String, INDArray> readGroup(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, INDArray> group = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
            String name = in.readUTF();
            boolean dbl = in.readBoolean();
            long[] shape = new long[in.readInt()];
            long len = 1;
            for (int i = 0; i < shape.length; i++) len *= (shape[i] = in.readLong());
            if (dbl) {
                double[] v = new double[Math.toIntExact(len)];
                for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
                group.put(name, Nd4j.createFromArray(v).reshape(shape));
            } else {
                float[] v = new float[Math.toIntExact(len)];
                for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
                group.put(name, Nd4j.createFromArray(v).reshape(shape));
            }
        }
        return group;
    }
}

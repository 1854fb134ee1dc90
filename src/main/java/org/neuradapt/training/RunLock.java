package org.neuradapt.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.neuradapt.UserError;

/**
 * One run folder, one writer: an operating-system lock on {@code <run>/.lock}, held by the
 * process that trains into the folder for as long as it trains. The operating system releases it
 * when that process ends, however it ends (kill -9 included), so a crash never leaves a stale
 * lock; the file's text (the holder's PID and command) is only for messages. A second writer is
 * refused in one line naming the holder's PID; {@code sweep --status} reports a run as running
 * exactly when its lock is held ({@link #held}).
 */
public final class RunLock implements AutoCloseable {
    /** The lock file inside a run folder. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock for writing (creating the folder), or refuses.
     *
     * @param what what the caller is doing, for the holder's record ("train")
     * @throws UserError when another process (or this one) holds it, or the folder is not writable
     */
    public static RunLock exclusive(Path dir, String what) {
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;  // held by this very process
            }
            if (lock == null) {
                String holder = holder(dir);
                ch.close();
                throw new UserError("run folder '" + dir + "' is in use by " + holder + "; wait for it to finish or stop it, or train into another folder "
                        + "(--set name=<other>)");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " " + what + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new RunLock(ch, lock);
        } catch (IOException | SecurityException e) {
            try {
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // the lock was not taken; nothing to release
            }
            throw new UserError("run folder '" + dir + "' is not writable (" + e.getMessage() + "); choose another with --set out=<folder>");
        }
    }

    /** The folders this process holds for a command that writes into them ({@link #hold}), until {@link #releaseAll}. */
    private static final java.util.Map<Path, RunLock> HELD = new java.util.HashMap<>();

    /**
     * Takes the folder's lock for the rest of the current command (released by {@link #releaseAll},
     * which the CLI calls when a command ends): for commands that write into a run folder besides
     * training (analyses, robustness, export). Re-entrant within this process; another process's
     * lock (a run training into it, another analysis) is refused in one line naming it. A folder
     * that cannot hold a lock file (read-only) is used without one: nothing can be written there.
     *
     * @param what what the caller does, for the message and the holder's record
     */
    public static synchronized void hold(Path dir, String what) {
        Path key = dir.toAbsolutePath().normalize();
        if (HELD.containsKey(key)) return;
        if (!java.nio.file.Files.isWritable(dir)) return;
        if (held(dir))
            throw new UserError("run folder '" + dir + "' is in use by " + holder(dir) + "; " + what + " once it has finished");
        HELD.put(key, exclusive(dir, what));
    }

    /** Releases every lock {@link #hold} took in this process. */
    public static synchronized void releaseAll() {
        HELD.values().forEach(RunLock::close);
        HELD.clear();
    }

    /**
     * Whether a process (another one, or this one) holds the folder's lock: a run is training into
     * it. False for a folder without a lock file or one that cannot be read.
     */
    public static boolean held(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return false;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) return true;
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Refuses, in one line, to work on a folder a run is training into (an analysis or evaluation
     * would read checkpoints that are about to change).
     *
     * @param what what the caller would do, for the message
     */
    public static void refuseIfTraining(Path dir, String what) {
        if (held(dir))
            throw new UserError("run folder '" + dir + "' is still training (" + holder(dir) + "); " + what + " once it has finished");
    }

    /** "process PID (what)" from the lock file's text, or "another process". */
    public static String holder(Path dir) {
        try {
            String text = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).strip();
            if (text.startsWith("pid ")) {
                String[] p = text.split(" ", 3);
                return "process " + p[1] + (p.length > 2 ? " (" + p[2] + ")" : "");
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "another process";
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}

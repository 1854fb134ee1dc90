package org.neuradapt.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;

/** One run folder, one writer: the lock another process holds refuses a second writer and dies with its holder. */
public class RunLockTest {
    @TempDir Path tmp;

    /** A second JVM that takes the folder's lock as a trainer would, says so, and waits to be killed. */
    public static Process holder(Path dir, Path tmp) throws Exception {
        Path src = tmp.resolve("Hold.java");
        Files.writeString(src, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        Path f = Path.of(a[0]).resolve(".lock");
                        Files.createDirectories(f.getParent());
                        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        if (ch.tryLock() == null) System.exit(3);
                        ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " train held\\n").getBytes()), 0);
                        System.out.println("locked");
                        System.out.flush();
                        Thread.sleep(120_000);
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), src.toString(), dir.toString())
                .redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        assertEquals("locked", line, "the holder took the lock");
        return p;
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderAndAKilledHolderLeavesNoStaleLock() throws Exception {
        Path dir = tmp.resolve("run");
        Process p = holder(dir, tmp);
        try {
            assertTrue(RunLock.held(dir));
            UserError e = assertThrows(UserError.class, () -> RunLock.exclusive(dir, "train"));
            assertTrue(e.getMessage().contains("is in use by process " + p.pid() + " (train held)"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        } finally {
            p.destroyForcibly();  // kill -9: no cleanup runs in the holder
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(RunLock.held(dir), "the operating system released the dead holder's lock");
        try (RunLock lock = RunLock.exclusive(dir, "train again")) {
            assertTrue(RunLock.held(dir));
            assertTrue(Files.readString(dir.resolve(RunLock.FILE)).startsWith("pid " + ProcessHandle.current().pid() + " train again"));
            assertThrows(UserError.class, () -> RunLock.exclusive(dir, "train"), "this process holds it: refused too");
        }
        assertFalse(RunLock.held(dir), "released on close");
    }

    @Test
    void aFolderThatCannotBeCreatedIsOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        UserError e = assertThrows(UserError.class, () -> RunLock.exclusive(file.resolve("run"), "train"));
        assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
        assertFalse(RunLock.held(tmp.resolve("nothing")));
    }
}

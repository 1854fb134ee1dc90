package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A run started by a local sweep notices when the sweep is gone (killed with -9) and stops. */
class SweepWatchTest {
    @Test
    void theWatchFiresOnlyOnceTheParentIsGone() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        CountDownLatch gone = new CountDownLatch(1);
        Thread t = Main.watch(parent.pid(), gone::countDown);
        assertFalse(gone.await(1500, TimeUnit.MILLISECONDS), "the parent lives: nothing happens");
        parent.destroyForcibly();  // kill -9
        parent.waitFor(10, TimeUnit.SECONDS);
        assertTrue(gone.await(10, TimeUnit.SECONDS), "the watch saw the parent die");
        t.join(2000);
        assertFalse(t.isAlive());
    }
}

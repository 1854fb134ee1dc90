package org.neuradapt.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default thread count follows SLURM, then the affinity mask, then the JVM (docs/performance.md, "Threads"). */
class CoresTest {

    @Test
    void slurmWinsThenTheAffinityListThenTheJvm() {
        assertEquals(new Cores.Available(6, "SLURM_CPUS_PER_TASK"), Cores.available("6", "0-31", 32));
        assertEquals(new Cores.Available(7, "affinity"), Cores.available(null, "0-3,8,10-11", 32));
        assertEquals(new Cores.Available(1, "affinity"), Cores.available("", " 5\n", 32));
        assertEquals(new Cores.Available(32, "jvm"), Cores.available(null, null, 32));
        assertEquals(new Cores.Available(32, "jvm"), Cores.available(null, "garbage", 32));
    }

    @Test
    void aMalformedSlurmCountIsRefusedInOneLine() {
        org.neuradapt.UserError e = assertThrows(org.neuradapt.UserError.class, () -> Cores.available("two", "0-1", 2));
        assertTrue(e.getMessage().contains("SLURM_CPUS_PER_TASK='two'") && e.getMessage().contains("--threads"), e.getMessage());
        assertThrows(org.neuradapt.UserError.class, () -> Cores.available("0", "0-1", 2));
    }

    @Test
    void cpuListsCount() {
        assertEquals(4, Cores.countList("0-3"));
        assertEquals(3, Cores.countList("1,3,5"));
        assertEquals(0, Cores.countList("3-1"));
        assertEquals(0, Cores.countList("a-b"));
    }

    @Test
    void thisProcessHasAtLeastOneCore() {
        assertTrue(Cores.available().count() >= 1);
    }
}

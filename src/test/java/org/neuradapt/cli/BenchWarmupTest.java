package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** bench warms up until the time per batch is stable and says how many batches it discarded and on which CPU it ran. */
class BenchWarmupTest {
    @Test
    void stableMeansThreeTimesWithinTenPercent() {
        assertTrue(BenchCommand.stable(new double[] {1.0, 1.05, 0.97}));
        assertFalse(BenchCommand.stable(new double[] {1.0, 1.0, 1.5}), "one slow batch");
        assertFalse(BenchCommand.stable(new double[] {1.0, 1.0, Double.NaN}), "fewer than three batches");
    }

    @Test
    void jsonReportsWarmupAndCpu() throws Exception {
        CliRun.Out r = CliRun.run("bench", "--model", "rnn_relu", "--hidden", "4", "--steps", "5", "--batch", "2", "--iters", "2", "--warmup", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        assertEquals(3, j.get("warmup_batches").asInt());
        assertFalse(j.get("cpu").get("model").asText().isEmpty());
        assertTrue(j.get("cpu").get("lanes").asInt() >= 0);
        CliRun.Out auto = CliRun.run("bench", "--model", "rnn_relu", "--hidden", "4", "--steps", "5", "--batch", "2", "--iters", "2", "--json");
        int w = new ObjectMapper().readTree(auto.out().strip()).get("warmup_batches").asInt();
        assertTrue(w >= 3 && w <= 60, "auto warm-up discards at least the three batches it compares: " + w);
    }
}

package org.neuradapt.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing fit tables and assigning neuron types (docs/science.md section 9.2). */
class ShapeAssignmentTest {

    static final String TABLE = """
            # a comment line
            model,preset,n,n_se,s,s_se,r2
            izhikevich,RS,4.0,0.1,0.05,0.01,0.99
            izhikevich,FS,8.0,0.1,0.0,0.01,0.99
            lif,,2.5,0.1,0.2,0.01,0.99
            hh,,-1.0,0.1,0.5,0.01,0.5
            adex,tonic,NaN,,0.1,,0.1
            """;

    static Map<String, Double> mix(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }

    @Test
    void parsesTypesByNameIgnoringOtherColumns() {
        FittedShapes t = FittedShapes.parse(TABLE);
        assertEquals(List.of("izhikevich:RS", "izhikevich:FS", "lif", "hh", "adex:tonic"), List.copyOf(t.byType().keySet()));
        assertEquals(4.0, t.byType().get("izhikevich:RS").n());
        assertEquals(0.05, t.byType().get("izhikevich:RS").s());
        assertEquals(3, t.byType().get("izhikevich:RS").line());
        assertTrue(Double.isNaN(t.byType().get("adex:tonic").n()));
        assertTrue(t.byType().get("lif").valid());
        assertTrue(!t.byType().get("hh").valid() && !t.byType().get("adex:tonic").valid());
    }

    @Test
    void refusesTablesWithoutTheColumnsOrWithRepeatedTypes() {
        var noS = assertThrows(IllegalArgumentException.class, () -> FittedShapes.parse("model,preset,n\nlif,,1\n"));
        assertTrue(noS.getMessage().contains("'s'"), noS.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> FittedShapes.parse("model,preset,n,s\nlif,,1,0\nlif,,2,0\n"));
        assertTrue(twice.getMessage().contains("line 3") && twice.getMessage().contains("'lif'"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FittedShapes.parse("model,preset,n,s\nlif,,1\n"));
        assertThrows(IllegalArgumentException.class, () -> FittedShapes.parse("\n"));
    }

    @Test
    void countsAreTheProportionsRoundedByLargestRemainder() {
        assertArrayEquals(new int[] {51, 13}, ShapeAssignment.counts(new double[] {0.8, 0.2}, 64)); // 51.2, 12.8
        assertArrayEquals(new int[] {34, 33, 33}, ShapeAssignment.counts(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 100)); // tie: first
        assertArrayEquals(new int[] {0, 7}, ShapeAssignment.counts(new double[] {0, 1}, 7));
        double[] w = {0.17, 0.29, 0.05, 0.49};
        for (int hidden : new int[] {1, 2, 3, 10, 64, 399, 400}) {
            int[] c = ShapeAssignment.counts(w, hidden);
            int sum = 0;
            for (int k = 0; k < w.length; k++) {
                assertTrue(Math.abs(c[k] - w[k] * hidden) < 1, "within one neuron of the exact share");
                sum += c[k];
            }
            assertEquals(hidden, sum);
        }
    }

    @Test
    void eachNeuronGetsItsTypesFittedShapeInExactProportions() {
        FittedShapes t = FittedShapes.parse(TABLE);
        ShapeAssignment a = ShapeAssignment.draw(t, mix("izhikevich:RS", 0.8, "izhikevich:FS", 0.2), 64, 200, 0, 0);
        assertEquals(Map.of("izhikevich:RS", 51, "izhikevich:FS", 13), a.countByType());
        for (int i = 0; i < 64; i++) {
            FittedShapes.Shape shape = t.byType().get(a.types().get(i));
            assertEquals(shape.n(), a.n()[i]);
            assertEquals(shape.s(), a.s()[i]);
        }
        String[] lines = a.csv().split("\n");
        assertEquals(ShapeAssignment.HEADER, lines[0]);
        assertEquals(65, lines.length);
        assertEquals("0," + a.types().get(0) + "," + a.n()[0] + "," + a.s()[0], lines[1]);
    }

    @Test
    void theSeedFixesThePlacementAndOtherSeedsMoveIt() {
        FittedShapes t = FittedShapes.parse(TABLE);
        Map<String, Double> m = mix("izhikevich:RS", 0.5, "izhikevich:FS", 0.25, "lif", 0.25);
        ShapeAssignment a = ShapeAssignment.draw(t, m, 40, 7, 0.3, 0.02);
        ShapeAssignment b = ShapeAssignment.draw(t, m, 40, 7, 0.3, 0.02);
        ShapeAssignment c = ShapeAssignment.draw(t, m, 40, 8, 0.3, 0.02);
        assertEquals(a.types(), b.types());
        assertArrayEquals(a.n(), b.n());
        assertArrayEquals(a.s(), b.s());
        assertNotEquals(a.types(), c.types());
        assertEquals(a.countByType(), c.countByType());
        // the shuffle really mixes: the FS neurons are not the first or last block
        int firstFs = a.types().indexOf("izhikevich:FS"), lastFs = a.types().lastIndexOf("izhikevich:FS");
        assertTrue(lastFs - firstFs + 1 > 10, "10 FS neurons spread over " + (lastFs - firstFs + 1) + " places");
    }

    @Test
    void jitterSpreadsAroundTheFitWithinTheFamily() {
        FittedShapes t = FittedShapes.parse(TABLE);
        int hidden = 4000;
        ShapeAssignment a = ShapeAssignment.draw(t, mix("izhikevich:RS", 1.0), hidden, 3, 0.5, 0.1);
        double meanN = 0, varN = 0;
        for (int i = 0; i < hidden; i++) {
            assertTrue(a.n()[i] > 0 && a.s()[i] >= 0 && a.s()[i] <= 1);
            meanN += a.n()[i] / hidden;
        }
        for (int i = 0; i < hidden; i++) varN += (a.n()[i] - meanN) * (a.n()[i] - meanN) / (hidden - 1);
        // n = 4 is 8 sd from 0, so n is untruncated: mean 4, sd 0.5 (SE of the mean 0.008)
        assertEquals(4.0, meanN, 0.04);
        assertEquals(0.5, Math.sqrt(varN), 0.03);
        // s = 0.05 sits half an sd above 0: the truncation at 0 keeps every s in range and the mean above 0.05
        double meanS = java.util.Arrays.stream(a.s()).average().orElseThrow();
        assertTrue(meanS > 0.05 && meanS < 0.15, "truncated mean s " + meanS);
    }

    @Test
    void refusesTypesMissingFromTheTableOrOutsideTheFamily() {
        FittedShapes t = FittedShapes.parse(TABLE);
        var missing = assertThrows(IllegalArgumentException.class,
                () -> ShapeAssignment.draw(t, mix("izhikevich:XX", 1.0), 8, 1, 0, 0));
        assertTrue(missing.getMessage().contains("'izhikevich:XX'") && missing.getMessage().contains("izhikevich:RS"), missing.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> ShapeAssignment.draw(t, mix("hh", 1.0), 8, 1, 0, 0));
        assertTrue(negative.getMessage().contains("n = -1.0") && negative.getMessage().contains("line 6"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShapeAssignment.draw(t, mix("adex:tonic", 1.0), 8, 1, 0, 0));
    }
}

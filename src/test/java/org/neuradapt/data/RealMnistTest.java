package org.neuradapt.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.neuradapt.config.DataConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Checks the real MNIST files against docs/science.md section 3. Runs only where they have been
 * fetched (./neuradapt data fetch puts them in data/; -Dneuradapt.mnist.dir=... picks another
 * folder); elsewhere it is skipped, saying why.
 */
class RealMnistTest {
    static Path realDir() {
        Path dir = Path.of(System.getProperty("neuradapt.mnist.dir", "data"));
        boolean present = MnistFiles.NAMES.stream().allMatch(n -> MnistFiles.candidateFolders(dir).stream()
                .anyMatch(f -> MnistFiles.find(f, n).isPresent()));
        if (!present)
            System.out.println("RealMnistTest skipped: no MNIST files under " + dir.toAbsolutePath()
                    + " (run ./neuradapt data fetch)");
        Assumptions.assumeTrue(present, "real MNIST files absent under " + dir.toAbsolutePath()
                + "; run ./neuradapt data fetch to enable this test");
        return dir;
    }

    @Test
    void realFilesMatchReferenceStatistics() {
        Path dir = realDir();
        MnistData data = MnistFiles.standard().load(dir);
        MnistFiles.Summary s = MnistFiles.summarize(data);
        assertArrayEquals(new int[]{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, s.trainLabelCounts());
        assertEquals(5, s.firstTrainLabel());
        assertEquals(7, s.firstTestLabel());
        assertEquals(0.1307, s.meanTrainPixel(), 5e-5);
        assertEquals(60_000, s.trainCount());
        assertEquals(10_000, s.testCount());
        assertTrue(s.matchesReference());
        assertTrue(MnistFiles.describe(dir).endsWith("matches docs/science.md section 3"));
    }

    @Test
    void realSmnistSplitsAndScale() {
        Path dir = realDir();
        TaskData t = SequentialMnist.load(new DataConfig(dir.toString(), "smnist", 1, 0, 0, 0), 200);
        assertEquals(50_000, t.train().count());
        assertEquals(10_000, t.val().count());
        assertEquals(10_000, t.test().count());
        assertEquals(784, t.train().steps());
        assertEquals(5, t.train().labels()[0]);
        assertEquals(7, t.test().labels()[0]);
        double sum = 0;
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (SequenceSet set : new SequenceSet[]{t.train(), t.val()})
            for (float v : set.x()) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        // train + validation together are the whole training file, whose mean is 0.1307
        assertEquals(0.1307, sum / (60_000.0 * 784), 5e-5);
        assertEquals(0f, min);
        assertEquals(1f, max);
        int[] counts = new int[10];
        for (int y : t.train().labels()) counts[y]++;
        for (int y : t.val().labels()) counts[y]++;
        assertArrayEquals(MnistFiles.REFERENCE_TRAIN_LABEL_COUNTS, counts);
    }

    @Test
    void realPsmnistPooled() {
        Path dir = realDir();
        TaskData t = SequentialMnist.load(new DataConfig(dir.toString(), "psmnist", 2, 1000, 200, 300), 400);
        assertEquals(196, t.train().steps());
        assertEquals(1000, t.train().count());
        assertEquals(200, t.val().count());
        assertEquals(300, t.test().count());
        assertArrayEquals(SequentialMnist.permutation(196, 400), t.permutation());
        assertFalse(Arrays.equals(SequentialMnist.permutation(196, 200), t.permutation()));
        assertTrue(Files.isDirectory(dir));
    }
}

package org.neuradapt.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.UserError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class MnistFetcherTest {
    @TempDir Path tmp;
    final MnistData data = Fixtures.smallMnist();
    final MnistFiles files = MnistFiles.withChecksums(Fixtures.checksums(data));
    final List<String> log = new ArrayList<>();

    /** A source that writes the given bytes (gzipped or not) and records what it was asked for. */
    static final class FakeSource implements MnistFetcher.Source {
        final Map<String, byte[]> bytes;
        final boolean gz;
        final List<Set<String>> asked = new ArrayList<>();

        FakeSource(Map<String, byte[]> bytes, boolean gz) {
            this.bytes = bytes;
            this.gz = gz;
        }

        @Override public String name() { return "fake"; }

        @Override
        public Map<String, Path> download(Set<String> names, Path work, Consumer<String> log) throws Exception {
            asked.add(names);
            Map<String, Path> got = new LinkedHashMap<>();
            for (String n : names) {
                Path p = work.resolve(gz ? n + ".gz" : n);
                Files.write(p, gz ? Fixtures.gzip(bytes.get(n)) : bytes.get(n));
                got.put(n, p);
            }
            return got;
        }
    }

    static final MnistFetcher.Source BROKEN = new MnistFetcher.Source() {
        @Override public String name() { return "broken"; }
        @Override public Map<String, Path> download(Set<String> n, Path w, Consumer<String> l) throws Exception {
            throw new java.io.IOException("no network");
        }
    };

    @Test
    void alreadyPresentDoesNothing() throws Exception {
        Fixtures.write(tmp, data, false);
        FakeSource src = new FakeSource(Fixtures.fileBytes(data), false);
        new MnistFetcher(files, List.of(src), log::add).fetch(tmp);
        assertTrue(src.asked.isEmpty());
        assertTrue(log.stream().anyMatch(l -> l.contains("already present")), log.toString());
    }

    @Test
    void fetchesIntoEmptyFolderAfterFailingSource() throws Exception {
        Path dir = tmp.resolve("data");
        FakeSource src = new FakeSource(Fixtures.fileBytes(data), true);
        new MnistFetcher(files, List.of(BROKEN, src), log::add).fetch(dir);
        assertArrayEquals(data.trainLabels(), files.load(dir).trainLabels());
        assertTrue(Files.isRegularFile(dir.resolve(MnistFiles.TRAIN_IMAGES + ".gz")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(4, s.count(), "only the four files remain (no temp folders, no .part files)");
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("broken failed: no network")), log.toString());
    }

    @Test
    void onlyMissingOrBadFilesAreFetched() throws Exception {
        Fixtures.write(tmp, data, false);
        Files.delete(tmp.resolve(MnistFiles.TEST_LABELS));
        Files.write(tmp.resolve(MnistFiles.TRAIN_LABELS), new byte[]{0, 0, 8, 1, 0}); // truncated
        FakeSource src = new FakeSource(Fixtures.fileBytes(data), false);
        new MnistFetcher(files, List.of(src), log::add).fetch(tmp);
        assertEquals(Set.of(MnistFiles.TEST_LABELS, MnistFiles.TRAIN_LABELS), src.asked.get(0));
        assertArrayEquals(data.trainLabels(), files.load(tmp).trainLabels());
    }

    @Test
    void neverOverwritesGoodFileWithBad() throws Exception {
        Fixtures.write(tmp, data, false);
        Files.delete(tmp.resolve(MnistFiles.TEST_IMAGES));
        byte[] goodTrain = Files.readAllBytes(tmp.resolve(MnistFiles.TRAIN_IMAGES));
        Map<String, byte[]> bad = new java.util.HashMap<>(Fixtures.fileBytes(data));
        byte[] corrupt = bad.get(MnistFiles.TEST_IMAGES).clone();
        corrupt[100] ^= 1; // parses fine, wrong checksum
        bad.put(MnistFiles.TEST_IMAGES, corrupt);
        bad.put(MnistFiles.TRAIN_IMAGES, corrupt);
        FakeSource src = new FakeSource(bad, false);
        UserError e = assertThrows(UserError.class, () -> new MnistFetcher(files, List.of(src), log::add).fetch(tmp));
        assertTrue(e.getMessage().contains(MnistFiles.TEST_IMAGES) && e.getMessage().contains(tmp.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("put them in " + tmp), e.getMessage());
        assertFalse(Files.exists(tmp.resolve(MnistFiles.TEST_IMAGES)), "bad copy must not be installed");
        assertArrayEquals(goodTrain, Files.readAllBytes(tmp.resolve(MnistFiles.TRAIN_IMAGES)));
        assertEquals(Set.of(MnistFiles.TEST_IMAGES), src.asked.get(0));
    }

    @Test
    void badPlainFileIsReplacedAndDoesNotShadowGoodGz() throws Exception {
        Files.createDirectories(tmp);
        Files.write(tmp.resolve(MnistFiles.TRAIN_IMAGES), new byte[]{0, 0, 8, 3});
        new MnistFetcher(files, List.of(new FakeSource(Fixtures.fileBytes(data), true)), log::add).fetch(tmp);
        assertFalse(Files.exists(tmp.resolve(MnistFiles.TRAIN_IMAGES)));
        assertArrayEquals(data.trainImages().pixels(), files.load(tmp).trainImages().pixels());
    }

    @Test
    void noSourceWorksGivesOneLineUserError() {
        Path dir = tmp.resolve("d");
        UserError e = assertThrows(UserError.class, () -> new MnistFetcher(files, List.of(BROKEN), log::add).fetch(dir));
        assertTrue(e.getMessage().contains("broken: no network"), e.getMessage());
        assertTrue(e.getMessage().contains("(plain or .gz)") && e.getMessage().contains(dir.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}

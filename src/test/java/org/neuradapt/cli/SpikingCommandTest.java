package org.neuradapt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuradapt.analysis.Csv;
import org.neuradapt.training.SyntheticTask;

/** {@code spiking fi|fit|adaptation|map} (docs/science.md section 8) end to end on short simulations, and their refusals. */
class SpikingCommandTest {
    @TempDir Path tmp;

    RobustnessCommandTest fixtures() { return RobustnessCommandTest.in(tmp); }

    @Test
    void fiAndFitWriteTheContractedTables() throws Exception {
        Path out = tmp.resolve("fi");
        CliRun.Out r = CliRun.run("spiking", "fi", "--model", "lif", "--model", "izhikevich:FS", "--duration", "400", "--currents", "0:20:5",
                "--out", out.toString());
        // 0:20:5 pA never fires the LIF: refused, nothing written
        assertEquals(2, r.code(), r.out());
        // with 400 ms, repetitive firing (two spikes in the last 200 ms) starts at 200.3 pA
        assertTrue(r.err().contains("rheobase found: 200.3 pA") && r.err().lines().filter(l -> l.startsWith("error:")).count() == 1, r.err());
        assertTrue(!Files.exists(out));
        r = CliRun.run("spiking", "fi", "--model", "lif,izhikevich:FS", "--duration", "400", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> fi = Files.readAllLines(out.resolve("fi.csv"));
        assertEquals("model,preset,current,rate_onset_hz,rate_steady_hz", fi.get(0));
        assertEquals(1 + 2 * 41, fi.size());
        assertTrue(fi.get(1).startsWith("lif,default,0,") && fi.get(42).startsWith("izhikevich,FS,0,"), fi.get(42));
        assertTrue(Files.size(out.resolve("fi.png")) > 10_000 && Files.isRegularFile(out.resolve("fi.json")) && Files.isRegularFile(out.resolve("fi_summary.csv")));
        assertTrue(r.out().contains("lif: rheobase 200.3 pA"), r.out());

        r = CliRun.run("spiking", "fit", "--model", "lif", "--duration", "400", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> fit = Files.readAllLines(out.resolve("fit.csv"));
        assertEquals("model,preset,n,n_se,s,s_se,A,A_se,I0,I0_se,r2,current_unit", fit.get(0));
        List<String> f = Csv.split(fit.get(1));
        assertEquals(List.of("lif", "default"), f.subList(0, 2));
        assertTrue(Double.parseDouble(f.get(10)) > 0.99, "R^2 " + fit.get(1));
        assertEquals("rheobase", f.get(11));
        assertTrue(Files.readString(out.resolve("fit.json")).contains("\"duration_ms\" : 400.0"));
    }

    @Test
    void adaptationWritesResponsesAndSummary() throws Exception {
        Path out = tmp.resolve("ad");
        CliRun.Out r = CliRun.run("spiking", "adaptation", "--model", "alif", "--trials", "2", "--warmup", "200", "--duration", "400",
                "--alpha-grid", "-1:1:201", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 2 * 150, Files.readAllLines(out.resolve("adaptation.csv")).size());
        List<String> summary = Files.readAllLines(out.resolve("adaptation_summary.csv"));
        assertEquals(3, summary.size());
        assertTrue(summary.get(1).startsWith("alif,default,current,") && summary.get(2).startsWith("alif,default,noise,"), summary.toString());
        assertTrue(Files.size(out.resolve("adaptation.png")) > 10_000);
    }

    @Test
    void mapOverlaysARunsLearnedGains() throws Exception {
        Path run = SyntheticTask.trainedRun(tmp, "rnn_gamma_het", 12), out = tmp.resolve("map");
        CliRun.Out r = CliRun.run("spiking", "map", "--model", "lif", "--duration", "400", "--run", run.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("spiking_map.csv"));
        assertEquals("kind,model,preset,neuron,n,n_se,s,s_se,n_at_bound", rows.get(0));
        assertTrue(rows.get(1).startsWith("spiking,lif,default,,"));
        assertEquals(2 + 6, rows.size(), "the model and the run's 6 neurons");
        assertTrue(Files.size(out.resolve("spiking_map.png")) > 10_000);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        RobustnessCommandTest f = fixtures();
        Path out = tmp.resolve("never");
        String o = out.toString();
        f.refused("known: lif, alif, adex:tonic|adapting|bursting, izhikevich:RS|IB|CH|FS|LTS, hh", out, "spiking", "fi", "--model", "lifx", "--out", o);
        f.refused("has no preset 'XX'", out, "spiking", "fit", "--model", "izhikevich:XX", "--out", o);
        f.refused("--duration must be a finite number > 0", out, "spiking", "fi", "--model", "lif", "--duration", "-5", "--out", o);
        f.refused("--rtol must be a finite number > 0", out, "spiking", "adaptation", "--model", "lif", "--rtol", "-1e-6", "--out", o);
        f.refused("--currents: cannot read", out, "spiking", "fi", "--model", "lif", "--currents", "0:600", "--out", o);
        f.refused("--noise-sd must be >= 0", out, "spiking", "adaptation", "--model", "lif", "--noise-sd", "0.2:-1", "--out", o);
        Path arun = f.fakeRun("a", true, "model.type=arun");
        f.refused("rnn_gamma_het", out, "spiking", "map", "--model", "lif", "--run", arun.toString(), "--out", o);
    }
}

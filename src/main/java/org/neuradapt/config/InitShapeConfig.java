package org.neuradapt.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code model.init_shape:} section: a biologically initialised rnn_gamma_het, whose neurons
 * start from the gamma shapes (n, s) fitted to spiking neuron types (docs/science.md section 9.2).
 * Off when {@code from} is null; then the paper's n_0 = 5 + 2 U(0, 1), s_0 = 0 apply.
 */
public record InitShapeConfig(
        @JsonPropertyDescription("fit table (CSV with columns model, preset, n, s, e.g. figures/spiking/fit.csv) whose (n, s) the neurons start from; null = the paper's init. Only for rnn_gamma_het")
        String from,
        @JsonPropertyDescription("mix of neuron types 'model:preset' -> fraction of the N neurons (>= 0, summing to 1), e.g. {\"izhikevich:RS\": 0.8, \"izhikevich:FS\": 0.2}; types are assigned to neurons by a shuffle drawn from the seed")
        Map<String, Double> mix,
        @JsonProperty("jitter_n")
        @JsonPropertyDescription("standard deviation of a Gaussian jitter added to each neuron's n (>= 0; redrawn while n <= 0)")
        double jitterN,
        @JsonProperty("jitter_s")
        @JsonPropertyDescription("standard deviation of a Gaussian jitter added to each neuron's s (>= 0; redrawn while s is outside [0, 1])")
        double jitterS,
        @JsonPropertyDescription("SHA-256 of the 'from' file; filled in when the config is loaded and recorded in the run's config.yaml, so a changed file is refused later; null = not pinned yet")
        String sha256) {

    /** No biological initialisation. */
    public static final InitShapeConfig NONE = new InitShapeConfig(null, Map.of(), 0.0, 0.0, null);

    public InitShapeConfig {
        mix = mix == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(mix));
    }

    /** Whether the section asks for a biological initialisation. */
    @JsonIgnore
    public boolean enabled() { return from != null; }

    /** The same section pinned to a file hash. */
    public InitShapeConfig withSha256(String hash) { return new InitShapeConfig(from, mix, jitterN, jitterS, hash); }
}

package org.neuradapt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Results are grouped by a model's label: the id for a built-in, the user's class for rnn and for
 * an ARUN variant, so that two different user models never pool as one model's seeds.
 */
class ModelLabelTest {
    static ModelConfig m(String type, String activation, String controller) {
        return new ModelConfig(type, 8, 2, 5, 0, activation, controller, Map.of(), "auto");
    }

    @Test
    void builtInsKeepTheirIdAndUserModelsAreNamedByTheirClass() {
        assertEquals("rnn_gamma_het", m("rnn_gamma_het", null, null).label());
        assertEquals("alif", m("alif", null, null).label());
        assertEquals("arun", m("arun", null, "arun").label());
        assertEquals("arun", m("arun", null, null).label());
        assertEquals("rnn:AdaptationCurrent", m("rnn", "org.neuradapt.neuron.example.AdaptationCurrent", null).label());
        assertEquals("rnn:SoftThreshold", m("rnn", "org.neuradapt.neuron.example.SoftThreshold", null).label());
        assertEquals("rnn:tanh", m("rnn", "tanh", null).label());
        assertEquals("arun:ClampedArun", m("arun", null, "org.neuradapt.neuron.example.ClampedArun").label());
    }
}

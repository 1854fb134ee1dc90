/**
 * The SameDiff backend: one {@link org.neuradapt.network.graph.RecurrentCell} per model family
 * ({@code ElmanCell}, {@code ArunCell}, {@code LstmCell}, {@code GruCell}; docs/science.md section 2)
 * builds one time step as SameDiff ops; {@link org.neuradapt.network.graph.SameDiffNetwork} unrolls
 * it over T steps and adds the {@link org.neuradapt.network.graph.GraphReadout} and the loss, and
 * {@link org.neuradapt.network.graph.SteppedSameDiffNetwork} runs one step graph T times with
 * back-propagation through time driven from Java (long sequences, where the unrolled graph is too
 * slow to initialise). Gradients come from SameDiff, so a user's neuron model needs only its
 * forward expression.
 */
package org.neuradapt.network.graph;

/**
 * What every backend of a recurrent network shares: the {@link org.neuradapt.network.Network}
 * contract that training and evaluation see, the parameter names and layouts
 * ({@link org.neuradapt.network.Parameters}), a {@link org.neuradapt.network.Batch}, the names of
 * the signals a forward pass can record ({@link org.neuradapt.network.Signals}), and the registry
 * of model ids ({@link org.neuradapt.network.ModelFactory}), which picks a backend.
 *
 * <p>Two backends compute the same function (docs/science.md section 2), and tests hold them equal:
 * {@code network.graph} builds DeepLearning4J SameDiff graphs, with gradients from SameDiff (any
 * user neuron model); {@code network.fused} runs fused kernels with hand-written BPTT (the
 * built-in models, chosen automatically).
 */
package org.neuradapt.network;

/**
 * The fused backend: recurrent kernels with hand-written back-propagation through time over
 * native primitive buffers, with the matrix products in OpenBLAS (docs/science.md section 2).
 *
 * <h2>API</h2>
 * <pre>
 *   FusedKernel k = ModelFactory.kernel(modelId, hidden, ctrl, nFixed, sFixed, FastKernels.Options.defaults());
 *   // modelId: a built-in id (rnn_relu, ..., arun, lstm, gru, lif, alif); the factory compiles its
 *   // layer model (org.neuradapt.network.LayerModel) with FastKernels.elman, stateful, arun or gated
 *   k.parameterNames();  k.parameterShapes(I, C);   // names and layouts of org.neuradapt.network.Parameters
 *   FusedKernel.Result r = k.forwardBackward(x, B, T, I, driveOrNull, labels, params);
 *   r.loss(); r.logits();  r.gradients().get("W");   // same keys and layouts as params
 *   FusedKernel.Result f = k.forward(x, B, T, I, driveOrNull, labelsOrNull, params, Set.of("a", "h", "n", "s", "g"));
 *   k.close();
 * </pre>
 * x is [B, T, I] row-major (batch-major), the drive [B, T, N], labels class indices
 * ({@link org.neuradapt.network.fused.FastKernels#labelsFromOneHot} converts Batch's one-hot
 * labels), every parameter a row-major double[] with the shape of
 * {@link org.neuradapt.network.Parameters}. Recorded signals are batch-major [B, T, N]
 * (ARUN's g: [B, T, N, M]; LSTM: h and c; GRU: h). Any element-wise activation can be
 * plugged into the Elman kernel through {@link org.neuradapt.neuron.PointwiseActivation}
 * ({@link org.neuradapt.network.fused.FastKernels#elman}), with any number of parameters,
 * each shared or per neuron.
 *
 * <h2>Design</h2>
 * <ul>
 * <li>One recurrent kernel ({@code RecurrentKernel}) for every model: p_t = x_t W_in +
 *     h_{t-1} W_rec + bias (+ drive), h_t = cell(p_t); the neuron model is a {@code FusedCell}:
 *     an element-wise activation with parameters theta, each fixed, shared or per neuron (Elman), the
 *     ARUN controller, the LSTM or the GRU. Histories are time-major, so the input products
 *     of all steps and the weight gradients are each one GEMM; per step there is one GEMM
 *     forward and one backward (ARUN: plus [B*N, M] x [M, M] controller GEMMs).</li>
 * <li>Threads: the batch is split into {@code Options.threads} shards run on their own
 *     threads with single-threaded OpenBLAS (two synchronisations per batch, measured much
 *     faster on a shared 2-core machine than splitting each step). OpenBLAS's thread count is
 *     process-wide; the factory sets it to 1.</li>
 * <li>Precision: double by default (the tests hold gradients to finite differences at 1e-6
 *     and forward passes to plain loops at 1e-12); {@code Options.withSinglePrecision(true)}
 *     stores everything in float and uses sgemm, with double element-wise arithmetic (same
 *     code). Measured on the 2-core machine: float is about 2x faster for the large Elman
 *     and ARUN sizes, 1.4x for the LSTM; results agree with double to about 1e-5.</li>
 * <li>SIMD: in float, the ARUN controller's element-wise loops run on 8 lanes (AVX2) through
 *     the incubating Vector API ({@code VectorControllerRows}), over a unit-major controller
 *     layout [M, B*N] in which every vector is a run of neurons. The JVM needs
 *     {@code --add-modules jdk.incubator.vector} (the launcher and the tests add it, and the
 *     launcher drops the one warning line the JVM prints for it); without the module the
 *     scalar loops run ({@code ScalarControllerRows}, the reference the SIMD loops are tested
 *     against). {@code Options.withVectorized(false)} forces the scalar loops.</li>
 * <li>Memory: no allocation per step. ARUN keeps its controller history [T+1, B*N, M] only
 *     at checkpoints every k steps and recomputes each segment in BPTT when the full history
 *     does not fit {@code Options.historyBudget} (or when {@code checkpointEvery} is set).</li>
 * <li>The gamma activation uses the reference's guard (softplus(n a)/n = a when n a &gt; 20)
 *     and the derivatives of the guarded function; the forward pass saves sigmoid(n a) and
 *     the guarded softplus so that BPTT needs no exp or log.</li>
 * </ul>
 */
package org.neuradapt.network.fused;

/**
 * Perturbations of a forward pass as values (docs/science.md section 4): the step drive (4.1) and
 * the Gaussian drive (4.2) on every neuron's pre-activation (the LSTM's output gate, 4.4), in a
 * window given in steps or as fractions of T (4.5), and the sinusoidal input transform (4.3).
 * One {@link org.neuradapt.perturbation.Perturbation} serves evaluation ({@code eval},
 * {@code training.Evaluation}) and training augmentation ({@code train.augment}); they combine
 * in order ({@link org.neuradapt.perturbation.Perturbation.Combined}), and
 * {@link org.neuradapt.perturbation.Perturbations} reads them from YAML and CLI options.
 */
package org.neuradapt.perturbation;

/**
 * Sequential MNIST data (docs/science.md section 3): {@link org.neuradapt.data.IdxReader} parses IDX
 * files, {@link org.neuradapt.data.MnistFiles} finds and verifies the four original files,
 * {@link org.neuradapt.data.MnistFetcher} downloads them, and
 * {@link org.neuradapt.data.SequentialMnist} turns them into sMNIST / psMNIST
 * {@link org.neuradapt.data.TaskData}. Perturbations (section 4) live elsewhere.
 */
package org.neuradapt.data;

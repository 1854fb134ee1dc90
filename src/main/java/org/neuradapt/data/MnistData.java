package org.neuradapt.data;

/**
 * The four MNIST files, parsed: the 60,000-image training file and the 10,000-image t10k file
 * (docs/science.md section 3). Labels are 0..9.
 */
public record MnistData(IdxImages trainImages, int[] trainLabels, IdxImages testImages, int[] testLabels) {
    public MnistData {
        if (trainImages.count() != trainLabels.length || testImages.count() != testLabels.length)
            throw new IllegalArgumentException("image and label counts differ: " + trainImages.count() + "/"
                    + trainLabels.length + " train, " + testImages.count() + "/" + testLabels.length + " test");
    }
}

package org.neuradapt.data;

/**
 * Images read from an IDX file (magic 0x00000803): {@code pixels[(i * rows + r) * cols + c]} is
 * the unsigned grey level (0..255, read with {@code & 0xff}) of image i at row r, column c.
 */
public record IdxImages(byte[] pixels, int count, int rows, int cols) {
    public IdxImages {
        if (pixels.length != (long) count * rows * cols)
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + count + "x" + rows + "x" + cols);
    }

    /** Grey level 0..255 of image i at (r, c). */
    public int pixel(int i, int r, int c) {
        return pixels[(i * rows + r) * cols + c] & 0xff;
    }
}

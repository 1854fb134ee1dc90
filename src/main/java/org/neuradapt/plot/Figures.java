package org.neuradapt.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saving is kept apart from chart building: every figure goes to PNG (to look at) and SVG (to edit). */
public final class Figures {
    private Figures() {}

    /** Writes {@code base.png} and {@code base.svg}. */
    public static void save(Chart<?, ?> chart, Path base) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (base.getParent() != null) Files.createDirectories(base.getParent());
        BitmapEncoder.saveBitmapWithDPI(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG, 150);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}

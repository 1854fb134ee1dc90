package org.neuradapt.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saving is kept apart from chart building: every figure goes to PNG (to look at) and SVG (to edit). */
public final class Figures {
    private Figures() {}

    /**
     * Writes {@code base.png} and {@code base.svg}, each through a temporary file renamed into
     * place, so an interrupted run never leaves a half-written figure.
     */
    public static void save(Chart<?, ?> chart, Path base) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (base.getParent() != null) Files.createDirectories(base.getParent());
        Path tmp = base.resolveSibling(base.getFileName() + ".tmp");
        try {
            BitmapEncoder.saveBitmapWithDPI(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG, 150);
            VectorGraphicsEncoder.saveVectorGraphic(chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            for (String ext : new String[] {".png", ".svg"})
                Files.move(Path.of(tmp + ext), Path.of(base + ext), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            for (String ext : new String[] {".png", ".svg"}) org.neuradapt.training.AtomicFiles.deleteQuietly(Path.of(tmp + ext));  // a full disk leaves no half figure
            throw e;
        }
    }
}

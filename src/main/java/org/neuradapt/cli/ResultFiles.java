package org.neuradapt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.neuradapt.plot.Figures;
import org.neuradapt.training.AtomicFiles;
import org.neuradapt.training.Provenance;

/**
 * Where an analysis writes its results: {@code NAME.csv} (or another data file), {@code NAME.json}
 * (analysis, source, parameters, provenance) and the figure {@code NAME.png}/{@code .svg}, each
 * through a temporary file renamed into place. Shared by the analyses of runs ({@link AnalysisRun})
 * and of simulated neurons ({@code spiking}).
 *
 * @param source what the results were computed from (an {@code analysis.Source}, or a description of simulated models)
 * @param seed   the seed recorded in the provenance
 */
record ResultFiles(Path out, String analysis, Object source, long seed) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes a tidy CSV, its JSON and (unless null) its figure; returns the CSV's path. */
    Path write(String name, String csv, Map<String, ?> parameters, Chart<?, ?> figure) throws IOException {
        return write(name, ".csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), parameters, figure);
    }

    Path write(String name, String extension, byte[] data, Map<String, ?> parameters, Chart<?, ?> figure) throws IOException {
        Path file = out.resolve(name + extension);
        AtomicFiles.write(file, data);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("analysis", analysis);
        meta.put("source", source);
        meta.put("parameters", parameters);
        meta.put("provenance", Provenance.capture(seed));
        AtomicFiles.write(out.resolve(name + ".json"), JSON.writeValueAsString(meta));
        if (figure != null) Figures.save(figure, out.resolve(name));
        System.out.println("wrote " + file + (figure != null ? ", " + name + ".json and " + name + ".png/.svg" : " and " + name + ".json"));
        return file;
    }
}

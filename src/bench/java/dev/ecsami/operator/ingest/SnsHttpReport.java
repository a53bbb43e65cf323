package dev.ecsami.operator.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link SnsHttpBench}, run by its own surefire execution before the suite, hands over to the
 * benchmark suite: the lines to print and the figures for the BENCH line. On disk, a figure is a
 * line {@code figure <key> <value>}; every other line is printed as it is.
 */
public record SnsHttpReport(List<String> lines, Map<String, Double> figures) {

    public static final Path FILE = Path.of("target", "bench", "sns-http.txt");
    private static final String FIGURE = "figure ";

    public SnsHttpReport {
        lines = List.copyOf(lines);
        figures = new LinkedHashMap<>(figures);
    }

    void write() throws IOException {
        List<String> out = new ArrayList<>(lines);
        figures.forEach((key, value) -> out.add(FIGURE + key + " " + String.format(Locale.ROOT, "%.6f", value)));
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, out);
    }

    /** The report of the last HTTP benchmark run, if there was one. */
    public static Optional<SnsHttpReport> read() throws IOException {
        if (!Files.exists(FILE)) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FILE)) {
            if (line.startsWith(FIGURE)) {
                String[] keyValue = line.substring(FIGURE.length()).split(" ");
                figures.put(keyValue[0], Double.parseDouble(keyValue[1]));
            } else {
                lines.add(line);
            }
        }
        return Optional.of(new SnsHttpReport(lines, figures));
    }
}

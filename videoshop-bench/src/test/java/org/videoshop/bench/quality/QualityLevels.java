package org.videoshop.bench.quality;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The levels a quality test guards for the bundled model, as measured for it: one properties file per test under
 * {@code src/test/resources/quality-levels}, written by {@code tiny-model/levels.py} from {@code candidate.sh}'s
 * measurements (the same Java code on the same cases) when a bundle is swapped in ({@code tiny-model/swap.sh}).
 * Immutable once read.
 */
final class QualityLevels {

    static final Path FOLDER = Path.of("src/test/resources/quality-levels");

    private final Path file;
    private final Properties values = new Properties();

    private QualityLevels(Path file) {
        this.file = file;
        try (Reader r = Files.newBufferedReader(file)) {
            values.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Expected the measured levels at " + file.toAbsolutePath(), e);
        }
    }

    /** The levels of {@code FOLDER/name.properties}. */
    static QualityLevels of(String name) {
        return new QualityLevels(FOLDER.resolve(name + ".properties"));
    }

    /** The level {@code key}; a missing or malformed one is an error naming the key and the file. */
    double get(String key) {
        String v = values.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("Expected the level " + key + " in " + file
                    + " (tiny-model/levels.py writes it) but found none");
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Expected a number for " + key + " in " + file + " but found " + v, e);
        }
    }
}

package org.videoshop.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Classifier-free guidance during generation, rising linearly from {@code min} on the first frame to {@code max}
 * on the last; written {@code MIN,MAX} (or one number for a constant scale) on the command line.
 *
 * @param min guidance scale of the first frame, {@code >= 0}
 * @param max guidance scale of the last frame, {@code >= 0}
 */
public record GuidanceRange(double min, double max) {

    public GuidanceRange {
        if (!(min >= 0 && Double.isFinite(min)) || !(max >= 0 && Double.isFinite(max))) {
            throw new IllegalArgumentException("Expected guidance scales >= 0 but found " + min + "," + max);
        }
    }

    /** Parses {@code "1,3"} or {@code "2"}. */
    public static GuidanceRange parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length < 1 || parts.length > 2) {
            throw new IllegalArgumentException("Expected MIN,MAX (e.g. 1,3) or one number but found '" + text + "'");
        }
        try {
            double min = Double.parseDouble(parts[0].trim());
            double max = parts.length == 2 ? Double.parseDouble(parts[1].trim()) : min;
            return new GuidanceRange(min, max);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected MIN,MAX as two numbers (e.g. 1,3) but found '" + text + "'",
                    e);
        }
    }

    @Override
    public String toString() {
        return min + "," + max;
    }

    /** picocli converter for {@code --guidance}. */
    static final class Converter implements ITypeConverter<GuidanceRange> {
        @Override
        public GuidanceRange convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

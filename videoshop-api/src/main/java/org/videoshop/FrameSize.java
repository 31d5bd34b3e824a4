package org.videoshop;

/**
 * A frame size in pixels, e.g. the working size the model runs at ({@link VideoshopOptions#workingSize()}).
 *
 * @param width  pixels, at least 1
 * @param height pixels, at least 1
 */
public record FrameSize(int width, int height) {

    public FrameSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Expected a frame size of at least 1x1 pixels but found " + width + "x"
                    + height);
        }
    }

    /** Parses {@code WxH} (e.g. {@code 1024x576}). */
    public static FrameSize parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length == 2) {
            try {
                return new FrameSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("Expected a size WIDTHxHEIGHT such as 1024x576 but found '" + text + "'");
    }

    /** Pixels in a frame of this size. */
    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}

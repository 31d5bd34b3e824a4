package org.videoshop;

import java.awt.image.BufferedImage;

/** Reads a streamed source's next frame and checks it has the size the source declared. Stateless. */
final class SourceFrames {

    private SourceFrames() {
    }

    /**
     * The next frame of {@code source}, frame {@code index} of the clip, which must be {@code width}x{@code height};
     * the caller owns the image returned.
     */
    static BufferedImage next(FrameSource source, int index, int width, int height) {
        BufferedImage image = source.read();
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException("Expected frame " + index + " of " + width + "x" + height
                    + " like the source says but found " + (image == null ? "null"
                    : image.getWidth() + "x" + image.getHeight()));
        }
        return image;
    }
}

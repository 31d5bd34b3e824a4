package org.videoshop;

import java.awt.image.BufferedImage;

/**
 * Receives the edited frames of a streaming edit in order, index 0 first, each exactly once. The sink does not
 * own the images after {@code write} returns only if it says so; the editor never touches an image again after
 * handing it over. I/O failures are thrown as {@link java.io.UncheckedIOException} and end the edit.
 */
@FunctionalInterface
public interface FrameSink {

    void write(int index, BufferedImage frame);
}

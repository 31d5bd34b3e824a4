package org.videoshop.onnx.store;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.videoshop.FrameSize;
import org.videoshop.InversionSource;
import org.videoshop.onnx.store.InversionFiles.Header;
import org.videoshop.onnx.store.InversionFiles.WindowHeader;
import org.videoshop.InvertedClip;
import org.videoshop.Windows;

/**
 * An inversion file read one window at a time (see {@link InversionFiles#open}); holds no window after handing it
 * out. Not
 * thread-safe; closing twice is harmless; reading after close throws {@link IllegalStateException}.
 */
public final class InversionReader implements InversionSource {
    private final Path file;
    private final DataInputStream in;
    private final Header header;
    private final Windows plan;
    private int next;
    private boolean closed;

    InversionReader(Path file, DataInputStream in, Header header, Windows plan) {
        this.file = file;
        this.in = in;
        this.header = header;
        this.plan = plan;
    }

    @Override
    public Windows plan() {
        return plan;
    }

    @Override
    public FrameSize workingSize() {
        WindowHeader w = header.windows().get(0);
        return new FrameSize(w.pixelWidth(), w.pixelHeight());
    }

    /** The next window, its sizes validated as {@link InversionFiles#load} validates them. */
    @Override
    public InvertedClip next() {
        if (closed) {
            throw new IllegalStateException("Expected an open inversion reader but it is closed");
        }
        if (next >= plan.count()) {
            throw new NoSuchElementException("Expected at most " + plan.count() + " windows but window "
                    + (next + 1) + " was asked for");
        }
        try {
            InvertedClip clip = InversionFiles.readWindow(in, file, header, header.windows().get(next));
            next++;
            if (next == plan.count() && in.read() != -1) {
                throw new IllegalArgumentException(file + ": expected the end of the file after the data but "
                        + "found more bytes");
            }
            return clip;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }
}

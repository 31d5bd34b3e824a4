package org.videoshop.onnx.store;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import org.videoshop.InversionSink;
import org.videoshop.onnx.store.InversionFiles.Header;
import org.videoshop.onnx.store.InversionFiles.WindowHeader;
import org.videoshop.InvertedClip;
import org.videoshop.Windows;
import org.videoshop.tensor.LatentShape;

/**
 * Writes an inversion window by window (see {@link InversionFiles#writer}): the header when window 0 arrives
 * (every window of
 * a clip has window 0's shapes and noise levels), then each window's data. Holds no window after {@code
 * write} returns. Not thread-safe; closing twice is harmless; writing after close throws
 * {@link IllegalStateException}.
 */
public final class InversionWriter implements InversionSink, AutoCloseable {
    private final Path file;
    private final Path tmp;
    private final DataOutputStream out;
    private Windows plan;
    private WindowHeader first;
    private int next;
    private boolean finished;
    private boolean closed;

    InversionWriter(Path file, Path tmp, DataOutputStream out) {
        this.file = file;
        this.tmp = tmp;
        this.out = out;
    }

    /** Appends window {@code window} of {@code plan} (in order, window 0 first; with its reconstruction). */
    @Override
    public void write(Windows plan, int window, InvertedClip clip) {
        if (closed || finished) {
            throw new IllegalStateException("Expected an open inversion writer but it is "
                    + (closed ? "closed" : "finished"));
        }
        if (window != next || (plan == null || (this.plan != null && !plan.equals(this.plan)))) {
            throw new IllegalArgumentException("Expected window " + next + " of " + (this.plan == null ? "a plan"
                    : this.plan) + " but found window " + window + " of " + plan);
        }
        if (clip.reconstruction() == null) {
            throw new IllegalArgumentException("Expected window " + window + " with its reconstruction but"
                    + " found none (Inverted.withReconstructions makes them)");
        }
        LatentShape s = clip.shape();
        WindowHeader w = new WindowHeader(new int[] {s.frames(), s.channels(), s.height(), s.width()},
                clip.source().height(), clip.source().width(), clip.sigmas(), clip.normalized());
        try {
            if (window == 0) {
                this.plan = plan;
                this.first = w;
                Header header = new Header(InversionFiles.FORMAT, clip.modelName(), clip.modelVersion(),
                        OptionsSchema.write(InversionFiles.JSON, clip.options()), plan.starts(), plan.size(),
                        plan.frames(),
                        Collections.nCopies(plan.count(), w));
                byte[] json = InversionFiles.JSON.writeValueAsBytes(header);
                out.write(InversionFiles.MAGIC);
                out.writeInt(json.length);
                out.write(json);
            } else if (!sameSizes(first, w)) {
                throw new IllegalArgumentException("Expected window " + window + " with window 0's shapes and "
                        + "noise levels but found " + Arrays.toString(w.latentShape()) + " at "
                        + w.pixelWidth() + "x" + w.pixelHeight());
            }
            InversionFiles.writeFloats(out, clip.source().data());
            InversionFiles.writeFloats(out, clip.reconstruction().data());
            for (float[] x : clip.trajectory()) {
                InversionFiles.writeFloats(out, x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        next++;
    }

    /** Moves the complete file into place (atomically, replacing one that exists). */
    public void finish() throws IOException {
        if (closed || finished) {
            throw new IllegalStateException("Expected an open inversion writer but it is "
                    + (closed ? "closed" : "finished"));
        }
        if (plan == null || next != plan.count()) {
            throw new IllegalStateException("Expected all " + (plan == null ? "the" : plan.count())
                    + " windows before finishing but found " + next);
        }
        out.close();
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
    }

    /** Deletes the temporary file unless {@link #finish()} moved it into place. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean sameSizes(WindowHeader a, WindowHeader b) {
        return Arrays.equals(a.latentShape(), b.latentShape()) && a.pixelHeight() == b.pixelHeight()
                && a.pixelWidth() == b.pixelWidth() && Arrays.equals(a.sigmas(), b.sigmas())
                && a.normalized() == b.normalized();
    }
}

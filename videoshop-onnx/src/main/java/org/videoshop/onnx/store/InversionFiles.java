package org.videoshop.onnx.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.videoshop.FrameSize;
import org.videoshop.InversionSink;
import org.videoshop.InversionSource;
import org.videoshop.Inverted;
import org.videoshop.VideoEditor;
import org.videoshop.VideoshopOptions;
import org.videoshop.InvertedClip;
import org.videoshop.Windows;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Video;

/**
 * Saves and loads inverted clips ({@code .inv} files), so one inversion serves edits in later runs. A file is
 * the magic line {@code VIDEOSHOP-INVERSION}, a 4-byte header length, a JSON header (format version, model name
 * and version, every option, the window plan, each window's shapes and noise levels), then raw little-endian
 * float32 data: per window the source pixels, detail mode's reconstruction (pixels of the source's size), then
 * the latents at each noise level. Loading validates all of
 * it and refuses a file made for another model or other settings (compared as
 * {@link VideoshopOptions#resolvedFor resolved} for the model, so settings left to the model match the model's
 * recommended values given explicitly). Files can be written and read window by window ({@link #writer},
 * {@link #open}), so neither an inversion nor an edit from one holds the whole clip. Lives in videoshop-onnx
 * because the module already carries Jackson; nothing here depends on ONNX Runtime. Stateless.
 */
public final class InversionFiles {

    /**
     * Format version written by this class (4: the schedule and the normalisation by their providers' names; 3 held
     * the built-ins' enum constants there, and still reads, see {@code OptionsSchema}; 2 stored the options under
     * their Java names; 1 kept no reconstruction). Versions 1 and 2 are refused, saying to invert again.
     */
    public static final int FORMAT = 4;

    /** The oldest format still read. */
    static final int OLDEST_READ = 3;

    static final byte[] MAGIC = "VIDEOSHOP-INVERSION\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 1 << 20;
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** The JSON header. */
    record Header(int format, String modelName, String modelVersion, ObjectNode options, List<Integer> starts,
                  int windowSize, int frames, List<WindowHeader> windows) {

        /** The options, read from their stable names. */
        VideoshopOptions settings() {
            return OptionsSchema.read(JSON, options, format);
        }
    }

    /** One window's sizes. */
    record WindowHeader(int[] latentShape, int pixelHeight, int pixelWidth, double[] sigmas, boolean normalized) {
    }

    private InversionFiles() {
    }

    /**
     * Writes {@code inverted} to {@code file} atomically (a temporary file in the same folder, then a move). Windows
     * whose reconstruction is not yet known get it first (one generation each, with the inversion's editor).
     */
    public static void save(Inverted inverted, Path file) throws IOException {
        List<InvertedClip> clips = inverted.withReconstructions(null, null).windows();
        try (InversionWriter writer = writer(file)) {
            for (int k = 0; k < clips.size(); k++) {
                writer.write(inverted.plan(), k, clips.get(k));
            }
            writer.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A writer of {@code file} that takes the windows of a streaming inversion one at a time ({@link
     * VideoEditor#invert(org.videoshop.FrameSource, org.videoshop.InversionSink, org.videoshop.ProgressListener,
     * org.videoshop.CancellationToken)}), appending each to a temporary file in the same folder; {@link
     * InversionWriter#finish()} moves it into place. Closing an unfinished writer deletes the temporary file, so a
     * failed or
     * cancelled inversion leaves nothing. The caller closes it.
     */
    public static InversionWriter writer(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            return new InversionWriter(file, tmp,
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp))));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Reads a file written by {@link #save} for use with {@code editor}, whose model and options must be those the
     * inversion was made with.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not an inversion file, is truncated or damaged, or was made for
     *                                  another model or other settings (the message says expected and found)
     */
    public static Inverted load(Path file, VideoEditor editor) throws IOException {
        try (InversionReader reader = open(file, editor)) {
            List<InvertedClip> clips = new ArrayList<>();
            for (int k = 0; k < reader.plan().count(); k++) {
                clips.add(reader.next());
            }
            return editor.inverted(reader.plan(), clips);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Opens a file written by {@link #save} or a {@link #writer} for reading window by window (e.g. for {@link
     * VideoEditor#edit(InversionSource, org.videoshop.FrameSource, java.awt.image.BufferedImage,
     * org.videoshop.FrameSource, int, org.videoshop.FrameSink, org.videoshop.ProgressListener,
     * org.videoshop.CancellationToken)}). Its header is read and checked against {@code editor} here (as {@link
     * #load} checks it); each window's data when it is asked for. The caller closes the reader.
     */
    public static InversionReader open(Path file, VideoEditor editor) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
        try {
            Header h = readHeader(in, file);
            String model = editor.model().spec().name();
            String version = editor.model().spec().version();
            if (!h.modelName().equals(model) || !h.modelVersion().equals(version)) {
                throw new IllegalArgumentException(file + ": expected an inversion made with model " + model + " ("
                        + version + ") but found " + h.modelName() + " (" + h.modelVersion() + ")");
            }
            // compared as the model resolves them (unset guidance and Sigma = the model's recommendation)
            VideoshopOptions settings = editor.options().inversionSettings().resolvedFor(editor.model().spec());
            VideoshopOptions made = h.settings().inversionSettings().resolvedFor(editor.model().spec());
            if (!made.equals(settings)) {
                throw new IllegalArgumentException(file + ": expected an inversion made with these settings but it"
                        + " was made with " + differences(settings, made));
            }
            Windows plan = new Windows(h.starts(), h.windowSize(), h.frames());
            Windows expected = editor.plan(h.frames());
            if (!plan.equals(expected) || h.windows().size() != plan.count()) {
                throw new IllegalArgumentException(file + ": expected windows " + expected + " but found " + plan
                        + " with " + h.windows().size() + " inversions");
            }
            WindowHeader w0 = h.windows().get(0);
            for (WindowHeader w : h.windows()) {
                if (w.pixelWidth() != w0.pixelWidth() || w.pixelHeight() != w0.pixelHeight()) {
                    throw new IllegalArgumentException(file + ": expected every window at " + w0.pixelWidth() + "x"
                            + w0.pixelHeight() + " but found one at " + w.pixelWidth() + "x" + w.pixelHeight());
                }
            }
            return new InversionReader(file, in, h, plan);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The settings that differ, as {@code name=found (expected here)}, comma-separated. */
    static String differences(VideoshopOptions expected, VideoshopOptions found) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : VideoshopOptions.class.getRecordComponents()) {
            try {
                Object e = c.getAccessor().invoke(expected);
                Object f = c.getAccessor().invoke(found);
                if (!Objects.equals(e, f)) {
                    out.add(c.getName() + "=" + f + " (expected " + e + ")");
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("Expected readable option " + c.getName() + " but found " + ex, ex);
            }
        }
        return out.isEmpty() ? found.toString() : String.join(", ", out);
    }

    private static Header readHeader(DataInputStream in, Path file) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": expected an inversion file but found only "
                    + "a few bytes", e);
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(file + ": expected an inversion file starting with "
                    + "'VIDEOSHOP-INVERSION' but found other bytes");
        }
        int length = in.readInt();
        if (length <= 0 || length > MAX_HEADER) {
            throw new IllegalArgumentException(file + ": expected a header of 1 to " + MAX_HEADER
                    + " bytes but found " + length);
        }
        byte[] json = new byte[length];
        in.readFully(json);
        Header h;
        try {
            h = JSON.readValue(json, Header.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": expected a valid inversion header but found: "
                    + e.getMessage(), e);
        }
        if (h.format() < OLDEST_READ || h.format() > FORMAT) {
            throw new IllegalArgumentException(file + ": expected inversion format " + OLDEST_READ + " to " + FORMAT
                    + " but found " + h.format() + (h.format() < FORMAT ? " (written by an older videoshop: format 1"
                    + " kept no reconstruction, format 2 stored the options under their Java names); invert the clip"
                    + " again" : " (written by a newer videoshop); invert the clip again with this one"));
        }
        if (h.windows() == null || h.starts() == null || h.options() == null || h.modelName() == null
                || h.modelVersion() == null) {
            throw new IllegalArgumentException(file + ": expected a complete header but fields are missing");
        }
        try {
            h.settings();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return h;
    }

    static InvertedClip readWindow(DataInputStream in, Path file, Header h, WindowHeader w) throws IOException {
        int[] s = w.latentShape();
        if (s == null || s.length != 4 || w.sigmas() == null || w.sigmas().length < 2) {
            throw new IllegalArgumentException(file + ": expected a 4-d latent shape and at least 2 sigmas but found "
                    + Arrays.toString(s) + " and " + Arrays.toString(w.sigmas()));
        }
        LatentShape shape = new LatentShape(s[0], s[1], s[2], s[3]);
        long pixels = 3L * s[0] * w.pixelHeight() * w.pixelWidth();
        if (w.pixelHeight() < 1 || w.pixelWidth() < 1 || pixels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file + ": expected a positive frame size but found "
                    + w.pixelWidth() + "x" + w.pixelHeight());
        }
        Video source = new Video(s[0], w.pixelHeight(), w.pixelWidth(), readFloats(in, (int) pixels, file));
        Video reconstruction = new Video(s[0], w.pixelHeight(), w.pixelWidth(), readFloats(in, (int) pixels, file));
        List<float[]> trajectory = new ArrayList<>();
        for (int i = 0; i < w.sigmas().length; i++) {
            trajectory.add(readFloats(in, shape.size(), file));
        }
        return new InvertedClip(h.modelName(), h.modelVersion(), h.settings(), source, shape, w.sigmas(), trajectory,
                w.normalized(), reconstruction);
    }

    static void writeFloats(OutputStream out, float[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        out.write(b.array());
    }

    private static float[] readFloats(InputStream in, int n, Path file) throws IOException {
        byte[] bytes = in.readNBytes(n * Float.BYTES);
        if (bytes.length != n * Float.BYTES) {
            throw new IllegalArgumentException(file + ": expected " + n * Float.BYTES + " more bytes of data but the "
                    + "file ends after " + bytes.length + " (truncated)");
        }
        float[] out = new float[n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}

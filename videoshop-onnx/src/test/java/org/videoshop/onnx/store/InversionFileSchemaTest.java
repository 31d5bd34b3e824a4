package org.videoshop.onnx.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.EditResult;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.SigmaSpacing;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/**
 * The {@code .inv} header is a versioned schema: every option has a stable name (renaming a Java record component
 * does not change the file), and files of another format are refused with a message saying to invert again.
 */
class InversionFileSchemaTest {

    private static VideoshopModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws URISyntaxException {
        model = VideoshopModel.open(Path.of(InversionFileSchemaTest.class.getClassLoader()
                .getResource("bundles/random-tiny").toURI()));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void everyOptionHasOneStableName() {
        Set<String> components = new HashSet<>();
        for (RecordComponent c : VideoshopOptions.class.getRecordComponents()) {
            components.add(c.getName());
        }
        assertEquals(components, new HashSet<>(OptionsSchema.STABLE_TO_COMPONENT.values()),
                "each VideoshopOptions component needs a stable .inv name in OptionsSchema");
        for (String stable : OptionsSchema.STABLE_TO_COMPONENT.keySet()) {
            assertTrue(stable.matches("[a-z]+(_[a-z]+)*"), "stable names are snake_case: " + stable);
        }
    }

    @Test
    void theHeaderUsesTheStableNamesAndReadsBack() throws Exception {
        VideoshopOptions options = VideoshopOptions.builder().steps(4).strength(0.5).seed(9).sigmaThreshold(0.3)
                .build();
        Path file = dir.resolve("a.inv");
        int s = model.spec().width();
        Video clip = new Video(4, s, s, new float[4 * 3 * s * s]);
        try (VideoEditor editor = Videoshop.editor(model, options)) {
            InversionFiles.save(editor.invert(clip, ProgressListener.NONE, null), file);
            String header = header(file);
            assertTrue(header.contains("\"format\":" + InversionFiles.FORMAT), header);
            assertTrue(header.contains("\"sigma_threshold\":0.3"), header);
            assertTrue(header.contains("\"window_overlap\":"), header);
            assertFalse(header.contains("sigmaThreshold") || header.contains("windowOverlap"),
                    "no Java component names in the file: " + header);
            assertEquals(options, InversionFiles.load(file, editor).windows().get(0).options());
        }
    }

    @Test
    void anOlderFormatIsRefusedSayingToInvertAgain() throws Exception {
        Path file = dir.resolve("old.inv");
        byte[] json = ("{\"format\":2,\"modelName\":\"random-tiny\",\"modelVersion\":\"x\",\"options\":"
                + "{\"strength\":0.55,\"sigmaThreshold\":null},\"starts\":[0],\"windowSize\":8,\"frames\":8,"
                + "\"windows\":[]}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("VIDEOSHOP-INVERSION\n".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(json.length);
            out.write(json);
        }
        Files.write(file, bytes.toByteArray());
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(file, editor));
            assertTrue(e.getMessage().contains("expected inversion format 3 to " + InversionFiles.FORMAT + " but found 2"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("older videoshop") && e.getMessage().endsWith("invert the clip again"),
                    e.getMessage());
        }
    }

    @Test
    void anUnknownOptionNameIsRefusedByName() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var node = OptionsSchema.write(json, VideoshopOptions.defaults());
        node.put("sigmaThreshold", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptionsSchema.read(json, node, InversionFiles.FORMAT));
        assertTrue(e.getMessage().contains("'sigmaThreshold'"), e.getMessage());
    }

    @Test
    void theScheduleAndNormalizationAreStoredByNameAndAFileFromBeforeTheScheduleReadsAsKarras() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        VideoshopOptions exponential = VideoshopOptions.builder().sigmaSpacing(SigmaSpacing.EXPONENTIAL)
                .normalization("per-frame").build();
        var node = OptionsSchema.write(json, exponential);
        assertEquals("exponential", node.get("sigma_spacing").asText());
        assertEquals("per-frame", node.get("normalization").asText());
        assertEquals(exponential, OptionsSchema.read(json, node, InversionFiles.FORMAT));
        node.remove("sigma_spacing");
        assertEquals("karras", OptionsSchema.read(json, node, 3).sigmaSpacing(),
                "files written before the option existed were all made with the Karras schedule");
        node.put("sigma_spacing", "cosine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptionsSchema.read(json, node, InversionFiles.FORMAT));
        assertTrue(e.getMessage().startsWith("Expected valid options but found: Expected sigmaSpacing to name a"
                + " schedule found on the classpath, one of karras, exponential") // and this module's test ones
                && e.getMessage().endsWith(", but found 'cosine'"), e.getMessage());
    }

    /**
     * A real file of format 3 (written before schedules and normalisations were named providers, with the enum
     * constants EXPONENTIAL and PER_FRAME in its header: videoshop-onnx/src/test/resources/store/, random-tiny, 4
     * frames, 4 steps, strength 0.5, seed 7) serves an edit with the same settings by name, and refuses editors of
     * another schedule or normalisation, naming both.
     */
    @Test
    void aFormat3FileReadsItsEnumConstantsAsTheProvidersNames() throws Exception {
        Path file = Path.of(InversionFileSchemaTest.class.getClassLoader()
                .getResource("store/format3-exponential-per-frame.inv").toURI());
        assertTrue(header(file).contains("\"format\":3,") && header(file).contains("\"sigma_spacing\":\"EXPONENTIAL\"")
                && header(file).contains("\"normalization\":\"PER_FRAME\""), header(file));
        VideoshopOptions made = VideoshopOptions.builder().steps(4).strength(0.5).seed(7).normalize(true)
                .sigmaSpacing("exponential").normalization("per-frame").build();
        int s = model.spec().width();
        try (VideoEditor editor = Videoshop.editor(model, made)) {
            Inverted loaded = InversionFiles.load(file, editor);
            assertEquals("exponential", loaded.windows().get(0).options().sigmaSpacing());
            assertEquals("per-frame", loaded.windows().get(0).options().normalization());
            EditResult result = loaded.edit(new Frame(s, s, new float[3 * s * s]));
            assertEquals(4, result.video().frames());
            assertEquals("exponential", result.provenance().options().sigmaSpacing());
        }
        try (VideoEditor karras = Videoshop.editor(model, made.toBuilder().sigmaSpacing("karras").build());
             VideoEditor perChannel = Videoshop.editor(model, made.toBuilder().normalization("per-channel").build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(file, karras));
            assertTrue(e.getMessage().contains("sigmaSpacing=exponential (expected karras)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> InversionFiles.load(file, perChannel));
            assertTrue(e.getMessage().contains("normalization=per-frame (expected per-channel)"), e.getMessage());
        }
    }

    private static String header(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        int magic = "VIDEOSHOP-INVERSION\n".length();
        int length = java.nio.ByteBuffer.wrap(all, magic, 4).getInt();
        return new String(Arrays.copyOfRange(all, magic + 4, magic + 4 + length), StandardCharsets.UTF_8);
    }
}

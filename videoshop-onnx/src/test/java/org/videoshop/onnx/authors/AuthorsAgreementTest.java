package org.videoshop.onnx.authors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.videoshop.VideoshopOptions;
import org.videoshop.onnx.OnnxModel;
import org.videoshop.onnx.OnnxOptions;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/**
 * The Java pipeline (backend java, real ONNX Runtime on the exported bundle) against the paper authors' own code
 * run by scripts/svd/reference/reference.py on the same random SVD-architecture weights with the
 * same draws: every stage within relative {@value AuthorsAgreement#STAGE_TOLERANCE}, frames at
 * {@value AuthorsAgreement#FRAMES_PSNR} dB or better, with run.py's per-frame normalisation and with the paper's
 * per-channel one. The controls show that the comparison notices a change of any one setting of the algorithm.
 */
class AuthorsAgreementTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"per-frame", "per-channel"})
    void theJavaEditAgreesWithTheAuthorsCodeAtEveryStage(String reference) {
        AuthorsAgreement.Agreement a = AuthorsAgreement.assertAgrees(reference, "java");
        if (reference.equals("per-frame")) {
            assertTrue(a.relative().size() >= 30 && !Double.isNaN(a.framesPsnr()),
                    "Expected the per-frame reference to hold every stage and the frames but found " + a.table());
        }
    }

    private static VideoshopOptions.Builder authorsRun() {
        return new AuthorsReference(AuthorsAgreement.fixture().resolve("per-frame")).options().toBuilder();
    }

    @Test
    void aChangedGuidanceScheduleIsNoticed() {
        AuthorsAgreement.Agreement a = AuthorsAgreement.measure("per-frame", authorsRun().guidance(1, 3).build(),
                "java");
        assertTrue(a.relative().get("invert_13") < AuthorsAgreement.STAGE_TOLERANCE, a.table());
        assertTrue(a.relative().get("generate_01") > AuthorsAgreement.STAGE_TOLERANCE, a.table());
        assertTrue(a.relative().get("generate_13") > 100 * AuthorsAgreement.STAGE_TOLERANCE, a.table());
    }

    @Test
    void aChangedNormalisationOrThresholdIsNoticed() {
        AuthorsAgreement.Agreement n = AuthorsAgreement.measure("per-frame",
                authorsRun().normalization("per-channel").build(), "java");
        assertTrue(n.relative().get("x0") > 10 * AuthorsAgreement.STAGE_TOLERANCE, n.table());
        AuthorsAgreement.Agreement t = AuthorsAgreement.measure("per-frame", authorsRun().sigmaThreshold(2.5).build(),
                "java");
        assertTrue(t.relative().get("x0") < AuthorsAgreement.STAGE_TOLERANCE, t.table());
        assertTrue(t.relative().get("invert_13") > 10 * AuthorsAgreement.STAGE_TOLERANCE, t.table());
    }

    @Test
    void theTemporalDecoderGivesTheAuthorsFramesOnlyOnTheWholeClip(@TempDir Path tmp) throws IOException {
        Path root = AuthorsAgreement.fixture();
        AuthorsReference ref = new AuthorsReference(root.resolve("per-frame"));
        Path chunked = Files.createDirectories(tmp.resolve("chunked"));
        try (Stream<Path> files = Files.list(root.resolve("bundle"))) {
            for (Path f : files.toList()) {
                Files.copy(f, chunked.resolve(f.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        Path manifest = chunked.resolve("videoshop-model.json");
        ObjectNode m = (ObjectNode) json.readTree(manifest.toFile());
        ((ObjectNode) m.get("networks").get("vaeDecoder")).remove("wholeClip");
        json.writeValue(manifest.toFile(), m);
        int frames = ref.settings().get("frames").asInt();
        int side = ref.settings().get("height").asInt() / 8;
        Latents latents = new Latents(new LatentShape(frames, 4, side, side), ref.stage("decoder_input"));
        OnnxOptions options = OnnxOptions.builder().intraOpThreads(1).interOpThreads(1).decodeChunk(7).build();
        double whole;
        double inChunks;
        try (OnnxModel model = OnnxModel.open(root.resolve("bundle"), options)) {
            whole = AuthorsReference.psnr(model.encoder().decode(latents).data(), ref.stage("frames"));
        }
        try (OnnxModel model = OnnxModel.open(chunked, options)) {
            inChunks = AuthorsReference.psnr(model.encoder().decode(latents).data(), ref.stage("frames"));
        }
        System.out.printf("authors' decoder input decoded: whole clip %.2f dB, chunks of 7 %.2f dB%n", whole, inChunks);
        assertTrue(whole >= AuthorsAgreement.FRAMES_PSNR, "whole clip: " + whole + " dB");
        assertTrue(inChunks < whole - 3, "chunks of 7: " + inChunks + " dB, whole clip " + whole + " dB");
    }
}

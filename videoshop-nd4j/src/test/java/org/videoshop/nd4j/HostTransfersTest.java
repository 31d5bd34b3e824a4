package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/**
 * With {@code nd4j} the latents of an edit live in ND4J's memory: a whole edit copies between Java arrays and
 * native memory a fixed number of times (encoder output in, decoder input out, the per-window normalisation and
 * the noise draw), none per step: the count is the same for 4 steps as for 12, with guidance and with a mask.
 * The network's inputs and outputs go through buffer views of the tensors, which are not copies on CPU.
 */
class HostTransfersTest {

    @BeforeAll
    static void needsNd4j() {
        Nd4jTests.requireNd4j();
    }

    private final Video video = Clips.video(Clips.movingDisc(5, 16, 12, Color.ORANGE));
    private final Frame edited = Clips.video(Clips.movingDisc(1, 16, 12, Color.GREEN)).frame(0);

    private long transfersOfOneEdit(int steps, Mask mask) {
        try (Nd4jKernels kernels = new Nd4jKernels();
             AnalyticModel model = new AnalyticModel(5, 16, 12, 4, 9)) {
            VideoshopOptions options = VideoshopOptions.builder().seed(3).steps(steps).strength(1.0)
                    .guidance(1.0, 2.0).build();
            long before = kernels.hostTransfers();
            new EditPipeline(model, kernels, options).run(video, edited, mask, StepContext.silent());
            return kernels.hostTransfers() - before;
        }
    }

    @Test
    void anEditMakesNoHostTransferPerStep() {
        long few = transfersOfOneEdit(4, null);
        long many = transfersOfOneEdit(12, null);
        assertEquals(few, many, "host transfers of an edit with 4 steps and with 12 steps");
        assertTrue(few > 0 && few <= 24, "expected a handful of transfers per edit but found " + few);
    }

    /** Through the facade, in the default (detail) output mode: inversion, reconstruction and edit per window. */
    private long transfersOfAFacadeEdit(int steps) {
        Nd4jKernels shared = (Nd4jKernels) Backends.kernels("nd4j");
        try (AnalyticModel model = new AnalyticModel(5, 16, 12, 4, 9);
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().seed(3).steps(steps)
                     .strength(1.0).guidance(1.0, 2.0).backend("nd4j").build())) {
            long before = shared.hostTransfers();
            editor.edit(Clips.movingDisc(5, 16, 12, Color.ORANGE), Clips.movingDisc(1, 16, 12, Color.GREEN).get(0));
            return shared.hostTransfers() - before;
        }
    }

    @Test
    void theFacadesDefaultEditMakesNoHostTransferPerStep() {
        long few = transfersOfAFacadeEdit(4);
        long many = transfersOfAFacadeEdit(12);
        assertEquals(few, many, "host transfers of a facade edit with 4 steps and with 12 steps");
    }

    @Test
    void aMaskedEditKeepsItsTrajectoryOnTheBackend() {
        float[] half = new float[12 * 16];
        Arrays.fill(half, 0, half.length / 2, 1f);
        Mask mask = new Mask(1, 12, 16, half, 0);
        long few = transfersOfOneEdit(4, mask);
        long many = transfersOfOneEdit(12, mask);
        assertEquals(few, many, "host transfers of a masked edit with 4 steps and with 12 steps");
    }
}

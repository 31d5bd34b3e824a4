package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.LatentObserver;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.LatentNormalization;
import org.videoshop.kernel.Backends;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/**
 * With {@code nd4j} the latents of an edit live in ND4J's memory from the encoder's output to the decoder's input:
 * the normalisation, the rescale and their statistics run on the window's tensors too. A whole edit's host
 * transfers are exactly the network boundary (each encoder output in, the decoder's input out, and the inversion
 * condition's round trip when the options normalise it), the edit's own per-window inputs (the seeded noise draw,
 * the mask), and the observers (the source and one copy per observed step): the counts below are exact, the same
 * for 4 steps as for 12, with either normalisation, with guidance and with a mask. The network's inputs and outputs
 * go through buffer views of the tensors, which are not copies on CPU.
 */
class HostTransfersTest {

    /** Per window: the source's latents in, the edit target's latents in, the noise draw in, the decoder input out. */
    private static final int PER_EDIT = 4;

    @BeforeAll
    static void needsNd4j() {
        Nd4jTests.requireNd4j();
    }

    private final Video video = Clips.video(Clips.movingDisc(5, 16, 12, Color.ORANGE));
    private final Frame edited = Clips.video(Clips.movingDisc(1, 16, 12, Color.GREEN)).frame(0);

    private static VideoshopOptions.Builder options(int steps, boolean authors) {
        VideoshopOptions.Builder b = authors ? VideoshopOptions.authorsBuilder() : VideoshopOptions.builder();
        return b.seed(3).steps(steps).strength(1.0).guidance(1.0, 2.0);
    }

    private long transfersOfOneEdit(VideoshopOptions options, Mask mask, LatentObserver observer) {
        try (Nd4jKernels kernels = new Nd4jKernels();
             AnalyticModel model = new AnalyticModel(5, 16, 12, 4, 9)) {
            long before = kernels.hostTransfers();
            new EditPipeline(model, kernels, options).run(video, edited, mask,
                    new StepContext(null, null, observer));
            return kernels.hostTransfers() - before;
        }
    }

    private long transfersOfOneEdit(int steps, Mask mask) {
        return transfersOfOneEdit(options(steps, false).build(), mask, LatentObserver.NONE);
    }

    @Test
    void anEditCopiesOnlyAtTheNetworkBoundaryAndNonePerStep() {
        assertEquals(PER_EDIT, transfersOfOneEdit(4, null), "host transfers of an edit with 4 steps");
        assertEquals(PER_EDIT, transfersOfOneEdit(12, null), "host transfers of an edit with 12 steps");
    }

    @Test
    void thePerChannelAndThePerFrameNormalisationsRunOnTheTensors() {
        for (LatentNormalization n : LatentNormalization.values()) {
            VideoshopOptions o = options(6, false).normalize(true).normalization(n).build();
            assertEquals(PER_EDIT, transfersOfOneEdit(o, null, LatentObserver.NONE), "host transfers with " + n);
        }
    }

    @Test
    void theAuthorsInversionConditionMakesOneRoundTripBetweenEncoderAndDenoiser() {
        for (int steps : new int[] {4, 12}) {
            assertEquals(PER_EDIT + 2, transfersOfOneEdit(options(steps, true).build(), null, LatentObserver.NONE),
                    "host transfers of an authors-preset edit with " + steps + " steps");
        }
    }

    @Test
    void aMaskedEditUploadsItsMaskOnceAndKeepsItsTrajectoryOnTheBackend() {
        float[] half = new float[12 * 16 * 5];
        Arrays.fill(half, 0, half.length / 2, 1f);
        Mask mask = new Mask(5, 12, 16, half, 0);
        assertEquals(PER_EDIT + 1, transfersOfOneEdit(4, mask), "host transfers of a masked edit with 4 steps");
        assertEquals(PER_EDIT + 1, transfersOfOneEdit(12, mask), "host transfers of a masked edit with 12 steps");
    }

    @Test
    void anObserverCostsOneCopyOfTheSourceAndOnePerObservedStep() {
        AtomicInteger observed = new AtomicInteger();
        LatentObserver observer = new LatentObserver() {
            @Override
            public void onSource(LatentShape shape, float[] x0) {
                observed.incrementAndGet();
            }

            @Override
            public void onStep(Stage stage, int step, double sigma, LatentShape shape, float[] x) {
                observed.incrementAndGet();
            }
        };
        for (int steps : new int[] {4, 12}) {
            observed.set(0);
            long transfers = transfersOfOneEdit(options(steps, false).build(), null, observer);
            assertEquals(1 + 2 * steps, observed.get(), "observer calls: the source, each inversion and generation step");
            assertEquals(PER_EDIT + observed.get(), transfers, "host transfers of an observed edit with " + steps
                    + " steps");
        }
    }

    /** Through the facade, in the default (detail) output mode: inversion, reconstruction and edit per window. */
    private long transfersOfAFacadeEdit(int steps) {
        Nd4jKernels shared = (Nd4jKernels) Backends.kernels("nd4j");
        try (AnalyticModel model = new AnalyticModel(5, 16, 12, 4, 9);
             VideoEditor editor = Videoshop.editor(model, options(steps, false).backend("nd4j").build())) {
            long before = shared.hostTransfers();
            editor.edit(Clips.movingDisc(5, 16, 12, Color.ORANGE), Clips.movingDisc(1, 16, 12, Color.GREEN).get(0));
            return shared.hostTransfers() - before;
        }
    }

    /**
     * Detail mode: the source's latents, two edit targets (the source's own first frame for the reconstruction and
     * the edited one) and the noise draw in, two decoder inputs out.
     */
    @Test
    void theFacadesDefaultEditCopiesOnlyAtTheNetworkBoundary() {
        assertEquals(6, transfersOfAFacadeEdit(4), "host transfers of a facade edit with 4 steps");
        assertEquals(6, transfersOfAFacadeEdit(12), "host transfers of a facade edit with 12 steps");
    }
}

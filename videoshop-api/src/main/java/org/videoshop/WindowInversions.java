package org.videoshop;

import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Video;

/**
 * Where an edit from an inversion gets each window's inversion and reconstruction: an {@link Inverted} held in
 * memory ({@link #of}), or an {@link InversionSource} read window by window ({@link #streamed}).
 * {@link WindowedEdit} asks for
 * windows in order, window k at most once after window k - 1.
 */
interface WindowInversions {

    /** Window k's inversion. */
    InvertedClip window(int k);

    /** Whether window k's reconstruction is known without a generation (counted in the edit's progress). */
    boolean hasReconstruction(int k);

    /** Window k's reconstruction, made (once) if not yet known. */
    Video reconstruction(int k, StepContext ctx);

    /** The windows of an inversion held in memory (reconstructions made on first use, kept in it). */
    static WindowInversions of(Inverted inverted) {
        return new WindowInversions() {
            @Override
            public InvertedClip window(int k) {
                return inverted.window(k);
            }

            @Override
            public boolean hasReconstruction(int k) {
                return inverted.hasReconstruction(k);
            }

            @Override
            public Video reconstruction(int k, StepContext ctx) {
                return inverted.reconstruction(k, ctx);
            }
        };
    }

    /**
     * Windows read from {@code source} in order, each checked as an {@link Inverted}'s are (made with the editor's
     * model and settings); in detail mode each must carry its reconstruction. Holds one window at a time.
     */
    static WindowInversions streamed(InversionSource source, VideoEditor editor) {
        boolean detail = editor.options().outputMode() == OutputMode.DETAIL;
        return new WindowInversions() {
            private int current = -1;
            private InvertedClip clip;

            @Override
            public InvertedClip window(int k) {
                while (current < k) {
                    clip = null; // the previous window may be collected while the next is read
                    InvertedClip next = source.next();
                    current++;
                    Inverted.checkMadeBy(editor, next);
                    if (detail && next.reconstruction() == null) {
                        throw new IllegalArgumentException("Expected window " + current + " of the inversion with"
                                + " its reconstruction (detail mode) but found none; invert the clip again");
                    }
                    clip = next;
                }
                if (k != current) {
                    throw new IllegalStateException("Expected windows in order but window " + k + " was asked for"
                            + " after window " + current);
                }
                return clip;
            }

            @Override
            public boolean hasReconstruction(int k) {
                return true; // required of every window read (see above)
            }

            @Override
            public Video reconstruction(int k, StepContext ctx) {
                return window(k).reconstruction();
            }
        };
    }
}

package org.videoshop;

import java.util.Arrays;
import java.util.List;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Video;

/**
 * One clip's inversion, reusable for any number of edits: the source (at the model's resolution), the noise
 * levels, and the latents at every level of the inversion trajectory ({@code trajectory.get(i)} at
 * {@code sigmas[i]}; index 0 is where generation starts, the last is the normalised x0 at sigma 0). Masked
 * edits pull the unmasked region back onto this trajectory. Immutable: the arrays are copied in, and every
 * accessor returns copies.
 *
 * @param modelName    the model it was made with
 * @param modelVersion that model's version
 * @param options      the settings it was made with (seed included)
 * @param source       the source frames at the model's resolution
 * @param shape        latent shape
 * @param sigmas       the kept schedule, decreasing, ending with 0
 * @param trajectory   latents at each sigma, {@code sigmas.length} arrays of {@code shape.size()} floats
 * @param normalized   whether x0 was normalised (then generation output is rescaled)
 * @param reconstruction the decoded reconstruction R of detail mode (generation conditioned on the source's own
 *                       first frame, at the source's size), or null while it is not computed
 *                       ({@link EditPipeline#reconstruct})
 */
public record InvertedClip(String modelName, String modelVersion, VideoshopOptions options, Video source,
                           LatentShape shape, double[] sigmas, List<float[]> trajectory, boolean normalized,
                           Video reconstruction) {

    public InvertedClip {
        sigmas = sigmas.clone();
        trajectory = trajectory.stream().map(float[]::clone).toList();
        if (trajectory.size() != sigmas.length) {
            throw new IllegalArgumentException("Expected one latent array per sigma (" + sigmas.length
                    + ") but found " + trajectory.size());
        }
        for (float[] x : trajectory) {
            if (x.length != shape.size()) {
                throw new IllegalArgumentException("Expected trajectory arrays of " + shape.size() + " floats but found "
                        + x.length);
            }
        }
        if (source.frames() != shape.frames()) {
            throw new IllegalArgumentException("Expected " + shape.frames() + " source frames but found "
                    + source.frames());
        }
        if (reconstruction != null && (reconstruction.frames() != source.frames()
                || reconstruction.width() != source.width() || reconstruction.height() != source.height())) {
            throw new IllegalArgumentException("Expected a reconstruction of " + source.frames() + " frames of "
                    + source.width() + "x" + source.height() + " like the source but found "
                    + reconstruction.frames() + " frames of " + reconstruction.width() + "x"
                    + reconstruction.height());
        }
    }

    /** This inversion with its reconstruction R (decoded, the source's size). */
    public InvertedClip withReconstruction(Video r) {
        return new InvertedClip(modelName, modelVersion, options, source, shape, sigmas, trajectory, normalized, r);
    }

    @Override
    public double[] sigmas() {
        return sigmas.clone();
    }

    /** A copy of the latents at every level ({@link #level} copies one). */
    @Override
    public List<float[]> trajectory() {
        return trajectory.stream().map(float[]::clone).toList();
    }

    /** A copy of the latents at {@code sigmas()[i]}. */
    public float[] level(int i) {
        return trajectory.get(i).clone();
    }

    /** A copy of the inverted latents, where generation starts. */
    public float[] start() {
        return level(0);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InvertedClip c) || !c.modelName.equals(modelName) || !c.modelVersion.equals(modelVersion)
                || !c.options.equals(options) || !c.source.equals(source) || !c.shape.equals(shape)
                || !Arrays.equals(c.sigmas, sigmas) || c.normalized != normalized
                || !java.util.Objects.equals(c.reconstruction, reconstruction)) {
            return false;
        }
        for (int i = 0; i < trajectory.size(); i++) {
            if (!Arrays.equals(trajectory.get(i), c.trajectory.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(sigmas) * 31 + shape.hashCode();
        for (float[] x : trajectory) {
            h = h * 31 + Arrays.hashCode(x);
        }
        return h;
    }

    @Override
    public String toString() {
        return "InvertedClip[" + modelName + ", " + shape + ", " + (sigmas.length - 1) + " steps]";
    }
}

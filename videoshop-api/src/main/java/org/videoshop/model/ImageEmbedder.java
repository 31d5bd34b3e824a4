package org.videoshop.model;

import org.videoshop.tensor.Frame;

/**
 * The conditioning-image embedder (CLIP for SVD): resizes and normalises the frame as its model wants and
 * returns a new embedding of {@link #dimension()} floats owned by the caller. Owned by its {@link VideoshopModel}.
 */
public interface ImageEmbedder {

    /** Length of an embedding. */
    int dimension();

    /** The embedding of one RGB frame in [0, 1], of any size. */
    float[] embed(Frame image);
}

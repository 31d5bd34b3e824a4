package org.videoshop;

import org.videoshop.tensor.Video;

/**
 * An edited clip and how it was made. The video's array belongs to the caller.
 *
 * @param video      the edited frames, at the size of the input
 * @param provenance seed, versions, settings and timings
 */
public record EditResult(Video video, Provenance provenance) {
}

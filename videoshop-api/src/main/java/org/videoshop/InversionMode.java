package org.videoshop;

/** How inversion estimates the network's input at the next, unknown noise level. */
public enum InversionMode {
    /** Videoshop's noise-extrapolated inversion: linear extrapolation above the Sigma threshold, noise below. */
    EXTRAPOLATED,
    /** Plain DDIM-style inversion that evaluates the network at the current point (the paper's failing baseline). */
    NAIVE
}

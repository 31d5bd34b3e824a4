package org.videoshop.bench.eval;

import org.videoshop.InversionMode;
import org.videoshop.VideoshopOptions;

/**
 * The methods the evaluation compares: Videoshop and its ablations (the paper's naive inversion and missing
 * normalisation), and two baselines that need no model: the edited first frame copied to every frame, and the
 * unedited source.
 */
public enum Method {
    /** Noise-extrapolated inversion with latent normalisation and rescale. */
    VIDEOSHOP("videoshop", InversionMode.EXTRAPOLATED, true),
    /** Naive inversion, with normalisation. */
    NAIVE("naive", InversionMode.NAIVE, true),
    /** Extrapolated inversion without normalisation. */
    NO_NORMALIZE("no-normalize", InversionMode.EXTRAPOLATED, false),
    /** Naive inversion without normalisation. */
    NAIVE_NO_NORMALIZE("naive-no-normalize", InversionMode.NAIVE, false),
    /** Baseline: the edited frame 0 repeated. */
    COPY_FIRST("copy-first", null, false),
    /** Baseline: the unedited clip. */
    SOURCE("source", null, false);

    private final String id;
    private final InversionMode mode;
    private final boolean normalize;

    Method(String id, InversionMode mode, boolean normalize) {
        this.id = id;
        this.mode = mode;
        this.normalize = normalize;
    }

    /** The name used in tables and JSON. */
    public String id() {
        return id;
    }

    /** Whether the method runs the model. */
    public boolean usesModel() {
        return mode != null;
    }

    /** The options of a model method, from the base options. */
    public VideoshopOptions options(VideoshopOptions base) {
        if (mode == null) {
            throw new IllegalStateException("Method " + id + " runs no model");
        }
        return base.toBuilder().inversionMode(mode).normalize(normalize).build();
    }

    /** The method with that id. */
    public static Method of(String id) {
        for (Method m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Expected a method of videoshop, naive, no-normalize, "
                + "naive-no-normalize, copy-first, source but found " + id);
    }
}

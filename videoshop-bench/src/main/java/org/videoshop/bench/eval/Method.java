package org.videoshop.bench.eval;

import java.util.List;
import org.videoshop.InversionMode;
import org.videoshop.OutputMode;
import org.videoshop.VideoshopOptions;

/**
 * The methods the evaluations compare. At full resolution (the user's view: frames in, frames out at their own
 * size): the detail-preserving output (the default) and plain regeneration. At the model's resolution (the paper's
 * ablation): Videoshop and its ablations (naive inversion, no normalisation). At either: two baselines that need no
 * model, the edited first frame copied to every frame and the unedited source.
 */
public enum Method {
    /** Full resolution, default options: the detail-preserving output. */
    DETAIL("detail", null, true, true),
    /** Full resolution: the paper's plain regeneration, upsampled to the input's size. */
    REGENERATE("regenerate", null, true, true),
    /** Model resolution: noise-extrapolated inversion with latent normalisation and rescale. */
    VIDEOSHOP("videoshop", InversionMode.EXTRAPOLATED, true, false),
    /** Model resolution: naive inversion, with normalisation. */
    NAIVE("naive", InversionMode.NAIVE, true, false),
    /** Model resolution: extrapolated inversion without normalisation. */
    NO_NORMALIZE("no-normalize", InversionMode.EXTRAPOLATED, false, false),
    /** Model resolution: naive inversion without normalisation. */
    NAIVE_NO_NORMALIZE("naive-no-normalize", InversionMode.NAIVE, false, false),
    /** Baseline: the edited frame 0 repeated. */
    COPY_FIRST("copy-first", null, false, false),
    /** Baseline: the unedited clip. */
    SOURCE("source", null, false, false);

    /** The full-resolution evaluation's methods, the default of {@code videoshop evaluate}. */
    public static final List<Method> FULL_RESOLUTION = List.of(DETAIL, REGENERATE, COPY_FIRST, SOURCE);
    /** The paper's ablation at the model's resolution. */
    public static final List<Method> ABLATION = List.of(VIDEOSHOP, NAIVE, NO_NORMALIZE, NAIVE_NO_NORMALIZE,
            COPY_FIRST, SOURCE);

    private final String id;
    private final InversionMode mode;
    private final boolean normalize;
    private final boolean fullResolution;

    Method(String id, InversionMode mode, boolean normalize, boolean fullResolution) {
        this.id = id;
        this.mode = mode;
        this.normalize = normalize;
        this.fullResolution = fullResolution;
    }

    /** The name used in tables and JSON. */
    public String id() {
        return id;
    }

    /** Whether the method runs the model. */
    public boolean usesModel() {
        return mode != null || fullResolution;
    }

    /** Whether the method edits frames at their own size (the model methods of the full-resolution evaluation). */
    public boolean fullResolution() {
        return fullResolution;
    }

    /** The options of a model method, from the base options. */
    public VideoshopOptions options(VideoshopOptions base) {
        if (!usesModel()) {
            throw new IllegalStateException("Method " + id + " runs no model");
        }
        if (fullResolution) {
            return base.toBuilder().outputMode(this == DETAIL ? OutputMode.DETAIL : OutputMode.REGENERATE).build();
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
        throw new IllegalArgumentException("Expected a method of detail, regenerate, videoshop, naive, no-normalize,"
                + " naive-no-normalize, copy-first, source but found " + id);
    }
}

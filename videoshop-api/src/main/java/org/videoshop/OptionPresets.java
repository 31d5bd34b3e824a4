package org.videoshop;

import org.videoshop.diffusion.LatentNormalization;

/**
 * Named starting points for {@link VideoshopOptions}, facts about other code rather than about the options' shape:
 * what a published run sets, so that a builder can start from it ({@link VideoshopOptions#authorsBuilder()}).
 * Stateless; every call returns a new builder owned by the caller.
 */
final class OptionPresets {

    private OptionPresets() {
    }

    /**
     * The paper authors' run (sfanxiang/videoshop run.py) exactly: per-frame normalisation, their
     * inversion-condition treatment, no guidance during inversion and 4 to 4 during generation, noise
     * augmentation 0.2 in both passes with separate draws, Sigma 1, 25 steps, strength 0.55, fps 7, motion bucket
     * 127. Whole-clip decoding comes from the bundle (export_svd.py's default temporal decoder). Seed 42 as theirs,
     * though their draws come from torch: only a reference run with injected draws matches them bit for bit.
     */
    static VideoshopOptions.Builder authors() {
        return VideoshopOptions.builder().normalization(LatentNormalization.PER_FRAME).normalize(true)
                .normalizeInversionCondition(true).inversionGuidance(1, 1).guidance(4, 4).noiseAugStrength(0.2)
                .separateAugmentationDraws(true).sigmaThreshold(1).steps(25).strength(0.55).fps(7)
                .motionBucketId(127).seed(42);
    }
}

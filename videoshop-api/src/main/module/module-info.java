/**
 * Videoshop's stable API: the facade ({@code Videoshop}, {@code VideoEditor}, {@code VideoshopOptions}), its value
 * types, the card's interfaces ({@code Encoder}, {@code Denoiser}, {@code InversionSchedule},
 * {@code LatentNormalizer}) and the SPIs that model runtimes, latent backends, schedules and normalisations
 * implement. The algorithm itself ({@code org.videoshop.pipeline}) is not exported: callers reach it only through
 * the editor.
 */
module org.videoshop {
    requires transitive java.desktop; // BufferedImage in the facade's signatures

    exports org.videoshop;
    exports org.videoshop.diffusion;
    exports org.videoshop.kernel;
    exports org.videoshop.model;
    exports org.videoshop.spi;
    exports org.videoshop.tensor;

    uses org.videoshop.kernel.KernelProvider;
    uses org.videoshop.model.ModelProvider;
    uses org.videoshop.diffusion.ScheduleProvider;
    uses org.videoshop.diffusion.NormalizerProvider;

    provides org.videoshop.kernel.KernelProvider with org.videoshop.kernel.ReferenceKernelProvider;
    provides org.videoshop.diffusion.ScheduleProvider with org.videoshop.diffusion.KarrasScheduleProvider,
            org.videoshop.diffusion.ExponentialScheduleProvider;
    provides org.videoshop.diffusion.NormalizerProvider with org.videoshop.diffusion.ChannelNormalizerProvider,
            org.videoshop.diffusion.FrameNormalizerProvider;
}

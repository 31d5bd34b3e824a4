package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.spi.NamedProvider;

/**
 * SPI for latent normalisations, registered in {@code META-INF/services/org.videoshop.diffusion.NormalizerProvider}
 * (or a module's {@code provides}); {@code VideoshopOptions.normalization} names the one an edit uses, found by
 * {@link Normalizers}. The built-ins are {@code per-channel} (the paper's, the default) and {@code per-frame} (the
 * authors' run.py). The rank only orders listings: the options' default stays {@value Normalizers#DEFAULT}.
 * Implementations are stateless and thread-safe.
 */
public interface NormalizerProvider extends NamedProvider {

    /**
     * A normaliser on {@code kernels}' backend, created when an editor is made and shared by its edits, which may
     * run concurrently: it must be thread-safe (the built-ins are stateless). The caller owns it; {@code kernels}
     * stay owned by their backend.
     */
    LatentNormalizer create(LatentKernels kernels);
}

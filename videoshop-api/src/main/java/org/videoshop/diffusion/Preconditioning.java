package org.videoshop.diffusion;

/**
 * EDM preconditioning (Karras et al. 2022): the one place that says how the raw network F becomes the denoiser
 * D(x; s) = c_skip(s) x + c_out(s) F(c_in(s) x; c_noise(s)). Immutable and thread-safe.
 *
 * @param prediction what F predicts
 * @param sigmaData  the data standard deviation the model was trained with (SVD: 1)
 */
public record Preconditioning(Prediction prediction, double sigmaData) {

    /** Stable Video Diffusion's: v-prediction with sigma_data = 1. */
    public static final Preconditioning SVD = new Preconditioning(Prediction.V, 1.0);

    public Preconditioning {
        if (prediction == null) {
            throw new IllegalArgumentException("Expected a prediction type but found null");
        }
        if (!(sigmaData > 0) || !Double.isFinite(sigmaData)) {
            throw new IllegalArgumentException("Expected sigmaData > 0 and finite but found " + sigmaData);
        }
    }

    /** c_in(s) = 1 / sqrt(s^2 + sigma_data^2). */
    public double cIn(double sigma) {
        return 1.0 / Math.sqrt(sigma * sigma + sigmaData * sigmaData);
    }

    /** c_skip(s): sigma_data^2 / (s^2 + sigma_data^2) for v, 1 for eps, 0 for x0. */
    public double cSkip(double sigma) {
        return switch (prediction) {
            case V -> sigmaData * sigmaData / (sigma * sigma + sigmaData * sigmaData);
            case EPSILON -> 1.0;
            case X0 -> 0.0;
        };
    }

    /** c_out(s): -s sigma_data / sqrt(s^2 + sigma_data^2) for v, -s for eps, 1 for x0. */
    public double cOut(double sigma) {
        return switch (prediction) {
            case V -> -sigma * sigmaData / Math.sqrt(sigma * sigma + sigmaData * sigmaData);
            case EPSILON -> -sigma;
            case X0 -> 1.0;
        };
    }

    /** c_noise(s) = ln(s) / 4, the "timestep" the network is fed. */
    public double cNoise(double sigma) {
        return 0.25 * Math.log(sigma);
    }

    /** The inverse of {@link #cNoise}: s = exp(4 c_noise). */
    public double sigmaOfNoise(double cNoise) {
        return Math.exp(4.0 * cNoise);
    }

    /** D(x; s) for one value, given F at that point. */
    public double denoised(double sigma, double x, double f) {
        return cSkip(sigma) * x + cOut(sigma) * f;
    }

    /** F that makes D(x; s) equal {@code denoised}: the inverse of {@link #denoised}. */
    public double networkOutputFor(double sigma, double x, double denoised) {
        return (denoised - cSkip(sigma) * x) / cOut(sigma);
    }
}

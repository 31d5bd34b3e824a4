package org.videoshop.testing;

import java.util.Random;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * The exact denoiser of a known latent distribution, for tests: the data are a mixture of isotropic Gaussians
 * whose components are whole clips N(mu_k, tau^2 I) (so frames are correlated through mu_k), and
 * D(x; s) = E[x0 | x0 + s n = x] is computed in closed form. F is derived from D through the preconditioning,
 * so the pipeline's own preconditioning maps it back to the exact posterior mean. The condition is ignored.
 * Clips of another frame count repeat the component means frame by frame (for windowing tests).
 * Immutable and thread-safe.
 */
public final class GaussianMixtureDenoiser implements Denoiser {

    private final Preconditioning pre;
    private final LatentShape shape;
    private final double[][] means;
    private final double[] logWeights;
    private final double tau2;

    /**
     * @param pre        preconditioning the pipeline uses
     * @param shape      the latent shape the mixture lives in
     * @param components number of mixture components
     * @param tau        each component's standard deviation
     * @param spread     standard deviation of the component means
     * @param seed       seed of the means and weights
     */
    public GaussianMixtureDenoiser(Preconditioning pre, LatentShape shape, int components, double tau, double spread,
                                   long seed) {
        this.pre = pre;
        this.shape = shape;
        this.tau2 = tau * tau;
        Random r = new Random(seed);
        this.means = new double[components][shape.size()];
        this.logWeights = new double[components];
        double total = 0;
        double[] w = new double[components];
        for (int k = 0; k < components; k++) {
            for (int i = 0; i < shape.size(); i++) {
                means[k][i] = spread * r.nextGaussian();
            }
            w[k] = 0.5 + r.nextDouble();
            total += w[k];
        }
        for (int k = 0; k < components; k++) {
            logWeights[k] = Math.log(w[k] / total);
        }
    }

    /** One sample x0 of the distribution, drawn with {@code seed}. */
    public float[] sample(long seed) {
        Random r = new Random(seed);
        double u = r.nextDouble();
        int k = 0;
        double acc = Math.exp(logWeights[0]);
        while (u > acc && k < means.length - 1) {
            k++;
            acc += Math.exp(logWeights[k]);
        }
        float[] x = new float[shape.size()];
        double tau = Math.sqrt(tau2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (means[k][i] + tau * r.nextGaussian());
        }
        return x;
    }

    /** D(x; sigma), the exact posterior mean, written into out. */
    public void denoise(double[] x, double sigma, double[] out) {
        int n = x.length;
        double v = tau2 + sigma * sigma;
        double[] logR = new double[means.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < means.length; k++) {
            double d2 = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - means[k][i % means[k].length];
                d2 += d * d;
            }
            logR[k] = logWeights[k] - d2 / (2 * v);
            max = Math.max(max, logR[k]);
        }
        double z = 0;
        for (int k = 0; k < means.length; k++) {
            logR[k] = Math.exp(logR[k] - max);
            z += logR[k];
        }
        double shrink = tau2 / v;
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < means.length; k++) {
            double r = logR[k] / z;
            for (int i = 0; i < n; i++) {
                double mu = means[k][i % means[k].length];
                out[i] += r * (mu + shrink * (x[i] - mu));
            }
        }
    }

    @Override
    public void predict(LatentShape s, float[] input, float cNoise, Conditioning condition, float[] out) {
        if (s.frameSize() != shape.frameSize()) {
            throw new IllegalArgumentException("Expected latent frames of " + shape.withFrames(1) + " but found " + s);
        }
        double sigma = pre.sigmaOfNoise(cNoise);
        double cIn = pre.cIn(sigma);
        double[] x = new double[input.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = input[i] / cIn;
        }
        double[] d = new double[x.length];
        denoise(x, sigma, d);
        double cSkip = pre.cSkip(sigma);
        double cOut = pre.cOut(sigma);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((d[i] - cSkip * x[i]) / cOut);
        }
    }
}

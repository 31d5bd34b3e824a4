package org.videoshop.kernel;

import static org.videoshop.kernel.KernelArguments.frames;
import static org.videoshop.kernel.KernelArguments.sameLength;
import static org.videoshop.kernel.KernelArguments.shape;

import org.videoshop.tensor.LatentShape;

/**
 * Plain-Java kernels over float[]: the reference every backend is tested against, and, since each step is
 * bound by memory bandwidth, usually the fastest choice at SVD latent sizes too. Stateless and thread-safe.
 */
public final class ReferenceKernels implements LatentKernels {

    /** The backend name: {@code java}. */
    public static final String NAME = "java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void extrapolate(float[] x0, float[] x, float ratio, float cIn, float[] out) {
        sameLength(x0, x, out);
        for (int i = 0; i < out.length; i++) {
            float a = x0[i];
            out[i] = cIn * (a + ratio * (x[i] - a));
        }
    }

    @Override
    public void perturb(float[] x0, float[] noise, float amplitude, float cIn, float[] out) {
        sameLength(x0, noise, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = cIn * (x0[i] + amplitude * noise[i]);
        }
    }

    @Override
    public void scale(float[] x, float c, float[] out) {
        sameLength(x, x, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = c * x[i];
        }
    }

    @Override
    public void inverseEulerStep(float[] x, float[] f, float sCur, float sNext, float cSkip, float cOut, float[] out) {
        sameLength(x, f, out);
        float d = sCur - sNext;
        float inv = 1f / (d * (1f - cSkip) + sNext);
        float a = sNext * inv;
        float b = d * cOut * inv;
        for (int i = 0; i < out.length; i++) {
            out[i] = a * x[i] + b * f[i];
        }
    }

    @Override
    public void eulerStep(float[] x, float[] f, float sigma, float sNext, float cSkip, float cOut, float[] out) {
        sameLength(x, f, out);
        float h = (sNext - sigma) / sigma;
        // x + h (x - cSkip x - cOut f) = (1 + h (1 - cSkip)) x - h cOut f
        float a = 1f + h * (1f - cSkip);
        float b = -h * cOut;
        for (int i = 0; i < out.length; i++) {
            out[i] = a * x[i] + b * f[i];
        }
    }

    @Override
    public void guidance(float[] cond, float[] uncond, float[] frameScales, int frameSize, float[] out) {
        sameLength(cond, uncond, out);
        frames(out.length, frameScales.length, frameSize);
        for (int t = 0; t < frameScales.length; t++) {
            float g = frameScales[t];
            int base = t * frameSize;
            for (int i = base; i < base + frameSize; i++) {
                float u = uncond[i];
                out[i] = u + g * (cond[i] - u);
            }
        }
    }

    @Override
    public void channelStats(float[] x, LatentShape shape, int fromFrame, int toFrame, double[] mean, double[] std) {
        shape(x, shape);
        KernelArguments.channelStats(shape, fromFrame, toFrame, mean, std);
        int channels = shape.channels();
        int plane = shape.planeSize();
        long count = (long) (toFrame - fromFrame) * plane;
        for (int c = 0; c < channels; c++) {
            // Four independent accumulator pairs break the serial add chain so the JIT can overlap them
            // (measured 1.5x faster than one pair at SVD size).
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double q0 = 0;
            double q1 = 0;
            double q2 = 0;
            double q3 = 0;
            for (int t = fromFrame; t < toFrame; t++) {
                int base = (t * channels + c) * plane;
                int end = base + plane;
                int i = base;
                for (; i + 3 < end; i += 4) {
                    double a = x[i];
                    double b = x[i + 1];
                    double d = x[i + 2];
                    double e = x[i + 3];
                    s0 += a;
                    s1 += b;
                    s2 += d;
                    s3 += e;
                    q0 += a * a;
                    q1 += b * b;
                    q2 += d * d;
                    q3 += e * e;
                }
                for (; i < end; i++) {
                    double v = x[i];
                    s0 += v;
                    q0 += v * v;
                }
            }
            double m = (s0 + s1 + s2 + s3) / count;
            double var = Math.max(0.0, (q0 + q1 + q2 + q3) / count - m * m);
            mean[c] = m;
            std[c] = Math.sqrt(var);
        }
    }

    @Override
    public void affine(float[] x, LatentShape shape, float[] scale, float[] shift, float[] out) {
        shape(x, shape);
        sameLength(x, x, out);
        KernelArguments.perChannel(shape, scale, shift);
        int channels = shape.channels();
        int plane = shape.planeSize();
        for (int t = 0; t < shape.frames(); t++) {
            for (int c = 0; c < channels; c++) {
                float a = scale[c];
                float b = shift[c];
                int base = (t * channels + c) * plane;
                for (int i = base; i < base + plane; i++) {
                    out[i] = x[i] * a + b;
                }
            }
        }
    }
}

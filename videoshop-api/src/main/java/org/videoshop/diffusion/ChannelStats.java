package org.videoshop.diffusion;

import java.util.Arrays;

/**
 * Per-channel mean and (population) standard deviation of latents. Arrays are copied on the way in and out.
 */
public record ChannelStats(double[] mean, double[] std) {

    public ChannelStats {
        if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("Expected mean and std arrays of one non-zero length but found "
                    + (mean == null ? "null" : mean.length) + " and " + (std == null ? "null" : std.length));
        }
        mean = mean.clone();
        std = std.clone();
    }

    public int channels() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    public double mean(int channel) {
        return mean[channel];
    }

    public double std(int channel) {
        return std[channel];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelStats c && Arrays.equals(c.mean, mean) && Arrays.equals(c.std, std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "ChannelStats[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}

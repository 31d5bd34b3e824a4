/** The {@code nd4j} latent backend: the per-step kernels on ND4J arrays in native (or CUDA) memory. */
module org.videoshop.nd4j {
    requires transitive org.videoshop;
    requires nd4j.api;
    requires nd4j.common;
    requires org.bytedeco.javacpp;

    exports org.videoshop.nd4j;

    provides org.videoshop.kernel.KernelProvider with org.videoshop.nd4j.Nd4jKernelProvider;
}

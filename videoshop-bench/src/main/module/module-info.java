/**
 * Benchmarks (JMH), timing and memory tools and the quality evaluation; the model runtime and the backends it
 * measures are found at run time. JMH is not a module: {@code jmh.core} is its jar's automatic name.
 */
module org.videoshop.bench {
    requires org.videoshop;
    requires java.management;
    requires com.fasterxml.jackson.databind;
    requires jmh.core;
    requires org.knowm.xchart;

    exports org.videoshop.bench;
    exports org.videoshop.bench.eval;
    exports org.videoshop.bench.scene;
}

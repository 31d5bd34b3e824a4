/**
 * The {@code videoshop} command line, {@code videoshop serve} and the video I/O. It runs from the shaded
 * {@code videoshop.jar} on the class path; this descriptor states what it uses. {@code batch} finds its Spark
 * runner ({@link org.videoshop.cli.BatchRunner}) as a service.
 */
module org.videoshop.cli {
    requires org.videoshop;
    requires org.videoshop.onnx;
    requires org.videoshop.bench;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.ffmpeg;
    requires org.bytedeco.javacv;
    requires jdk.httpserver;
    requires jdk.unsupported; // sun.misc.Signal: Ctrl-C cancels the edit in progress

    exports org.videoshop.cli;
    exports org.videoshop.cli.video;

    opens org.videoshop.cli to info.picocli;
    opens org.videoshop.cli.serve to info.picocli, com.fasterxml.jackson.databind;

    uses org.videoshop.cli.BatchRunner;
}

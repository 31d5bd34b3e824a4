package org.videoshop.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code videoshop batch}: edits every clip of a folder, each with its own edited first frame, as one Apache Spark
 * job on {@code local[N]} (one model shared by N parallel edits, atomic outputs, reruns skip finished clips). Spark
 * is not in {@code videoshop.jar}; the job runs where {@code videoshop-spark} and Spark are on the classpath.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Edits every clip in a folder as one Apache Spark job on local[N] (needs videoshop-spark and "
                + "Spark on the classpath: see docs/spark.md).",
                "Clip NAME.mp4 (or NAME.gif, or a folder NAME of PNG frames) is edited with EDITED/NAME.png (and "
                        + "MASKS/NAME.png when present) into OUT/NAME.FORMAT. A rerun skips clips already done with "
                        + "the same inputs and settings."},
        footer = {"", "Example (from a source checkout, Spark taken from the Maven repository):",
                "  scripts/videoshop-batch --input clips --edited-first firsts --output edited "
                        + "--master 'local[4]'",
                "With a Spark installation:",
                "  spark-submit --master 'local[4]' --class org.videoshop.cli.VideoshopCli "
                        + "videoshop-spark/target/videoshop-spark.jar batch --input clips --edited-first firsts "
                        + "--output edited"})
public final class BatchCommand extends EditingCommand {

    /** Extensions in the input folder that are never clips. */
    private static final Set<String> NOT_CLIPS = Set.of("png", "jpg", "jpeg", "json", "csv", "txt", "md", "parquet");

    @Option(names = {"-i", "--input"}, paramLabel = "DIR", required = true,
            description = "Folder of clips: video files, animated GIFs, or folders of numbered PNG frames.")
    Path input;

    @Option(names = {"-e", "--edited-first"}, paramLabel = "DIR", required = true,
            description = "Folder of edited first frames, NAME.png for clip NAME, each at its clip's size.")
    Path editedFirst;

    @Option(names = "--masks", paramLabel = "DIR",
            description = "Folder of masks, NAME.png for clip NAME (white = may change); clips without one are "
                    + "edited whole.")
    Path masks;

    @Mixin
    MasksFeatherOption feather;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Folder for the edited clips.")
    Path output;

    @Option(names = "--format", paramLabel = "KIND", defaultValue = "mp4",
            description = "Kind of the outputs: mp4, mov, mkv, avi, gif, or png for folders of PNG frames "
                    + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master (default: ${DEFAULT-VALUE}: two edits at a time in this process); ignored "
                    + "under spark-submit, whose --master wins.")
    String master;

    @Option(names = "--results", paramLabel = "FILE",
            description = "Also write the results table (one row per clip: status, reason, output, frames, "
                    + "seconds, provenance) as .json, .csv or .parquet.")
    Path results;

    @Override
    int run() throws Exception {
        List<BatchRunner.Clip> clips = clips();
        BatchRunner runner = ServiceLoader.load(BatchRunner.class).findFirst().orElseThrow(() ->
                new IllegalStateException("Expected Apache Spark and videoshop-spark on the classpath for 'batch' but"
                        + " found neither (videoshop.jar does not include Spark); run it with "
                        + "scripts/videoshop-batch or spark-submit, see docs/spark.md"));
        return runner.run(new BatchRunner.Request(clips, settings.model(), options(), feather.pixels(), master, results,
                out.quiet()), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The clips of the input folder, sorted by name, with their edited first frames, masks and outputs. */
    List<BatchRunner.Clip> clips() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(input)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && (Files.isDirectory(p)
                        || Files.isRegularFile(p) && !NOT_CLIPS.contains(extension(name)))) {
                    sources.add(p);
                }
            }
        }
        if (sources.isEmpty()) {
            throw usage("Expected clips (video files, GIFs or folders of PNG frames) in " + input
                    + " but found none");
        }
        sources.sort(null);
        List<BatchRunner.Clip> clips = new ArrayList<>(sources.size());
        String suffix = format.equals("png") ? "" : "." + format;
        for (Path source : sources) {
            String stem = stem(source);
            Path mask = masks == null ? null : masks.resolve(stem + ".png");
            clips.add(new BatchRunner.Clip(source, editedFirst.resolve(stem + ".png"),
                    mask != null && Files.isRegularFile(mask) ? mask : null, output.resolve(stem + suffix)));
        }
        return clips;
    }

    @Override
    void checkArguments() {
        requireFolder(input, "--input", "clips");
        requireFolder(editedFirst, "--edited-first", "NAME.png frames");
        if (masks != null) {
            requireFolder(masks, "--masks", "NAME.png masks");
        }
        feather.pixels();
        format = format.toLowerCase(Locale.ROOT);
        if (!Set.of("mp4", "mov", "mkv", "avi", "gif", "png").contains(format)) {
            throw usage("Expected --format mp4, mov, mkv, avi, gif or png but found " + format);
        }
        if (master.isBlank()) {
            throw usage("Expected --master local[N] (or a cluster URL) but found nothing");
        }
        if (results != null && !Set.of("json", "csv", "parquet").contains(extension(results.toString()))) {
            throw usage("Expected --results to end in .json, .csv or .parquet but found " + results.getFileName());
        }
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isDirectory(p) || dot <= 0 ? name : name.substring(0, dot);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot <= slash + 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

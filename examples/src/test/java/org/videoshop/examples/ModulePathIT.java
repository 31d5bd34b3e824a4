package org.videoshop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;

/**
 * The library as a modular application uses it, from the modules' jars (after {@code package}; {@code mvn verify}
 * runs it): an example runs with {@code java --module-path ... -m org.videoshop.examples/...}, finding the model
 * runtime and the bundled tiny model through the services the descriptors declare; the API module exports its API
 * and not the pipeline, so a module that imports {@code org.videoshop.pipeline} does not compile.
 *
 * <p>The {@code nd4j} backend goes on the class path beside them: ND4J 1.0.0-M2.1's own descriptor is refused by
 * the module system ("Package org.nd4j.autodiff.validation.listeners not found in module" nd4j.api), so no
 * application can put ND4J on the module path; from the class path its provider is still found by the API
 * module's service loader.
 */
class ModulePathIT {

    private static final Path EXAMPLES_JAR = Path.of(System.getProperty("videoshop.examples.jar",
            "target/examples-0.1.0-SNAPSHOT.jar"));
    private static final Path MODULE_PATH_FILE = Path.of(System.getProperty("videoshop.module.path",
            "target/module-path.txt"));

    @TempDir
    Path dir;

    /** The jars that go on the module path: the examples, the API, the ONNX runtime module and what they need. */
    private static final java.util.regex.Pattern MODULES = java.util.regex.Pattern.compile(
            "(examples|videoshop-api|videoshop-onnx|onnxruntime|jackson-(databind|core|annotations))-[0-9].*\\.jar");

    private static boolean onModulePath(Path jar) {
        return MODULES.matcher(jar.getFileName().toString()).matches() && !jar.toString().contains("/org/nd4j/");
    }

    /** The examples' jar and every runtime dependency, as the build wrote them. */
    private static List<Path> runtime() throws IOException {
        // written by 'package': the integration-test phase has them (a -Dtest run in the test phase does not)
        assumeTrue(Files.isRegularFile(MODULE_PATH_FILE), MODULE_PATH_FILE + " is written by 'package'");
        assertTrue(Files.isRegularFile(EXAMPLES_JAR), "expected the examples' jar at " + EXAMPLES_JAR.toAbsolutePath());
        List<Path> path = new ArrayList<>(List.of(EXAMPLES_JAR));
        for (String p : Files.readString(MODULE_PATH_FILE).strip().split(File.pathSeparator)) {
            path.add(Path.of(p));
        }
        return path;
    }

    private static List<Path> modulePath() throws IOException {
        return runtime().stream().filter(ModulePathIT::onModulePath).toList();
    }

    private static String joined(List<Path> path) {
        return path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** The bundled tiny model's spec (its native size), read by opening it on this test's class path. */
    private static ModelSpec bundledTinySpec() {
        try (VideoshopModel tiny = VideoshopModel.open("tiny")) {
            return tiny.spec();
        }
    }

    @Test
    void anExampleRunsOnTheModulePath() throws IOException, InterruptedException {
        Path frames = DiscClip.writeFrames(dir.resolve("frames"));
        Path edited = DiscClip.writeEditedFirst(dir.resolve("edited.png"));
        Path out = dir.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "--module-path", joined(modulePath()),
                "--class-path", joined(runtime().stream().filter(j -> !onModulePath(j)).toList()),
                "--module", "org.videoshop.examples/org.videoshop.examples.OptionsAndBackendExample",
                frames.toString(), edited.toString(), out.toString()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the example did not finish: " + log);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("Backends found: ") && log.contains("nd4j") && log.contains("model tiny"),
                "the bundled model and both backends are found: " + log);
        try (Stream<Path> files = Files.list(out)) {
            List<Path> written = files.sorted().toList();
            assertEquals(DiscClip.FRAMES, written.size(), "frames written: " + written);
            BufferedImage first = ImageIO.read(written.get(0).toFile());
            ModelSpec tiny = bundledTinySpec();
            assertEquals(tiny.width(), first.getWidth(), "the raw API edits at the bundled tiny model's size");
            assertEquals(tiny.height(), first.getHeight());
        }
    }

    @Test
    void theApiModuleExportsItsApiAndNotThePipeline() throws IOException {
        ModuleFinder finder = ModuleFinder.of(modulePath().toArray(Path[]::new));
        ModuleDescriptor api = finder.find("org.videoshop").orElseThrow().descriptor();
        Set<String> exported = api.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("org.videoshop", "org.videoshop.diffusion", "org.videoshop.kernel",
                "org.videoshop.model", "org.videoshop.spi", "org.videoshop.tensor")), exported);
        assertTrue(api.packages().contains("org.videoshop.pipeline"), "the pipeline is in the module, concealed");
        assertTrue(api.opens().isEmpty() && !api.isOpen(), "nothing is open to reflection");

        // the examples require only the API; the model runtime comes in as a provider of its service
        Configuration app = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(),
                Set.of("org.videoshop.examples"));
        Set<String> resolved = app.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet());
        assertTrue(resolved.containsAll(Set.of("org.videoshop", "org.videoshop.onnx", "com.microsoft.onnxruntime")),
                "resolved: " + new TreeSet<>(resolved));
    }

    @Test
    void aModuleThatImportsThePipelineDoesNotCompile() throws IOException {
        Path apiJar = runtime().stream().filter(p -> p.getFileName().toString().startsWith("videoshop-api-"))
                .findFirst().orElseThrow();
        String visible = compile("org.videoshop.VideoEditor", apiJar);
        assertEquals("", visible, "the control (an exported type) compiles");
        String concealed = compile("org.videoshop.pipeline.EditPipeline", apiJar);
        assertFalse(concealed.isEmpty(), "importing the pipeline should not compile");
        assertTrue(concealed.contains("org.videoshop.pipeline") && concealed.contains("not visible"), concealed);
    }

    /** Compiles a module 'probe' requiring org.videoshop whose one class imports {@code type}; javac's errors. */
    private String compile(String type, Path apiJar) throws IOException {
        Path src = Files.createTempDirectory(dir, "probe");
        Files.writeString(src.resolve("module-info.java"), "module probe { requires org.videoshop; }");
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("probe/Probe.java"), "package probe;\nimport " + type + ";\n"
                + "public class Probe { Class<?> c = " + type.substring(type.lastIndexOf('.') + 1) + ".class; }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        var fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        var units = fm.getJavaFileObjects(src.resolve("module-info.java"), src.resolve("probe/Probe.java"));
        boolean ok = javac.getTask(errors, fm, null, List.of("--module-path", apiJar.toString(), "-d",
                src.resolve("out").toString()), null, units).call();
        fm.close();
        return ok ? "" : errors.toString();
    }
}

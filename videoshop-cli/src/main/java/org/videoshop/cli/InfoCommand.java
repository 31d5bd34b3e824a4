package org.videoshop.cli;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.videoshop.LibraryVersion;
import org.videoshop.kernel.Backends;
import org.videoshop.model.ModelProvider;
import org.videoshop.model.ModelProviders;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code videoshop info}: what this installation can run: the latent backends and the default, the model
 * providers and their built-in models, ONNX Runtime's version and execution providers, and a model's spec with
 * the guidance and inversion threshold Sigma it recommends.
 */
@Command(name = "info", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Prints the backends and model providers found, ONNX Runtime's version and execution"
                + " providers, and the model's spec with its recommended guidance and inversion threshold Sigma.",
        footer = {"", "Example:", "  videoshop info --model tiny"})
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR|NAME", defaultValue = ModelOptionsMixin.DEFAULT_MODEL,
            description = "The model to describe: a bundle folder or a built-in name (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        w.printf("videoshop %s on Java %s (%s), %s %s, %d cores, max heap %d MiB%n", LibraryVersion.get(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.arch"), rt.availableProcessors(),
                rt.maxMemory() >> 20);
        w.println("Latent backends: " + Backends.describe());
        w.println("Default backend: " + describeDefaultBackend());
        w.println("Model providers: " + ModelProviders.all().stream().map(InfoCommand::describe)
                .collect(Collectors.joining("; ")));
        w.println("ONNX Runtime: " + OnnxRuntimeInfo.describe());
        w.flush();
        try (VideoshopModel m = VideoshopModel.open(model)) {
            w.println("Model '" + model + "':");
            ModelSpec s = m.spec();
            for (RecordComponent c : ModelSpec.class.getRecordComponents()) {
                w.printf("  %-18s %s%n", c.getName(), value(c, s));
            }
            w.println("Recommended guidance: " + s.guidanceMin() + " to " + s.guidanceMax()
                    + " (first to last frame; used when --guidance is not given)");
            w.println("Recommended inversion threshold Sigma: " + s.sigmaThreshold()
                    + " (used when --sigma-threshold is not given; the paper's is 1.0)");
        }
        w.flush();
        return 0;
    }

    private static String describeDefaultBackend() {
        try {
            return Backends.defaultName() + (System.getProperty(Backends.PROPERTY) != null
                    ? " (from -D" + Backends.PROPERTY + ")" : "");
        } catch (RuntimeException e) {
            return "none (" + VideoshopCli.oneLine(e) + ")";
        }
    }

    private static String describe(ModelProvider p) {
        String models;
        try {
            Collection<String> names = p.builtInModels();
            models = names.isEmpty() ? "no built-in models" : "built-in models: " + String.join(", ", names);
        } catch (RuntimeException e) {
            models = "built-in models unknown (" + VideoshopCli.oneLine(e) + ")";
        }
        return p.name() + " (rank " + p.rank() + (p.isAvailable() ? "" : ", unavailable") + "), " + models;
    }

    private static Object value(RecordComponent c, ModelSpec s) {
        try {
            return c.getAccessor().invoke(s);
        } catch (ReflectiveOperationException e) {
            return "? (" + e.getClass().getSimpleName() + ")";
        }
    }
}

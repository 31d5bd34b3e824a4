package org.videoshop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.eval.Evaluate;
import org.videoshop.bench.eval.EvaluationReport;
import org.videoshop.bench.eval.Method;
import org.videoshop.bench.eval.PsnrPlot;
import org.videoshop.model.VideoshopModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code videoshop evaluate}: the quality evaluation of videoshop-bench on a folder of cases with ground truth
 * ({@code <case>/source/}, {@code <case>/truth/}, {@code <case>/edited_first.png}, optional {@code mask.png}):
 * Videoshop, its ablations and two baselines, PSNR/SSIM on frames 1..T-1, and the trajectory check.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Measures Videoshop, naive inversion, no normalisation and baselines against ground truth.",
        footer = {"", "Example:", "  videoshop evaluate --cases videoshop-bench/src/test/resources/eval-cases"
                + " --json eval.json --plot psnr.png"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cases", paramLabel = "DIR", required = true,
            description = "Folder with one sub-folder per case.")
    Path cases;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every case x method as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also plot per-frame PSNR per method.")
    Path plot;

    @Mixin
    EditSettings settings;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws IOException {
        VideoshopOptions options = settings.options();
        if (!Files.isDirectory(cases)) {
            throw new IllegalArgumentException("Expected --cases to be a folder of cases but found "
                    + (Files.exists(cases) ? "a file" : "nothing") + " at " + cases);
        }
        PrintWriter w = spec.commandLine().getOut();
        try (VideoshopModel model = VideoshopModel.open(settings.model())) {
            PrintStream log = out.quiet() ? null : System.err;
            EvaluationReport report = Evaluate.run(cases, model, options, Arrays.asList(Method.values()), log);
            if (report.kinds().size() > 1) {
                w.println(report.kindTable());
            }
            w.print(report.table());
            if (json != null) {
                report.writeJson(json);
            }
            if (plot != null) {
                PsnrPlot.write(report, plot);
            }
        }
        w.flush();
        return 0;
    }
}

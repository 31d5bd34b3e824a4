package org.videoshop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.videoshop.bench.eval.Evaluate;
import org.videoshop.bench.eval.EvaluationReport;
import org.videoshop.bench.eval.Method;
import org.videoshop.bench.eval.Plots;
import org.videoshop.bench.scene.CaseFolders;
import org.videoshop.bench.scene.MakeCases;
import org.videoshop.model.VideoshopModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code videoshop evaluate}: the quality evaluation of videoshop-bench on a folder of cases with ground truth
 * ({@code <case>/source/}, {@code <case>/truth/}, {@code <case>/edited_first.png}, optional {@code mask/} or
 * {@code mask.png}). By default at full resolution: the detail and regenerate output modes against the copy-first
 * and source baselines, PSNR/SSIM over whole frames and inside and outside the edit region, per kind and per frame;
 * with {@code --ablation}, the paper's ablation at the model's resolution. {@code --make-cases DIR} writes the
 * project's real-footage evaluation set.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Measures edits against ground truth at full resolution: the detail and regenerate output"
                + " modes against copying the edited first frame and the unedited source.",
                "--make-cases DIR writes the real-footage evaluation set (photographs under a moving camera, five"
                        + " kinds of edit) to evaluate."},
        footer = {"", "Examples:", "  videoshop evaluate --make-cases eval-cases",
                "  videoshop evaluate --cases eval-cases --json eval.json --plot eval.png",
                "  videoshop evaluate --cases quality-cases --ablation --plot psnr.png"})
public final class EvaluateCommand extends EditingCommand {

    @Option(names = "--cases", paramLabel = "DIR", description = "Folder with one sub-folder per case.")
    Path cases;

    @Option(names = "--make-cases", paramLabel = "DIR",
            description = "Write the real-footage evaluation cases into DIR (created; must not hold them yet) and"
                    + " stop, unless --cases is given too.")
    Path makeCases;

    @Option(names = "--case-set", paramLabel = "NAME", defaultValue = "evaluation",
            description = "With --make-cases: evaluation (30 cases: 5 kinds x 384x216, 640x360, 216x384, 14 frames)"
                    + " or guard (the build's 10 cases). Default: ${DEFAULT-VALUE}.")
    String caseSet;

    @Option(names = "--ablation",
            description = "The paper's ablation at the model's resolution (videoshop, naive, no-normalize,"
                    + " naive-no-normalize, copy-first, source) instead of the full-resolution evaluation.")
    boolean ablation;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every case x method as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also plot per-frame PSNR (full resolution: one panel per kind, in the edit region, plus"
                    + " outside it and whole frames).")
    Path plot;

    @Override
    void checkArguments() {
        if (cases == null && makeCases == null) {
            throw usage("Expected --cases DIR or --make-cases DIR but found neither");
        }
        if (cases != null && makeCases == null) {
            requireFolder(cases, "--cases", "cases");
        }
        if (makeCases != null && Files.exists(makeCases) && !Files.isDirectory(makeCases)) {
            throw usage("Expected --make-cases to name a folder but found a file at " + makeCases);
        }
    }

    @Override
    int run() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        PrintStream log = out.quiet() ? null : System.err;
        if (makeCases != null) {
            var specs = MakeCases.set(caseSet);
            CaseFolders.writeAll(specs, makeCases, log);
            w.printf("Wrote %d cases to %s%n", specs.size(), makeCases);
            if (cases == null) {
                w.flush();
                return 0;
            }
        }
        List<Method> methods = ablation ? Method.ABLATION : Method.FULL_RESOLUTION;
        try (VideoshopModel model = VideoshopModel.open(settings.model())) {
            EvaluationReport report = Evaluate.run(cases, model, options(), methods, log);
            if (report.kinds().size() > 1) {
                w.println(report.kindTable());
            }
            w.println(report.frameTable());
            w.print(report.table());
            if (json != null) {
                report.writeJson(json);
            }
            if (plot != null) {
                Plots.write(report, plot);
            }
        }
        w.flush();
        return 0;
    }
}

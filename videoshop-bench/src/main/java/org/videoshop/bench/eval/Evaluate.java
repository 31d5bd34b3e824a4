package org.videoshop.bench.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.Args;
import org.videoshop.bench.Models;
import org.videoshop.kernel.Backends;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Video;

/**
 * The quality evaluation: runs every case of a folder ({@link EvalCase} layout) with each {@link Method} and scores
 * frames 1..T-1 against the ground truth. By default at full resolution: the clip's frames go through
 * {@link org.videoshop.VideoEditor} as images, as a user's do, and come back at their own size (the detail and
 * regenerate output modes against the copy-first and source baselines). With the ablation methods, at the model's
 * resolution (outputs quantised to 8 bits) with how straight the inversion trajectory is: the paper's ablation on
 * our model.
 *
 * <pre>
 * java -cp benchmarks.jar org.videoshop.bench.eval.Evaluate --cases DIR [--model DIR|tiny] [--json FILE]
 *      [--plot FILE.png] [--steps N] [--strength S] [--seed N] [--backend NAME] [--methods a,b,…] [--per-case true]
 * </pre>
 */
public final class Evaluate {

    private static final String USAGE = "Usage: Evaluate --cases DIR [--model DIR|tiny] [--json FILE] "
            + "[--plot FILE.png] [--steps N] [--strength S] [--seed N] [--backend NAME] "
            + "[--methods detail,regenerate,copy-first,source | videoshop,naive,no-normalize,naive-no-normalize,"
            + "copy-first,source] [--per-case true|false]";

    private Evaluate() {
    }

    /** Evaluates every case under {@code cases} with every ablation method, at the model's resolution. */
    public static EvaluationReport run(Path cases, VideoshopModel model, VideoshopOptions base) {
        return run(cases, model, base, Method.ABLATION, null);
    }

    /**
     * Evaluates every case under {@code cases} with the given methods, printing one line per case and method to
     * {@code log} when it is not null. With a full-resolution method ({@link Method#fullResolution()}) the cases are
     * read and scored at their own size, otherwise at the model's; the two kinds of model method do not mix.
     */
    public static EvaluationReport run(Path cases, VideoshopModel model, VideoshopOptions base, List<Method> methods,
                                       PrintStream log) {
        boolean full = fullResolution(methods);
        ModelSpec spec = model.spec();
        List<CaseResult> results = new ArrayList<>();
        for (Path dir : EvalCase.list(cases)) {
            EvalCase c = full ? EvalCase.load(dir) : EvalCase.load(dir, spec.width(), spec.height());
            results.addAll(evaluate(c, methods, model, base, log));
        }
        return report(model, base, results);
    }

    /** Evaluates cases held in memory (at their own size) with full-resolution methods and baselines. */
    public static EvaluationReport run(List<EvalCase> cases, VideoshopModel model, VideoshopOptions base,
                                       List<Method> methods, PrintStream log) {
        if (!fullResolution(methods) && methods.stream().anyMatch(Method::usesModel)) {
            throw new IllegalArgumentException("Expected full-resolution methods (detail, regenerate) or baselines"
                    + " for cases in memory but found " + methods);
        }
        List<CaseResult> results = new ArrayList<>();
        for (EvalCase c : cases) {
            results.addAll(evaluate(c, methods, model, base, log));
        }
        return report(model, base, results);
    }

    private static EvaluationReport report(VideoshopModel model, VideoshopOptions base, List<CaseResult> results) {
        String backend = base.backend() == null ? Backends.defaultName() : base.backend();
        return new EvaluationReport(model.spec().name(), backend, base, results);
    }

    /** Whether the methods are the full-resolution kind; fails when they mix both kinds of model method. */
    static boolean fullResolution(List<Method> methods) {
        boolean full = methods.stream().anyMatch(Method::fullResolution);
        boolean model = methods.stream().anyMatch(m -> m.usesModel() && !m.fullResolution());
        if (full && model) {
            throw new IllegalArgumentException("Expected either full-resolution methods (detail, regenerate) or the"
                    + " model-resolution ablation (videoshop, naive, no-normalize, naive-no-normalize) but found "
                    + methods.stream().map(Method::id).toList());
        }
        return full;
    }

    private static List<CaseResult> evaluate(EvalCase c, List<Method> methods, VideoshopModel model,
                                             VideoshopOptions base, PrintStream log) {
        List<CaseResult> out = new ArrayList<>();
        for (Method m : methods) {
            CaseResult r = evaluate(c, m, model, base);
            if (log != null) {
                log.printf("%-28s %-12s psnr %6.2f  edit region %6.2f  outside %6.2f  ssim %.4f  (%d ms)%n",
                        c.name(), m.id(), r.psnr(), r.psnrEditRegion(), r.psnrOutsideRegion(), r.ssim(), r.millis());
            }
            out.add(r);
        }
        return out;
    }

    /** One method on one case (at the model's resolution for the ablation methods, else at the case's own). */
    public static CaseResult evaluate(EvalCase c, Method m, VideoshopModel model, VideoshopOptions base) {
        long t0 = System.nanoTime();
        Video out;
        Trajectory.Straightness straightness = null;
        if (m == Method.SOURCE) {
            out = c.source();
        } else if (m == Method.COPY_FIRST) {
            out = Scoring.copyFirst(c);
        } else if (m.fullResolution()) {
            out = ImageRun.run(model, m.options(base), c.source(), c.editedFirst());
        } else {
            ModelRun run = ModelRun.run(model, m.options(base), c.source(), c.editedFirst());
            out = Scoring.quantize(run.video());
            straightness = run.straightness();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Scoring.Scores s = Scoring.score(c, out);
        return new CaseResult(c.name(), c.kind(), m, s.psnr(), s.psnrEditRegion(), s.psnrOutsideRegion(), s.ssim(),
                s.ssimEditRegion(), s.ssimOutsideRegion(), s.framePsnr(), s.frameRegionPsnr(), s.frameOutsidePsnr(),
                straightness, millis);
    }

    public static void main(String[] args) throws IOException {
        Args a = Args.parseOrExit(args, Set.of("cases", "model", "json", "plot", "steps", "strength", "seed",
                "backend", "methods", "per-case"), USAGE, "cases");
        VideoshopOptions.Builder b = VideoshopOptions.builder();
        if (a.get("steps") != null) {
            b.steps(a.getInt("steps", 25));
        }
        if (a.get("strength") != null) {
            b.strength(a.getDouble("strength", 0.55));
        }
        if (a.get("seed") != null) {
            b.seed(Long.parseLong(a.get("seed")));
        }
        b.backend(a.get("backend"));
        List<Method> methods = a.get("methods") == null ? Method.FULL_RESOLUTION
                : Arrays.stream(a.get("methods").split(",")).map(String::trim).map(Method::of).toList();
        try (VideoshopModel model = Models.open(a.get("model", "tiny"))) {
            EvaluationReport report = run(Path.of(a.get("cases")), model, b.build(), methods, System.err);
            if (Boolean.parseBoolean(a.get("per-case", "false"))) {
                System.out.println(report.caseTable());
            }
            if (report.kinds().size() > 1) {
                System.out.println(report.kindTable());
            }
            System.out.println(report.frameTable());
            System.out.print(report.table());
            if (a.get("json") != null) {
                report.writeJson(Path.of(a.get("json")));
                System.err.println("wrote " + a.get("json"));
            }
            if (a.get("plot") != null) {
                Plots.write(report, Path.of(a.get("plot")));
                System.err.println("wrote " + a.get("plot"));
            }
        }
    }
}

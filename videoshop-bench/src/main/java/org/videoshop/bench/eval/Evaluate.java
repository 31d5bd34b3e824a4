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
 * frames 1..T-1 against the ground truth at the model's resolution (outputs are quantised to 8 bits, as the
 * images an editor returns), and measures how straight the inversion trajectory is. The paper's ablation on our
 * model.
 *
 * <pre>
 * java -cp benchmarks.jar org.videoshop.bench.eval.Evaluate --cases DIR [--model DIR|tiny] [--json FILE]
 *      [--plot FILE.png] [--steps N] [--strength S] [--seed N] [--backend NAME] [--methods a,b,…] [--per-case true]
 * </pre>
 */
public final class Evaluate {

    private static final String USAGE = "Usage: Evaluate --cases DIR [--model DIR|tiny] [--json FILE] "
            + "[--plot FILE.png] [--steps N] [--strength S] [--seed N] [--backend NAME] "
            + "[--methods videoshop,naive,no-normalize,naive-no-normalize,copy-first,source] [--per-case true|false]";

    private Evaluate() {
    }

    /** Evaluates every case under {@code cases} with every method, from the {@code base} options. */
    public static EvaluationReport run(Path cases, VideoshopModel model, VideoshopOptions base) {
        return run(cases, model, base, Arrays.asList(Method.values()), null);
    }

    /**
     * Evaluates every case under {@code cases} with the given methods, printing one line per case and method to
     * {@code log} when it is not null.
     */
    public static EvaluationReport run(Path cases, VideoshopModel model, VideoshopOptions base, List<Method> methods,
                                       PrintStream log) {
        ModelSpec spec = model.spec();
        List<CaseResult> results = new ArrayList<>();
        for (Path dir : EvalCase.list(cases)) {
            EvalCase c = EvalCase.load(dir, spec.width(), spec.height());
            for (Method m : methods) {
                CaseResult r = evaluate(c, m, model, base);
                if (log != null) {
                    log.printf("%-24s %-20s psnr %6.2f  ssim %.4f  (%d ms)%n", c.name(), m.id(), r.psnr(), r.ssim(),
                            r.millis());
                }
                results.add(r);
            }
        }
        String backend = base.backend() == null ? Backends.defaultName() : base.backend();
        return new EvaluationReport(spec.name(), backend, base, results);
    }

    /** One method on one case (already at the model's resolution). */
    public static CaseResult evaluate(EvalCase c, Method m, VideoshopModel model, VideoshopOptions base) {
        long t0 = System.nanoTime();
        Video out;
        Trajectory.Straightness straightness = null;
        switch (m) {
            case SOURCE -> out = c.source();
            case COPY_FIRST -> out = Scoring.copyFirst(c);
            default -> {
                ModelRun run = ModelRun.run(model, m.options(base), c.source(), c.editedFirst());
                out = Scoring.quantize(run.video());
                straightness = run.straightness();
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Scoring.Scores s = Scoring.score(c, out);
        return new CaseResult(c.name(), c.kind(), m, s.psnr(), s.psnrEditRegion(), s.psnrOutsideRegion(), s.ssim(),
                s.framePsnr(), straightness, millis);
    }

    public static void main(String[] args) throws IOException {
        Args a;
        try {
            a = Args.parse(args, Set.of("cases", "model", "json", "plot", "steps", "strength", "seed", "backend",
                    "methods", "per-case"), USAGE);
            if (a.get("cases") == null) {
                throw new IllegalArgumentException("Expected --cases DIR\n" + USAGE);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
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
        List<Method> methods = a.get("methods") == null ? Arrays.asList(Method.values())
                : Arrays.stream(a.get("methods").split(",")).map(String::trim).map(Method::of).toList();
        try (VideoshopModel model = Models.open(a.get("model", "tiny"))) {
            EvaluationReport report = run(Path.of(a.get("cases")), model, b.build(), methods, System.err);
            if (Boolean.parseBoolean(a.get("per-case", "false"))) {
                System.out.println(report.caseTable());
            }
            if (report.kinds().size() > 1) {
                System.out.println(report.kindTable());
            }
            System.out.print(report.table());
            if (a.get("json") != null) {
                report.writeJson(Path.of(a.get("json")));
                System.err.println("wrote " + a.get("json"));
            }
            if (a.get("plot") != null) {
                PsnrPlot.write(report, Path.of(a.get("plot")));
                System.err.println("wrote " + a.get("plot"));
            }
        }
    }
}

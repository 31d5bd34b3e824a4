package org.videoshop.bench.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.videoshop.VideoshopOptions;

/**
 * The results of an evaluation run: one {@link CaseResult} per case and method, with tables and JSON.
 *
 * @param model   the model's name
 * @param backend the latent backend
 * @param base    the options the model methods started from
 * @param results per case and method, in case order then method order
 */
public record EvaluationReport(String model, String backend, VideoshopOptions base, List<CaseResult> results) {

    /** What an infinite PSNR (identical images) counts as in a mean over cases, in dB. */
    public static final double MEAN_CAP_DB = 100;

    public EvaluationReport {
        results = List.copyOf(results);
    }

    /**
     * One method's scores averaged over cases (NaN values skipped; an infinite PSNR counts as {@link #MEAN_CAP_DB}
     * unless every case's is infinite).
     *
     * @param method            the method
     * @param cases             cases averaged
     * @param psnr              mean PSNR
     * @param psnrEditRegion    mean PSNR inside the edited region
     * @param psnrOutsideRegion mean PSNR outside it
     * @param ssim              mean SSIM
     * @param adjacentMean      mean of the cases' adjacent-step cosine similarity (NaN for baselines)
     * @param adjacentMin       minimum over cases of the adjacent-step minimum
     * @param allPairsMean      mean of the cases' all-pairs cosine similarity
     */
    public record MethodSummary(Method method, int cases, double psnr, double psnrEditRegion,
                                double psnrOutsideRegion, double ssim, double adjacentMean, double adjacentMin,
                                double allPairsMean) {
    }

    /** The results of one method. */
    public List<CaseResult> of(Method m) {
        return results.stream().filter(r -> r.method() == m).toList();
    }

    /** Per-method means, in method order, for the methods present. */
    public List<MethodSummary> summary() {
        List<MethodSummary> out = new ArrayList<>();
        for (Method m : Method.values()) {
            List<CaseResult> rs = of(m);
            if (rs.isEmpty()) {
                continue;
            }
            List<Trajectory.Straightness> ts = rs.stream().map(CaseResult::trajectory)
                    .filter(t -> t != null).toList();
            double adjMin = ts.stream().mapToDouble(Trajectory.Straightness::adjacentMin).filter(d -> !Double.isNaN(d))
                    .min().orElse(Double.NaN);
            out.add(new MethodSummary(m, rs.size(), mean(rs.stream().mapToDouble(CaseResult::psnr).toArray()),
                    mean(rs.stream().mapToDouble(CaseResult::psnrEditRegion).toArray()),
                    mean(rs.stream().mapToDouble(CaseResult::psnrOutsideRegion).toArray()),
                    mean(rs.stream().mapToDouble(CaseResult::ssim).toArray()),
                    mean(ts.stream().mapToDouble(Trajectory.Straightness::adjacentMean).toArray()), adjMin,
                    mean(ts.stream().mapToDouble(Trajectory.Straightness::allPairsMean).toArray())));
        }
        return out;
    }

    /** The per-method table (Markdown): the paper's ablation in miniature, with the trajectory check. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| method | cases | PSNR | PSNR edit region | PSNR outside region | SSIM | traj. adjacent mean "
                + "| traj. adjacent min | traj. all pairs |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (MethodSummary s : summary()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n", s.method().id(),
                    s.cases(), db(s.psnr()), db(s.psnrEditRegion()), db(s.psnrOutsideRegion()), num(s.ssim()),
                    num(s.adjacentMean()), num(s.adjacentMin()), num(s.allPairsMean())));
        }
        return sb.toString();
    }

    /** The kinds of edit present, in order of first appearance. */
    public List<String> kinds() {
        return results.stream().map(CaseResult::kind).distinct().toList();
    }

    /** Mean PSNR and SSIM per kind of edit and method (Markdown), e.g. recolour / add / remove. */
    public String kindTable() {
        StringBuilder sb = new StringBuilder("| kind | method | cases | PSNR | PSNR edit region | PSNR outside region "
                + "| SSIM | SSIM edit region | SSIM outside region |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String kind : kinds()) {
            for (Method m : Method.values()) {
                List<CaseResult> rs = results.stream().filter(r -> r.kind().equals(kind) && r.method() == m)
                        .toList();
                if (rs.isEmpty()) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s |%n", kind, m.id(),
                        rs.size(), db(mean(rs.stream().mapToDouble(CaseResult::psnr).toArray())),
                        db(mean(rs.stream().mapToDouble(CaseResult::psnrEditRegion).toArray())),
                        db(mean(rs.stream().mapToDouble(CaseResult::psnrOutsideRegion).toArray())),
                        num(mean(rs.stream().mapToDouble(CaseResult::ssim).toArray())),
                        num(mean(rs.stream().mapToDouble(CaseResult::ssimEditRegion).toArray())),
                        num(mean(rs.stream().mapToDouble(CaseResult::ssimOutsideRegion).toArray()))));
            }
        }
        return sb.toString();
    }

    /** The results of one kind of edit and one method. */
    public List<CaseResult> of(String kind, Method m) {
        return results.stream().filter(r -> r.kind().equals(kind) && r.method() == m).toList();
    }

    /**
     * Per kind and method, the mean edit-region PSNR of each frame index 1..T-1 (Markdown; infinite values count as
     * {@link #MEAN_CAP_DB}): how an edit holds over the clip.
     */
    public String frameTable() {
        int frames = results.stream().mapToInt(r -> r.frameRegionPsnr().length).max().orElse(0);
        StringBuilder sb = new StringBuilder("| kind | method (edit-region PSNR per frame) |");
        StringBuilder rule = new StringBuilder("| --- | --- |");
        for (int t = 1; t < frames; t++) {
            sb.append(' ').append(t).append(" |");
            rule.append(" ---: |");
        }
        sb.append('\n').append(rule).append('\n');
        for (String kind : kinds()) {
            for (Method m : Method.values()) {
                List<CaseResult> rs = of(kind, m);
                if (rs.isEmpty()) {
                    continue;
                }
                sb.append("| ").append(kind).append(" | ").append(m.id()).append(" |");
                double[] curve = frameMean(rs, CaseResult::frameRegionPsnr);
                for (int t = 1; t < curve.length; t++) {
                    sb.append(' ').append(db(curve[t])).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Mean over results of a per-frame series, frame by frame (NaN skipped, infinity as {@link #MEAN_CAP_DB}). */
    public static double[] frameMean(List<CaseResult> rs, java.util.function.Function<CaseResult, double[]> series) {
        int len = rs.stream().mapToInt(r -> series.apply(r).length).max().orElse(0);
        double[] out = new double[len];
        for (int t = 0; t < len; t++) {
            final int f = t;
            out[t] = mean(rs.stream().map(series).filter(a -> a.length > f).mapToDouble(a -> a[f]).toArray());
        }
        return out;
    }

    /** One row per case and method (Markdown). */
    public String caseTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| case | method | PSNR | PSNR edit | PSNR outside | SSIM | ms |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (CaseResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d |%n", r.caseName(),
                    r.method().id(), db(r.psnr()), db(r.psnrEditRegion()), db(r.psnrOutsideRegion()), num(r.ssim()),
                    r.millis()));
        }
        return sb.toString();
    }

    /**
     * Writes a JSON array with one object per case and method: case, kind, method, psnr, psnr_edit_region,
     * psnr_outside_region, ssim, ssim_edit_region, ssim_outside_region, frame_psnr, frame_psnr_edit_region,
     * frame_psnr_outside_region (frames 0..T-1), the trajectory numbers (ablation methods) and millis, plus model and
     * backend. Non-finite numbers (identical images: +infinity; empty region: NaN) are written as null.
     */
    public void writeJson(Path file) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = om.createArrayNode();
        for (CaseResult r : results) {
            ObjectNode o = arr.addObject();
            o.put("case", r.caseName());
            o.put("kind", r.kind());
            o.put("method", r.method().id());
            put(o, "psnr", r.psnr());
            put(o, "psnr_edit_region", r.psnrEditRegion());
            put(o, "psnr_outside_region", r.psnrOutsideRegion());
            put(o, "ssim", r.ssim());
            put(o, "ssim_edit_region", r.ssimEditRegion());
            put(o, "ssim_outside_region", r.ssimOutsideRegion());
            putArray(o, "frame_psnr", r.framePsnr());
            putArray(o, "frame_psnr_edit_region", r.frameRegionPsnr());
            putArray(o, "frame_psnr_outside_region", r.frameOutsidePsnr());
            if (r.trajectory() != null) {
                put(o, "trajectory_adjacent_mean", r.trajectory().adjacentMean());
                put(o, "trajectory_adjacent_min", r.trajectory().adjacentMin());
                put(o, "trajectory_all_pairs_mean", r.trajectory().allPairsMean());
            }
            o.put("millis", r.millis());
            o.put("model", model);
            o.put("backend", backend);
        }
        om.writeValue(file.toFile(), arr);
    }

    private static void putArray(ObjectNode o, String name, double[] values) {
        ArrayNode a = o.putArray(name);
        for (double d : values) {
            if (Double.isFinite(d)) {
                a.add(d);
            } else {
                a.addNull();
            }
        }
    }

    private static void put(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    /**
     * Mean over cases: NaN values skipped, +infinity (identical images) counted as {@value #MEAN_CAP_DB} dB so that
     * one exact case does not hide the others; +infinity when every value is.
     */
    static double mean(double[] values) {
        double s = 0;
        int n = 0;
        int infinite = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (v == Double.POSITIVE_INFINITY) {
                infinite++;
                v = MEAN_CAP_DB;
            }
            s += v;
            n++;
        }
        return n == 0 ? Double.NaN : infinite == n ? Double.POSITIVE_INFINITY : s / n;
    }

    private static String db(double v) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }
}

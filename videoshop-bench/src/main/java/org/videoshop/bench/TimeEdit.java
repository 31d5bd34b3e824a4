package org.videoshop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.videoshop.EditResult;
import org.videoshop.OutputMode;
import org.videoshop.Provenance;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.eval.EvalCase;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/**
 * Times whole edits and breaks each down by stage from its {@link Provenance}: wall time, time inside model calls,
 * and the rest (latent math, bookkeeping); prints a table and optionally JSON. The Java half of
 * {@code scripts/bench/compare_python.sh}.
 *
 * <pre>
 * TimeEdit [--model DIR|tiny] [--frames N] [--steps N] [--strength S] [--backend NAME] [--warmup N] [--runs N]
 *          [--guidance MIN,MAX] [--sigma-threshold SIGMA] [--case DIR] [--write-case DIR] [--json FILE]
 *          [--preset authors|defaults] [--threads N]
 * </pre>
 * {@code --preset authors} starts from {@link VideoshopOptions#authors()} (the paper authors' run.py settings)
 * instead of the defaults; {@code --threads N} sets ONNX Runtime's intra-op threads (the {@code videoshop.onnx.intraOpThreads}
 * property) before the model is opened.
 * Without {@code --guidance} and {@code --sigma-threshold} the edits use the model's recommended guidance and
 * inversion threshold Sigma.
 * Without {@code --case} the clip is a {@link SyntheticClip} at the model's resolution; {@code --write-case DIR}
 * writes that clip as an evaluation case (so another program can edit the very same frames) and exits.
 */
public final class TimeEdit {

    private static final String USAGE = "Usage: TimeEdit [--model DIR|tiny] [--frames N] [--steps N] [--strength S]"
            + " [--backend NAME] [--warmup N] [--runs N] [--guidance MIN,MAX] [--sigma-threshold SIGMA]"
            + " [--case DIR] [--write-case DIR] [--json FILE] [--preset authors|defaults] [--threads N]";

    /**
     * Mean timings of the measured edits.
     *
     * @param runs          edits measured
     * @param msPerEdit     mean wall time of {@code VideoEditor.edit} per edit
     * @param msMin         fastest edit
     * @param stageMs       mean wall time per stage
     * @param modelMs       mean time inside model calls per stage
     * @param last          the last edit's provenance
     */
    public record Timing(int runs, double msPerEdit, double msMin, Map<Stage, Double> stageMs,
                         Map<Stage, Double> modelMs, Provenance last) {

        /** Time not spent inside model calls, as a share of the edit's wall time. */
        public double nonModelShare() {
            double model = modelMs.values().stream().mapToDouble(Double::doubleValue).sum();
            return (msPerEdit - model) / msPerEdit;
        }
    }

    private TimeEdit() {
    }

    /** Runs {@code warmup} unmeasured and {@code runs} measured edits of the clip. */
    public static Timing time(VideoEditor editor, Video source, Frame editedFirst, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            editor.edit(source, editedFirst);
        }
        Map<Stage, Double> stage = new EnumMap<>(Stage.class);
        Map<Stage, Double> model = new EnumMap<>(Stage.class);
        double total = 0;
        double min = Double.POSITIVE_INFINITY;
        Provenance last = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            EditResult r = editor.edit(source, editedFirst);
            double ms = (System.nanoTime() - t0) / 1e6;
            total += ms;
            min = Math.min(min, ms);
            last = r.provenance();
            for (Stage s : Stage.values()) {
                stage.merge(s, last.stageNanos().getOrDefault(s, 0L) / 1e6 / runs, Double::sum);
                model.merge(s, last.modelNanos().getOrDefault(s, 0L) / 1e6 / runs, Double::sum);
            }
        }
        return new Timing(runs, total / runs, min, stage, model, last);
    }

    /** The breakdown as a Markdown table. */
    public static String table(Timing t) {
        StringBuilder sb = new StringBuilder();
        sb.append("| stage | wall ms | in model calls ms | other ms |\n| --- | ---: | ---: | ---: |\n");
        double staged = 0;
        double model = 0;
        for (Stage s : Stage.values()) {
            double w = t.stageMs().get(s);
            double m = t.modelMs().get(s);
            staged += w;
            model += m;
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", s.name().toLowerCase(Locale.ROOT),
                    w, m, w - m));
        }
        sb.append(String.format(Locale.ROOT, "| (outside stages: checks, copies) | %.2f | 0.00 | %.2f |%n",
                t.msPerEdit() - staged, t.msPerEdit() - staged));
        sb.append(String.format(Locale.ROOT, "| **edit** | **%.2f** | **%.2f** | **%.2f** (%.2f %%) |%n",
                t.msPerEdit(), model, t.msPerEdit() - model, 100 * t.nonModelShare()));
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Args a = Args.parseOrExit(args, Set.of("model", "frames", "steps", "strength", "backend", "warmup", "runs",
                "case", "write-case", "json", "seed", "guidance", "sigma-threshold", "preset", "threads"), USAGE);
        if (a.get("threads") != null) {
            System.setProperty("videoshop.onnx.intraOpThreads", Integer.toString(a.getInt("threads", 0)));
        }
        String preset = a.get("preset", "defaults");
        if (!preset.equals("authors") && !preset.equals("defaults")) {
            System.err.println("Expected --preset authors or defaults but found " + preset + "\n" + USAGE);
            System.exit(2);
            return;
        }
        VideoshopOptions.Builder b = (preset.equals("authors") ? VideoshopOptions.authorsBuilder()
                : VideoshopOptions.builder()).steps(a.getInt("steps", 25))
                .strength(a.getDouble("strength", 0.55)).backend(a.get("backend"));
        if (a.get("seed") != null) {
            b.seed(Long.parseLong(a.get("seed")));
        }
        if (a.get("guidance") != null) {
            String[] g = a.get("guidance").split(",", -1);
            if (g.length != 2) {
                System.err.println("Expected --guidance MIN,MAX but found " + a.get("guidance") + "\n" + USAGE);
                System.exit(2);
                return;
            }
            b.guidance(Double.parseDouble(g[0].trim()), Double.parseDouble(g[1].trim()));
        }
        if (a.get("sigma-threshold") != null) {
            b.sigmaThreshold(a.getDouble("sigma-threshold", 1.0));
        }
        // the raw-frame edit timed as the paper's (regenerate: no reconstruction, no image composition)
        VideoshopOptions options = b.outputMode(OutputMode.REGENERATE).build();
        try (VideoshopModel model = Models.open(a.get("model", "tiny"));
             VideoEditor editor = Videoshop.editor(model, options)) {
            ModelSpec spec = model.spec();
            int frames = a.getInt("frames", spec.nativeFrames());
            Video source;
            Frame edited;
            if (a.get("case") != null) {
                EvalCase c = EvalCase.load(Path.of(a.get("case")), spec.width(), spec.height());
                source = c.source();
                edited = c.editedFirst();
            } else {
                SyntheticClip clip = SyntheticClip.generate(frames, spec.width(), spec.height(), 7);
                if (a.get("write-case") != null) {
                    EvalCase.write(Path.of(a.get("write-case")), clip.source(), clip.truth(), clip.editedFirst(),
                            null);
                    System.err.println("wrote case " + a.get("write-case"));
                    return;
                }
                source = clip.source();
                edited = clip.editedFirst();
            }
            Timing t = time(editor, source, edited, a.getInt("warmup", 2), a.getInt("runs", 5));
            System.out.printf(Locale.ROOT, "model %s, backend %s, %d frames %dx%d, %d steps x strength %.2f = %d "
                            + "inversion + %d generation steps, guidance %s to %s, Sigma %s; %d runs after %d"
                            + " warm-up%n",
                    spec.name(), editor.backend(), source.frames(), source.width(), source.height(),
                    options.steps(), options.strength(), t.last().sigmas().size() - 1,
                    t.last().sigmas().size() - 1, t.last().options().guidanceMin(),
                    t.last().options().guidanceMax(), t.last().options().sigmaThreshold(), t.runs(),
                    a.getInt("warmup", 2));
            System.out.print(table(t));
            if (a.get("json") != null) {
                writeJson(Path.of(a.get("json")), t, spec, editor.backend(), source.frames());
            }
        }
    }

    private static void writeJson(Path file, Timing t, ModelSpec spec, String backend, int frames)
            throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = om.createObjectNode();
        o.put("model", spec.name());
        o.put("backend", backend);
        o.put("frames", frames);
        o.put("guidance_min", t.last().options().guidanceMin());
        o.put("guidance_max", t.last().options().guidanceMax());
        o.put("sigma_threshold", t.last().options().sigmaThreshold());
        o.put("runs", t.runs());
        o.put("ms_per_edit", t.msPerEdit());
        o.put("ms_min", t.msMin());
        o.put("non_model_share", t.nonModelShare());
        ObjectNode st = o.putObject("stages_ms");
        ObjectNode mo = o.putObject("model_ms");
        for (Stage s : Stage.values()) {
            st.put(s.name().toLowerCase(Locale.ROOT), t.stageMs().get(s));
            mo.put(s.name().toLowerCase(Locale.ROOT), t.modelMs().get(s));
        }
        om.writeValue(file.toFile(), o);
    }
}

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
import java.util.Set;
import org.videoshop.FrameSize;
import org.videoshop.WorkingSize;
import org.videoshop.bench.Args;
import org.videoshop.bench.Models;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * The autoencoder's ceiling on a folder of cases: each source clip resized to the size the model works at for it
 * (the automatic working size of the clip's aspect, as an edit uses, or with {@code --at model} the model's native
 * size, as the ablation uses), encoded and decoded, and compared with itself. Mean per-clip PSNR over all frames
 * and over frames 1..T-1 (the frames the edit scores are taken on).
 *
 * <pre>
 * AutoencoderPsnr --cases DIR [--model DIR|tiny] [--at working|model] [--json FILE]
 * </pre>
 */
public final class AutoencoderPsnr {

    private static final String USAGE = "Usage: AutoencoderPsnr --cases DIR [--model DIR|tiny] [--at working|model]"
            + " [--json FILE]";

    /** One clip's result: its name, the size it was coded at and the PSNR over all frames and frames 1..T-1. */
    public record Row(String name, int width, int height, double psnrAll, double psnrFrom1) {
    }

    private AutoencoderPsnr() {
    }

    /** Codes every case's source at its working size ({@code atModelSize}: the model's size) and scores it. */
    public static List<Row> run(Path cases, VideoshopModel model, boolean atModelSize) {
        List<Row> rows = new ArrayList<>();
        for (Path dir : EvalCase.list(cases)) {
            Video src = EvalCase.load(dir).source();
            FrameSize size = atModelSize ? new FrameSize(model.spec().width(), model.spec().height())
                    : WorkingSize.automatic(src.width(), src.height(), model.spec());
            List<Frame> resized = new ArrayList<>(src.frames());
            for (int t = 0; t < src.frames(); t++) {
                resized.add(Images.resize(src.frame(t), size.width(), size.height()));
            }
            Video in = Video.of(resized);
            Video out = model.encoder().decode(model.encoder().encode(in));
            rows.add(new Row(dir.getFileName().toString(), size.width(), size.height(), mean(out, in, 0),
                    mean(out, in, 1)));
        }
        return rows;
    }

    private static double mean(Video a, Video b, int from) {
        double s = 0;
        for (int t = from; t < a.frames(); t++) {
            s += ImageMetrics.psnr(a.frame(t), b.frame(t));
        }
        return s / (a.frames() - from);
    }

    public static void main(String[] args) throws IOException {
        Args a;
        try {
            a = Args.parse(args, Set.of("cases", "model", "at", "json"), USAGE);
            if (a.get("cases") == null) {
                throw new IllegalArgumentException("Expected --cases DIR\n" + USAGE);
            }
            if (!java.nio.file.Files.isDirectory(Path.of(a.get("cases")))) {
                throw new IllegalArgumentException("Expected --cases to be a folder of cases but found "
                        + (java.nio.file.Files.exists(Path.of(a.get("cases"))) ? "a file" : "nothing") + " at "
                        + a.get("cases"));
            }
            if (!Set.of("working", "model").contains(a.get("at", "working"))) {
                throw new IllegalArgumentException("Expected --at working or model but found " + a.get("at"));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<Row> rows;
        try (VideoshopModel model = Models.open(a.get("model", "tiny"))) {
            rows = run(Path.of(a.get("cases")), model, a.get("at", "working").equals("model"));
        }
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = om.createArrayNode();
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-28s %dx%d  autoencoder PSNR all frames %6.2f  frames 1..T-1 %6.2f%n",
                    r.name(), r.width(), r.height(), r.psnrAll(), r.psnrFrom1());
            ObjectNode o = arr.addObject();
            o.put("case", r.name());
            o.put("width", r.width());
            o.put("height", r.height());
            o.put("psnr_all", r.psnrAll());
            o.put("psnr_from_1", r.psnrFrom1());
        }
        System.out.printf(Locale.ROOT, "mean over %d clips: %.2f dB all frames, %.2f dB frames 1..T-1%n", rows.size(),
                rows.stream().mapToDouble(Row::psnrAll).average().orElse(Double.NaN),
                rows.stream().mapToDouble(Row::psnrFrom1).average().orElse(Double.NaN));
        if (a.get("json") != null) {
            om.writeValue(Path.of(a.get("json")).toFile(), arr);
        }
    }
}

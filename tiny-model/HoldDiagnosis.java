import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.videoshop.FrameSize;
import org.videoshop.InvertedClip;
import org.videoshop.VideoshopOptions;
import org.videoshop.WorkingSize;
import org.videoshop.bench.Args;
import org.videoshop.bench.Models;
import org.videoshop.bench.eval.EvalCase;
import org.videoshop.bench.eval.ImageMetrics;
import org.videoshop.kernel.Backends;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.DetailComposite;
import org.videoshop.pipeline.DetailDifference;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.EditRegion;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * Where an edit fades over a clip (issue 15's recolour hold): one window of a case at the working size, with the
 * detail output's stages taken apart. Per frame: the edit-region PSNR of the detail output as the library composes
 * it; with the true region instead of the tracked one (the region's warp); with the true change instead of the
 * model's (compositing and upsampling); the fraction of the true change the model's difference carries at the working
 * size (gain, with and without the colour correction); and the same edit from the truth's own inversion (what the
 * source's inversion latents cost). Diagnostic, not a target: it reads the truth.
 *
 * <p>Columns per frame: {@code detail} (the library's detail output, tracked region), {@code trueRegion} (the same
 * difference composited through the case's true region), {@code trueChange} (the true change at the working size
 * through the tracked region: what the region and compositing allow), {@code gain} / {@code gainRaw} (least-squares
 * fraction of the true working-size change inside the region carried by D = E' - R, and by E - R without the colour
 * correction), {@code E-vs-truth} / {@code R-vs-source} (PSNR at the working size inside the region), {@code recall}
 * (mean tracked weight inside the true region) and {@code spill} (fraction of the tracked weight outside it).
 * Variants: {@code default}; {@code oracle} (E from the truth's own inversion: what the source's inversion latents
 * cost); {@code editfirst} (the edited frame inverted in place of the source's frame 0); option changes
 * {@code strength0.4|0.7|0.85}, {@code sigma0|1|100}, {@code guidance1|3|8|4flat}, {@code nonorm}, {@code aug0|0.1},
 * {@code motion20|250}.
 *
 * <pre>
 * java -cp videoshop-bench/target/benchmarks.jar tiny-model/HoldDiagnosis.java --cases DIR [--model DIR|tiny]
 *      [--kind recolour-region] [--variants default,oracle,...]
 * </pre>
 * (a single-file program, as {@code CheckReference.java}: on the class path it reaches the library's pipeline
 * package, which the module does not export.)
 */
public final class HoldDiagnosis {

    private HoldDiagnosis() {
    }

    public static void main(String[] args) {
        Args a = Args.parseOrExit(args, Set.of("cases", "model", "kind", "variants"), "Usage: HoldDiagnosis --cases DIR"
                + " [--model DIR|tiny] [--kind K] [--variants a,b]", "cases");
        String kind = a.get("kind", "recolour-region");
        List<String> variants = List.of(a.get("variants", "default").split(","));
        try (VideoshopModel model = Models.open(a.get("model", "tiny"))) {
            for (Path dir : EvalCase.list(Path.of(a.get("cases")))) {
                EvalCase c = EvalCase.load(dir);
                if (!c.kind().equals(kind)) {
                    continue;
                }
                for (String v : variants) {
                    diagnose(model, c, v);
                }
            }
        }
    }

    private static VideoshopOptions options(String variant) {
        VideoshopOptions.Builder b = VideoshopOptions.builder();
        switch (variant) {
            case "default", "oracle", "editfirst" -> { }
            case "strength0.7" -> b.strength(0.7);
            case "strength0.85" -> b.strength(0.85);
            case "strength0.4" -> b.strength(0.4);
            case "sigma1" -> b.sigmaThreshold(1.0);
            case "sigma0" -> b.sigmaThreshold(0.0);
            case "sigma100" -> b.sigmaThreshold(100.0);
            case "guidance1" -> b.guidance(1.0, 1.0);
            case "guidance3" -> b.guidance(1.0, 3.0);
            case "guidance8" -> b.guidance(1.0, 8.0);
            case "guidance4flat" -> b.guidance(4.0, 4.0);
            case "nonorm" -> b.normalize(false);
            case "aug0" -> b.noiseAugStrength(0.0);
            case "aug0.1" -> b.noiseAugStrength(0.1);
            case "motion20" -> b.motionBucketId(20);
            case "motion250" -> b.motionBucketId(250);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        return b.build();
    }

    static void diagnose(VideoshopModel model, EvalCase c, String variant) {
        VideoshopOptions options = options(variant);
        EditPipeline pipeline = new EditPipeline(model, Backends.kernels(), options);
        Video source = c.source();
        Video truth = c.truth();
        int frames = source.frames();
        FrameSize work = WorkingSize.automatic(source.width(), source.height(), model.spec());
        int w = work.width();
        int h = work.height();
        Video part = resize(source, w, h);
        Video truthWork = resize(truth, w, h);
        Frame edited = Images.resize(c.editedFirst(), w, h);
        EditPipeline.Detailed both = pipeline.detail(part, edited, new StepContext(null, null, null));
        Video r = both.reconstruction();
        Video e = both.edit().video();
        if (variant.equals("editfirst")) {
            List<Frame> withEdit = new ArrayList<>();
            withEdit.add(edited);
            for (int t = 1; t < frames; t++) {
                withEdit.add(part.frame(t));
            }
            InvertedClip inv = pipeline.invert(Video.of(withEdit), new StepContext(null, null, null));
            e = pipeline.edit(inv, edited, null, new StepContext(null, null, null)).video();
        }
        if (variant.equals("oracle")) {
            InvertedClip inv = pipeline.invert(truthWork, new StepContext(null, null, null));
            e = pipeline.edit(inv, edited, null, new StepContext(null, null, null)).video();
        }
        Video d = DetailDifference.of(e, r, edited, part.frame(0));
        Video ideal = minus(truthWork, part);
        EditRegion region = EditRegion.start(source.frame(0), c.editedFirst());
        List<Frame> lib = new ArrayList<>();
        List<Frame> trueRegion = new ArrayList<>();
        List<Frame> trueChange = new ArrayList<>();
        lib.add(c.editedFirst());
        trueRegion.add(c.editedFirst());
        trueChange.add(c.editedFirst());
        double[] gain = new double[frames];
        double[] gainRaw = new double[frames];
        double[] ePsnr = new double[frames];
        double[] rPsnr = new double[frames];
        double[] recall = new double[frames];
        double[] spillFrac = new double[frames];
        for (int t = 0; t < frames; t++) {
            boolean[] small = smallRegion(c.region(t), source.width(), source.height(), w, h);
            gain[t] = gain(d.frame(t).data(), ideal.frame(t).data(), small);
            gainRaw[t] = gain(minus(e.frame(t).data(), r.frame(t).data()), ideal.frame(t).data(), small);
            ePsnr[t] = psnr(e.frame(t).data(), truthWork.frame(t).data(), small);
            rPsnr[t] = psnr(r.frame(t).data(), part.frame(t).data(), small);
            if (t == 0) {
                continue;
            }
            BufferedImage img = Images.toImage(source.frame(t));
            float[] tracked = Images.resizePlane(region.next(source.frame(t)), region.width(), region.height(),
                    source.width(), source.height());
            float[] exact = new float[tracked.length];
            boolean[] full = c.region(t);
            for (int i = 0; i < exact.length; i++) {
                exact[i] = full[i] ? 1f : 0f;
            }
            double in = 0, hit = 0, spill = 0, area = 0;
            for (int i = 0; i < exact.length; i++) {
                if (full[i]) { in++; hit += tracked[i]; } else { spill += tracked[i]; }
                area += tracked[i];
            }
            recall[t] = hit / Math.max(1, in);
            spillFrac[t] = spill / Math.max(1e-9, area);
            lib.add(Images.toFrame(DetailComposite.apply(img, d.frame(t).data(), r.frame(t).data(),
                    region.regeneration(), w, h, tracked)));
            trueRegion.add(Images.toFrame(DetailComposite.apply(img, d.frame(t).data(), r.frame(t).data(),
                    region.regeneration(), w, h, exact)));
            trueChange.add(Images.toFrame(DetailComposite.apply(img, ideal.frame(t).data(), null, 0f, w, h,
                    tracked)));
        }
        double[] pl = regionPsnr(c, lib);
        double[] pr = regionPsnr(c, trueRegion);
        double[] pc = regionPsnr(c, trueChange);
        System.out.printf(Locale.ROOT, "%s %s (%dx%d, regeneration %.2f)%n", c.name(), variant, w, h,
                region.regeneration());
        System.out.println(" t  detail  trueRegion trueChange  gain  gainRaw  E-vs-truth(work) R-vs-source(work) recall spill");
        for (int t = 0; t < frames; t++) {
            System.out.printf(Locale.ROOT, "%2d %7.2f %10.2f %10.2f %6.3f %7.3f %9.2f %9.2f %6.3f %6.3f%n", t, pl[t], pr[t], pc[t],
                    gain[t], gainRaw[t], ePsnr[t], rPsnr[t], recall[t], spillFrac[t]);
        }
        int last = frames - 1;
        System.out.printf(Locale.ROOT, "HOLD %s %s detail %+.2f trueRegion %+.2f trueChange %+.2f gain %.3f->%.3f"
                        + " E %+.2f%n", c.name(), variant, pl[last] - pl[1], pr[last] - pr[1], pc[last] - pc[1],
                gain[1], gain[last], ePsnr[last] - ePsnr[1]);
    }

    /** Per-frame PSNR inside the case's edit region (frame 0 infinite: it is the edited frame). */
    private static double[] regionPsnr(EvalCase c, List<Frame> out) {
        double[] p = new double[out.size()];
        for (int t = 0; t < p.length; t++) {
            p[t] = ImageMetrics.SquaredError.of(out.get(t), c.truth().frame(t), c.region(t)).psnr();
        }
        return p;
    }

    private static Video resize(Video v, int w, int h) {
        List<Frame> out = new ArrayList<>();
        for (int t = 0; t < v.frames(); t++) {
            out.add(Images.resize(v.frame(t), w, h));
        }
        return Video.of(out);
    }

    private static Video minus(Video a, Video b) {
        return new Video(a.frames(), a.height(), a.width(), minus(a.data(), b.data()));
    }

    private static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** The full-resolution region at the working size (a pixel is in when most of its area is). */
    private static boolean[] smallRegion(boolean[] full, int fw, int fh, int w, int h) {
        float[] p = new float[full.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = full[i] ? 1f : 0f;
        }
        float[] s = Images.resizePlane(p, fw, fh, w, h);
        boolean[] out = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] > 0.5f;
        }
        return out;
    }

    /** Least-squares fraction of the true change that the model's change carries, over the region's pixels. */
    private static double gain(float[] model, float[] ideal, boolean[] region) {
        int plane = region.length;
        double num = 0;
        double den = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                if (region[i]) {
                    num += model[c * plane + i] * (double) ideal[c * plane + i];
                    den += ideal[c * plane + i] * (double) ideal[c * plane + i];
                }
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    private static double psnr(float[] a, float[] b, boolean[] region) {
        int plane = region.length;
        double se = 0;
        long n = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                if (region[i]) {
                    double x = a[c * plane + i] - b[c * plane + i];
                    se += x * x;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : 10 * Math.log10(n / Math.max(se, 1e-12));
    }
}

package org.videoshop.bench.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.videoshop.tensor.Video;

/**
 * The generator of the real-footage evaluation set: photographs under a moving camera (pan with easing, slow zoom
 * and roll), with sprites that move across the scene and sprites fixed in it (cut-outs of other photographs with a
 * soft outline, and procedural objects), and for each case one first-frame edit made in the scene itself so that
 * its ground truth follows the camera, the motion and the occlusions exactly. Deterministic: a {@link CaseSpec}
 * always gives the same frames (every draw comes from its seed).
 *
 * <p>Unlike the tiny model's training generator (32x32 flat or gradient backgrounds with flat-coloured shapes on
 * straight paths), every pixel here comes from a photograph or a shaded, textured object, the camera rolls and zooms
 * as well as pans, sprites sway and turn, and the sizes are those of user footage.
 */
public final class FootageCases {

    private FootageCases() {
    }

    /** The evaluation set: every kind at 384x216, 640x360 and 216x384, 14 frames, two seeds each (30 cases). */
    public static List<CaseSpec> evaluationSet() {
        List<CaseSpec> out = new ArrayList<>();
        int[][] sizes = {{384, 216}, {640, 360}, {216, 384}};
        long seed = 1;
        for (int[] s : sizes) {
            for (EditKind k : EditKind.values()) {
                for (int i = 0; i < 2; i++) {
                    out.add(new CaseSpec(k, s[0], s[1], 14, seed++));
                }
            }
        }
        return out;
    }

    /**
     * The small set the build's quality guard runs: two cases of every kind, 384x216 (one per kind) and 216x384,
     * 14 frames. Its seeds are the evaluation set's first ones at those sizes, so its numbers are comparable.
     */
    public static List<CaseSpec> guardSet() {
        List<CaseSpec> out = new ArrayList<>();
        for (CaseSpec s : evaluationSet()) {
            boolean first = s.seed() % 2 == 1;
            if (first && (s.width() == 384 || s.width() == 216)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Renders the case of {@code spec}. */
    public static FootageCase make(CaseSpec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + spec.kind().ordinal());
        int w = spec.width();
        int h = spec.height();
        boolean portrait = h > w;
        String bgName = portrait && rng.nextDouble() < 0.6 ? Photos.PORTRAIT
                : Photos.LANDSCAPES.get(rng.nextInt(Photos.LANDSCAPES.size()));
        Rgba bg = Photos.get(bgName);
        Camera camera = camera(bg, w, h, spec.frames(), rng);
        double unit = Math.min(w, h) / camera.zoom0(); // scene units across the frame's shorter side
        List<Sprite> sprites = new ArrayList<>();
        int moving = 1 + rng.nextInt(2);
        int fixed = 1 + rng.nextInt(2);
        for (int i = 0; i < moving + fixed; i++) {
            boolean moves = i < moving;
            double size = unit * (0.26 + 0.14 * rng.nextDouble());
            Motion m = moves ? movingPath(camera, w, h, size, rng) : fixedPlace(camera, w, h, rng);
            sprites.add(art(bgName, size, camera, rng, m));
        }
        shuffle(sprites, rng);
        Scene source = new Scene(bg, camera, sprites, null);
        Edit edit = edit(spec.kind(), source, bgName, w, h, unit, rng);
        Video src = SceneRenderer.render(source, w, h);
        Video truth = SceneRenderer.render(edit.scene(), w, h);
        boolean[][] masks = masks(src, truth, edit.coverage(), w, h);
        String description = String.format(Locale.ROOT, "%s, %dx%d, %d frames: background %s, camera pan (%.0f,%.0f)"
                        + "->(%.0f,%.0f) zoom %.3f->%.3f roll %.1f->%.1f deg; sprites back to front: %s; edit: %s",
                spec.name(), w, h, spec.frames(), bgName, camera.x0(), camera.y0(), camera.x1(), camera.y1(),
                camera.zoom0(), camera.zoom1(), Math.toDegrees(camera.roll0()), Math.toDegrees(camera.roll1()),
                String.join(", ", sprites.stream().map(s -> s.name() + (s.motion().isFixed() ? " (fixed)"
                        : " (moving)")).toList()), edit.what());
        return new FootageCase(spec, src, truth, masks, description);
    }

    /** The edited scene, where its edit can show (per frame and pixel, the larger of both scenes' coverage), in words. */
    private record Edit(Scene scene, float[][] coverage, String what) {
    }

    private static Edit edit(EditKind kind, Scene s, String bgName, int w, int h, double unit, SplittableRandom rng) {
        Camera cam = s.camera();
        switch (kind) {
            case RECOLOUR_REGION -> {
                double rx = unit * (0.18 + 0.14 * rng.nextDouble());
                double[] p = colourfulSpot(s.background(), cam, w, h, rx, rng);
                double ry = rx * (0.55 + 0.45 * rng.nextDouble());
                ColourShift shift = new ColourShift(sign(rng) * (100 + 80 * rng.nextDouble()), 1.5);
                Scene e = s.withTint(new RegionTint(p[0], p[1], rx, ry, rng.nextDouble() * Math.PI, unit * 0.04,
                        shift));
                return new Edit(e, SceneRenderer.coverage(e, null, w, h),
                        String.format(Locale.ROOT, "background region at (%.0f,%.0f) hue %+.0f deg", p[0], p[1],
                                shift.hueDegrees()));
            }
            case RECOLOUR_OBJECT -> {
                int i = pick(s, true, rng);
                Sprite old = s.sprites().get(i);
                ColourShift shift = new ColourShift(sign(rng) * (110 + 70 * rng.nextDouble()), 1.4);
                Sprite recoloured = old.withArt(old.name() + " recoloured", old.art().recoloured(shift));
                Scene e = s.withSprite(i, recoloured);
                return new Edit(e, SceneRenderer.coverage(e, recoloured, w, h),
                        String.format(Locale.ROOT, "%s recoloured, hue %+.0f deg", old.name(), shift.hueDegrees()));
            }
            case ADD -> {
                double size = unit * (0.26 + 0.12 * rng.nextDouble());
                Sprite added = art(bgName, size, cam, rng, fixedPlace(cam, w, h, rng));
                Scene e = s.withSpriteOnTop(added);
                return new Edit(e, SceneRenderer.coverage(e, added, w, h), added.name() + " added, fixed in the scene");
            }
            case REMOVE -> {
                int i = pick(s, rng.nextBoolean(), rng);
                Sprite gone = s.sprites().get(i);
                return new Edit(s.withSprite(i, null), SceneRenderer.coverage(s, gone, w, h),
                        gone.name() + (gone.motion().isFixed() ? " (fixed)" : " (moving)") + " removed");
            }
            case REPLACE -> {
                int i = pick(s, true, rng);
                Sprite old = s.sprites().get(i);
                Sprite other;
                do {
                    other = art(bgName, old.size(), cam, rng, old.motion());
                } while (kindOf(other).equals(kindOf(old)));
                Sprite replacement = old.withArt(other.name(), other.art());
                Scene e = s.withSprite(i, replacement);
                float[][] a = SceneRenderer.coverage(s, old, w, h);
                float[][] b = SceneRenderer.coverage(e, replacement, w, h);
                for (int t = 0; t < a.length; t++) {
                    for (int k = 0; k < a[t].length; k++) {
                        a[t][k] = Math.max(a[t][k], b[t][k]);
                    }
                }
                return new Edit(e, a, old.name() + " replaced by " + replacement.name());
            }
            default -> throw new IllegalStateException("Unknown kind " + kind);
        }
    }

    /** The edit region: where the edited element covers at least 1/255, or the truth differs from the source. */
    private static boolean[][] masks(Video src, Video truth, float[][] coverage, int w, int h) {
        int plane = w * h;
        boolean[][] out = new boolean[src.frames()][plane];
        float[] s = src.data();
        float[] d = truth.data();
        for (int t = 0; t < src.frames(); t++) {
            int base = t * 3 * plane;
            for (int i = 0; i < plane; i++) {
                boolean differs = false;
                for (int c = 0; c < 3; c++) {
                    differs |= s[base + c * plane + i] != d[base + c * plane + i];
                }
                out[t][i] = differs || coverage[t][i] >= 1f / 255;
            }
        }
        return out;
    }

    /**
     * A camera whose every view lies inside the photo: zoomed in 1.2-1.45x past the fit, panning 12-35 % of the view's
     * longer side in a random direction (less where the margin is smaller), zooming by -6..+8 % and rolling up to 2.5
     * degrees.
     */
    private static Camera camera(Rgba bg, int w, int h, int frames, SplittableRandom rng) {
        double fit = Math.max((double) w / bg.width(), (double) h / bg.height());
        double zoom0 = fit * (1.2 + 0.25 * rng.nextDouble());
        double zoom1 = zoom0 * (1 - 0.06 + 0.14 * rng.nextDouble());
        double roll0 = Math.toRadians(-1.5 + 3 * rng.nextDouble());
        double roll1 = roll0 + Math.toRadians(-2.5 + 5 * rng.nextDouble());
        double ease = rng.nextDouble();
        double marginX = (bg.width() - w / zoom0) / 2;
        double marginY = (bg.height() - h / zoom0) / 2;
        double angle = rng.nextDouble() * 2 * Math.PI;
        // a slow pan: 12-35 % of the view's longer side over the clip, within the margin
        double travel = Math.max(w, h) / zoom0 * (0.12 + 0.23 * rng.nextDouble());
        double hx = Math.cos(angle) * travel / 2;
        double hy = Math.sin(angle) * travel / 2;
        double fitMargin = Math.min(1, Math.min(0.9 * marginX / Math.max(1e-9, Math.abs(hx)),
                0.9 * marginY / Math.max(1e-9, Math.abs(hy))));
        double reach = fitMargin;
        double cx = bg.width() / 2.0;
        double cy = bg.height() / 2.0;
        for (int attempt = 0; attempt < 40; attempt++) {
            double dx = hx * reach;
            double dy = hy * reach;
            Camera c = new Camera(cx - dx, cy - dy, cx + dx, cy + dy, zoom0, zoom1, roll0, roll1, ease, frames);
            if (c.viewsInside(w, h, bg.width(), bg.height())) {
                return c;
            }
            reach *= 0.85;
            roll1 = roll0 + (roll1 - roll0) * 0.85;
            zoom1 = zoom0 + Math.abs(zoom1 - zoom0) * 0.85;
        }
        // the fallback always fits: no pan, no roll, zooming in only
        return new Camera(cx, cy, cx, cy, zoom0, zoom0 * 1.03, 0, 0, 0, frames);
    }

    /**
     * Of eight places in the middle 40 % of frame 0, the one whose background around it (radius r) is most
     * colourful (mean HSV saturation times value): a user recolours something that has a colour.
     */
    private static double[] colourfulSpot(Rgba bg, Camera cam, int w, int h, double r, SplittableRandom rng) {
        double[] best = null;
        double bestScore = -1;
        float[] texel = new float[4];
        for (int k = 0; k < 8; k++) {
            double[] p = new double[2];
            cam.toScene(w * (0.3 + 0.4 * rng.nextDouble()), h * (0.3 + 0.4 * rng.nextDouble()), w, h, 0, p);
            double score = 0;
            for (int j = -3; j <= 3; j++) {
                for (int i = -3; i <= 3; i++) {
                    bg.sample(p[0] + i * r / 4, p[1] + j * r / 4, true, texel);
                    float max = Math.max(texel[0], Math.max(texel[1], texel[2]));
                    float min = Math.min(texel[0], Math.min(texel[1], texel[2]));
                    score += max - min; // saturation x value
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = p;
            }
        }
        return best;
    }

    /** A path whose centre stays in the middle 80 % of every frame, 1.2-3 % of the frame's width per frame. */
    private static Motion movingPath(Camera cam, int w, int h, double size, SplittableRandom rng) {
        double[] p = new double[2];
        double[] q = new double[2];
        Motion best = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            cam.toScene(w * (0.2 + 0.6 * rng.nextDouble()), h * (0.2 + 0.6 * rng.nextDouble()), w, h, 0, p);
            double speed = w * (0.012 + 0.018 * rng.nextDouble()) / cam.zoom0();
            double dir = rng.nextDouble() * 2 * Math.PI;
            Motion m = new Motion(p[0], p[1], speed * Math.cos(dir), speed * Math.sin(dir),
                    size * 0.15 * rng.nextDouble(), 0.3 + 0.4 * rng.nextDouble(), rng.nextDouble() * 2 * Math.PI,
                    Math.toRadians(-4 + 8 * rng.nextDouble()));
            best = m;
            boolean inside = true;
            for (int t = 0; t < cam.frames() && inside; t++) {
                cam.toFrame(m.x(t), m.y(t), w, h, t, q);
                inside = q[0] > 0.1 * w && q[0] < 0.9 * w && q[1] > 0.1 * h && q[1] < 0.9 * h;
            }
            if (inside) {
                return m;
            }
        }
        return best;
    }

    /** A place in the scene seen in the middle 70 % of frame 0 and inside every later frame. */
    private static Motion fixedPlace(Camera cam, int w, int h, SplittableRandom rng) {
        double[] p = new double[2];
        double[] q = new double[2];
        for (int attempt = 0; ; attempt++) {
            cam.toScene(w * (0.15 + 0.7 * rng.nextDouble()), h * (0.15 + 0.7 * rng.nextDouble()), w, h, 0, p);
            boolean inside = true;
            for (int t = 0; t < cam.frames() && inside; t++) {
                cam.toFrame(p[0], p[1], w, h, t, q);
                inside = q[0] > 0.08 * w && q[0] < 0.92 * w && q[1] > 0.08 * h && q[1] < 0.92 * h;
            }
            if (inside || attempt >= 60) {
                return Motion.fixed(p[0], p[1], rng.nextDouble() * 2 * Math.PI);
            }
        }
    }

    /** A sprite of {@code size} scene units on motion m: a cut-out (of a close-up or another background) or a shape. */
    private static Sprite art(String bgName, double size, Camera cam, SplittableRandom rng, Motion m) {
        int texels = Math.max(24, (int) Math.ceil(size * Math.max(cam.zoom0(), cam.zoom1()) * 1.5));
        int pick = rng.nextInt(6);
        return switch (pick) {
            case 0, 1 -> {
                String name = Photos.CLOSE_UPS.get(pick);
                yield new Sprite("cut-out of " + name, SpriteArt.cutOut(Photos.get(name), 0.45 + 0.4 * rng.nextDouble(),
                        texels, rng), size, m);
            }
            case 2 -> {
                List<String> others = new ArrayList<>(Photos.LANDSCAPES);
                others.add(Photos.PORTRAIT);
                others.remove(bgName);
                String name = others.get(rng.nextInt(others.size()));
                yield new Sprite("cut-out of " + name, SpriteArt.cutOut(Photos.get(name), 0.3 + 0.2 * rng.nextDouble(),
                        texels, rng), size, m);
            }
            case 3 -> new Sprite("ball", SpriteArt.ball(SpriteArt.vividColour(rng), texels), size, m);
            case 4 -> new Sprite("striped tile", SpriteArt.stripedTile(SpriteArt.vividColour(rng),
                    SpriteArt.vividColour(rng), 2 + 2 * rng.nextDouble(), texels), size, m);
            default -> new Sprite("star", SpriteArt.star(SpriteArt.vividColour(rng), SpriteArt.vividColour(rng),
                    texels), size, m);
        };
    }

    private static String kindOf(Sprite s) {
        return s.name().startsWith("cut-out") ? "cut-out" : s.name();
    }

    /** Index of a sprite, moving ones when {@code moving} (and there is one), else any. */
    private static int pick(Scene s, boolean moving, SplittableRandom rng) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < s.sprites().size(); i++) {
            if (!moving || !s.sprites().get(i).motion().isFixed()) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return rng.nextInt(s.sprites().size());
        }
        return candidates.get(rng.nextInt(candidates.size()));
    }

    private static double sign(SplittableRandom rng) {
        return rng.nextBoolean() ? 1 : -1;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}

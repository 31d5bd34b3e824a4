"""Seeded photographic training clips for tiny v2 (train.py --recipe v2).

A clip is T frames of H x W RGB: a photograph seen through a moving camera (pan, zoom, a small rotation, each
drawn per clip), with 0-3 sprites on top (cut-outs of other photographs or flat-coloured procedural shapes, in
the shapes of videogen.py) that move at constant velocity, may enter or leave the frame and occlude each other
(drawn in order), and with a lighting change over the clip (gain and tint ramps).

Photographs: the images of Debian's mate-backgrounds, gnome-backgrounds and plasma-workspace-wallpapers packages
(listed with dpkg -L; one image per wallpaper folder of plasma, the largest), never ukui-wallpapers (the project's
real-photo evaluation set) and never a file named in --exclude (by default tiny-model/eval-sources.txt). The photographs
are read once, scaled so that the short side is 256 px, and cached as one .npz next to the checkpoints; they are
not redistributed (the bundle holds only weights trained on them).

Everything is a pure function of the clip seed and the photo list.
"""
import os, re, subprocess, sys
import numpy as np
from PIL import Image

import videogen

PACKAGES = ("mate-backgrounds", "gnome-backgrounds", "plasma-workspace-wallpapers")
EXCLUDED_PACKAGES = ("ukui-wallpapers",)
EXTS = (".jpg", ".jpeg", ".png", ".webp")
SHORT_SIDE = 256


def _exclusions(exclude_file):
    """(excluded paths and basenames, excluded folder prefixes) from --exclude and the excluded packages."""
    excluded, excluded_dirs = set(), []
    if exclude_file and os.path.exists(exclude_file):
        # lines like "package /path/to/file.jpg (comment)" or "package /path/to/folder/ (...)"; '#' comments
        for line in open(exclude_file):
            if line.lstrip().startswith("#"):
                continue
            for tok in line.split():
                tok = tok.rstrip(",")
                if not tok.startswith("/"):
                    continue
                if tok.endswith("/") or os.path.isdir(tok):
                    excluded_dirs.append(tok.rstrip("/") + "/")
                elif "*" not in tok:
                    excluded.add(tok); excluded.add(os.path.basename(tok))
    for pkg in EXCLUDED_PACKAGES:
        excluded.update(_package_files(pkg))
    return excluded, excluded_dirs


def _package_files(pkg):
    """The files dpkg lists for an installed package; none where the package or dpkg itself is missing."""
    try:
        r = subprocess.run(["dpkg", "-L", pkg], capture_output=True, text=True)
    except OSError:  # no dpkg: not a Debian machine (e.g. a GPU box)
        return []
    return r.stdout.split() if r.returncode == 0 else []


def _kept(paths, exclusions):
    excluded, excluded_dirs = exclusions
    return [p for p in paths if p not in excluded and os.path.basename(p) not in excluded
            and not any(p.startswith(d) for d in excluded_dirs)]


def list_photos(exclude_file=None):
    """Paths of the training photographs (sorted), after exclusions; empty where the packages are not installed."""
    paths = []
    for pkg in PACKAGES:
        out = _package_files(pkg)
        paths += [p for p in out if p.lower().endswith(EXTS) and os.path.isfile(p) and "screenshot" not in p]
    # plasma: one image per images folder (the largest file), the others are the same picture at other sizes
    best = {}
    rest = []
    for p in paths:
        if "/usr/share/wallpapers/" in p and "/contents/images" in p:
            d = os.path.dirname(p)
            if d not in best or os.path.getsize(p) > os.path.getsize(best[d]):
                best[d] = p
        else:
            rest.append(p)
    # mate: Elephants.jpg also comes as Elephants_3840x2160.jpg etc. (same picture)
    stems = {os.path.splitext(p)[0] for p in rest}
    rest = [p for p in rest if not (re.search(r"_\d+x\d+$", os.path.splitext(p)[0])
                                    and re.sub(r"_\d+x\d+$", "", os.path.splitext(p)[0]) in stems)]
    return _kept(sorted(set(rest) | set(best.values())), _exclusions(exclude_file))


def training_photo_paths(exclude_file, cache):
    """The training photographs: from the installed packages (list_photos) or, where none is installed (a machine
    other than Debian, e.g. a GPU box), from the photo cache that a Debian machine wrote (copy RUN/photos_256.npz
    into the run folder), after the same exclusions. Fails naming both sources where neither is there."""
    paths = list_photos(exclude_file)
    if paths:
        return paths
    if cache and os.path.exists(cache):
        cached = [str(p) for p in np.load(cache, allow_pickle=False)["paths"]]
        kept = _kept(cached, _exclusions(exclude_file))
        if kept:
            print(f"photogen: the packages {', '.join(PACKAGES)} are not installed: using {len(kept)} of the "
                  f"{len(cached)} photographs cached in {cache}", file=sys.stderr)
            return kept
    where = f"their cache {cache}" if cache else "a photo cache (--cache FILE)"
    raise SystemExit(f"expected the training photographs: Debian's packages {' '.join(PACKAGES)} installed "
                     f"(apt-get install {' '.join(PACKAGES)}), or {where} (copy photos_256.npz from a run folder "
                     f"of a machine that has them), but found neither")


def training_photos(exclude_file, cache):
    """(paths, uint8 arrays) of the training photographs: training_photo_paths, then load_photos."""
    paths = training_photo_paths(exclude_file, cache)
    return paths, load_photos(paths, cache)


def load_photos(paths, cache):
    """uint8 arrays, short side SHORT_SIDE; read from `cache` (.npz) where it holds every path, else read from the
    files and cached there."""
    if cache and os.path.exists(cache):
        z = np.load(cache, allow_pickle=False)
        index = {str(p): i for i, p in enumerate(z["paths"])}
        if all(p in index for p in paths):
            return [z[f"p{index[p]}"] for p in paths]
    out = []
    for p in paths:
        im = Image.open(p)
        im.draft("RGB", (SHORT_SIDE * 2, SHORT_SIDE * 2))
        im = im.convert("RGB")
        w, h = im.size
        s = SHORT_SIDE / min(w, h)
        im = im.resize((max(SHORT_SIDE, round(w * s)), max(SHORT_SIDE, round(h * s))), Image.LANCZOS)
        out.append(np.asarray(im, dtype=np.uint8))
    if cache:
        np.savez(cache, paths=np.array(paths), **{f"p{i}": a for i, a in enumerate(out)})
    return out


def _affine(img, W, H, centre, scale, theta):
    """Output pixel (x, y) -> source centre + scale * R(theta) (x - W/2, y - H/2), bilinear."""
    c, s = np.cos(theta) * scale, np.sin(theta) * scale
    a, b, d, e = c, -s, s, c
    cx, cy = centre
    off_x = cx - a * W / 2 - b * H / 2
    off_y = cy - d * W / 2 - e * H / 2
    return np.asarray(img.transform((W, H), Image.AFFINE, (a, b, off_x, d, e, off_y), resample=Image.BILINEAR),
                      dtype=np.float32) / 255.0


def _sprite(rng, photos, H, W, T):
    """One sprite: RGBA patch (float, premultiplied later) and its per-frame top-left positions."""
    u = min(H, W) / 64.0
    r = rng.uniform(4.0, 14.0) * u
    S = int(np.ceil(2 * r + 4))
    kind = videogen.KINDS[rng.integers(len(videogen.KINDS))] if rng.uniform() < 0.6 else "ellipse"
    ys, xs = np.mgrid[0:S, 0:S].astype(np.float64) + 0.5 - S / 2
    if kind == "ellipse":
        ax, ay = r, r * rng.uniform(0.45, 1.0)
        if rng.uniform() < 0.5:
            ax, ay = ay, ax
        d = np.sqrt((xs / ax) ** 2 + (ys / ay) ** 2)
        cov = np.clip((1 - d) * min(ax, ay) + 0.5, 0, 1)
    else:
        if kind == "disc":
            size = {"r": r}
        elif kind == "square":
            size = {"h": r * 0.8}
        elif kind == "ring":
            size = {"r": r, "t": max(1.5 * u, r * rng.uniform(0.25, 0.45))}
        else:
            size = {"a": r, "b": max(1.5 * u, r * rng.uniform(0.2, 0.4)), "horiz": bool(rng.integers(2))}
        cov = videogen._coverage({"kind": kind, "size": size}, xs, ys)
    if rng.uniform() < 0.6:      # cut-out of a photograph (at a random scale)
        p = photos[rng.integers(len(photos))]
        sc = rng.uniform(0.5, 2.0)
        ph, pw = p.shape[:2]
        side = int(min(ph, pw, max(8, S * sc)))
        y0, x0 = rng.integers(0, ph - side + 1), rng.integers(0, pw - side + 1)
        tex = np.asarray(Image.fromarray(p[y0:y0 + side, x0:x0 + side]).resize((S, S), Image.BILINEAR),
                         dtype=np.float32) / 255.0
    else:                         # flat colour, sometimes a gentle gradient
        c0 = rng.uniform(0, 1, 3)
        g = rng.uniform(-0.25, 0.25, 3) if rng.uniform() < 0.5 else np.zeros(3)
        tex = np.clip(c0 + g * (xs[..., None] / S), 0, 1).astype(np.float32)
    # trajectory (screen coordinates of the patch centre): inside, entering or leaving
    speed = rng.uniform(0.3, 3.0) * u
    ang = rng.uniform(0, 2 * np.pi)
    vel = speed * np.array([np.cos(ang), np.sin(ang)])
    mode = rng.uniform()
    if mode < 0.25:      # enters: starts outside, moving in
        end = np.array([rng.uniform(0.2 * W, 0.8 * W), rng.uniform(0.2 * H, 0.8 * H)])
        start = end - vel * (T - 1)
    elif mode < 0.45:    # leaves
        start = np.array([rng.uniform(0.2 * W, 0.8 * W), rng.uniform(0.2 * H, 0.8 * H)])
    else:
        start = np.array([rng.uniform(0.1 * W, 0.9 * W), rng.uniform(0.1 * H, 0.9 * H)])
        end = start + vel * (T - 1)
        lo, hi = np.array([0.05 * W, 0.05 * H]), np.array([0.95 * W, 0.95 * H])
        end = np.clip(end, lo, hi)
        vel = (end - start) / max(T - 1, 1)
    pos = start[None, :] + vel[None, :] * np.arange(T)[:, None]
    rgba = np.concatenate([tex, cov[..., None].astype(np.float32)], axis=-1)
    return rgba, pos, S


def _paste(frame, rgba, centre, S):
    """Composites the RGBA patch with its centre at the (sub-pixel) screen position; bilinear."""
    H, W = frame.shape[:2]
    img = Image.fromarray((rgba * 255 + 0.5).astype(np.uint8), "RGBA")
    ox, oy = centre[0] - S / 2, centre[1] - S / 2
    warped = np.asarray(img.transform((W, H), Image.AFFINE, (1, 0, -ox, 0, 1, -oy), resample=Image.BILINEAR),
                        dtype=np.float32) / 255.0
    a = warped[..., 3:4]
    return frame * (1 - a) + warped[..., :3] * a


EDIT_KINDS = ("recolour-region", "recolour-object", "add", "remove", "replace")


def hue_rotate(rgb, degrees, saturation=1.0):
    """[..., 3] in [0,1]: rotation about the grey axis by `degrees`, then saturation scaled about each pixel's grey
    level; clipped to [0,1]."""
    a = np.deg2rad(degrees)
    k = np.ones(3) / np.sqrt(3)
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    R = np.eye(3) + np.sin(a) * K + (1 - np.cos(a)) * K @ K
    out = rgb @ R.T.astype(np.float32)
    g = out.mean(-1, keepdims=True)
    return np.clip(g + saturation * (out - g), 0, 1).astype(np.float32)


def _to_scene(q, centre, scale, theta, W, H):
    """Screen point (x, y) of a frame -> the prescaled photo's coordinates (the map _affine samples with)."""
    c, s = np.cos(theta) * scale, np.sin(theta) * scale
    dx, dy = q[0] - W / 2, q[1] - H / 2
    return np.array([centre[0] + c * dx - s * dy, centre[1] + s * dx + c * dy])


def _to_screen(P, centre, scale, theta, W, H):
    c, s = np.cos(theta) / scale, np.sin(theta) / scale
    dx, dy = P[0] - centre[0], P[1] - centre[1]
    return np.array([c * dx + s * dy + W / 2, -s * dx + c * dy + H / 2])


def _visible0(pos, W, H):
    return 0.1 * W <= pos[0][0] <= 0.9 * W and 0.1 * H <= pos[0][1] <= 0.9 * H


def make_photo_clip(seed, photos, T=14, H=64, W=64, edit=None):
    """float32 [T,H,W,3] in [0,1]. With `edit` (one of EDIT_KINDS) returns (edited, source, kind): the same clip
    twice, the source as without `edit` and the edited version with one change that the first frame shows,
    carried through the clip by the scene (a recoloured background region fixed in the scene, a recoloured or
    replaced sprite, an added sprite fixed in the scene, a removed sprite). The edit's own draws come from a second
    generator (seeded from `seed`), so the source is exactly the clip without `edit`. An object edit on a clip
    without a sprite visible in frame 0 becomes an add."""
    rng = np.random.default_rng(int(seed))
    erng = np.random.default_rng(int(seed) * 7 + 424242)
    p = photos[rng.integers(len(photos))]
    if rng.uniform() < 0.5:
        p = p[:, ::-1]
    ph, pw = p.shape[:2]
    # zoom: source pixels per output pixel at frame 0, then pre-scale the photo so that it is ~1
    s0 = rng.uniform(1.0, 3.5)
    zoom = rng.uniform(-0.03, 0.03) if rng.uniform() < 0.4 else 0.0
    pre = 1.0 / s0
    img = Image.fromarray(np.ascontiguousarray(p)).resize((max(W + 4, round(pw * pre)), max(H + 4, round(ph * pre))),
                                                          Image.BOX)
    iw, ih = img.size
    scales = np.exp(zoom * np.arange(T))
    theta0 = np.deg2rad(rng.uniform(-6, 6)) if rng.uniform() < 0.3 else 0.0
    omega = np.deg2rad(rng.uniform(-0.6, 0.6)) if rng.uniform() < 0.3 else 0.0
    thetas = theta0 + omega * np.arange(T)
    pan = rng.uniform(-2.0, 2.0, 2) if rng.uniform() < 0.75 else np.zeros(2)
    # keep the view inside the photo: half-extent of the rotated, zoomed view
    ext = np.array([[abs(np.cos(t)) * W / 2 + abs(np.sin(t)) * H / 2, abs(np.sin(t)) * W / 2 + abs(np.cos(t)) * H / 2]
                    for t in thetas]) * scales[:, None] + 1
    room = np.array([iw, ih]) - 2 * ext.max(0)
    if (room < 0).any():          # cannot fit: no zoom-out, no rotation
        scales = np.minimum(scales, 1.0); thetas = thetas * 0
        ext = np.array([[W / 2 + 1, H / 2 + 1]] * T) * scales[:, None]
        room = np.array([iw, ih]) - 2 * ext.max(0)
    room = np.maximum(room, 0)
    travel = np.clip(np.abs(pan) * (T - 1), 0, room)
    pan = np.sign(pan) * travel / max(T - 1, 1)
    lo = ext.max(0) + np.where(pan < 0, travel, 0)
    hi = np.array([iw, ih]) - ext.max(0) - np.where(pan > 0, travel, 0)
    c0 = lo + rng.uniform(0, 1, 2) * np.maximum(hi - lo, 0)
    centres = [c0 + pan * t for t in range(T)]

    def render(photo):
        return np.stack([_affine(photo, W, H, centres[t], scales[t], thetas[t]) for t in range(T)])
    frames = render(img)
    n_spr = rng.choice(4, p=[0.15, 0.35, 0.3, 0.2])
    sprites = [_sprite(rng, photos, H, W, T) for _ in range(n_spr)]
    gain = np.exp(rng.uniform(-0.35, 0.35) * np.arange(T) / max(T - 1, 1)) if rng.uniform() < 0.35 else None
    tint = rng.uniform(-0.1, 0.1, 3) if rng.uniform() < 0.2 else None

    def finish(frames, sprites):
        for rgba, pos, S in sprites:
            frames = np.stack([_paste(frames[t], rgba, pos[t], S) for t in range(T)])
        if gain is not None:      # lighting: gain ramp
            frames = frames * gain[:, None, None, None]
        if tint is not None:      # tint ramp
            frames = frames * (1 + tint[None, :] * (np.arange(T) / max(T - 1, 1))[:, None])[:, None, None, :]
        return np.clip(frames, 0, 1).astype(np.float32)
    source = finish(frames, sprites)
    if edit is None:
        return source
    if edit not in EDIT_KINDS:
        raise ValueError(f"edit: expected one of {EDIT_KINDS}, found {edit!r}")
    shown = [i for i, (_, pos, _) in enumerate(sprites) if _visible0(pos, W, H)]
    if edit in ("recolour-object", "remove", "replace") and not shown:
        edit = "add"
    degrees = erng.choice([-1, 1]) * erng.uniform(60, 180)
    sat = erng.uniform(1.0, 1.5)
    edited_sprites = list(sprites)
    edited_frames = frames
    if edit == "recolour-region":
        q = np.array([erng.uniform(0.25, 0.75) * W, erng.uniform(0.25, 0.75) * H])
        P = _to_scene(q, centres[0], scales[0], thetas[0], W, H)
        rx = min(W, H) * erng.uniform(0.18, 0.35) * scales[0]
        ry = rx * erng.uniform(0.55, 1.0)
        ang = erng.uniform(0, np.pi)
        ys, xs = np.mgrid[0:ih, 0:iw].astype(np.float32) + 0.5
        u = (xs - P[0]) * np.cos(ang) + (ys - P[1]) * np.sin(ang)
        v = -(xs - P[0]) * np.sin(ang) + (ys - P[1]) * np.cos(ang)
        d = np.sqrt((u / rx) ** 2 + (v / ry) ** 2)
        m = np.clip((1 - d) * min(rx, ry) / 2 + 0.5, 0, 1)[..., None]
        arr = np.asarray(img, dtype=np.float32) / 255.0
        arr = arr * (1 - m) + hue_rotate(arr, degrees, sat) * m
        edited_frames = render(Image.fromarray((arr * 255 + 0.5).astype(np.uint8)))
    elif edit == "recolour-object":
        i = shown[erng.integers(len(shown))]
        rgba, pos, S = sprites[i]
        edited_sprites[i] = (np.concatenate([hue_rotate(rgba[..., :3], degrees, sat), rgba[..., 3:]], -1), pos, S)
    elif edit == "remove":
        i = shown[erng.integers(len(shown))]
        edited_sprites = [s for k, s in enumerate(sprites) if k != i]
    elif edit == "replace":
        i = shown[erng.integers(len(shown))]
        _, pos, S = sprites[i]
        rgba2, _, S2 = _sprite(erng, photos, H, W, T)
        rgba2 = np.asarray(Image.fromarray((rgba2 * 255 + 0.5).astype(np.uint8), "RGBA").resize((S, S), Image.BILINEAR),
                           dtype=np.float32) / 255.0
        edited_sprites[i] = (rgba2, pos, S)
    else:   # add: a sprite fixed in the scene, on top, inside frame 0
        rgba, _, S = _sprite(erng, photos, H, W, T)
        q = np.array([erng.uniform(0.2, 0.8) * W, erng.uniform(0.2, 0.8) * H])
        P = _to_scene(q, centres[0], scales[0], thetas[0], W, H)
        pos = np.stack([_to_screen(P, centres[t], scales[t], thetas[t], W, H) for t in range(T)])
        edited_sprites = sprites + [(rgba, pos, S)]
    return finish(edited_frames, edited_sprites), source, edit


def make_dataset(seeds, photos, T, H, W, p_photo=0.75):
    """uint8 [N,T,H,W,3]: photographic clips with probability p_photo (per seed), else videogen's clips."""
    out = np.empty((len(seeds), T, H, W, 3), dtype=np.uint8)
    for i, s in enumerate(seeds):
        if np.random.default_rng(int(s) + 17).uniform() < p_photo:
            c = make_photo_clip(s, photos, T, H, W)
        else:
            c = videogen.make_clip(s, T, H, W, edits=False)["source"]
        out[i] = (c * 255 + 0.5).astype(np.uint8)
    return out


def make_pair_dataset(seeds, photos, T, H, W, p_photo=0.75):
    """(edited, source) uint8 [N,T,H,W,3] and the kinds [N]: per seed an edit kind (cycling through EDIT_KINDS),
    photographic pairs with probability p_photo, else videogen's ground-truth edits (recolour / add / remove; a
    replace or region recolour becomes a recolour there)."""
    ed = np.empty((len(seeds), T, H, W, 3), dtype=np.uint8)
    src = np.empty_like(ed)
    kinds = []
    for i, s in enumerate(seeds):
        kind = EDIT_KINDS[int(s) % len(EDIT_KINDS)]
        if np.random.default_rng(int(s) + 17).uniform() < p_photo:
            e, c, kind = make_photo_clip(s, photos, T, H, W, edit=kind)
        else:
            kind = {"recolour-region": "recolour", "recolour-object": "recolour", "replace": "recolour"}.get(kind, kind)
            clip = videogen.make_clip(s, T, H, W, edits=True)
            e, c = clip[kind], clip["source"]
        ed[i] = (e * 255 + 0.5).astype(np.uint8)
        src[i] = (c * 255 + 0.5).astype(np.uint8)
        kinds.append(kind)
    return ed, src, kinds


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description="write a sheet of example training clips")
    ap.add_argument("--n", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", default="64x64")
    ap.add_argument("--cache", default=None)
    ap.add_argument("--exclude", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval-sources.txt"))
    ap.add_argument("--out", default="photogen_examples.png")
    a = ap.parse_args()
    W, H = (int(v) for v in a.size.split("x"))
    paths, ph = training_photos(a.exclude, a.cache)
    print(len(paths), "photos")
    d = make_dataset(range(a.seed, a.seed + a.n), ph, 14, H, W, p_photo=1.0)
    sheet = np.concatenate([np.concatenate(list(c), axis=1) for c in d], axis=0)
    Image.fromarray(sheet).resize((sheet.shape[1] * 2, sheet.shape[0] * 2), Image.NEAREST).save(a.out)
    print("wrote", a.out)

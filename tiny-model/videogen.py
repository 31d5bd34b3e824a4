"""Seeded procedural clip generator for the Videoshop tiny model.

A clip is T frames (default 8) of H x W RGB (default 32 x 32) showing 1-3 shapes
(disc, square, ring, stripe) of random colours moving at constant velocity over a
flat or smooth (bilinear four-colour gradient) background, optionally seen through a
camera that pans at constant velocity (the background and every object are defined in
scene coordinates; the camera offset is subtracted).

For the same clip `make_clip(seed)` also renders ground-truth edited versions:
  recolour : one shape gets a clearly different colour in every frame
  add      : a new shape, placed in frame 0 and fixed in the scene (it moves only with
             the camera), drawn on top of everything, present in every frame
  remove   : one shape is absent from every frame (background shows through)

Everything is a pure function of the integer seed (numpy default_rng(seed)).

Seeds: TRAINING seeds are 0 <= seed < 1_000_000 (train.py uses 0 .. N-1).
       EVALUATION seeds are seed >= EVAL_SEED_BASE = 1_000_000_000 (evaluate.py,
       the committed evaluation cases and the demo clip use EVAL_SEED_BASE + k).
The two ranges are disjoint by construction.
"""
import numpy as np

EVAL_SEED_BASE = 1_000_000_000
TRAIN_SEED_LIMIT = 1_000_000
KINDS = ("disc", "square", "ring", "stripe")


def _colour(rng, avoid=(), min_dist=0.35):
    for _ in range(100):
        c = rng.uniform(0.0, 1.0, 3)
        if all(np.linalg.norm(c - a) >= min_dist for a in avoid):
            return c
    return c


def _new_shape(rng, H, W, T, avoid_colours, static=False):
    kind = KINDS[rng.integers(len(KINDS))]
    s = min(H, W) / 32.0  # sizes are given for 32 px frames
    if kind == "disc":
        size = {"r": rng.uniform(3.0, 6.5) * s}
    elif kind == "square":
        size = {"h": rng.uniform(2.5, 5.5) * s}
    elif kind == "ring":
        size = {"r": rng.uniform(4.5, 7.5) * s, "t": rng.uniform(1.6, 2.4) * s}
    else:
        horiz = bool(rng.integers(2))
        size = {"a": rng.uniform(6.0, 11.0) * s, "b": rng.uniform(1.3, 2.2) * s, "horiz": horiz}
    m = 5.0 * s
    start = np.array([rng.uniform(m, W - m), rng.uniform(m, H - m)])
    if static:
        vel = np.zeros(2)
    else:
        for _ in range(50):
            end = np.array([rng.uniform(m, W - m), rng.uniform(m, H - m)])
            vel = (end - start) / max(T - 1, 1)
            sp = np.linalg.norm(vel)
            if 0.4 * s <= sp <= 2.0 * s:
                break
        else:
            vel = np.array([0.8 * s, 0.0])
    return {"kind": kind, "size": size, "pos": start, "vel": vel,
            "colour": _colour(rng, avoid_colours)}


def _coverage(shape, X, Y):
    """Anti-aliased coverage in [0,1] of a shape centred at (0,0) at offsets X, Y."""
    k, sz = shape["kind"], shape["size"]
    if k == "disc":
        d = np.sqrt(X * X + Y * Y)
        return np.clip(sz["r"] - d + 0.5, 0, 1)
    if k == "square":
        d = np.maximum(np.abs(X), np.abs(Y))
        return np.clip(sz["h"] - d + 0.5, 0, 1)
    if k == "ring":
        d = np.sqrt(X * X + Y * Y)
        return np.clip(sz["r"] - d + 0.5, 0, 1) * np.clip(d - (sz["r"] - sz["t"]) + 0.5, 0, 1)
    a, b = (sz["a"], sz["b"]) if sz["horiz"] else (sz["b"], sz["a"])
    return np.clip(a - np.abs(X) + 0.5, 0, 1) * np.clip(b - np.abs(Y) + 0.5, 0, 1)


def _render(scene, shapes, T, H, W):
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float64) + 0.5
    frames = np.zeros((T, H, W, 3))
    bg = scene["bg"]
    for t in range(T):
        cam = scene["pan"] * t
        sx, sy = xs + cam[0], ys + cam[1]          # scene coordinates of pixel centres
        u = np.clip((sx + W) / (3.0 * W), 0, 1)[..., None]
        v = np.clip((sy + H) / (3.0 * H), 0, 1)[..., None]
        img = (bg[0] * (1 - u) * (1 - v) + bg[1] * u * (1 - v) + bg[2] * (1 - u) * v + bg[3] * u * v)
        for sh in shapes:
            p = sh["pos"] + sh["vel"] * t
            cov = _coverage(sh, sx - p[0], sy - p[1])[..., None]
            img = img * (1 - cov) + sh["colour"] * cov
        frames[t] = img
    return np.clip(frames, 0, 1).astype(np.float32)


def make_clip(seed, T=8, H=32, W=32, edits=True):
    """Returns dict: 'source' [T,H,W,3] float32 in [0,1]; with edits=True also
    'recolour', 'add', 'remove' (same shape) and 'meta'."""
    rng = np.random.default_rng(int(seed))
    if rng.uniform() < 0.5:
        c = rng.uniform(0, 1, 3)
        bg = np.stack([c, c, c, c])
    else:
        c = rng.uniform(0, 1, 3)
        bg = np.stack([np.clip(c + rng.uniform(-0.35, 0.35, 3), 0, 1) for _ in range(4)])
    pan = np.zeros(2)
    if rng.uniform() < 0.3:
        pan = rng.uniform(-1.0, 1.0, 2) * (min(H, W) / 32.0)
    scene = {"bg": bg, "pan": pan}
    bg_mean = bg.mean(0)
    n = int(rng.integers(1, 4))
    shapes = []
    for _ in range(n):
        shapes.append(_new_shape(rng, H, W, T, [bg_mean] + [s["colour"] for s in shapes]))
    out = {"source": _render(scene, shapes, T, H, W)}
    if not edits:
        return out
    # (a) recolour one shape
    i = int(rng.integers(n))
    rec = [dict(s) for s in shapes]
    rec[i]["colour"] = _colour(rng, [bg_mean, shapes[i]["colour"]] + [s["colour"] for s in shapes], 0.5)
    out["recolour"] = _render(scene, rec, T, H, W)
    # (b) add a static object (fixed in scene), placed in frame 0 (camera offset 0)
    new = _new_shape(rng, H, W, T, [bg_mean] + [s["colour"] for s in shapes], static=True)
    out["add"] = _render(scene, shapes + [new], T, H, W)
    # (c) remove one shape
    j = int(rng.integers(n))
    out["remove"] = _render(scene, [s for k, s in enumerate(shapes) if k != j], T, H, W)
    out["meta"] = {"seed": int(seed), "n_shapes": n, "kinds": [s["kind"] for s in shapes],
                   "pan": pan.tolist(), "recoloured": i,
                   "velocities": [s["vel"].tolist() for s in shapes], "bg_mean": bg_mean.tolist(),
                   "colours": [s["colour"].tolist() for s in shapes], "new_colour": rec[i]["colour"].tolist(), "removed": j, "added": new["kind"]}
    return out


def make_batch(seeds, T=8, H=32, W=32):
    """Source clips only, uint8 [N,T,H,W,3] (used for training)."""
    return np.stack([(make_clip(s, T, H, W, edits=False)["source"] * 255 + 0.5).astype(np.uint8)
                     for s in seeds])


if __name__ == "__main__":
    import argparse, os
    from PIL import Image
    ap = argparse.ArgumentParser(description="write a sheet of example clips")
    ap.add_argument("--seed", type=int, default=EVAL_SEED_BASE)
    ap.add_argument("--n", type=int, default=4)
    ap.add_argument("--out", default="videogen_examples.png")
    a = ap.parse_args()
    rows = []
    for k in range(a.n):
        c = make_clip(a.seed + k)
        for key in ("source", "recolour", "add", "remove"):
            rows.append(np.concatenate(list(c[key]), axis=1))
    img = (np.concatenate(rows, 0) * 255 + 0.5).astype(np.uint8)
    Image.fromarray(img).resize((img.shape[1] * 3, img.shape[0] * 3), Image.NEAREST).save(a.out)
    print("wrote", a.out)

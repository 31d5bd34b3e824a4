"""Quality evaluation of the tiny model on EVALUATION seeds (videogen.EVAL_SEED_BASE + k),
measuring the targets of issue 3 and the ablation of issue 7.

For every clip: AE reconstruction PSNR; then for each inversion variant
(videoshop = extrapolated + per-video normalisation, naive, no-normalize, naive-no-normalize)
the source is inverted ONCE (conditioned on the source frame 0) and generated for
  recon    : edited = source frame 0, truth = source
  recolour / add / remove : edited = truth frame 0, truth = ground-truth edited clip
plus the baselines copy-first (edited frame 0 copied to all frames) and source (unedited).
Metrics on frames 1..T-1 against the truth (images in [0,1], peak 1): psnr (whole frames),
psnr_edit_region / psnr_outside_region (region = mask.png = pixels where the truth differs
from the source in ANY frame, |diff| > 1/255 in some channel), ssim (11x11 Gaussian, sigma 1.5,
RGB mean). "no-normalize" skips both the per-video normalisation and the final affine rescale.
Also: the trajectory check (cosine similarity of x - x0 between inversion steps).

  /usr/bin/python3 evaluate.py --bundle ../videoshop-onnx/src/main/resources/videoshop/models/tiny --n 20 --json eval.json
  /usr/bin/python3 evaluate.py --bundle ... --write-cases ../videoshop-bench/src/test/resources/eval-cases
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import videogen
from pipeline import Videoshop, save_png

VARIANTS = {"videoshop": ("extrapolated", True), "naive": ("naive", True),
            "no-normalize": ("extrapolated", False), "naive-no-normalize": ("naive", False)}
EDITS = ("recon", "recolour", "add", "remove")


def to_t(a):  # [T,H,W,3] float [0,1] -> [T,3,H,W] in [-1,1]
    return torch.from_numpy(a).permute(0, 3, 1, 2).contiguous() * 2 - 1


def mask_of(src, truth):  # [T,H,W,3] -> [H,W] bool
    return (np.abs(src - truth).max(axis=-1) > 1.0 / 255).any(axis=0)


def psnr_np(a, b, m=None):
    d = (a - b) ** 2
    if m is not None:
        if m.sum() == 0:
            return float("nan")
        d = d[:, m]
    return float(10 * np.log10(1.0 / max(d.mean(), 1e-12)))


_win = None


def ssim_np(a, b):
    global _win
    if _win is None:
        g = torch.exp(-(torch.arange(11) - 5.0) ** 2 / (2 * 1.5 ** 2)); g = g / g.sum()
        _win = (g[:, None] * g[None, :]).view(1, 1, 11, 11).repeat(3, 1, 1, 1)
    x = torch.from_numpy(a).permute(0, 3, 1, 2).float(); y = torch.from_numpy(b).permute(0, 3, 1, 2).float()
    f = lambda z: F.conv2d(z, _win, groups=3)
    mx, my = f(x), f(y)
    sxx, syy, sxy = f(x * x) - mx * mx, f(y * y) - my * my, f(x * y) - mx * my
    C1, C2 = 0.01 ** 2, 0.03 ** 2
    s = ((2 * mx * my + C1) * (2 * sxy + C2)) / ((mx * mx + my * my + C1) * (sxx + syy + C2))
    return float(s.mean())


def metrics(out, truth, m):
    """out, truth [T,H,W,3] in [0,1]; frames 1..T-1."""
    o, t = out[1:], truth[1:]
    return {"psnr": psnr_np(o, t), "psnr_per_frame": [psnr_np(out[i:i + 1], truth[i:i + 1]) for i in range(len(out))],
            "psnr_edit_region": psnr_np(o, t, m),
            "psnr_outside_region": psnr_np(o, t, ~m), "ssim": ssim_np(o, t)}


def to_np(x):  # [T,3,H,W] [-1,1] -> [T,H,W,3] [0,1]
    return ((x.clamp(-1, 1) + 1) / 2).permute(0, 2, 3, 1).contiguous().numpy()


def cos_stats(traj, x0):
    d = [(x - x0).flatten() for x in traj]
    d = [v / (v.norm() + 1e-12) for v in d]
    M = torch.stack(d) @ torch.stack(d).T
    n = len(d)
    adj = [float(M[i, i + 1]) for i in range(n - 1)]
    allp = [float(M[i, j]) for i in range(n) for j in range(i + 1, n)]
    return {"adjacent_mean": float(np.mean(adj)), "adjacent_min": float(np.min(adj)), "all_pairs_mean": float(np.mean(allp))}


def run(vs, seeds, args, log=print):
    recs, aerec, traj = [], [], []
    guid = [tuple(map(float, g.split(","))) for g in args.guidance.split(";")]
    variants = [v for v in args.variants.split(",")]
    H, W, T = vs.m["video"]["height"], vs.m["video"]["width"], args.frames
    t0 = time.time()
    for ci, seed in enumerate(seeds):
        c = videogen.make_clip(seed, T, H, W)
        src = c["source"]
        srct = to_t(src)
        with torch.no_grad():
            rec = to_np(vs.decode(vs.encode(srct)).clamp(-1, 1))
        aerec.append({"seed": seed, "psnr_all": psnr_np(rec, src), "psnr_1": psnr_np(rec[1:], src[1:])})
        if args.ae_only:
            continue
        cases = {"recon": src, "recolour": c["recolour"], "add": c["add"], "remove": c["remove"]}
        for e in EDITS:
            truth = cases[e]
            m = mask_of(src, truth) if e != "recon" else np.ones(src.shape[1:3], bool)
            for name, out in (("copy-first", np.repeat(truth[:1], T, 0)), ("source", src)):
                recs.append({"case": f"{seed}-{e}", "seed": seed, "edit": e, "method": name, "guidance": None,
                             **metrics(out, truth, m)})
        runs_ = [("raw", v) for v in variants] + [(ic, "videoshop") for ic in args.inv_cond.split(",") if ic != "raw"]
        for inv_cond, vname in runs_:
                mode, norm = VARIANTS[vname]
                tr = [] if (vname == "videoshop" and inv_cond == "raw") else None
                st = vs.invert_video(srct, args.strength, args.steps, args.threshold, mode, norm, inv_cond, seed, tr)
                if tr is not None:
                    traj.append(cos_stats(tr, st["x0"]))
                for e in EDITS:
                    truth = cases[e]
                    m = mask_of(src, truth) if e != "recon" else np.ones(src.shape[1:3], bool)
                    for g in (guid if vname == "videoshop" else guid[:1]):
                        out = to_np(vs.generate_video(st, to_t(truth[:1])[0], g[0], g[1]))
                        recs.append({"case": f"{seed}-{e}", "seed": seed, "edit": e,
                                     "method": vname if inv_cond == "raw" else f"{vname}[inv-cond={inv_cond}]",
                                     "guidance": list(g), **metrics(out, truth, m)})
        log(f"clip {ci + 1}/{len(seeds)} seed {seed} done ({time.time() - t0:.0f}s)")
    return recs, aerec, traj


def summarize(recs, aerec, traj):
    lines = []
    ae_all = np.mean([a["psnr_all"] for a in aerec]); ae1 = np.mean([a["psnr_1"] for a in aerec])
    lines.append(f"AE reconstruction PSNR (all eval frames): {ae_all:.2f} dB; frames 1..T-1: {ae1:.2f} dB")
    if traj:
        lines.append("trajectory cosine (x - x0), videoshop inversion: adjacent mean {:.4f}, adjacent min {:.4f}, all pairs {:.4f}".format(
            np.mean([t["adjacent_mean"] for t in traj]), np.min([t["adjacent_min"] for t in traj]), np.mean([t["all_pairs_mean"] for t in traj])))
    keys = sorted({(r["edit"], r["method"], str(r["guidance"])) for r in recs}, key=lambda k: (EDITS.index(k[0]), k[1], k[2]))
    lines.append("")
    lines.append("| edit | method | guidance | PSNR | PSNR edit region | PSNR outside | SSIM | n |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    summ = {}
    for k in keys:
        rs = [r for r in recs if (r["edit"], r["method"], str(r["guidance"])) == k]
        v = {m: float(np.nanmean([r[m] for r in rs])) for m in ("psnr", "psnr_edit_region", "psnr_outside_region", "ssim")}
        summ[k] = v
        g = "" if k[2] == "None" else k[2]
        lines.append(f"| {k[0]} | {k[1]} | {g} | {v['psnr']:.2f} | {v['psnr_edit_region']:.2f} | {v['psnr_outside_region']:.2f} | {v['ssim']:.4f} | {len(rs)} |")
    # reconstruction: extrapolated vs naive per clip
    g0 = next((r["guidance"] for r in recs if r["method"] == "naive"), None)
    rv = {r["seed"]: r["psnr"] for r in recs if r["edit"] == "recon" and r["method"] == "videoshop" and r["guidance"] == g0}
    rn = {r["seed"]: r["psnr"] for r in recs if r["edit"] == "recon" and r["method"] == "naive" and r["guidance"] == g0}
    if rv and rn:
        wins = sum(rv[s] > rn[s] for s in rv)
        lines.append("")
        lines.append(f"reconstruction (guidance {g0}): extrapolated beats naive on {wins}/{len(rv)} clips; "
                     f"videoshop recon PSNR frames 1..T-1 {np.mean(list(rv.values())):.2f} dB vs AE {ae1:.2f} dB "
                     f"(gap {ae1 - np.mean(list(rv.values())):.2f} dB); naive {np.mean(list(rn.values())):.2f} dB")
    pf = [r["psnr_per_frame"] for r in recs if r["edit"] == "recon" and r["method"] == "videoshop" and r["guidance"] == list(map(float, [1, 1]))]
    if not pf:
        pf = [r["psnr_per_frame"] for r in recs if r["edit"] == "recon" and r["method"] == "videoshop"]
    if pf:
        lines.append("videoshop reconstruction PSNR per frame: " + ", ".join(f"{v:.2f}" for v in np.mean(np.array(pf), 0)))
    return "\n".join(lines), summ


def write_cases(seeds_by_edit, out, H, W, T):
    from PIL import Image
    for name, (seed, e) in seeds_by_edit.items():
        c = videogen.make_clip(seed, T, H, W)
        d = os.path.join(out, name)
        os.makedirs(os.path.join(d, "source"), exist_ok=True); os.makedirs(os.path.join(d, "truth"), exist_ok=True)
        u8 = lambda a: (a * 255 + 0.5).astype(np.uint8)
        for t in range(T):
            Image.fromarray(u8(c["source"][t])).save(os.path.join(d, "source", f"frame_{t:04d}.png"))
            Image.fromarray(u8(c[e][t])).save(os.path.join(d, "truth", f"frame_{t:04d}.png"))
        Image.fromarray(u8(c[e][0])).save(os.path.join(d, "edited_first.png"))
        Image.fromarray((mask_of(c["source"], c[e]) * 255).astype(np.uint8)).save(os.path.join(d, "mask.png"))
        with open(os.path.join(d, "case.json"), "w") as fh:
            json.dump({"seed": seed, "edit": e, "generator": "tiny-model/videogen.py make_clip(seed, T=%d, H=%d, W=%d)" % (T, H, W),
                       "meta": c["meta"]}, fh, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", default=None)
    ap.add_argument("--run", default=None)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--first", type=int, default=0, help="first evaluation index k (seed = EVAL_SEED_BASE + k)")
    ap.add_argument("--frames", type=int, default=8)
    ap.add_argument("--strength", type=float, default=0.55)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--threshold", type=float, default=1.0)
    ap.add_argument("--guidance", default="1,3", help="'min,max;min,max;...' (first one used for the ablation variants)")
    ap.add_argument("--variants", default="videoshop,naive,no-normalize,naive-no-normalize")
    ap.add_argument("--inv-cond", default="raw", help="raw,authors: 'authors' adds the videoshop variant with the authors' inversion conditioning")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--ae-only", action="store_true", help="only the autoencoder's PSNR (per clip, all frames)")
    ap.add_argument("--json", default=None)
    ap.add_argument("--md", default=None)
    ap.add_argument("--merge", nargs="*", default=None, help="only merge these --json outputs and print the table")
    a = ap.parse_args()
    if a.merge:
        recs, aerec, traj, settings = [], [], [], None
        for p in a.merge:
            d = json.load(open(p)); recs += d["records"]; aerec += d["ae"]; traj += d["trajectory"]; settings = settings or d["settings"]
        text, _ = summarize(recs, aerec, traj)
        print(text)
        if a.md:
            open(a.md, "w").write(text + "\n")
        if a.json:
            json.dump({"settings": settings, "records": recs, "ae": aerec, "trajectory": traj}, open(a.json, "w"), indent=1)
        return
    torch.set_num_threads(a.threads)
    vs = Videoshop.from_bundle(a.bundle) if a.bundle else Videoshop.from_run(a.run or os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs"))
    seeds = [videogen.EVAL_SEED_BASE + k for k in range(a.first, a.first + a.n)]
    recs, aerec, traj = run(vs, seeds, a, log=lambda s: print(s, file=sys.stderr, flush=True))
    if a.ae_only:
        v = np.array([r["psnr_all"] for r in aerec])
        print(f"autoencoder PSNR over {len(v)} evaluation clips (seeds {seeds[0]}..{seeds[-1]}), all frames: "
              f"mean of per-clip PSNR {v.mean():.2f} dB, median {np.median(v):.2f}, min {v.min():.2f}, "
              f"max {v.max():.2f}")
        return
    text, _ = summarize(recs, aerec, traj)
    print(text)
    if a.md:
        open(a.md, "w").write(text + "\n")
    if a.json:
        json.dump({"settings": vars(a), "records": recs, "ae": aerec, "trajectory": traj}, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()

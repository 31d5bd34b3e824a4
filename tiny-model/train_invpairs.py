"""Inversion-aware edit pairs for the v2 UNet stage (train.py --recipe v2 --stage unet --pair-noise inversion).

Gaussian-noised pairs (--pair-noise gaussian) show the UNet `source + sigma * n` with the edited frame as condition.
At edit time it sees something else: the noise-extrapolated inversion of the source (pipeline.Videoshop.invert),
a deterministic latent that keeps far more of the source's content than Gaussian noise of the same sigma. This
module runs that inversion once per pair with the warm-start bundle (the library's defaults: 25 Karras steps,
strength 0.55, the manifest's Sigma threshold, conditioned on the source's frame 0) and keeps `--inv-levels`
states of each trajectory, drawn from those with sigma in `--pair-sigmas` (favouring the larger). A pair batch then regenerates the edited clip (condition: the edited frame 0) or, with
probability `--p-recon`, the source itself (condition: the source's frame 0), from the inversion's own states.

The cache is a function of the warm-start bundle, the pairs and the seed only; it is written per size next to the
run's other data and reused on resume."""
import json, os
import numpy as np
import torch

from train_common import log, normalize_per_video, to_pm1


def inversion_cache(args, pair_lat, pairs, wh, levels):
    """{'z': half [N,L,T,C,h,w], 'sigma': float [N,L], 'level': int [N,L]} for the pairs of size wh: L of the
    inversion trajectory's states per pair (drawn without replacement, seeded per pair)."""
    import pipeline
    n = len(pair_lat[wh][1])
    path = os.path.join(args.out, f"invcache_v2_{n}_{levels}_{wh[0]}x{wh[1]}.pt")
    part = path + ".part"
    if os.path.exists(path):
        return torch.load(path)
    vs = pipeline.Videoshop.from_bundle(args.init_bundle)
    man = json.load(open(os.path.join(args.init_bundle, "videoshop-model.json")))
    threshold = float(man["schedule"].get("sigmaThreshold", 1.0))
    sig = vs.schedule(args.inv_steps, args.inv_strength)          # descending, ends with 0
    up = list(reversed(sig))[1:]                                   # the trajectory's sigmas, ascending
    lo, hi = (float(v) for v in args.pair_sigmas.split(","))
    cand = np.array([j for j, s in enumerate(up) if lo <= s <= hi])  # below lo an edit can no longer change
    if len(cand) < levels:
        raise ValueError(f"--inv-levels {levels}: expected at most the {len(cand)} inversion levels with sigma in "
                         f"--pair-sigmas {args.pair_sigmas}, found {levels}")
    done = torch.load(part) if os.path.exists(part) else {"z": [], "sigma": [], "level": []}
    log(f"inversion cache {wh[0]}x{wh[1]}: {n} pairs, {len(up)} levels (sigma {up[0]:.3g}..{up[-1]:.3g}), "
        f"keeping {levels} of the {len(cand)} in [{lo}, {hi}]; threshold {threshold}; resuming at {len(done['z'])}")
    src_lat = pair_lat[wh][1]
    last = 0
    with torch.no_grad():
        for i in range(len(done["z"]), n):
            rng = np.random.default_rng(args.seed + 104729 * (i + 1) + wh[0] * 131 + wh[1])
            gen = torch.Generator().manual_seed(int(rng.integers(2 ** 31)))
            x0 = normalize_per_video(src_lat[i:i + 1].float())
            f0 = to_pm1(pairs[wh][1][i:i + 1, 0])
            cond = vs.cond_latents(f0, gen)
            emb = vs.embed(f0)
            traj = []
            vs.invert(x0, cond, emb, sig, "extrapolated", threshold, gen, traj)
            # favour the upper levels: the edit is decided where the noise is large
            w = np.linspace(1.0, 2.0, len(cand)); w /= w.sum()
            pick = np.sort(rng.choice(cand, size=levels, replace=False, p=w))
            done["z"].append(torch.cat([traj[j] for j in pick]).half())
            done["sigma"].append(torch.tensor([up[j] for j in pick], dtype=torch.float32))
            done["level"].append(torch.from_numpy(pick.astype(np.int64)))
            if i + 1 - last >= 40:
                torch.save(done, part); last = i + 1
                log(f"  inverted {i + 1}/{n}")
    out = {k: torch.stack(v) for k, v in done.items()}
    torch.save(out, path + ".tmp"); os.replace(path + ".tmp", path)
    if os.path.exists(part):
        os.remove(part)
    return out


def inversion_pair_batch(rng, idx, cache, pair_lat, pairs, wh, p_recon, dev):
    """(x0 target, x0 of the source, xs input, sigma [B,1,1,1,1], f0 condition frames [B,3,H,W], recon mask [B])
    of one batch: the target is the edited clip, or the source where recon is set."""
    B = len(idx)
    j = rng.integers(0, cache["z"].shape[1], B)
    xs = cache["z"][idx, j].float().to(dev)
    sigma = cache["sigma"][idx, j].float().view(B, 1, 1, 1, 1).to(dev)
    recon = rng.uniform(size=B) < p_recon
    e_lat, s_lat = pair_lat[wh]
    x0_src = normalize_per_video(s_lat[idx].float().to(dev))
    x0 = torch.where(torch.from_numpy(recon).to(dev).view(B, 1, 1, 1, 1), x0_src,
                     normalize_per_video(e_lat[idx].float().to(dev)))
    ed, src = pairs[wh]
    f0 = to_pm1(np.where(recon.reshape(B, 1, 1, 1), src[idx, 0], ed[idx, 0])).to(dev)
    return x0, x0_src, xs, sigma, f0, recon

"""Videoshop in plain PyTorch: the reference implementation of ../shared/DESIGN.md that the
Java library is compared against (and timed against).

Stages
 1. encode every frame (AE mean) * scalingFactor; normalise channel-wise per video
    (mean/std over all frames and pixels, std + 1e-6) -> x0
 2. invert x0 upward along the kept Karras sigmas, conditioned on the SOURCE first frame,
    no guidance; noise-extrapolated (default) or naive
 3. Euler-sample back down, conditioned on the EDITED first frame, classifier-free guidance
    rising linearly over the frames from min to max guidance (negative branch: zero
    embedding and zero conditioning latents)
 4. per channel, shift/scale all frames so that frame 0's spatial mean/std match those of the
    edited image's latents (times scalingFactor); decode latents / scalingFactor

Models come from a bundle folder (weights read back from the ONNX initializers, architecture
from pytorch-config.json) or from train.py's run folder.

  /usr/bin/python3 pipeline.py --bundle ../videoshop-onnx/src/main/resources/videoshop/models/tiny \
      --frames DIR/source --edited DIR/edited_first.png --out OUTDIR
"""
import argparse, glob, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def load_bundle(bundle, missing=None):
    """Rebuild the PyTorch modules and copy the weights out of the bundle's ONNX files.

    With a list as `missing`, a parameter that has no initializer of its name keeps its initial value and its
    name is appended there instead of raising: torch.onnx.export stores identical constant tensors once (e.g.
    the all-ones GroupNorm weights of a random-weights bundle), so strict name matching fails on such bundles."""
    import onnx
    from onnx import numpy_helper
    man = json.load(open(os.path.join(bundle, "videoshop-model.json")))
    pc = json.load(open(os.path.join(bundle, "pytorch-config.json")))
    cfg = pc["config"]
    ae, emb, unet = models.build(cfg)
    nets = man["networks"]

    def fill(module, file, prefixes):
        inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(os.path.join(bundle, file)).graph.initializer}
        sd = module.state_dict()
        for k in sd:
            for p in prefixes:
                if p + k in inits:
                    sd[k] = torch.from_numpy(inits[p + k].copy()); break
            else:
                if missing is None:
                    raise KeyError(f"{file}: no initializer for {k}")
                missing.append(file + ":" + k)
        module.load_state_dict(sd)
    fill(ae.encoder, nets["vaeEncoder"]["file"], ["enc.", ""])
    fill(ae.decoder, nets["vaeDecoder"]["file"], ["dec.", "dec.dec.", ""])
    fill(emb, nets["imageEmbedder"]["file"], [""])
    fill(unet, nets["unet"]["file"], [""])
    for m in (ae, emb, unet):
        m.eval()
    return ae, emb, unet, man


def manifest_from_run(cfg, sf):
    return {"latent": {"channels": cfg["C"], "downscale": cfg["downscale"], "scalingFactor": sf},
            "video": {"nativeFrames": cfg["frames"], "width": cfg["width"], "height": cfg["height"],
                      "fps": cfg["fps"], "motionBucketId": cfg["motion_bucket_id"],
                      "noiseAugStrength": cfg["noise_aug_strength"]},
            "schedule": {"sigmaMin": 0.002, "sigmaMax": 700.0, "rho": 7.0},
            "embedder": {"imageSize": cfg["embed_size"], "dimension": cfg["D"], "mean": CLIP_MEAN, "std": CLIP_STD}}


def karras_sigmas(n, smin, smax, rho):
    ramp = torch.linspace(0, 1, n, dtype=torch.float64)
    s = (smax ** (1 / rho) + ramp * (smin ** (1 / rho) - smax ** (1 / rho))) ** rho
    return torch.cat([s, torch.zeros(1, dtype=torch.float64)])


def precond(s):
    """EDM, v-prediction, sigma_data = 1 (python floats)."""
    c_in = 1 / math.sqrt(s * s + 1)
    c_skip = 1 / (s * s + 1)
    c_out = -s / math.sqrt(s * s + 1)
    c_noise = 0.25 * math.log(s)
    return c_in, c_skip, c_out, c_noise


class Videoshop:
    def __init__(self, ae, emb, unet, manifest):
        self.ae, self.emb, self.unet, self.m = ae, emb, unet, manifest
        self.sf = float(manifest["latent"]["scalingFactor"])
        v = manifest["video"]
        self.ids = torch.tensor([[v["fps"] - 1.0, float(v["motionBucketId"]), float(v["noiseAugStrength"])]])
        self.aug = float(v["noiseAugStrength"])
        e = manifest["embedder"]
        self.esize, self.emean, self.estd = e["imageSize"], torch.tensor(e["mean"]).view(1, 3, 1, 1), torch.tensor(e["std"]).view(1, 3, 1, 1)
        self.calls = 0

    @classmethod
    def from_bundle(cls, bundle):
        ae, emb, unet, man = load_bundle(bundle)
        return cls(ae, emb, unet, man)

    @classmethod
    def from_run(cls, run, use_ema=True):
        ae, emb, unet, cfg, sf, _ = models.load_run(run, use_ema)
        return cls(ae, emb, unet, manifest_from_run(cfg, sf))

    # ---- networks -------------------------------------------------------------------------
    def encode(self, x):            # [N,3,H,W] in [-1,1] -> AE mean (no scaling)
        return self.ae.encoder(x)

    def decode(self, z):            # z already divided by the scaling factor
        return self.ae.decoder(z)

    def embed(self, img):           # [1,3,H,W] in [-1,1] -> [1,1,D]
        p = (img + 1) / 2
        if p.shape[-1] != self.esize or p.shape[-2] != self.esize:
            p = F.interpolate(p, size=(self.esize, self.esize), mode="bilinear", align_corners=False)
        return self.emb((p - self.emean) / self.estd)

    def F(self, x, s, cond, emb, B=1):
        """x [B,T,C,h,w] (not yet scaled by c_in), cond [B,C,h,w] -> raw F [B,T,C,h,w]."""
        c_in, _, _, c_noise = precond(s)
        T = x.shape[1]
        inp = torch.cat([c_in * x, cond.unsqueeze(1).expand(-1, T, -1, -1, -1)], dim=2).contiguous()
        self.calls += 1
        return self.unet(inp, torch.tensor([c_noise], dtype=torch.float32), emb, self.ids.expand(B, 3).contiguous())

    def cond_latents(self, img, gen):
        noise = torch.randn(img.shape, generator=gen)
        return self.encode(img + self.aug * noise)  # raw

    # ---- algorithm --------------------------------------------------------------------------
    def schedule(self, steps, strength):
        sc = self.m["schedule"]
        sig = karras_sigmas(steps, sc["sigmaMin"], sc["sigmaMax"], sc["rho"])
        k = int(math.floor(steps * strength))
        return [float(v) for v in sig[steps - k:]]          # descending, ends with 0

    def invert(self, x0, cond, emb, sigmas_desc, mode="extrapolated", threshold=1.0, gen=None, trajectory=None):
        up = list(reversed(sigmas_desc))                      # 0, s_min, ..., s_top
        x = x0.clone()
        n = torch.randn(x0.shape, generator=gen)              # one fixed Gaussian draw
        std0 = float(x0.std())
        for s_cur, s_next in zip(up[:-1], up[1:]):
            if mode == "extrapolated":
                if s_cur > threshold:
                    xbar = x0 + (x - x0) * (s_next / s_cur)
                else:
                    xbar = x0 + s_next * std0 * n
            else:
                xbar = x
            Fo = self.F(xbar, s_next, cond, emb)
            _, c_skip, c_out, _ = precond(s_next)
            x = (s_next * x + (s_cur - s_next) * c_out * Fo) / ((s_cur - s_next) * (1 - c_skip) + s_next)
            if trajectory is not None:
                trajectory.append(x.clone())
        return x

    def generate(self, x, cond, emb, sigmas_desc, gmin, gmax):
        T = x.shape[1]
        w = torch.linspace(gmin, gmax, T).view(1, T, 1, 1, 1) if T > 1 else torch.full((1, 1, 1, 1, 1), gmin)
        use_cfg = not (gmin == 1.0 and gmax == 1.0)
        condb = torch.cat([torch.zeros_like(cond), cond]) if use_cfg else cond
        embb = torch.cat([torch.zeros_like(emb), emb]) if use_cfg else emb
        for s, s_low in zip(sigmas_desc[:-1], sigmas_desc[1:]):
            if use_cfg:
                Fo = self.F(torch.cat([x, x]), s, condb, embb, B=2)
                Fo = Fo[:1] + w * (Fo[1:] - Fo[:1])
            else:
                Fo = self.F(x, s, condb, embb)
            _, c_skip, c_out, _ = precond(s)
            D = c_skip * x + c_out * Fo
            x = x + (s_low - s) * (x - D) / s
        return x

    @torch.no_grad()
    def invert_video(self, frames, strength=0.55, steps=25, threshold=1.0, inversion="extrapolated",
                     normalize=True, inv_cond="raw", seed=0, trajectory=None):
        """Stages 1-2. frames [T,3,H,W] in [-1,1]. Returns a state dict for generate_video.
        inv_cond: 'raw' (conditioning latents as in generation) or 'authors' (channel-wise
        normalised and divided by the scaling factor during inversion, as the authors' code)."""
        gen = torch.Generator().manual_seed(seed)
        z = self.encode(frames).unsqueeze(0) * self.sf                      # [1,T,C,h,w]
        if normalize:
            mean = z.mean(dim=(1, 3, 4), keepdim=True)
            std = z.std(dim=(1, 3, 4), keepdim=True)
            x0 = (z - mean) / (std + 1e-6)
        else:
            x0 = z
        src0 = frames[:1]
        cond_src = self.cond_latents(src0, gen)
        if inv_cond == "authors":
            m_ = cond_src.mean(dim=(2, 3), keepdim=True)
            s_ = cond_src.std(dim=(2, 3), keepdim=True)
            cond_src = (cond_src - m_) / (s_ + 1e-6) / self.sf
        emb_src = self.embed(src0)
        sig = self.schedule(steps, strength)
        xT = self.invert(x0, cond_src, emb_src, sig, inversion, threshold, gen, trajectory)
        return {"x0": x0, "xT": xT, "sigmas": sig, "normalize": normalize, "gen": gen}

    @torch.no_grad()
    def generate_video(self, state, edited, gmin=1.0, gmax=3.0, return_latents=False):
        """Stages 3-4. edited [3,H,W] in [-1,1]. Returns [T,3,H,W] in [-1,1]."""
        ed = edited.unsqueeze(0)
        gen = torch.Generator().manual_seed(int(state["gen"].initial_seed()) + 1)
        cond_ed = self.cond_latents(ed, gen)
        emb_ed = self.embed(ed)
        x = self.generate(state["xT"], cond_ed, emb_ed, state["sigmas"], gmin, gmax)
        if state["normalize"]:
            ze = self.encode(ed) * self.sf                                       # [1,C,h,w]
            me, se = ze.mean(dim=(2, 3)), ze.std(dim=(2, 3))
            m0, s0 = x[:, 0].mean(dim=(2, 3)), x[:, 0].std(dim=(2, 3))
            x = (x - m0.view(1, 1, -1, 1, 1)) / (s0.view(1, 1, -1, 1, 1) + 1e-6) * se.view(1, 1, -1, 1, 1) + me.view(1, 1, -1, 1, 1)
        out = self.decode(x[0] / self.sf).clamp(-1, 1)
        return (out, x) if return_latents else out

    @torch.no_grad()
    def edit(self, frames, edited, strength=0.55, steps=25, threshold=1.0, gmin=1.0, gmax=3.0,
             inversion="extrapolated", normalize=True, inv_cond="raw", seed=0, trajectory=None, timings=None):
        """The whole edit: frames [T,3,H,W], edited [3,H,W], both in [-1,1] -> [T,3,H,W]."""
        t0 = time.perf_counter()
        st = self.invert_video(frames, strength, steps, threshold, inversion, normalize, inv_cond, seed, trajectory)
        t1 = time.perf_counter()
        out = self.generate_video(st, edited, gmin, gmax)
        t2 = time.perf_counter()
        if timings is not None:
            timings.update({"encode_invert": t1 - t0, "generate_rescale_decode": t2 - t1})
        return out


# ---- image I/O ---------------------------------------------------------------------------------
def load_png(path, H, W):
    from PIL import Image
    im = Image.open(path).convert("RGB")
    if im.size != (W, H):
        im = im.resize((W, H), Image.BILINEAR)
    return torch.from_numpy(np.asarray(im).astype(np.float32) / 127.5 - 1).permute(2, 0, 1).contiguous()


def save_png(t, path):
    from PIL import Image
    a = ((t.clamp(-1, 1) + 1) * 127.5 + 0.5).byte().permute(1, 2, 0).numpy()
    Image.fromarray(a).save(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", default=None)
    ap.add_argument("--run", default=None)
    ap.add_argument("--frames", required=True, help="folder of frame_XXXX.png")
    ap.add_argument("--edited", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--strength", type=float, default=0.55)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--threshold", type=float, default=1.0)
    ap.add_argument("--min-guidance", type=float, default=1.0)
    ap.add_argument("--max-guidance", type=float, default=3.0)
    ap.add_argument("--inversion", choices=["extrapolated", "naive"], default="extrapolated")
    ap.add_argument("--no-normalize", action="store_true")
    ap.add_argument("--inv-cond", choices=["raw", "authors"], default="raw")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    vs = Videoshop.from_bundle(a.bundle) if a.bundle else Videoshop.from_run(a.run)
    H, W = vs.m["video"]["height"], vs.m["video"]["width"]
    paths = sorted(glob.glob(os.path.join(a.frames, "*.png")))
    frames = torch.stack([load_png(p, H, W) for p in paths])
    edited = load_png(a.edited, H, W)
    tm = {}
    t0 = time.perf_counter()
    out = vs.edit(frames, edited, a.strength, a.steps, a.threshold, a.min_guidance, a.max_guidance,
                  a.inversion, not a.no_normalize, a.inv_cond, a.seed, timings=tm)
    dt = time.perf_counter() - t0
    os.makedirs(a.out, exist_ok=True)
    for i, f in enumerate(out):
        save_png(f, os.path.join(a.out, f"frame_{i:04d}.png"))
    print(json.dumps({"frames": len(paths), "seconds": round(dt, 4), "unet_calls": vs.calls,
                      **{k: round(v, 4) for k, v in tm.items()}}))


if __name__ == "__main__":
    main()

"""Export the tiny model (or a random-weights model of the same architecture) as a
Videoshop model bundle: four ONNX files (opset 17, dynamic batch/frame/spatial axes,
checked with onnx.checker), the manifest videoshop-model.json (docs/bundle-format.md),
pytorch-config.json (architecture, so pipeline.py can rebuild the PyTorch modules from
the ONNX weights) and optionally reference input/output pairs per network.

  /usr/bin/python3 export.py --run runs --out ../videoshop-onnx/src/main/resources/videoshop/models/tiny \
        --reference ../videoshop-onnx/src/test/resources/bundles/tiny-reference
  /usr/bin/python3 export.py --random tiny --out .../bundles/random-tiny --reference .../random-tiny-reference
  /usr/bin/python3 export.py --random svd-shaped --out .../bundles/svd-shaped-random

The trained bundle's manifest recommends the classifier-free guidance range of --guidance (default 1.0,1.5,
measured best on the tiny model: 1 -> 3, SVD's range, is worse on every metric; see MODEL_CARD.md) as
video.guidance; --random bundles record none (the Java side then uses SVD's 1 -> 3) unless --guidance is given.
Likewise it recommends the inversion threshold Sigma of --sigma-threshold (default 0.25) as
schedule.sigmaThreshold: chosen on a tuning set of 20 evaluation clips (seeds 1e9+100..119, disjoint from the model
card's 20), where Sigma 0.25 reconstructs frames 1..T-1 0.66 dB better than the paper's 1 and loses nothing on
edits, while 0 costs object removal 1.4 dB (see CHANGELOG.md). --random bundles record none (the Java side then
uses the paper's 1) unless --sigma-threshold is given. pipeline.py and evaluate.py do not read either; they take
--threshold and --min/max-guidance explicitly.
"""
import argparse, json, os, sys
import numpy as np
import onnx
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
# guidance the trained tiny model recommends (MODEL_CARD.md: 1 -> 1.5 beats SVD's 1 -> 3 on every metric)
TINY_GUIDANCE = "1.0,1.5"
# inversion threshold Sigma the trained tiny model recommends (20 tuning clips, seeds 1e9+100..119: +0.66 dB
# reconstruction over the paper's 1, edits unchanged; 0 loses 1.4 dB on object removal)
TINY_SIGMA_THRESHOLD = "0.25"

RANDOM_CONFIGS = {
    # same architecture as the trained tiny model, narrow widths (small test files)
    "tiny": dict(models.DEFAULT_CONFIG, ae_ch=16, embed_ch=8, unet_chs=[8, 16, 16], edim=16,
                 fps=7, motion_bucket_id=127, noise_aug_strength=0.02),
    # SVD's interfaces (4 latent channels, 8-channel UNet input, 1024-d embedding, 224 px
    # CLIP-normalised embedder input, downscale 8, temporal decoder with num_frames) at 64x64
    "svd-shaped": dict(models.DEFAULT_CONFIG, C=4, downscale=8, ae_ch=16, D=1024, embed_ch=8,
                       embed_size=224, unet_chs=[8, 16, 16], edim=16, frames=14, height=64, width=64,
                       fps=7, motion_bucket_id=127, noise_aug_strength=0.02),
}


def randomize(m, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in m.parameters():
            if p.numel() > 0 and float(p.abs().sum()) == 0.0:  # zero-initialised layers
                p.copy_(torch.randn(p.shape, generator=g) * 0.05)


def export_one(module, args_, names_in, names_out, dyn, path):
    torch.onnx.export(module, args_, path, input_names=names_in, output_names=names_out,
                      dynamic_axes=dyn, opset_version=17, do_constant_folding=False)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


class EncMean(nn.Module):
    def __init__(self, ae):
        super().__init__(); self.enc = ae.encoder

    def forward(self, sample):
        return self.enc(sample)


class Dec(nn.Module):
    def __init__(self, ae):
        super().__init__(); self.dec = ae.decoder

    def forward(self, latent):
        return self.dec(latent)


def guidance_range(text):
    """'MIN,MAX' -> {"min": MIN, "max": MAX}: finite numbers >= 0, as the Java ManifestReader requires."""
    parts = text.split(",")
    try:
        lo, hi = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MIN,MAX (two numbers, e.g. 1.0,1.5) but found {text!r}")
    for v in (lo, hi):
        if not (np.isfinite(v) and v >= 0):
            raise argparse.ArgumentTypeError(f"expected guidance scales finite and >= 0 but found {text!r}")
    return {"min": lo, "max": hi}


def sigma_threshold(text):
    """'SIGMA' -> float: a finite number >= 0, as the Java ManifestReader requires."""
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number (e.g. 0.25) but found {text!r}")
    if not (np.isfinite(v) and v >= 0):
        raise argparse.ArgumentTypeError(f"expected a threshold finite and >= 0 but found {text!r}")
    return v


def tensor_json(t):
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    dt = "int64" if a.dtype == np.int64 else "float32"
    return {"shape": list(a.shape), "dtype": dt,
            "data": [int(v) for v in a.reshape(-1)] if dt == "int64" else [float(np.float32(v)) for v in a.reshape(-1)]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs"))
    ap.add_argument("--random", choices=list(RANDOM_CONFIGS), default=None)
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default=None)
    ap.add_argument("--reference", default=None, help="folder for <network>.json reference pairs")
    ap.add_argument("--no-ema", action="store_true")
    ap.add_argument("--description", default=None)
    ap.add_argument("--card", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "MODEL_CARD.md"),
                    help="model card copied into the bundle as MODEL_CARD.md (trained bundles only)")
    ap.add_argument("--guidance", type=guidance_range, default=None, metavar="MIN,MAX",
                    help=f"recommended generation guidance written to video.guidance (default {TINY_GUIDANCE} for "
                         "the trained model; nothing for --random bundles unless given)")
    ap.add_argument("--sigma-threshold", type=sigma_threshold, default=None, metavar="SIGMA",
                    help=f"recommended inversion threshold Sigma written to schedule.sigmaThreshold (default "
                         f"{TINY_SIGMA_THRESHOLD} for the trained model; nothing for --random bundles unless given)")
    a = ap.parse_args()
    torch.manual_seed(0)
    svd = a.random == "svd-shaped"
    if a.random:
        cfg = RANDOM_CONFIGS[a.random]
        ae, emb, unet = models.build(cfg)
        for i, m in enumerate((ae, emb, unet)):
            randomize(m, 100 + i)
        sf = 0.18215 if svd else 0.5
        for m in (ae, emb, unet):
            m.eval()
        name = a.name or ("svd-shaped-random" if svd else "random-tiny")
        desc = a.description or (f"Random weights, {a.random} architecture; for tests of the runtime only "
                                 "(outputs are meaningless).")
        info = {}
    else:
        ae, emb, unet, cfg, sf, st = models.load_run(a.run, use_ema=not a.no_ema)
        name = a.name or "tiny"
        v2 = bool(cfg.get("unet_stem_ch") or cfg.get("unet_cond_attn_levels"))
        desc = a.description or (f"Videoshop tiny model trained by tiny-model/train.py on "
                                 f"{'photographic and procedural' if v2 else 'procedural'} clips "
                                 f"({st['step']} UNet steps). See MODEL_CARD.md.")
        info = {"step": st["step"]}
    guidance = a.guidance if a.guidance is not None else (None if a.random else guidance_range(TINY_GUIDANCE))
    threshold = (a.sigma_threshold if a.sigma_threshold is not None
                 else (None if a.random else sigma_threshold(TINY_SIGMA_THRESHOLD)))
    os.makedirs(a.out, exist_ok=True)
    C, f, D = cfg["C"], cfg["downscale"], cfg["D"]
    H, W, S = cfg["height"], cfg["width"], cfg["embed_size"]
    h, w = H // f, W // f
    g = torch.Generator().manual_seed(42)
    # example inputs for tracing (deliberately not the reference sizes)
    ex_pix = torch.randn(2, 3, S, S, generator=g)
    ex_img = torch.rand(2, 3, H, W, generator=g) * 2 - 1
    ex_lat = torch.randn(2, C, h, w, generator=g)
    ex_unet = (torch.randn(2, 3, 2 * C, h, w, generator=g), torch.tensor([0.3]),
               torch.randn(2, 1, D, generator=g), torch.tensor([[6.0, 127.0, 0.02]] * 2))
    files = {}
    with torch.no_grad():
        export_one(emb, (ex_pix,), ["pixel_values"], ["image_embeds"],
                   {"pixel_values": {0: "N", 2: "S1", 3: "S2"}, "image_embeds": {0: "N"}},
                   os.path.join(a.out, "image_embedder.onnx"))
        export_one(EncMean(ae), (ex_img,), ["sample"], ["latent_mean"],
                   {"sample": {0: "N", 2: "H", 3: "W"}, "latent_mean": {0: "N", 2: "h", 3: "w"}},
                   os.path.join(a.out, "vae_encoder.onnx"))
        if svd:
            dec = models.TemporalDecoder(ae.decoder).eval()
            ex_nf = torch.tensor(2, dtype=torch.int64)
            export_one(dec, (ex_lat, ex_nf), ["latent", "num_frames"], ["sample"],
                       {"latent": {0: "N", 2: "h", 3: "w"}, "sample": {0: "N", 2: "H", 3: "W"}},
                       os.path.join(a.out, "vae_decoder.onnx"))
        else:
            dec = Dec(ae).eval()
            export_one(dec, (ex_lat,), ["latent"], ["sample"],
                       {"latent": {0: "N", 2: "h", 3: "w"}, "sample": {0: "N", 2: "H", 3: "W"}},
                       os.path.join(a.out, "vae_decoder.onnx"))
        export_one(unet, ex_unet, ["sample", "timestep", "encoder_hidden_states", "added_time_ids"], ["out_sample"],
                   {"sample": {0: "B", 1: "T", 3: "h", 4: "w"}, "encoder_hidden_states": {0: "B"},
                    "added_time_ids": {0: "B"}, "out_sample": {0: "B", 1: "T", 3: "h", 4: "w"}},
                   os.path.join(a.out, "unet.onnx"))
    dec_inputs = {"latent": "latent", "numFrames": "num_frames"} if svd else {"latent": "latent"}
    manifest = {
        "format": 1,
        "name": name,
        "description": desc,
        "networks": {
            "imageEmbedder": {"file": "image_embedder.onnx", "inputs": {"pixels": "pixel_values"},
                              "outputs": {"embedding": "image_embeds"}, "dtype": "float32"},
            "vaeEncoder": {"file": "vae_encoder.onnx", "inputs": {"pixels": "sample"},
                           "outputs": {"latent": "latent_mean"}, "dtype": "float32"},
            "vaeDecoder": {"file": "vae_decoder.onnx", "inputs": dec_inputs,
                           "outputs": {"pixels": "sample"}, "dtype": "float32", "fixedChunk": None},
            "unet": {"file": "unet.onnx",
                     "inputs": {"sample": "sample", "timestep": "timestep",
                                "encoderHiddenStates": "encoder_hidden_states",
                                "addedTimeIds": "added_time_ids"},
                     "outputs": {"out": "out_sample"}, "dtype": "float32"},
        },
        "latent": {"channels": C, "downscale": f, "scalingFactor": round(float(sf), 6), "normalizePerVideo": True},
        "video": {"nativeFrames": cfg["frames"], "width": W, "height": H, "maxFrames": 64,
                  "sizeMultiple": f * 2 ** (len(cfg["unet_chs"]) - 1 + (1 if cfg.get("unet_stem_ch") else 0)),
                  "fps": cfg["fps"], "motionBucketId": cfg["motion_bucket_id"],
                  "noiseAugStrength": cfg["noise_aug_strength"],
                  **({"guidance": guidance} if guidance is not None else {})},
        "preconditioning": {"prediction": "v", "sigmaData": 1.0},
        "schedule": {"sigmaMin": 0.002, "sigmaMax": 700.0, "rho": 7.0,
                     **({"sigmaThreshold": threshold} if threshold is not None else {})},
        "embedder": {"imageSize": S, "dimension": D, "mean": CLIP_MEAN, "std": CLIP_STD},
    }
    with open(os.path.join(a.out, "videoshop-model.json"), "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    with open(os.path.join(a.out, "pytorch-config.json"), "w") as fh:
        json.dump({"config": cfg, "scalingFactor": float(sf), "svdShaped": svd, **info}, fh, indent=1)
        fh.write("\n")
    if a.reference:
        os.makedirs(a.reference, exist_ok=True)
        g = torch.Generator().manual_seed(7)
        hr, wr = (max(4, h // 2), max(4, w // 2)) if h >= 8 else (h, w)
        with torch.no_grad():
            Sr = min(S, 64)  # the embedder accepts any size; keep the file small
            pix = torch.randn(1, 3, Sr, Sr, generator=g)
            refs = {"imageEmbedder": ({"pixel_values": pix}, {"image_embeds": emb(pix)})}
            img = torch.rand(1, 3, H, W, generator=g) * 2 - 1
            refs["vaeEncoder"] = ({"sample": img}, {"latent_mean": ae.encoder(img)})
            lat = torch.randn(2, C, h, w, generator=g)
            if svd:
                nf = torch.tensor(2, dtype=torch.int64)
                refs["vaeDecoder"] = ({"latent": lat, "num_frames": nf}, {"sample": dec(lat, nf)})
            else:
                refs["vaeDecoder"] = ({"latent": lat}, {"sample": ae.decoder(lat)})
            s_ = torch.randn(1, 2, 2 * C, hr, wr, generator=g)
            t_ = torch.tensor([0.25 * np.log(3.0)], dtype=torch.float32)
            e_ = torch.randn(1, 1, D, generator=g)
            i_ = torch.tensor([[6.0, 127.0, 0.02]])
            refs["unet"] = ({"sample": s_, "timestep": t_, "encoder_hidden_states": e_, "added_time_ids": i_},
                            {"out_sample": unet(s_, t_, e_, i_)})
        for k, (ins, outs) in refs.items():
            with open(os.path.join(a.reference, f"{k}.json"), "w") as fh:
                json.dump({"network": k, "bundle": name,
                           "inputs": {n: tensor_json(v) for n, v in ins.items()},
                           "outputs": {n: tensor_json(v) for n, v in outs.items()}}, fh)
    if not a.random and os.path.exists(a.card):
        import shutil
        shutil.copy(a.card, os.path.join(a.out, "MODEL_CARD.md"))
    tot = sum(os.path.getsize(os.path.join(a.out, x)) for x in os.listdir(a.out))
    print(f"wrote bundle {a.out} ({tot / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()

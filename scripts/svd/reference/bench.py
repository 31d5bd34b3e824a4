#!/usr/bin/env python3
"""Times the paper authors' algorithm (reference.py's run, i.e. their model_utils.py steps) on a diffusers SVD
folder, in-process, and says where the time goes: wrappers around the UNet's forward, the VAE's encode and decode
and the CLIP image encoder's forward accumulate wall time; model loading (from_pretrained) is timed separately and
left out of the edit time, as the Java side opens its model before timing the edit. Also counts the UNet's
floating-point work (2 x multiply-adds of every Conv, Linear and batched matrix product, from the shapes of the
tensors the UNet actually sees) and measures the machine's practical fp32 peak (a large torch.mm at the same thread
count) in the same process, so the UNet's FLOP/s can be given as a fraction of it. Prints one JSON line.

    SVD_CHECKOUTS=/work/ext python3 bench.py --model /tmp/svd-tiny --threads 1 --out /tmp/ref-out

The edit's settings are reference.py's defaults (the authors' run.py: 25 steps, strength 0.55, guidance 4 to 4,
noise augmentation 0.2, per-frame normalisation, 14 frames, 64 px); scripts/bench/bench_svd_authors.sh runs it
alternately with the Java edit (TimeEdit --preset authors).
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402
import svd_env  # noqa: E402


def peak_gflops(torch, n=1536, repeats=3):
    a, b = torch.rand(n, n), torch.rand(n, n)  # not randn: reference.run replaces it
    torch.mm(a, b)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t0)
    return 2.0 * n ** 3 / best / 1e9


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args(argv)
    os.environ["OMP_NUM_THREADS"] = str(a.threads)
    svd_env.setup(a.threads)
    import torch
    torch.set_num_threads(a.threads)
    reference.svd_env.setup = lambda threads=1: torch.set_num_threads(a.threads)  # run() calls it again
    from diffusers import AutoencoderKLTemporalDecoder, UNetSpatioTemporalConditionModel
    from transformers import CLIPVisionModelWithProjection

    seconds = {"unet": 0.0, "vae_encode": 0.0, "vae_decode": 0.0, "image_encoder": 0.0, "load": 0.0}
    counts = {"unet_calls": 0, "unet_batches": 0}
    flops = {"unet": 0}
    in_unet = [False]

    def timed(cls, method, key):
        original = getattr(cls, method)

        def wrapper(*args, **kw):
            t0 = time.perf_counter()
            if key == "unet":
                in_unet[0] = True
                counts["unet_calls"] += 1
                counts["unet_batches"] += int(args[1].shape[0])
            try:
                return original(*args, **kw)
            finally:
                if key == "unet":
                    in_unet[0] = False
                seconds[key] += time.perf_counter() - t0

        setattr(cls, method, wrapper)

    timed(UNetSpatioTemporalConditionModel, "forward", "unet")
    timed(AutoencoderKLTemporalDecoder, "encode", "vae_encode")
    timed(AutoencoderKLTemporalDecoder, "decode", "vae_decode")
    timed(CLIPVisionModelWithProjection, "forward", "image_encoder")
    for cls in (UNetSpatioTemporalConditionModel, AutoencoderKLTemporalDecoder, CLIPVisionModelWithProjection):
        original_load = cls.from_pretrained.__func__

        def load(c, *args, _original=original_load, **kw):
            t0 = time.perf_counter()
            try:
                return _original(c, *args, **kw)
            finally:
                seconds["load"] += time.perf_counter() - t0

        cls.from_pretrained = classmethod(load)

    # FLOPs inside UNet calls, counted where every Conv, Linear and attention product lands: torch.nn.functional's
    # conv/linear (nn.Conv2d, nn.Linear and diffusers' LoRACompatible* layers all call them) and torch.bmm/baddbmm
    F = torch.nn.functional

    def counting(owner, name, work):
        original = getattr(owner, name)

        def counted(*args, **kw):
            out = original(*args, **kw)
            if in_unet[0]:
                flops["unet"] += 2 * out.numel() * work(*args)
            return out

        setattr(owner, name, counted)

    def prod(shape):
        n = 1
        for s in shape:
            n *= int(s)
        return n

    for name in ("conv1d", "conv2d", "conv3d"):
        counting(F, name, lambda x, w, *r: prod(w.shape[1:]))
    counting(F, "linear", lambda x, w, *r: int(w.shape[1]))
    counting(torch, "bmm", lambda x, y, *r: int(x.shape[-1]))
    counting(torch, "baddbmm", lambda i, x, y, *r: int(x.shape[-1]))

    peak_before = peak_gflops(torch)
    t0 = time.perf_counter()
    reference.run(argparse.Namespace(model=a.model, out=a.out, seed=42, frames=14, size=64, steps=25, strength=0.55,
                                     guidance_min=4.0, guidance_max=4.0, noise_aug=0.2, normalization="per-frame",
                                     frames_dtype="uint8", only="frames", unet_calls=False))
    total = time.perf_counter() - t0
    peak_after = peak_gflops(torch)
    edit = total - seconds["load"]
    models = seconds["unet"] + seconds["vae_encode"] + seconds["vae_decode"] + seconds["image_encoder"]
    peak = max(peak_before, peak_after)
    result = {"side": "authors", "threads": a.threads, "edit_ms": 1e3 * edit, "load_ms": 1e3 * seconds["load"],
              "unet_ms": 1e3 * seconds["unet"], "vae_encode_ms": 1e3 * seconds["vae_encode"],
              "vae_decode_ms": 1e3 * seconds["vae_decode"], "image_encoder_ms": 1e3 * seconds["image_encoder"],
              "rest_ms": 1e3 * (edit - models), "unet_calls": counts["unet_calls"],
              "unet_batch_items": counts["unet_batches"], "unet_gflop": flops["unet"] / 1e9,
              "unet_gflops": flops["unet"] / 1e9 / seconds["unet"], "peak_gflops": peak,
              "unet_fraction_of_peak": flops["unet"] / 1e9 / seconds["unet"] / peak,
              "torch": torch.__version__}
    print(json.dumps(result))


if __name__ == "__main__":
    main()

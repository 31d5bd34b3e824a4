#!/usr/bin/env python3
"""Runs the paper authors' Videoshop algorithm (sfanxiang/videoshop: model_utils.py, euler_discrete_inverse.py and
data_module.py imported from a local checkout; run.py's top-level steps reproduced line for line below) on a
diffusers SVD folder, with every random draw replaced by the Java pipeline's, and writes the arrays of each
stage for the Java tests to compare against (README.md).

What differs from run.py, and why (none of it changes the algorithm):
- CPU and float32 instead of CUDA and float16; the model is loaded from --model, not the hub.
- The clip is given as arrays (the synthetic clip below, at the model's size) instead of read with imageio.
- torch.randn is intercepted: the draw of the latents' shape (the noise of the Sigma branch) is
  EditPipeline's seed ^ NOISE_STREAM draw; the two draws of the conditioning image's shape (augmentation noise
  for the inversion condition in run.py, then for the generation condition in controlled_generation) are
  seed ^ AUGMENT_STREAM and seed ^ GENERATION_AUGMENT_STREAM (Java draws them planar [3,H,W]; permuted here to
  the authors' [H,W,3]). diffusers' scheduler.step also draws noise of the latents' shape, unused at s_churn 0.
- --normalization per-channel replaces run.py's per-frame normalisation of the video latents (reshape(T, -1),
  unbiased std) with the paper's per-channel one as the Java pipeline computes it (population std).
- torch < 2.0 only: diffusers' Attention.get_attention_scores uses torch.baddbmm(empty, q, k^T, beta=0), which on
  Debian's torch 1.13.1 CPU sometimes reads the uninitialised tensor and returns NaN; it is replaced by the same
  product computed with torch.bmm.

Outputs (--out): reference.json (settings, and for each stage its file, shape and dtype) and one little-endian
.bin per stage: x0 (normalised latents [T,C,h,w]), inversion_condition [C,h,w], inversion_embedding [D],
invert_NN (latents after inversion step NN, at the next higher sigma), generation_condition [C,h,w],
generation_embedding [D], generate_NN, rescaled (latents after the final rescale, [T,C,h,w]), decoder_input
(rescaled / scaling factor), frames (decoded, [T,3,H,W] in [0,1], float32, float16 or uint8 = round(255 v)); inputs/ holds the clip as PNGs.
"""
import argparse
import json
import os
import sys
import types

import numpy as np

import javarandom
import svd_env


def synthetic_clip(frames, height, width):
    """A clip with structure a VAE keeps (gradients, a moving disc, stripes) and an edited first frame (the disc
    recoloured, a square added): uint8 arrays [T,H,W,3] and [H,W,3]."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    video = np.empty((frames, height, width, 3), dtype=np.float64)
    for t in range(frames):
        cx, cy = width * (0.3 + 0.4 * t / max(1, frames - 1)), height * (0.5 + 0.15 * np.sin(t / 2.0))
        disc = ((xx - cx) ** 2 + (yy - cy) ** 2) < (0.18 * min(width, height)) ** 2
        video[t, ..., 0] = 0.25 + 0.5 * xx / width
        video[t, ..., 1] = 0.3 + 0.4 * yy / height
        video[t, ..., 2] = 0.5 + 0.2 * np.sin((xx + 2 * t) / 3.0)
        video[t][disc] = [0.9, 0.8, 0.2]
    edited = video[0].copy()
    cx, cy = width * 0.3, height * 0.5
    disc = ((xx - cx) ** 2 + (yy - cy) ** 2) < (0.18 * min(width, height)) ** 2
    edited[disc] = [0.2, 0.4, 0.9]
    edited[height // 8: height // 4, width // 8: width // 4] = [0.95, 0.1, 0.1]
    to8 = lambda a: np.clip(np.round(a * 255), 0, 255).astype(np.uint8)
    return to8(video), to8(edited)


def stub_authors_imports():
    """data_module.py imports lightning and multiprocess without using them here."""
    for name in ("lightning", "lightning.pytorch", "multiprocess"):
        if name not in sys.modules:
            sys.modules[name] = types.ModuleType(name)
    sys.modules["lightning"].pytorch = sys.modules["lightning.pytorch"]


def patch_baddbmm_for_old_torch(torch):
    if tuple(int(p) for p in torch.__version__.split("+")[0].split(".")[:2]) >= (2, 0):
        return False
    from diffusers.models.attention_processor import Attention

    def get_attention_scores(self, query, key, attention_mask=None):
        dtype = query.dtype
        if self.upcast_attention:
            query, key = query.float(), key.float()
        scores = torch.bmm(query, key.transpose(-1, -2)) * self.scale
        if attention_mask is not None:
            scores = scores + attention_mask
        if self.upcast_softmax:
            scores = scores.float()
        return scores.softmax(dim=-1).to(dtype)

    Attention.get_attention_scores = get_attention_scores
    return True


class Draws:
    """torch.randn replacement serving the Java pipeline's draws by shape (see the module docstring)."""

    def __init__(self, torch, seed, latent_shape, image_shape):
        self.torch, self.real = torch, torch.randn
        T, C, h, w = latent_shape
        H, W = image_shape
        self.latent = torch.from_numpy(javarandom.gaussian(T * C * h * w, seed ^ javarandom.NOISE_STREAM)
                                       ).reshape(1, T, C, h, w)
        self.augment = [torch.from_numpy(javarandom.gaussian(3 * H * W, seed ^ s)).reshape(3, H, W).permute(1, 2, 0)
                        [None].contiguous() for s in (javarandom.AUGMENT_STREAM, javarandom.GENERATION_AUGMENT_STREAM)]
        self.log = []

    def __call__(self, *size, **kw):
        shape = tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else tuple(size)
        dtype = kw.get("dtype") or self.torch.float32
        if shape == tuple(self.latent.shape):
            self.log.append("latent noise")
            return self.latent.clone().to(dtype)
        if shape == tuple(self.augment[0].shape):
            k = sum(1 for e in self.log if e.startswith("augment"))
            if k >= len(self.augment):
                raise AssertionError("more augmentation draws than the authors' run makes: %s" % self.log)
            self.log.append("augment %d" % k)
            return self.augment[k].clone().to(dtype)
        raise AssertionError("unexpected torch.randn%s (draws so far: %s)" % (shape, self.log))


def run(args):
    svd_env.setup()
    stub_authors_imports()
    sys.path.insert(0, svd_env.authors_repo())
    import torch
    from diffusers import AutoencoderKLTemporalDecoder, EulerDiscreteScheduler, UNetSpatioTemporalConditionModel
    from transformers import CLIPVisionModelWithProjection
    from data_module import PreprocessedDataset
    from euler_discrete_inverse import EulerDiscreteInverseScheduler
    from model_utils import controlled_generation, controlled_generation_inverse, vae_decode, vae_encode

    patched = patch_baddbmm_for_old_torch(torch)
    scheduler = EulerDiscreteScheduler.from_pretrained(args.model, subfolder="scheduler")
    inverse_scheduler = EulerDiscreteInverseScheduler.from_config(scheduler.config)
    vae = AutoencoderKLTemporalDecoder.from_pretrained(args.model, subfolder="vae").eval()
    image_encoder = CLIPVisionModelWithProjection.from_pretrained(args.model, subfolder="image_encoder").eval()
    unet_video = UNetSpatioTemporalConditionModel.from_pretrained(args.model, subfolder="unet").eval()
    S = image_encoder.config.image_size
    sf = vae.config.scaling_factor

    T, H, W = args.frames, args.size, args.size
    video_u8, edited_u8 = synthetic_clip(T, H, W)
    os.makedirs(os.path.join(args.out, "inputs"), exist_ok=True)
    from PIL import Image
    for t in range(T):
        Image.fromarray(video_u8[t]).save(os.path.join(args.out, "inputs", "frame_%02d.png" % t))
    Image.fromarray(edited_u8).save(os.path.join(args.out, "inputs", "edited.png"))

    class ItemDataset:  # run.py's: item 0 conditions on the source's first frame, item 1 on the edited frame
        def __init__(self, video, image):
            self.video, self.image = video, image

        def __len__(self):
            return 2

        def __getitem__(self, idx):
            image = self.image if idx == 1 else self.video[0]
            return {"video": self.video, "image1": image, "image2": image}

    dataset = PreprocessedDataset(ItemDataset(torch.tensor(video_u8), torch.tensor(edited_u8)), H, W, S, S,
                                  resize=True)
    C, down = unet_video.config.out_channels, 2 ** (len(vae.config.block_out_channels) - 1)
    draws = Draws(torch, args.seed, (T, C, H // down, W // down), (H, W))
    torch.randn = draws
    stages = {}

    def keep(name, tensor):
        stages[name] = tensor.detach().float().numpy().copy()

    # record each scheduler step's result (inversion: latents at the next higher sigma; generation: lower)
    def recording(sched, prefix):
        step = sched.step

        def wrapped(*a, **k):
            out = step(*a, **k)
            keep("%s_%02d" % (prefix, sum(1 for n in stages if n.startswith(prefix + "_")) + 1), out.prev_sample[0])
            return out

        sched.step = wrapped

    recording(inverse_scheduler, "invert")
    recording(scheduler, "generate")
    unet_calls = []
    original_forward = unet_video.forward

    def forward(sample, timestep, encoder_hidden_states, added_time_ids, return_dict=True):
        unet_calls.append({"sample": sample.detach().clone(), "timestep": float(timestep),
                           "ehs": encoder_hidden_states.detach().clone(), "ids": added_time_ids.detach().clone()})
        return original_forward(sample, timestep, encoder_hidden_states, added_time_ids, return_dict=return_dict)

    unet_video.forward = forward

    with torch.no_grad():
        # ---- run.py, from "item = dataset[0]" to the end, on CPU in float32 ----
        item = dataset[0]
        video, image1, image2 = item["video"][None], item["image1"][None], item["image2"][None]

        latents = vae_encode(vae, video)
        if args.normalization == "per-frame":
            mean = latents.reshape(latents.size(1), -1).mean(dim=1)
            std = latents.reshape(latents.size(1), -1).std(dim=1)
            latents = latents - mean[None, :, None, None, None]
            latents = latents / (std[None, :, None, None, None] + 1e-6)
        else:  # the paper's channel-wise normalisation with the Java pipeline's population std
            flat = latents[0].transpose(0, 1).reshape(latents.size(2), -1)
            mean, std = flat.mean(dim=1), flat.std(dim=1, unbiased=False)
            latents = (latents - mean[None, None, :, None, None]) / (std[None, None, :, None, None] + 1e-6)
        keep("x0", latents[0])

        noise_aug_strength = args.noise_aug
        image_noise = torch.randn(image2.size(), dtype=image2.dtype, device=image2.device)
        image2 = image2 + noise_aug_strength * image_noise
        image_latents = vae_encode(vae, image2[:, None], random=False, scale=False)
        mean = image_latents.reshape(image_latents.size(1), -1).mean(dim=1)
        std = image_latents.reshape(image_latents.size(1), -1).std(dim=1)
        image_latents = image_latents - mean[None, :, None, None, None]
        image_latents = image_latents / (std[None, :, None, None, None] + 1e-6)
        image_latents = image_latents / vae.config.scaling_factor
        keep("inversion_condition", image_latents[0, 0])

        outputs = controlled_generation_inverse(
            scheduler=inverse_scheduler, vae=vae, image_encoder=image_encoder, unet_video=unet_video, video=video,
            image1=image1, image2=image2, num_inference_steps=args.steps, fps=7, motion_bucket_id=127,
            noise_aug_strength=noise_aug_strength, latents=latents, image_latents=image_latents,
            strength=args.strength, min_guidance_scale=1.0, max_guidance_scale=1.0)
        noisy_latents = outputs["latents"]
        inversion_calls = len(unet_calls)
        keep("inversion_embedding", unet_calls[0]["ehs"][0, 0])

        item2 = dataset[1]
        image1, image2 = item2["image1"][None], item2["image2"][None]
        outputs = controlled_generation(
            scheduler=scheduler, vae=vae, image_encoder=image_encoder, unet_video=unet_video, video=video,
            image1=image1, image2=image2, num_inference_steps=args.steps, fps=7, motion_bucket_id=127,
            noise_aug_strength=noise_aug_strength, noisy_latents=noisy_latents, image_latents=None,
            strength=args.strength, min_guidance_scale=args.guidance_min, max_guidance_scale=args.guidance_max)
        output_latents = outputs["latents"]
        first_generation = unet_calls[inversion_calls]
        guided = first_generation["sample"].shape[0] == 2
        keep("generation_embedding", first_generation["ehs"][1 if guided else 0, 0])
        keep("generation_condition", first_generation["sample"][1 if guided else 0, 0, C:])

        image_latents = vae_encode(vae, image2[:, None], random=False, scale=True)
        output_latents = output_latents - output_latents[:, :1].flatten(-2, -1).mean(dim=-1)[..., None, None]
        output_latents = (output_latents / output_latents[:, :1].flatten(-2, -1).std(dim=-1)[..., None, None]
                          * image_latents.flatten(-2, -1).std(dim=-1)[..., None, None])
        output_latents = output_latents + image_latents.flatten(-2, -1).mean(dim=-1)[..., None, None]
        keep("rescaled", output_latents[0])
        keep("decoder_input", output_latents[0] / sf)
        generated_video = vae_decode(vae, output_latents)
        frames = ((generated_video[0] + 1.0) / 2.0).clamp(0.0, 1.0)  # what run.py writes, [T,H,W,3]
        keep("frames", frames.permute(0, 3, 1, 2))

    if args.unet_calls:
        for i, c in enumerate(unet_calls):
            keep("unet_%02d_sample" % i, c["sample"])
    index = {"settings": {"seed": args.seed, "frames": T, "height": H, "width": W, "steps": args.steps,
                          "strength": args.strength, "guidanceMin": args.guidance_min,
                          "guidanceMax": args.guidance_max, "noiseAugStrength": args.noise_aug,
                          "normalization": args.normalization, "sigmaThreshold": 1.0, "fps": 7,
                          "motionBucketId": 127, "inversionSteps": inversion_calls,
                          "generationSteps": len(unet_calls) - inversion_calls,
                          "unetTimesteps": [c["timestep"] for c in unet_calls],
                          "sigmas": [float(s) for s in scheduler.sigmas],
                          "torch": torch.__version__, "baddbmmReplaced": patched, "draws": draws.log},
             "stages": {}}
    wanted = args.only.split(",") if args.only else None
    for name, a in stages.items():
        if wanted and name not in wanted:
            continue
        dtype = args.frames_dtype if name == "frames" else "float32"
        if dtype == "uint8":  # what an 8-bit video of the output holds: round(255 v)
            np.clip(np.round(a * 255), 0, 255).astype(np.uint8).tofile(os.path.join(args.out, name + ".bin"))
        else:
            a.astype("<" + ("f2" if dtype == "float16" else "f4")).tofile(os.path.join(args.out, name + ".bin"))
        index["stages"][name] = {"file": name + ".bin", "shape": list(a.shape), "dtype": dtype}
    with open(os.path.join(args.out, "reference.json"), "w") as fh:
        json.dump(index, fh, indent=1)
        fh.write("\n")
    print("wrote %d stages to %s (draws: %s)" % (len(stages), args.out, draws.log))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="a diffusers SVD folder (make_model.py writes one)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=42, help="the Java pipeline's seed (VideoshopOptions.seed)")
    ap.add_argument("--frames", type=int, default=14)
    ap.add_argument("--size", type=int, default=64, help="square frame size in pixels")
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--strength", type=float, default=0.55)
    ap.add_argument("--guidance-min", type=float, default=4.0)
    ap.add_argument("--guidance-max", type=float, default=4.0)
    ap.add_argument("--noise-aug", type=float, default=0.2)
    ap.add_argument("--normalization", choices=["per-frame", "per-channel"], default="per-frame")
    ap.add_argument("--frames-dtype", choices=["float32", "float16", "uint8"], default="float32",
                    help="how the decoded frames are stored (uint8: round(255 v), as a video file holds them)")
    ap.add_argument("--only", default=None, help="comma-separated stages to write (default: all)")
    ap.add_argument("--unet-calls", action="store_true", help="also store every UNet input (diagnosis)")
    run(ap.parse_args(argv))


if __name__ == "__main__":
    main()

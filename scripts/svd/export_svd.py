#!/usr/bin/env python3
"""Export Stable Video Diffusion (img2vid, img2vid-xt or a fine-tune of either) from diffusers weights you
already have into a Videoshop model bundle (docs/bundle-format.md, docs/models.md).

Tested (scripts/svd/reference/README.md) with diffusers 0.25.1, transformers 4.45.0.dev0 and
torch 1.13.1 (Debian's) on CPU, on small random models of SVD's real classes; the torch-version-specific
workarounds (onnx_tools.py) are applied only where the running torch needs them. Needs:

    pip install torch diffusers transformers onnx      (a CUDA GPU with >= 24 GB to trace a real fp16 UNet)

    python export_svd.py --model stabilityai/stable-video-diffusion-img2vid-xt --variant img2vid-xt \
        --out models/svd-xt
    python export_svd.py --model /path/to/local/stable-video-diffusion-img2vid --variant img2vid \
        --out models/svd

Sizes come from the model's own configs: latent channels and the UNet's cross-attention width (the image
embedding's length) from unet/config.json, the scaling factor and the 8x downscale from vae/config.json, the
CLIP input size from image_encoder/config.json, CLIP's mean/std from feature_extractor/ when present.

What it writes (every file relative to --out); every batch, frame and spatial axis is dynamic:
  image_embedder.onnx (+ .data)  CLIP vision encoder with projection, float32:
                                 pixel_values [N,3,S,S] (CLIP-normalised) -> image_embeds [N,1,D]
  vae_encoder.onnx               VAE encoder returning the posterior mean, float32:
                                 sample [N,3,H,W] in [-1,1] -> latent_mean [N,C,H/8,W/8] (not scaled)
  vae_decoder.onnx               temporal VAE decoder, float32: latent [T,C,h,w] -> sample [T,3,8h,8w]; its frame
                                 count is the latent's first axis, so a whole clip decodes in one call as the
                                 authors do (manifest "wholeClip": true; --decode-chunk K instead bakes K frames)
  unet.onnx + unet.onnx.data     UNetSpatioTemporalConditionModel, float16 (default) or float32, external weights:
                                 sample [B,T,2C,h,w], timestep [1] f32, encoder_hidden_states [B,1,D],
                                 added_time_ids [B,3] -> out_sample [B,T,C,h,w]; runs at batch 1 (unguided
                                 inversion) and 2 (guided), any frame count and size
  videoshop-model.json           the manifest (14 or 25 frames at --width x --height, fps 7, motion bucket 127,
                                 noise augmentation 0.02: diffusers' StableVideoDiffusionPipeline defaults)
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

from onnx_tools import compact_names, export_workarounds, to_float16

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
VARIANTS = {
    # name: (native frames, decoder chunk used with --decode-chunk auto)
    "img2vid": (14, 7),
    "img2vid-xt": (25, 5),
}
# SVD's own values, used by --manifest-only (which reads no configs)
SVD_SIZES = {"channels": 4, "downscale": 8, "scaling_factor": 0.18215, "embed_dim": 1024, "embed_size": 224,
             "mean": CLIP_MEAN, "std": CLIP_STD}
def read_sizes(model):
    """Latent channels, downscale, scaling factor, embedding width and CLIP input size from a local diffusers
    folder's configs (a hub id is resolved with huggingface_hub's snapshot_download)."""
    if not os.path.isdir(model):
        from huggingface_hub import snapshot_download
        model = snapshot_download(model, allow_patterns=["*.json"])

    def cfg(*parts):
        p = os.path.join(model, *parts)
        if not os.path.isfile(p):
            return None
        with open(p) as fh:
            return json.load(fh)

    unet, vae, clip = cfg("unet", "config.json"), cfg("vae", "config.json"), cfg("image_encoder", "config.json")
    for name, c in (("unet", unet), ("vae", vae), ("image_encoder", clip)):
        if c is None:
            raise SystemExit("Expected %s/config.json in %s but found none" % (name, model))
    fe = cfg("feature_extractor", "preprocessor_config.json") or {}
    channels = int(unet.get("out_channels", 4))
    if int(unet.get("in_channels", 8)) != 2 * channels:
        raise SystemExit("Expected the UNet's in_channels to be twice its out_channels (noisy latents + condition)"
                         " but found %s and %s" % (unet.get("in_channels"), channels))
    if int(vae.get("latent_channels", channels)) != channels:
        raise SystemExit("Expected the VAE's latent_channels %s to equal the UNet's out_channels %d"
                         % (vae.get("latent_channels"), channels))
    embed = int(unet.get("cross_attention_dim", 1024))
    proj = int(clip.get("projection_dim", embed))
    if proj != embed:
        raise SystemExit("Expected the image encoder's projection_dim %d to equal the UNet's cross_attention_dim %d"
                         % (proj, embed))
    size = fe.get("crop_size", fe.get("size", clip.get("image_size", 224)))
    if isinstance(size, dict):
        size = size.get("height", size.get("shortest_edge"))
    return {"channels": channels, "downscale": 2 ** (len(vae.get("block_out_channels", [0] * 4)) - 1),
            "scaling_factor": float(vae.get("scaling_factor", 0.18215)), "embed_dim": embed,
            "embed_size": int(clip.get("image_size", size)), "mean": fe.get("image_mean", CLIP_MEAN),
            "std": fe.get("image_std", CLIP_STD)}


def build_manifest(variant, decode_chunk, unet_dtype, version, sizes=None, width=1024, height=576, frames=None,
                   name=None):
    """The bundle manifest for an export with these settings (needs nothing but the standard library).
    decode_chunk None: a decoder with a dynamic frame count, decoded a whole clip per call."""
    sizes = sizes or SVD_SIZES
    frames = frames or VARIANTS[variant][0]
    decoder = {"file": "vae_decoder.onnx", "inputs": {"latent": "latent"}, "outputs": {"pixels": "sample"},
               "dtype": "float32"}
    if decode_chunk is None:
        decoder["wholeClip"] = True
    else:
        decoder["fixedChunk"] = decode_chunk
    return {
        "format": 1,
        "name": name or "svd-" + variant,
        "description": ("Stable Video Diffusion " + variant + " exported from diffusers weights by "
                        "scripts/svd/export_svd.py"),
        "version": version,
        "networks": {
            "imageEmbedder": {"file": "image_embedder.onnx", "inputs": {"pixels": "pixel_values"},
                              "outputs": {"embedding": "image_embeds"}, "dtype": "float32",
                              "externalData": ["image_embedder.onnx.data"]},
            "vaeEncoder": {"file": "vae_encoder.onnx", "inputs": {"pixels": "sample"},
                           "outputs": {"latent": "latent_mean"}, "dtype": "float32"},
            "vaeDecoder": decoder,
            "unet": {"file": "unet.onnx",
                     "inputs": {"sample": "sample", "timestep": "timestep",
                                "encoderHiddenStates": "encoder_hidden_states",
                                "addedTimeIds": "added_time_ids"},
                     "outputs": {"out": "out_sample"}, "dtype": unet_dtype, "externalData": ["unet.onnx.data"]},
        },
        "latent": {"channels": sizes["channels"], "downscale": sizes["downscale"],
                   "scalingFactor": sizes["scaling_factor"], "normalizePerVideo": True},
        # sizeMultiple: the UNet halves the latent grid three times, so pixel sizes must be multiples of 8 * 8.
        "video": {"nativeFrames": frames, "width": width, "height": height, "maxFrames": frames,
                  "sizeMultiple": sizes["downscale"] * 8, "fps": 7, "motionBucketId": 127, "noiseAugStrength": 0.02},
        "preconditioning": {"prediction": "v", "sigmaData": 1.0},
        "schedule": {"sigmaMin": 0.002, "sigmaMax": 700.0, "rho": 7.0},
        "embedder": {"imageSize": sizes["embed_size"], "dimension": sizes["embed_dim"], "mean": list(sizes["mean"]),
                     "std": list(sizes["std"])},
    }


def write_manifest(out, manifest):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "videoshop-model.json"), "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")


def use_local_checkouts():
    """Without an installed diffusers, use local checkouts through reference/svd_env.py ($SVD_CHECKOUTS)."""
    import importlib.util
    if importlib.util.find_spec("diffusers") is None:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference"))
        import svd_env
        svd_env.setup(threads=int(os.environ.get("OMP_NUM_THREADS", "1")))


def export(args, sizes):
    use_local_checkouts()
    import onnx
    import torch
    import torch.nn as nn
    from diffusers import AutoencoderKLTemporalDecoder, UNetSpatioTemporalConditionModel
    from transformers import CLIPVisionModelWithProjection

    frames = args.frames
    device = torch.device(args.device)
    half = args.unet_dtype == "float16"
    C, S, D = sizes["channels"], sizes["embed_size"], sizes["embed_dim"]
    # tracing example: small but not 1 or 2 anywhere the graph must stay dynamic
    th, tw = args.trace_height, args.trace_width
    h, w = th // sizes["downscale"], tw // sizes["downscale"]
    os.makedirs(args.out, exist_ok=True)

    class ImageEmbedder(nn.Module):
        def __init__(self, enc):
            super().__init__()
            self.enc = enc

        def forward(self, pixel_values):
            return self.enc(pixel_values).image_embeds.unsqueeze(1)

    class VaeEncoderMean(nn.Module):
        def __init__(self, vae):
            super().__init__()
            self.vae = vae

        def forward(self, sample):
            return self.vae.encode(sample).latent_dist.mean

    class VaeDecoder(nn.Module):
        """Decodes latent [T,C,h,w] as one clip of T frames (n None: T read from the graph) or of n frames."""

        def __init__(self, vae, n):
            super().__init__()
            self.vae, self.n = vae, n

        def forward(self, latent):
            return self.vae.decode(latent, num_frames=self.n or latent.shape[0]).sample

    class Unet(nn.Module):
        def __init__(self, unet):
            super().__init__()
            self.unet = unet

        def forward(self, sample, timestep, encoder_hidden_states, added_time_ids):
            return self.unet(sample, timestep, encoder_hidden_states, added_time_ids, return_dict=False)[0]

    def save(module, inputs, in_names, out_names, dynamic, name, external, post=None):
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, name)
            with torch.no_grad(), export_workarounds():
                torch.onnx.export(module, inputs, path, input_names=in_names, output_names=out_names,
                                  dynamic_axes=dynamic, opset_version=args.opset, do_constant_folding=True)
            model = onnx.load(path)  # also loads any external data torch wrote for >2 GB graphs
            if post is not None:
                post(model)
            if args.compact:
                compact_names(model)
            target = os.path.join(args.out, name)
            for stale in (target, target + ".data"):
                if os.path.exists(stale):
                    os.remove(stale)
            if external:
                onnx.save_model(model, target, save_as_external_data=True, all_tensors_to_one_file=True,
                                location=name + ".data", size_threshold=1024)
            else:
                onnx.save_model(model, target)
            onnx.checker.check_model(target)
            print("wrote", target, flush=True)
        finally:
            shutil.rmtree(tmp)

    print("exporting the CLIP image encoder", flush=True)
    clip = CLIPVisionModelWithProjection.from_pretrained(args.model, subfolder="image_encoder",
                                                         torch_dtype=torch.float32).to(device).eval()
    save(ImageEmbedder(clip), (torch.randn(3, 3, S, S, device=device),),
         ["pixel_values"], ["image_embeds"], {"pixel_values": {0: "N"}, "image_embeds": {0: "N"}},
         "image_embedder.onnx", True)
    del clip

    chunk = args.decode_chunk
    print("exporting the VAE encoder and the temporal decoder (%s)"
          % ("whole clip" if chunk is None else "chunk %d" % chunk), flush=True)
    vae = AutoencoderKLTemporalDecoder.from_pretrained(args.model, subfolder="vae",
                                                       torch_dtype=torch.float32).to(device).eval()
    save(VaeEncoderMean(vae), (torch.rand(3, 3, th, tw, device=device) * 2 - 1,), ["sample"],
         ["latent_mean"], {"sample": {0: "N", 2: "H", 3: "W"}, "latent_mean": {0: "N", 2: "h", 3: "w"}},
         "vae_encoder.onnx", False)
    n = chunk if chunk is not None else 3
    save(VaeDecoder(vae, chunk), (torch.randn(n, C, h, w, device=device),), ["latent"], ["sample"],
         {"latent": ({} if chunk else {0: "T"}) | {2: "h", 3: "w"},
          "sample": ({} if chunk else {0: "T"}) | {2: "H", 3: "W"}}, "vae_decoder.onnx", False)
    del vae

    # torch has no float16 convolution on CPU: there the UNet is traced in float32 and converted (to_float16)
    trace_half = half and device.type != "cpu"
    print("exporting the UNet (%s%s)" % (args.unet_dtype, ", converted from a float32 trace" if half and not trace_half
                                         else ""), flush=True)
    dt = torch.float16 if trace_half else torch.float32
    unet = UNetSpatioTemporalConditionModel.from_pretrained(args.model, subfolder="unet",
                                                            torch_dtype=dt).to(device).eval()
    example = (torch.randn(3, 5, 2 * C, h, w, device=device, dtype=dt),
               torch.tensor([0.25 * 0.7], device=device, dtype=torch.float32),
               torch.randn(3, 1, D, device=device, dtype=dt),
               torch.tensor([[6.0, 127.0, 0.02]] * 3, device=device, dtype=dt))
    save(Unet(unet), example, ["sample", "timestep", "encoder_hidden_states", "added_time_ids"], ["out_sample"],
         {"sample": {0: "B", 1: "T", 3: "h", 4: "w"}, "encoder_hidden_states": {0: "B"},
          "added_time_ids": {0: "B"}, "out_sample": {0: "B", 1: "T", 3: "h", 4: "w"}}, "unet.onnx", True,
         post=to_float16 if half and not trace_half else None)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="diffusers model folder or hub id (weights you have)")
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="img2vid-xt")
    ap.add_argument("--out", required=True, help="bundle folder to write")
    ap.add_argument("--decode-chunk", default="whole",
                    help="whole (default: the decoder takes any frame count; a clip decodes in one call as the "
                         "authors do), auto (7 for img2vid, 5 for xt, baked into the graph) or a frame count")
    ap.add_argument("--width", type=int, default=1024, help="the manifest's video width (SVD: 1024)")
    ap.add_argument("--height", type=int, default=576, help="the manifest's video height (SVD: 576)")
    ap.add_argument("--frames", type=int, default=None, help="native frames (default: the variant's 14 or 25)")
    ap.add_argument("--name", default=None, help="the bundle's name (default svd-VARIANT)")
    ap.add_argument("--trace-width", type=int, default=128, help="pixel width of the tracing example")
    ap.add_argument("--trace-height", type=int, default=192, help="pixel height of the tracing example")
    ap.add_argument("--unet-dtype", choices=["float16", "float32"], default="float16")
    ap.add_argument("--compact", action="store_true",
                    help="short node and tensor names (smaller files; ONNX Runtime's errors name nodes n1, n2, ...)")
    ap.add_argument("--device", default="cuda",
                    help="torch device for tracing (cpu: a float16 UNet is converted from a float32 trace)")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--version", default=None, help="version string recorded in provenance")
    ap.add_argument("--manifest-only", action="store_true",
                    help="write only videoshop-model.json (needs no torch, diffusers or weights)")
    args = ap.parse_args(argv)
    if args.decode_chunk == "whole":
        args.decode_chunk = None
    elif args.decode_chunk == "auto":
        args.decode_chunk = VARIANTS[args.variant][1]
    elif not args.decode_chunk.isdigit() or int(args.decode_chunk) < 1:
        ap.error("--decode-chunk must be whole, auto or a frame count >= 1")
    else:
        args.decode_chunk = int(args.decode_chunk)
    if args.frames is None:
        args.frames = VARIANTS[args.variant][0]
    if args.opset < 17:
        ap.error("--opset must be 17 or newer")
    version = args.version or ("svd-" + args.variant + "/" + (os.path.basename(os.path.normpath(args.model))
                                                              if args.model else "unknown-weights"))
    sizes = SVD_SIZES
    if not args.manifest_only:
        if not args.model:
            ap.error("--model is required unless --manifest-only")
        sizes = read_sizes(args.model)
        if args.width % (sizes["downscale"] * 8) or args.height % (sizes["downscale"] * 8):
            ap.error("--width and --height must be multiples of %d" % (sizes["downscale"] * 8))
    manifest = build_manifest(args.variant, args.decode_chunk, args.unet_dtype, version, sizes, args.width,
                              args.height, args.frames, args.name)
    if not args.manifest_only:
        export(args, sizes)
    write_manifest(args.out, manifest)
    print("wrote", os.path.join(args.out, "videoshop-model.json"))


if __name__ == "__main__":
    sys.exit(main())

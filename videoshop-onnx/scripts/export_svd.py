#!/usr/bin/env python3
"""Export Stable Video Diffusion (img2vid or img2vid-xt) from diffusers weights you already have
into a Videoshop model bundle (docs/bundle-format.md, docs/models.md).

UNTESTED HERE: the Videoshop build machines have no SVD weights, no diffusers and no PyPI, so only the
manifest this script writes (--manifest-only) is checked by the Java tests
(videoshop-onnx/src/test/resources/svd-export/). Run it on a machine with:

    pip install torch diffusers transformers onnx      (a CUDA GPU with >= 24 GB for the fp16 UNet)

    python export_svd.py --model stabilityai/stable-video-diffusion-img2vid-xt --variant img2vid-xt \
        --out models/svd-xt
    python export_svd.py --model /path/to/local/stable-video-diffusion-img2vid --variant img2vid \
        --out models/svd

What it writes (every file relative to --out):
  image_embedder.onnx (+ .data)  CLIP vision encoder with projection, float32:
                                 pixel_values [N,3,224,224] (CLIP-normalised) -> image_embeds [N,1,1024]
  vae_encoder.onnx               VAE encoder returning the posterior mean, float32:
                                 sample [N,3,H,W] in [-1,1] -> latent_mean [N,4,H/8,W/8] (not scaled)
  vae_decoder.onnx               temporal VAE decoder traced for exactly --decode-chunk frames (diffusers bakes
                                 num_frames into the graph), float32: latent [k,4,h,w] -> sample [k,3,8h,8w];
                                 the manifest's fixedChunk = k tells the Java side to decode in chunks of k
  unet.onnx + unet.onnx.data     UNetSpatioTemporalConditionModel, float16 (default) with external weights:
                                 sample [2B,T,8,h,w] f16, timestep [1] f32, encoder_hidden_states [2B,1,1024] f16,
                                 added_time_ids [2B,3] f16 -> out_sample [2B,T,4,h,w] f16
  videoshop-model.json           the manifest (scaling factor 0.18215, downscale 8, 4 channels, 14 or 25
                                 frames at 1024x576, CLIP mean/std at 224 px, fps 7, motion bucket 127,
                                 noise augmentation 0.02: diffusers' StableVideoDiffusionPipeline defaults)
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
VARIANTS = {
    # name: (native frames, default decoder chunk that divides it)
    "img2vid": (14, 7),
    "img2vid-xt": (25, 5),
}
WIDTH, HEIGHT, DOWNSCALE, CHANNELS, EMBED_DIM, EMBED_SIZE = 1024, 576, 8, 4, 1024, 224


def build_manifest(variant, decode_chunk, unet_dtype, version):
    """The bundle manifest for an export with these settings (needs nothing but the standard library)."""
    frames, _ = VARIANTS[variant]
    unet_data = ["unet.onnx.data"]
    return {
        "format": 1,
        "name": "svd-" + variant,
        "description": ("Stable Video Diffusion " + variant + " exported from diffusers weights by "
                        "videoshop-onnx/scripts/export_svd.py"),
        "version": version,
        "networks": {
            "imageEmbedder": {"file": "image_embedder.onnx", "inputs": {"pixels": "pixel_values"},
                              "outputs": {"embedding": "image_embeds"}, "dtype": "float32",
                              "externalData": ["image_embedder.onnx.data"]},
            "vaeEncoder": {"file": "vae_encoder.onnx", "inputs": {"pixels": "sample"},
                           "outputs": {"latent": "latent_mean"}, "dtype": "float32"},
            "vaeDecoder": {"file": "vae_decoder.onnx", "inputs": {"latent": "latent"},
                           "outputs": {"pixels": "sample"}, "dtype": "float32", "fixedChunk": decode_chunk},
            "unet": {"file": "unet.onnx",
                     "inputs": {"sample": "sample", "timestep": "timestep",
                                "encoderHiddenStates": "encoder_hidden_states",
                                "addedTimeIds": "added_time_ids"},
                     "outputs": {"out": "out_sample"}, "dtype": unet_dtype, "externalData": unet_data},
        },
        "latent": {"channels": CHANNELS, "downscale": DOWNSCALE, "scalingFactor": 0.18215,
                   "normalizePerVideo": True},
        # sizeMultiple: the UNet halves the latent grid three times, so pixel sizes must be multiples of 8 * 8.
        "video": {"nativeFrames": frames, "width": WIDTH, "height": HEIGHT, "maxFrames": frames,
                  "sizeMultiple": DOWNSCALE * 8, "fps": 7, "motionBucketId": 127, "noiseAugStrength": 0.02},
        "preconditioning": {"prediction": "v", "sigmaData": 1.0},
        "schedule": {"sigmaMin": 0.002, "sigmaMax": 700.0, "rho": 7.0},
        "embedder": {"imageSize": EMBED_SIZE, "dimension": EMBED_DIM, "mean": CLIP_MEAN, "std": CLIP_STD},
    }


def write_manifest(out, manifest):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "videoshop-model.json"), "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")


def export(args):
    import onnx
    import torch
    import torch.nn as nn
    from diffusers import AutoencoderKLTemporalDecoder, UNetSpatioTemporalConditionModel
    from transformers import CLIPVisionModelWithProjection

    frames, _ = VARIANTS[args.variant]
    chunk = args.decode_chunk
    device = torch.device(args.device)
    half = args.unet_dtype == "float16"
    h, w = HEIGHT // DOWNSCALE, WIDTH // DOWNSCALE
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

    class VaeDecoderChunk(nn.Module):
        def __init__(self, vae, n):
            super().__init__()
            self.vae, self.n = vae, n

        def forward(self, latent):
            return self.vae.decode(latent, num_frames=self.n).sample

    class Unet(nn.Module):
        def __init__(self, unet):
            super().__init__()
            self.unet = unet

        def forward(self, sample, timestep, encoder_hidden_states, added_time_ids):
            return self.unet(sample, timestep, encoder_hidden_states, added_time_ids, return_dict=False)[0]

    def save(module, inputs, in_names, out_names, dynamic, name, external):
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, name)
            with torch.no_grad():
                torch.onnx.export(module, inputs, path, input_names=in_names, output_names=out_names,
                                  dynamic_axes=dynamic, opset_version=args.opset, do_constant_folding=True)
            model = onnx.load(path)  # also loads any external data torch wrote for >2 GB graphs
            target = os.path.join(args.out, name)
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
    save(ImageEmbedder(clip), (torch.randn(1, 3, EMBED_SIZE, EMBED_SIZE, device=device),),
         ["pixel_values"], ["image_embeds"], {"pixel_values": {0: "N"}, "image_embeds": {0: "N"}},
         "image_embedder.onnx", True)
    del clip

    print("exporting the VAE encoder and the temporal decoder (chunk %d)" % chunk, flush=True)
    vae = AutoencoderKLTemporalDecoder.from_pretrained(args.model, subfolder="vae",
                                                       torch_dtype=torch.float32).to(device).eval()
    save(VaeEncoderMean(vae), (torch.rand(1, 3, HEIGHT, WIDTH, device=device) * 2 - 1,), ["sample"],
         ["latent_mean"], {"sample": {0: "N", 2: "H", 3: "W"}, "latent_mean": {0: "N", 2: "h", 3: "w"}},
         "vae_encoder.onnx", False)
    save(VaeDecoderChunk(vae, chunk), (torch.randn(chunk, CHANNELS, h, w, device=device),), ["latent"],
         ["sample"], {"latent": {2: "h", 3: "w"}, "sample": {2: "H", 3: "W"}}, "vae_decoder.onnx", False)
    del vae

    print("exporting the UNet (%s)" % args.unet_dtype, flush=True)
    dt = torch.float16 if half else torch.float32
    unet = UNetSpatioTemporalConditionModel.from_pretrained(args.model, subfolder="unet",
                                                            torch_dtype=dt).to(device).eval()
    example = (torch.randn(2, frames, 2 * CHANNELS, h, w, device=device, dtype=dt),
               torch.tensor([0.25 * 0.7], device=device, dtype=torch.float32),
               torch.randn(2, 1, EMBED_DIM, device=device, dtype=dt),
               torch.tensor([[6.0, 127.0, 0.02]] * 2, device=device, dtype=dt))
    save(Unet(unet), example, ["sample", "timestep", "encoder_hidden_states", "added_time_ids"], ["out_sample"],
         {"sample": {0: "B", 1: "T", 3: "h", 4: "w"}, "encoder_hidden_states": {0: "B"},
          "added_time_ids": {0: "B"}, "out_sample": {0: "B", 1: "T", 3: "h", 4: "w"}}, "unet.onnx", True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="diffusers model folder or hub id (weights you have)")
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="img2vid-xt")
    ap.add_argument("--out", required=True, help="bundle folder to write")
    ap.add_argument("--decode-chunk", type=int, default=None,
                    help="frames per decoder call baked into vae_decoder.onnx (default 7 for img2vid, 5 for xt)")
    ap.add_argument("--unet-dtype", choices=["float16", "float32"], default="float16")
    ap.add_argument("--device", default="cuda", help="torch device for tracing (fp16 needs cuda)")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--version", default=None, help="version string recorded in provenance")
    ap.add_argument("--manifest-only", action="store_true",
                    help="write only videoshop-model.json (needs no torch, diffusers or weights)")
    args = ap.parse_args(argv)
    if args.decode_chunk is None:
        args.decode_chunk = VARIANTS[args.variant][1]
    if args.decode_chunk < 1:
        ap.error("--decode-chunk must be >= 1")
    if args.opset < 17:
        ap.error("--opset must be 17 or newer")
    version = args.version or ("svd-" + args.variant + "/" + (os.path.basename(os.path.normpath(args.model))
                                                              if args.model else "unknown-weights"))
    manifest = build_manifest(args.variant, args.decode_chunk, args.unet_dtype, version)
    if not args.manifest_only:
        if not args.model:
            ap.error("--model is required unless --manifest-only")
        export(args)
    write_manifest(args.out, manifest)
    print("wrote", os.path.join(args.out, "videoshop-model.json"))


if __name__ == "__main__":
    sys.exit(main())

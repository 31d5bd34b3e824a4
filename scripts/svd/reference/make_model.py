#!/usr/bin/env python3
"""Builds a small random model of Stable Video Diffusion's real architecture (diffusers'
UNetSpatioTemporalConditionModel, AutoencoderKLTemporalDecoder and EulerDiscreteScheduler with SVD's config,
transformers' CLIPVisionModelWithProjection) and saves it as a diffusers SVD folder (model_index.json,
scheduler/, unet/, vae/, image_encoder/; weights as .bin), which export_svd.py and reference.py both read.

SVD's block structure is kept (4 down blocks of which 3 with spatio-temporal attention, 2 layers per block,
a VAE that downscales 8x with a temporal decoder, v-prediction EDM scheduler); the widths shrink and, by
default, the UNet has 1 layer per block instead of 2 (so the fixture bundle stays under 8 MB). Weights
are drawn from --seed; the same seed gives the same model.

    python3 make_model.py --out /tmp/svd-tiny            # the test fixture's model
"""
import argparse
import json
import os

import svd_env


def build(out, seed=0, width=32, embed=32, frames=14, size=64, layers=1, mult=(1, 1, 1, 1), attention_levels=3):
    import torch
    from diffusers import AutoencoderKLTemporalDecoder, EulerDiscreteScheduler, UNetSpatioTemporalConditionModel
    from transformers import CLIPVisionConfig, CLIPVisionModelWithProjection

    os.makedirs(out, exist_ok=True)
    # stabilityai/stable-video-diffusion-img2vid's scheduler_config.json
    EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                           interpolation_type="linear", num_train_timesteps=1000, prediction_type="v_prediction",
                           sigma_max=700.0, sigma_min=0.002, steps_offset=1, timestep_spacing="leading",
                           timestep_type="continuous", trained_betas=None,
                           use_karras_sigmas=True).save_pretrained(os.path.join(out, "scheduler"))
    w = width
    torch.manual_seed(seed)
    unet = UNetSpatioTemporalConditionModel(
        sample_size=size // 8, in_channels=8, out_channels=4,
        down_block_types=(("CrossAttnDownBlockSpatioTemporal",) * attention_levels
                          + ("DownBlockSpatioTemporal",) * (4 - attention_levels)),
        up_block_types=(("UpBlockSpatioTemporal",) * (4 - attention_levels)
                        + ("CrossAttnUpBlockSpatioTemporal",) * attention_levels),
        block_out_channels=tuple(w * m for m in mult), addition_time_embed_dim=8,
        projection_class_embeddings_input_dim=24, layers_per_block=layers, cross_attention_dim=embed,
        transformer_layers_per_block=1, num_attention_heads=(2, 4, 4, 4), num_frames=frames).eval()
    unet.save_pretrained(os.path.join(out, "unet"), safe_serialization=False)
    torch.manual_seed(seed + 1)
    vae = AutoencoderKLTemporalDecoder(
        in_channels=3, out_channels=3, down_block_types=("DownEncoderBlock2D",) * 4,
        block_out_channels=(w, w, w, w), layers_per_block=1, latent_channels=4, sample_size=size,
        scaling_factor=0.18215).eval()
    vae.save_pretrained(os.path.join(out, "vae"), safe_serialization=False)
    torch.manual_seed(seed + 2)
    clip = CLIPVisionModelWithProjection(CLIPVisionConfig(
        hidden_size=w, projection_dim=embed, num_hidden_layers=2, num_attention_heads=4, image_size=224,
        intermediate_size=2 * w, patch_size=14, hidden_act="gelu")).eval()
    clip.save_pretrained(os.path.join(out, "image_encoder"), safe_serialization=False)
    with open(os.path.join(out, "model_index.json"), "w") as fh:
        json.dump({"_class_name": "StableVideoDiffusionPipeline", "_diffusers_version": "0.25.1",
                   "feature_extractor": [None, None],
                   "image_encoder": ["transformers", "CLIPVisionModelWithProjection"],
                   "scheduler": ["diffusers", "EulerDiscreteScheduler"],
                   "unet": ["diffusers", "UNetSpatioTemporalConditionModel"],
                   "vae": ["diffusers", "AutoencoderKLTemporalDecoder"]}, fh, indent=2)
    count = lambda m: sum(p.numel() for p in m.parameters())
    print("wrote %s: parameters unet %d, vae %d, image encoder %d" % (out, count(unet), count(vae), count(clip)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--width", type=int, default=32, help="first block's channels (a multiple of 32)")
    ap.add_argument("--embed", type=int, default=32, help="image embedding / cross-attention width (SVD: 1024)")
    ap.add_argument("--frames", type=int, default=14)
    ap.add_argument("--layers", type=int, default=1, help="UNet layers per block (SVD: 2)")
    ap.add_argument("--attention-levels", type=int, default=3, choices=[1, 2, 3],
                    help="UNet levels with spatio-temporal attention (SVD: 3, the fixture: 2 to stay under 8 MB)")
    ap.add_argument("--mult", default="1,1,1,1", help="channel multipliers of the 4 UNet blocks (SVD: 1,2,4,4)")
    args = ap.parse_args(argv)
    svd_env.setup()
    build(args.out, args.seed, args.width, args.embed, args.frames, layers=args.layers,
          mult=tuple(int(m) for m in args.mult.split(",")), attention_levels=args.attention_levels)


if __name__ == "__main__":
    main()

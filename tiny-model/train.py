"""Train the Videoshop tiny model (one seeded script).

Stage 1 (ae):   deterministic conv autoencoder on single frames of the training clips.
Stage 2 (unet): image embedder + spatio-temporal UNet, jointly, with SVD's recipe:
  * EDM preconditioning, v-prediction, sigma_data = 1 (c_in, c_skip, c_out, c_noise = 0.25 ln s)
  * log-normal sigma sampling ln s ~ N(P_mean, P_std^2); loss = ||F - F_target||^2 which equals
    the EDM-weighted denoiser loss lambda(s) ||D - x0||^2 with lambda = (s^2+1)/s^2
  * the clean latents x0 are prepared exactly as pipeline.py feeds them: AE mean of every frame,
    times the scaling factor, normalised channel-wise per video (mean 0, std 1 over all frames
    and pixels of the clip)
  * conditioning latents: AE mean of (frame0 + a * N(0,1)) in pixel space [-1,1], raw (no scaling,
    no normalisation), repeated over the frames; a ~ the noise augmentation strength, drawn per
    clip and fed as added_time_ids[2]; image embedding of the clean frame 0
  * conditioning dropout for classifier-free guidance: with probability p_uncond both the
    embedding and the conditioning latents are zeroed (the pipeline's negative branch)
The source clips come from videogen.py with training seeds 0 .. n_clips-1 (evaluation seeds are
>= 1e9). Checkpoints are written to --out every --ckpt-every steps; rerunning the same command
resumes from the last checkpoint (--resume is on by default).

  /usr/bin/python3 train.py --stage ae   --ae-steps 2500  --threads 1
  /usr/bin/python3 train.py --stage unet --unet-minutes 76 --threads 1
  /usr/bin/python3 train.py --stage decoder --dec-steps 2000 --threads 1
Stage 3 (decoder): the AE decoder alone is fine-tuned further (encoder frozen, so the latents
the UNet was trained on do not change).
--recipe v2 --stage decoder --base-run RUN --out RUN2: the same for a v2 run, at the evaluation frames' detail
scale (downscaled crops of the training photographs), into its own folder (train_decoder_v2).

The stages live in train_v1.py (train_ae, train_unet, finetune_decoder), train_v2.py (train_ae_v2, train_unet_v2)
and train_decoder.py (train_decoder_v2), their shared helpers in train_common.py; this file is the command line.
"""
import argparse, json, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models
from train_common import parse_sizes
from train_v1 import train_ae, train_unet, finetune_decoder
from train_v2 import train_ae_v2, train_unet_v2
from train_decoder import train_decoder_v2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stage", choices=["ae", "unet", "decoder", "all"], default="all")
    ap.add_argument("--recipe", choices=["v1", "v2"], default="v1",
                    help="v1: the 32x32 8-frame procedural model; v2: tiny v2 (14 frames, 64x64 and aspect-true "
                         "sizes, photographs, cross-attention to the conditioning frame; stages ae then unet)")
    ap.add_argument("--sizes", default="64x64:2,80x48:1,48x80:1", help="v2: WxH:weight training sizes")
    ap.add_argument("--p-photo", type=float, default=0.75, help="v2: share of photographic clips")
    ap.add_argument("--exclude", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval-sources.txt"),
                    help="v2: file listing evaluation images never to train on (paths or file names)")
    ap.add_argument("--init-bundle", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                    "videoshop-onnx", "src", "main", "resources", "videoshop", "models", "tiny"),
                    help="v2: bundle whose AE, embedder and UNet weights warm-start the training ('' for none)")
    ap.add_argument("--ae-minutes", type=float, default=15, help="v2: wall-clock budget of the AE fine-tuning")
    ap.add_argument("--ae-crop", type=int, default=32, help="v2: AE training crop size")
    ap.add_argument("--ckpt-seconds", type=float, default=180, help="v2: checkpoint interval")
    ap.add_argument("--bf16", type=int, default=1, help="v2: bf16 autocast on CUDA")
    ap.add_argument("--stem-ch", type=int, default=24, help="v2: channels of the full-resolution UNet level")
    ap.add_argument("--cond-attn-levels", default="1,2", help="v2: levels with cross-attention to the conditioning frame")
    ap.add_argument("--temporal-attn-levels", default="1,2", help="v2: levels with temporal self-attention")
    ap.add_argument("--f0-attn-levels", default="",
                    help="v2: levels with frame-zero attention (every frame's features attend to frame 0's), e.g. '0,1'")
    ap.add_argument("--base-lr-scale", type=float, default=1.0,
                    help="v2 unet stage: learning rate of the tensors the warm-start bundle has, as a share of "
                         "--unet-lr (new modules train at --unet-lr)")
    ap.add_argument("--pair-region-weight", type=float, default=1.0,
                    help="v2 unet stage: loss weight of an edited pair's edit region (latent cells whose pixels "
                         "differ between the edited and the source clip), 1 elsewhere")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs"))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--resume", type=int, default=1)
    ap.add_argument("--n-clips", type=int, default=None, help="training clips (v1 default 6000, v2 2400)")
    ap.add_argument("--frames", type=int, default=None, help="frames per clip (v1 default 8, v2 14)")
    ap.add_argument("--size", type=int, default=32)
    ap.add_argument("--ae-steps", type=int, default=2500)
    ap.add_argument("--ae-batch", type=int, default=64)
    ap.add_argument("--ae-lr", type=float, default=5e-4)
    ap.add_argument("--dec-steps", type=int, default=2000)
    ap.add_argument("--dec-lr", type=float, default=2e-4)
    ap.add_argument("--dec-minutes", type=float, default=60, help="v2 decoder stage: wall-clock budget")
    ap.add_argument("--dec-scales", default="1.5,6.5",
                    help="v2 decoder stage: MIN,MAX source pixels per output pixel of the photo crops (log-uniform)")
    ap.add_argument("--dec-p-clip", type=float, default=0.25,
                    help="v2 decoder stage: share of crops from the base run's training clip frames")
    ap.add_argument("--base-run", default="", help="v2 decoder stage: the run whose encoder, UNet and data are used "
                    "(read only)")
    ap.add_argument("--dec-refine", type=int, default=32, help="channels of the full-res refinement head (0: none)")
    ap.add_argument("--n-pairs", type=int, default=0,
                    help="v2 unet stage: edit pairs (photogen.make_pair_dataset) whose source clip is noised and whose "
                         "edited clip is the target, conditioned on the edited first frame (0: none)")
    ap.add_argument("--p-pair", type=float, default=0.0, help="v2 unet stage: share of batches drawn from the pairs")
    ap.add_argument("--pair-sigmas", default="0.5,20",
                    help="v2 unet stage: MIN,MAX of the pair batches' noise levels (log-uniform)")
    ap.add_argument("--pair-noise", choices=["gaussian", "inversion"], default="gaussian",
                    help="v2 unet stage: pair inputs are the source plus Gaussian noise, or the source's own "
                         "noise-extrapolated inversion by the warm-start bundle (train_invpairs.py)")
    ap.add_argument("--inv-levels", type=int, default=4, help="v2 inversion pairs: trajectory states kept per pair")
    ap.add_argument("--inv-steps", type=int, default=25, help="v2 inversion pairs: sampling steps of the inversion")
    ap.add_argument("--inv-strength", type=float, default=0.55, help="v2 inversion pairs: strength of the inversion")
    ap.add_argument("--p-recon", type=float, default=0.3,
                    help="v2 inversion pairs: share regenerating the source from its inversion (source frame 0)")
    ap.add_argument("--unet-steps", type=int, default=10 ** 9)
    ap.add_argument("--unet-minutes", type=float, default=75)
    ap.add_argument("--unet-lr", type=float, default=4e-4)
    ap.add_argument("--unet-attn-levels", default="",
                    help="comma-separated non-bottleneck levels with extra spatio-temporal attention, e.g. '1'")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--p-mean", type=float, default=0.5)
    ap.add_argument("--p-std", type=float, default=1.4)
    ap.add_argument("--p-uncond", type=float, default=0.1)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--ckpt-every", type=int, default=250)
    args = ap.parse_args()
    v2 = args.recipe == "v2"
    args.n_clips = (2400 if v2 else 6000) if args.n_clips is None else args.n_clips
    args.frames = args.frames or (14 if v2 else 8)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    cfg = dict(models.DEFAULT_CONFIG)
    cfg.update({"frames": args.frames, "height": args.size, "width": args.size,
                "fps": 7, "motion_bucket_id": 127, "noise_aug_strength": 0.02,
                "unet_attn_levels": [int(v) for v in args.unet_attn_levels.split(",") if v.strip()]})
    with open(os.path.join(args.out, f"args_{args.stage}.json"), "w") as f:
        json.dump({"args": vars(args), "cfg": cfg}, f, indent=1)
    if args.recipe == "v2":
        if args.device.startswith("cuda"):
            torch.backends.cudnn.benchmark = True
        cfg.update({"unet_stem_ch": args.stem_ch, "dec_refine": args.dec_refine,
                    "unet_cond_attn_levels": [int(v) for v in args.cond_attn_levels.split(",") if v.strip()],
                    "unet_temporal_attn_levels": [int(v) for v in args.temporal_attn_levels.split(",") if v.strip()],
                    "unet_f0_attn_levels": [int(v) for v in args.f0_attn_levels.split(",") if v.strip()]})
        w0, h0 = parse_sizes(args.sizes)[0][0]
        cfg.update({"width": w0, "height": h0})
        with open(os.path.join(args.out, f"args_v2_{args.stage}.json"), "w") as f:
            json.dump({"args": vars(args), "cfg": cfg}, f, indent=1)
        if args.stage == "decoder":
            train_decoder_v2(args, cfg)
            return
        if args.stage in ("ae", "all"):
            train_ae_v2(args, cfg)
        if args.stage in ("unet", "all"):
            train_unet_v2(args, cfg)
        return
    if args.stage in ("ae", "all"):
        train_ae(args, cfg)
    if args.stage in ("unet", "all"):
        train_unet(args, cfg)
    if args.stage in ("decoder", "all"):
        finetune_decoder(args, cfg)


if __name__ == "__main__":
    main()

"""The v2 recipe's decoder stage of train.py (--recipe v2 --stage decoder --base-run RUN --out RUN2): the decoder
alone, at the evaluation frames' detail scale (downscaled crops of the training photographs), into its own folder;
the encoder, the latents and the UNet of the base run stay valid."""
import math, os, time
import numpy as np
import torch
import torch.nn.functional as F

import models
from train_common import log, to_pm1, tload, autocast, set_cosine_lr


def widen_refine(sd, old, new, seed=0):
    """The decoder's refinement head widened from old to new channels computing the same function: the new channels
    start random (they read every channel), the old channels and the final conv ignore them (zero weights) until
    training moves those weights. Returns a new state dict."""
    torch.manual_seed(seed)
    ref = models.Decoder(refine=new).refine.state_dict()
    out = dict(sd)
    for k, v in ref.items():
        key = "decoder.refine." + k
        w = v.clone()
        if k in ("1.c1.weight", "1.c2.weight"):
            w[:old, old:] = 0
            w[:old, :old] = sd[key]
        elif k == "3.weight":
            w[:, old:] = 0
            w[:, :old] = sd[key]
        elif k == "3.bias":
            w = sd[key].clone()
        else:  # 0.weight, 0.bias, 1.c1.bias, 1.c2.bias: the old output channels keep their values
            w[:old] = sd[key]
        out[key] = w
    return out


def decoder_batch(rng, photos, clip_frames, n, crop, scales, p_clip):
    """n training crops (uint8 [n,crop,crop,3]): with probability p_clip a crop of a training clip frame (the UNet's
    data, at its size); else a region of crop*s source pixels of a training photograph (s log-uniform in scales,
    mirrored half the time) area-averaged to crop x crop, the detail per pixel of frames resized to the working size."""
    from PIL import Image
    out = np.empty((n, crop, crop, 3), np.uint8)
    lo, hi = math.log(scales[0]), math.log(scales[1])
    for i in range(n):
        if rng.uniform() < p_clip:
            fr = clip_frames[rng.integers(len(clip_frames))]
            im = fr[rng.integers(len(fr))]
            y0 = rng.integers(0, im.shape[0] - crop + 1); x0 = rng.integers(0, im.shape[1] - crop + 1)
            out[i] = im[y0:y0 + crop, x0:x0 + crop]
            continue
        im = photos[rng.integers(len(photos))]
        s = math.exp(rng.uniform(lo, hi))
        side = min(crop * s, min(im.shape[:2]) - 1)
        y0 = rng.uniform(0, im.shape[0] - side); x0 = rng.uniform(0, im.shape[1] - side)
        pil = Image.fromarray(im).resize((crop, crop), Image.BOX, box=(x0, y0, x0 + side, y0 + side))
        a = np.asarray(pil)
        out[i] = a[:, ::-1] if rng.uniform() < 0.5 else a
    return out


def train_decoder_v2(args, cfg):
    """Decoder-only fine-tuning of a v2 run (--base-run): the encoder is frozen and copied bit for bit, so the
    latents, the scaling factor and the trained UNet stay valid. Warm-started from the base run's decoder (its
    refinement head widened to --dec-refine channels if wider, function-preserving); trained on the training
    photographs only (the base run's photos_256.npz, the same exclusions) as strongly downscaled crops
    (--dec-scales), plus a share of the base run's training clip frames (--dec-p-clip); MSE; Adam, cosine over the
    wall-clock budget --dec-minutes; checkpoints ae.pt in --out every --ckpt-seconds (resumable), copies the base
    run's unet.pt next to it so --out is a complete run for export.py / candidate.sh. Never writes into --base-run."""
    import glob, shutil, photogen
    if not args.base_run or os.path.abspath(args.base_run) == os.path.abspath(args.out):
        raise SystemExit(f"expected --base-run DIR different from --out (found {args.base_run!r})")
    for f in ("ae.pt", "unet.pt", "photos_256.npz"):
        if not os.path.exists(os.path.join(args.base_run, f)):
            raise SystemExit(f"expected {f} in the base run {args.base_run}")
    if not os.path.exists(os.path.join(args.out, "unet.pt")):
        shutil.copy(os.path.join(args.base_run, "unet.pt"), os.path.join(args.out, "unet.pt.tmp"))
        os.replace(os.path.join(args.out, "unet.pt.tmp"), os.path.join(args.out, "unet.pt"))
    cache = os.path.join(args.out, "photos_256.npz")
    if not os.path.exists(cache):
        shutil.copy(os.path.join(args.base_run, "photos_256.npz"), cache)
    paths, photos = photogen.training_photos(args.exclude, cache)
    with open(os.path.join(args.out, "photos.txt"), "w") as f:
        f.write("\n".join(paths) + "\n")
    clip_frames = [np.load(p, mmap_mode="r").reshape(-1, *np.load(p, mmap_mode="r").shape[2:])
                   for p in sorted(glob.glob(os.path.join(args.base_run, "clips_v2_*.npy")))]
    base = tload(os.path.join(args.base_run, "ae.pt"))
    old_w = base.get("dec_refine", 0)
    width = max(old_w, args.dec_refine)
    ae = models.AutoEncoder(cfg["C"], cfg["ae_ch"], cfg["downscale"], width).to(args.device)
    ck = os.path.join(args.out, "ae.pt")
    step, elapsed, losses, val = 0, 0.0, [], []
    opt = None
    if args.resume and os.path.exists(ck):
        st = tload(ck, args.device)
        ae.load_state_dict(st["ae"]); step, elapsed = st["decoder_step"], st["decoder_elapsed"]
        losses, val = st.get("losses", []), st.get("val_psnr", [])
        log(f"resumed decoder at step {step} ({elapsed:.0f}s)")
    else:
        sd = base["ae"]
        if width > old_w:
            if old_w == 0:
                raise SystemExit("expected a base decoder with a refinement head to widen")
            sd = widen_refine(sd, old_w, width)
            log(f"refinement head widened {old_w} -> {width} channels")
        ae.load_state_dict(sd)
        st = None
    enc0 = {k: v.clone() for k, v in base["ae"].items() if k.startswith("encoder.")}
    for p in ae.encoder.parameters():
        p.requires_grad_(False)
    ae.encoder.eval()
    opt = torch.optim.Adam(ae.decoder.parameters(), lr=args.dec_lr)
    if st is not None:
        opt.load_state_dict(st["opt"])
    scales = [float(v) for v in args.dec_scales.split(",")]
    # a fixed validation set: other crops of the training photographs (seeded apart from the training draws)
    vx = to_pm1(decoder_batch(np.random.default_rng(args.seed + 999331), photos, clip_frames, 256, args.ae_crop,
                              scales, 0.0)).to(args.device)
    with torch.no_grad():
        vz = ae.encoder(vx)

    def val_psnr():
        ae.decoder.eval()
        with torch.no_grad():
            mse = torch.cat([((ae.decoder(vz[i:i + 64]) - vx[i:i + 64]) ** 2).mean(dim=(1, 2, 3))
                             for i in range(0, len(vz), 64)])
        ae.decoder.train()
        return float((10 * torch.log10(4.0 / mse.clamp_min(1e-12))).mean())

    if not val:
        val.append([step, 0.0, val_psnr()])
        log(f"decoder start: validation PSNR {val[-1][2]:.2f} dB (mean over 256 downscaled training-photo crops)")
    rng = np.random.default_rng(args.seed + 104729 * (step + 1))
    torch.manual_seed(args.seed + 3 + step)
    budget = args.dec_minutes * 60
    t_start = time.time() - elapsed
    last_save = time.time()
    run = None

    def save(done=False):
        for k, v in ae.encoder.state_dict().items():
            assert torch.equal(v.cpu(), enc0["encoder." + k].cpu()), f"encoder tensor {k} changed"
        s = {"ae": ae.state_dict(), "opt": opt.state_dict(), "step": base.get("step", 0),
             "decoder_step": step, "decoder_elapsed": time.time() - t_start, "cfg": base.get("cfg", cfg),
             "dec_refine": width, "done": True, "decoder_done": done, "losses": losses, "val_psnr": val,
             "scaling_factor": base["scaling_factor"], "base_run": os.path.abspath(args.base_run),
             "dec_scales": scales, "dec_p_clip": args.dec_p_clip}
        torch.save(s, ck + ".tmp"); os.replace(ck + ".tmp", ck)

    while time.time() - t_start < budget:
        frac = min(1.0, (time.time() - t_start) / budget)
        lr = set_cosine_lr(opt, args.dec_lr, step + 1, 100, frac, 0.95, 0.05)
        x = to_pm1(decoder_batch(rng, photos, clip_frames, args.ae_batch, args.ae_crop, scales,
                                 args.dec_p_clip)).to(args.device)
        with torch.no_grad():
            z = ae.encoder(x)
        with autocast(args):
            rec = ae.decoder(z)
        loss = F.mse_loss(rec.float(), x)
        opt.zero_grad(); loss.backward(); opt.step()
        step += 1
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        if step % 25 == 0:
            losses.append([step, round(time.time() - t_start, 1), 10 * math.log10(4.0 / run)])
            log(f"decoder-v2 step {step} psnr~{losses[-1][2]:.2f} dB lr {lr:.2e} {time.time() - t_start:.0f}s")
        if time.time() - last_save > args.ckpt_seconds:
            val.append([step, round(time.time() - t_start, 1), val_psnr()])
            log(f"decoder-v2 step {step} validation PSNR {val[-1][2]:.2f} dB; checkpoint")
            save(); last_save = time.time()
    val.append([step, round(time.time() - t_start, 1), val_psnr()])
    save(True)
    log(f"decoder v2 done at step {step}; validation PSNR {val[0][2]:.2f} -> {val[-1][2]:.2f} dB")

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
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models, videogen

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def log(msg, f=None):
    line = time.strftime("%H:%M:%S ") + msg
    print(line, flush=True)


def get_data(args):
    path = os.path.join(args.out, f"clips_{args.n_clips}_{args.frames}x{args.size}.npy")
    if os.path.exists(path):
        return np.load(path)
    log(f"generating {args.n_clips} training clips (seeds 0..{args.n_clips - 1})")
    d = videogen.make_batch(range(args.n_clips), args.frames, args.size, args.size)
    np.save(path, d)
    return d


def to_pm1(u8):  # uint8 [...,H,W,3] -> float [-1,1] [...,3,H,W]
    x = torch.from_numpy(u8).float() / 127.5 - 1.0
    return x.movedim(-1, -3).contiguous()


def embed_input(img_pm1, size):
    """[N,3,H,W] in [-1,1] -> CLIP-normalised [N,3,size,size] (what the Java side feeds)."""
    p = (img_pm1 + 1) / 2
    if p.shape[-1] != size:
        p = F.interpolate(p, size=(size, size), mode="bilinear", align_corners=False)
    m = torch.tensor(CLIP_MEAN, device=img_pm1.device).view(1, 3, 1, 1)
    s = torch.tensor(CLIP_STD, device=img_pm1.device).view(1, 3, 1, 1)
    return (p - m) / s


def normalize_per_video(z):
    """z [B,T,C,h,w] -> channel-wise normalised over frames and pixels of each video."""
    mean = z.mean(dim=(1, 3, 4), keepdim=True)
    std = z.std(dim=(1, 3, 4), keepdim=True)
    return (z - mean) / (std + 1e-6)


def train_ae(args, cfg):
    torch.manual_seed(args.seed)
    data = get_data(args)
    frames = data.reshape(-1, args.size, args.size, 3)
    ae = models.AutoEncoder(cfg["C"], cfg["ae_ch"], cfg["downscale"]).to(args.device)
    opt = torch.optim.Adam(ae.parameters(), lr=args.ae_lr)
    ck = os.path.join(args.out, "ae.pt")
    step = 0
    if args.resume and os.path.exists(ck):
        st = torch.load(ck)
        ae.load_state_dict(st["ae"]); opt.load_state_dict(st["opt"]); step = st["step"]
        log(f"resumed AE at step {step}")
    rng = np.random.default_rng(args.seed + step)
    t0 = time.time(); run = 0.0
    while step < args.ae_steps:
        lr = args.ae_lr * (0.5 * (1 + math.cos(math.pi * step / args.ae_steps)) * 0.95 + 0.05)
        for g in opt.param_groups:
            g["lr"] = lr
        idx = rng.integers(0, len(frames), args.ae_batch)
        x = to_pm1(frames[idx]).to(args.device)
        rec = ae(x)
        loss = F.mse_loss(rec, x) + 0.1 * (rec - x).abs().mean()
        opt.zero_grad(); loss.backward(); opt.step()
        step += 1
        run = 0.98 * run + 0.02 * F.mse_loss(rec, x).item() if step > 1 else F.mse_loss(rec, x).item()
        if step % 50 == 0:
            psnr = 10 * math.log10(4.0 / max(run, 1e-12))  # range [-1,1] -> peak 2
            log(f"ae step {step} loss {loss.item():.5f} psnr~{psnr:.2f} dB lr {lr:.2e} {time.time() - t0:.0f}s")
        if step % args.ckpt_every == 0 or step == args.ae_steps:
            torch.save({"ae": ae.state_dict(), "opt": opt.state_dict(), "step": step, "cfg": cfg}, ck + ".tmp")
            os.replace(ck + ".tmp", ck)
    # scaling factor: 1 / std of the AE latents over a sample of training frames
    ae.eval()
    with torch.no_grad():
        idx = np.random.default_rng(1).integers(0, len(frames), 2048)
        z = torch.cat([ae.encoder(to_pm1(frames[idx[i:i + 256]]).to(args.device)) for i in range(0, 2048, 256)])
        sf = float(1.0 / z.std())
    st = torch.load(ck)
    st["scaling_factor"] = sf
    torch.save(st, ck)
    log(f"AE done; scaling factor {sf:.5f}")


def finetune_decoder(args, cfg):
    """Stage 3 (decoder): fine-tune the AE decoder only, encoder frozen (latents, scaling factor
    and therefore the UNet are unaffected); pure MSE loss. Written back into ae.pt."""
    torch.manual_seed(args.seed + 2)
    data = get_data(args)
    frames = data.reshape(-1, args.size, args.size, 3)
    ck = os.path.join(args.out, "ae.pt")
    st = torch.load(ck)
    refine = st.get("dec_refine", args.dec_refine)
    ae = models.AutoEncoder(cfg["C"], cfg["ae_ch"], cfg["downscale"], refine).to(args.device)
    missing, unexpected = ae.load_state_dict(st["ae"], strict=False)
    assert not unexpected and all(k.startswith("decoder.refine.") for k in missing), (missing, unexpected)
    st["dec_refine"] = refine
    for p in ae.encoder.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(ae.decoder.parameters(), lr=args.dec_lr)
    step = st.get("decoder_finetune_step", 0)
    if "dec_opt" in st:
        opt.load_state_dict(st["dec_opt"])
    rng = np.random.default_rng(args.seed + 31 + step)
    t0 = time.time(); run = None
    while step < args.dec_steps:
        lr = args.dec_lr * 0.5 * (1 + math.cos(math.pi * step / args.dec_steps))
        for g in opt.param_groups:
            g["lr"] = lr
        idx = rng.integers(0, len(frames), args.ae_batch)
        x = to_pm1(frames[idx]).to(args.device)
        with torch.no_grad():
            z = ae.encoder(x)
        loss = F.mse_loss(ae.decoder(z), x)
        opt.zero_grad(); loss.backward(); opt.step()
        step += 1
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        if step % 50 == 0:
            log(f"decoder step {step} psnr~{10 * math.log10(4.0 / run):.2f} dB lr {lr:.2e} {time.time() - t0:.0f}s")
        if step % args.ckpt_every == 0 or step == args.dec_steps:
            st["ae"] = ae.state_dict(); st["decoder_finetune_step"] = step; st["dec_opt"] = opt.state_dict()
            torch.save(st, ck + ".tmp"); os.replace(ck + ".tmp", ck)
    log(f"decoder fine-tuning done at step {step}")


def edm(sigma):
    c_in = 1 / torch.sqrt(sigma ** 2 + 1)
    c_skip = 1 / (sigma ** 2 + 1)
    c_out = -sigma / torch.sqrt(sigma ** 2 + 1)
    c_noise = 0.25 * torch.log(sigma)
    return c_in, c_skip, c_out, c_noise


def noise_augmentation(rng, B):
    """Per clip, the conditioning frame's noise level: 0 for a fifth of the clips, else log-uniform in [0.005, 0.2].
    Draws rng.uniform(B) then rng.uniform(B), in that order."""
    return torch.from_numpy(np.where(rng.uniform(size=B) < 0.2, 0.0,
                                     np.exp(rng.uniform(math.log(0.005), math.log(0.2), B)))).float()


def training_sigmas(rng, args, B):
    """Per clip, a training noise level sigma, log-normal (EDM's P_mean, P_std), shaped [B,1,1,1,1]."""
    return torch.exp(torch.from_numpy(rng.normal(args.p_mean, args.p_std, B))).float().view(B, 1, 1, 1, 1)


def step_and_average(opt, params, loss, step, ema, averaged):
    """One optimiser step on loss (gradients clipped to norm 1), then the exponential moving average of each
    (module, its averaged state) in averaged, at decay min(ema, (1 + step) / (10 + step)); returns the new step."""
    opt.zero_grad(); loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    step += 1
    with torch.no_grad():
        d = min(ema, (1 + step) / (10 + step))
        for module, state in averaged:
            for k, v in module.state_dict().items():
                state[k].mul_(d).add_(v.detach(), alpha=1 - d) if v.dtype.is_floating_point else state[k].copy_(v)
    return step


def running_mean(run, loss):
    """The loss's exponential running mean (weight 0.01 per step), started at the first loss."""
    return loss.item() if run is None else 0.99 * run + 0.01 * loss.item()


def encode_dataset(ae, data, args, sf):
    path = os.path.join(args.out, f"latents_{args.n_clips}.pt")
    if os.path.exists(path):
        return torch.load(path)
    log("encoding training clips with the frozen AE")
    out = []
    with torch.no_grad():
        for i in range(0, len(data), 64):
            x = to_pm1(data[i:i + 64]).to(args.device)
            B, T = x.shape[:2]
            z = ae.encoder(x.reshape(B * T, *x.shape[2:])).cpu()
            out.append((z.reshape(B, T, *z.shape[1:]) * sf).half())
    lat = torch.cat(out)
    torch.save(lat, path)
    return lat


def train_unet(args, cfg):
    torch.manual_seed(args.seed + 1)
    data = get_data(args)
    st = torch.load(os.path.join(args.out, "ae.pt"))
    sf = st["scaling_factor"]
    # only the encoder is used here; the decoder may already carry the refinement head of stage 3
    ae = models.AutoEncoder(cfg["C"], cfg["ae_ch"], cfg["downscale"], st.get("dec_refine", 0)).to(args.device)
    ae.load_state_dict(st["ae"]); ae.eval()
    for p in ae.parameters():
        p.requires_grad_(False)
    lat = encode_dataset(ae, data, args, sf)          # [N,T,C,h,w] scaled, fp16
    emb = models.ImageEmbedder(cfg["D"], cfg["embed_ch"]).to(args.device)
    unet = models.UNet(cfg["C"], cfg["D"], tuple(cfg["unet_chs"]), cfg["edim"], tuple(cfg["unet_blocks"]),
                       tuple(cfg.get("unet_attn_levels", ()))).to(args.device)
    params = list(emb.parameters()) + list(unet.parameters())
    opt = torch.optim.Adam(params, lr=args.unet_lr)
    ema_u = {k: v.detach().clone() for k, v in unet.state_dict().items()}
    ema_e = {k: v.detach().clone() for k, v in emb.state_dict().items()}
    ck = os.path.join(args.out, "unet.pt")
    step, elapsed = 0, 0.0
    losses = []
    warm_from = 0
    if args.resume and os.path.exists(ck):
        s = torch.load(ck)
        missing, unexpected = unet.load_state_dict(s["unet"], strict=False)
        assert not unexpected and all(k.split(".")[0] in ("down_attn", "up_attn") for k in missing), (missing, unexpected)
        emb.load_state_dict(s["emb"])
        ema_u, ema_e = s["ema_unet"], s["ema_emb"]; step, elapsed = s["step"], s["elapsed"]
        losses = s.get("losses", [])
        if missing:
            # grown architecture (zero-initialised attention added): same function at the start, fresh optimiser
            # and a new warm-up and schedule, counted from here
            for k in missing:
                ema_u[k] = unet.state_dict()[k].detach().clone()
            warm_from, elapsed = step, 0.0
            log(f"grew the UNet at step {step}: {len(missing)} new tensors ({sorted(set(k.split('.')[0] + '.' + k.split('.')[1] for k in missing))})")
        else:
            opt.load_state_dict(s["opt"])
            warm_from = s.get("warm_from", 0)
        log(f"resumed UNet at step {step} ({elapsed:.0f}s trained)")
    rng = np.random.default_rng(args.seed + 7919 * (step + 1))
    torch.manual_seed(args.seed + step)
    budget = args.unet_minutes * 60
    t_start = time.time() - elapsed
    run = run_pair = None
    fps_id, mb_id = cfg["fps"] - 1, cfg["motion_bucket_id"]

    def save():
        s = {"unet": unet.state_dict(), "emb": emb.state_dict(), "opt": opt.state_dict(),
             "ema_unet": ema_u, "ema_emb": ema_e, "step": step, "elapsed": time.time() - t_start,
             "cfg": cfg, "scaling_factor": sf, "losses": losses, "warm_from": warm_from}
        torch.save(s, ck + ".tmp"); os.replace(ck + ".tmp", ck)

    while step < args.unet_steps and (time.time() - t_start) < budget:
        frac = min(1.0, (time.time() - t_start) / budget)
        lr = args.unet_lr * min(1.0, (step + 1 - warm_from) / 200) * (0.5 * (1 + math.cos(math.pi * frac)) * 0.9 + 0.1)
        for g in opt.param_groups:
            g["lr"] = lr
        B = args.batch
        idx = rng.integers(0, len(lat), B)
        x0 = normalize_per_video(lat[idx].float().to(args.device))           # [B,T,C,h,w]
        T = x0.shape[1]
        f0 = to_pm1(data[idx, 0]).to(args.device)                             # [B,3,H,W]
        aug = noise_augmentation(rng, B).to(args.device)
        with torch.no_grad():
            cond = ae.encoder(f0 + aug.view(B, 1, 1, 1) * torch.randn_like(f0))   # raw, [B,C,h,w]
        e = emb(embed_input(f0, cfg["embed_size"]))                             # [B,1,D]
        drop = torch.from_numpy(rng.uniform(size=B) < args.p_uncond).to(args.device)
        keep = (~drop).float()
        e = e * keep.view(B, 1, 1)
        cond = cond * keep.view(B, 1, 1, 1)
        ids = torch.stack([torch.full((B,), float(fps_id)), torch.full((B,), float(mb_id)), aug.cpu()], 1).to(args.device)
        # one sigma per clip (the exported interface takes timestep [1]; in training the
        # PyTorch UNet also accepts [B] and broadcasts it)
        sigma = training_sigmas(rng, args, B).to(args.device)
        c_in, c_skip, c_out, c_noise = edm(sigma)
        n = torch.randn_like(x0)
        xs = x0 + sigma * n
        inp = torch.cat([c_in * xs, cond.unsqueeze(1).expand(-1, T, -1, -1, -1)], dim=2).contiguous()
        Fo = unet(inp, c_noise.reshape(B), e, ids)
        target = (x0 - c_skip * xs) / c_out
        loss = F.mse_loss(Fo, target)
        step = step_and_average(opt, params, loss, step, args.ema, [(unet, ema_u), (emb, ema_e)])
        run = running_mean(run, loss)
        if step % 50 == 0:
            losses.append([step, round(time.time() - t_start, 1), run])
            log(f"unet step {step} loss(avg) {run:.4f} lr {lr:.2e} {time.time() - t_start:.0f}s")
        if step % args.ckpt_every == 0:
            save()
    save()
    log(f"UNet done at step {step}")


# ---------------------------------------------------------------------------------------------------------------
# tiny v2 (--recipe v2): 14 frames, 64x64 and aspect-true sizes, photographs + procedural clips, a UNet with an
# extra full-resolution level, cross-attention to the conditioning frame and temporal attention; warm-started from
# the bundled tiny model; the same code trains on CUDA (--device cuda, bf16 autocast).
# ---------------------------------------------------------------------------------------------------------------

def tload(path, device="cpu"):
    """torch.load of our own checkpoints on torch 1.13 and 2.x (2.6+ defaults to weights_only=True)."""
    import inspect
    kw = {"map_location": device}
    if "weights_only" in inspect.signature(torch.load).parameters:
        kw["weights_only"] = False
    return torch.load(path, **kw)


def autocast(args):
    """bf16 autocast on CUDA when --bf16 (torch >= 1.10 has torch.autocast; older CUDA builds torch.cuda.amp)."""
    import contextlib
    if not (args.device.startswith("cuda") and args.bf16):
        return contextlib.nullcontext()
    if hasattr(torch, "autocast"):
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return torch.cuda.amp.autocast()


def parse_sizes(text):
    """'64x64:2,80x48:1' -> [((W, H), weight), ...]"""
    out = []
    for part in text.split(","):
        wh, _, wt = part.partition(":")
        w, h = (int(v) for v in wh.lower().split("x"))
        out.append(((w, h), float(wt or 1)))
    return out


def get_data_v2(args):
    """{(W,H): uint8 [N,T,H,W,3]} for every training size; clip seeds of size k are k*100000 + i (the training
    range 0 <= seed < 1e6 of videogen.py); each size gets n_clips * weight / sum(weights) clips."""
    import photogen
    sizes = parse_sizes(args.sizes)
    tot = sum(w for _, w in sizes)
    paths = photogen.list_photos(args.exclude)
    photos = None
    data = {}
    for k, ((W, H), wt) in enumerate(sizes):
        n = int(round(args.n_clips * wt / tot))
        path = os.path.join(args.out, f"clips_v2_{n}_{args.frames}x{W}x{H}.npy")
        if os.path.exists(path):
            data[(W, H)] = np.load(path, mmap_mode=None)
            continue
        if photos is None:
            photos = photogen.load_photos(paths, os.path.join(args.out, "photos_256.npz"))
            log(f"{len(paths)} training photographs: {', '.join(os.path.basename(p) for p in paths)}")
        log(f"generating {n} training clips {W}x{H}x{args.frames} (seeds {k * 100000}..{k * 100000 + n - 1})")
        d = photogen.make_dataset(range(k * 100000, k * 100000 + n), photos, args.frames, H, W, args.p_photo)
        np.save(path + ".tmp.npy", d); os.replace(path + ".tmp.npy", path)
        data[(W, H)] = d
    with open(os.path.join(args.out, "photos.txt"), "w") as f:
        f.write("\n".join(paths) + "\n")
    return data


def init_from_bundle(args):
    """(ae, emb, unet-state, cfg) of the bundle to warm-start from (pipeline.load_bundle reads the ONNX weights)."""
    import pipeline
    ae, emb, unet, _ = pipeline.load_bundle(args.init_bundle)
    return ae, emb, unet


def train_ae_v2(args, cfg):
    """Autoencoder fine-tuning for photographs: warm-started from --init-bundle's AE (encoder and decoder with
    its refinement head), random 32x32 crops of training frames of every size, MSE + 0.1 L1, cosine over a
    wall-clock budget (--ae-minutes). Writes ae.pt (with the scaling factor and a held-out PSNR)."""
    torch.manual_seed(args.seed)
    data = get_data_v2(args)
    frames = [d.reshape(-1, *d.shape[2:]) for d in data.values()]
    ck = os.path.join(args.out, "ae.pt")
    ae = models.AutoEncoder(cfg["C"], cfg["ae_ch"], cfg["downscale"], args.dec_refine).to(args.device)
    opt = torch.optim.Adam(ae.parameters(), lr=args.ae_lr)
    step, elapsed, losses = 0, 0.0, []
    if args.resume and os.path.exists(ck):
        st = tload(ck, args.device)
        ae.load_state_dict(st["ae"]); opt.load_state_dict(st["opt"]); step, elapsed = st["step"], st["elapsed"]
        losses = st.get("losses", [])
        if st.get("done"):
            log(f"AE already done ({step} steps)"); return
        log(f"resumed AE at step {step} ({elapsed:.0f}s)")
    elif args.init_bundle:
        ae0, _, _ = init_from_bundle(args)
        ae.load_state_dict(ae0.state_dict())
        log(f"AE warm-started from {args.init_bundle}")
    rng = np.random.default_rng(args.seed + 7 * (step + 1))
    budget = args.ae_minutes * 60
    t_start = time.time() - elapsed
    last_save = time.time()
    run = None
    crop = args.ae_crop

    def save(done=False, extra=None):
        st = {"ae": ae.state_dict(), "opt": opt.state_dict(), "step": step, "elapsed": time.time() - t_start,
              "cfg": cfg, "dec_refine": args.dec_refine, "done": done, "losses": losses}
        st.update(extra or {})
        torch.save(st, ck + ".tmp"); os.replace(ck + ".tmp", ck)
    while time.time() - t_start < budget:
        frac = min(1.0, (time.time() - t_start) / budget)
        lr = args.ae_lr * min(1.0, (step + 1) / 50) * (0.5 * (1 + math.cos(math.pi * frac)) * 0.95 + 0.05)
        for g in opt.param_groups:
            g["lr"] = lr
        batch = []
        for _ in range(args.ae_batch):
            fr = frames[rng.integers(len(frames))]
            im = fr[rng.integers(len(fr))]
            y0 = rng.integers(0, im.shape[0] - crop + 1); x0 = rng.integers(0, im.shape[1] - crop + 1)
            batch.append(im[y0:y0 + crop, x0:x0 + crop])
        x = to_pm1(np.stack(batch)).to(args.device)
        with autocast(args):
            rec = ae(x)
        rec = rec.float()
        mse = F.mse_loss(rec, x)
        loss = mse + 0.1 * (rec - x).abs().mean()
        opt.zero_grad(); loss.backward(); opt.step()
        step += 1
        run = mse.item() if run is None else 0.98 * run + 0.02 * mse.item()
        if step % 25 == 0:
            psnr = 10 * math.log10(4.0 / max(run, 1e-12))
            losses.append([step, round(time.time() - t_start, 1), psnr])
            log(f"ae-v2 step {step} psnr~{psnr:.2f} dB lr {lr:.2e} {time.time() - t_start:.0f}s")
        if time.time() - last_save > args.ckpt_seconds:
            save(); last_save = time.time()
    # scaling factor and held-out PSNR (clips of seeds 900000.., full frames at every size)
    ae.eval()
    import photogen
    photos = photogen.load_photos(photogen.list_photos(args.exclude), os.path.join(args.out, "photos_256.npz"))
    zs, ps = [], {}
    with torch.no_grad():
        for k, ((W, H), _) in enumerate(parse_sizes(args.sizes)):
            d = photogen.make_dataset(range(900000 + 1000 * k, 900000 + 1000 * k + 16), photos, 4, H, W, 1.0)
            x = to_pm1(d.reshape(-1, H, W, 3)).to(args.device)
            z = ae.encoder(x); zs.append(z.reshape(z.shape[0], -1))
            rec = ae.decoder(z)
            mse = ((rec - x) ** 2).mean(dim=(1, 2, 3))
            ps[f"{W}x{H}"] = float((10 * torch.log10(4.0 / mse.clamp_min(1e-12))).mean())
    sf = float(1.0 / torch.cat([z.reshape(-1) for z in zs]).std())
    save(True, {"scaling_factor": sf, "heldout_psnr": ps})
    log(f"AE v2 done at step {step}; scaling factor {sf:.5f}; held-out photo PSNR {ps}")


def encode_v2(ae, data, args, sf, name=None):
    out = {}
    for (W, H), d in data.items():
        path = os.path.join(args.out, f"latents_v2_{name or len(d)}_{W}x{H}.pt")
        if os.path.exists(path):
            out[(W, H)] = tload(path); continue
        log(f"encoding {len(d)} clips {W}x{H} with the frozen AE")
        res = []
        with torch.no_grad():
            for i in range(0, len(d), 16):
                x = to_pm1(d[i:i + 16]).to(args.device)
                B, T = x.shape[:2]
                z = ae.encoder(x.reshape(B * T, *x.shape[2:])).float().cpu()
                res.append((z.reshape(B, T, *z.shape[1:]) * sf).half())
        out[(W, H)] = torch.cat(res)
        torch.save(out[(W, H)], path)
    return out


def ae_from_bundle(args):
    """Writes RUN/ae.pt from --init-bundle's autoencoder and scaling factor (a UNet-only run on a bundle's latents)."""
    ck = os.path.join(args.out, "ae.pt")
    if os.path.exists(ck) or not args.init_bundle:
        return
    ae0, _, _ = init_from_bundle(args)
    man = json.load(open(os.path.join(args.init_bundle, "videoshop-model.json")))
    sf = float(man["latent"]["scalingFactor"])
    refine = json.load(open(os.path.join(args.init_bundle, "pytorch-config.json")))["config"].get("dec_refine", 0)
    torch.save({"ae": ae0.state_dict(), "scaling_factor": sf, "dec_refine": refine, "done": True,
                "from_bundle": os.path.abspath(args.init_bundle)}, ck)
    log(f"ae.pt written from {args.init_bundle} (scaling factor {sf}, refinement head {refine})")


def get_pairs_v2(args):
    """{(W,H): (edited, source) uint8 [N,T,H,W,3]} of --n-pairs edit pairs split over the training sizes like
    the clips; seeds 500000 + 20000 k + i (training range, disjoint from the clips' seeds)."""
    import photogen
    sizes = parse_sizes(args.sizes)
    tot = sum(w for _, w in sizes)
    photos = None
    out = {}
    for k, ((W, H), wt) in enumerate(sizes):
        n = int(round(args.n_pairs * wt / tot))
        path = os.path.join(args.out, f"pairs_v2_{n}_{args.frames}x{W}x{H}.npz")
        if not os.path.exists(path):
            if photos is None:
                photos = photogen.load_photos(photogen.list_photos(args.exclude),
                                              os.path.join(args.out, "photos_256.npz"))
            seeds = range(500000 + 20000 * k, 500000 + 20000 * k + n)
            log(f"generating {n} edit pairs {W}x{H}x{args.frames} (seeds {seeds[0]}..{seeds[-1]})")
            ed, src, kinds = photogen.make_pair_dataset(seeds, photos, args.frames, H, W, args.p_photo)
            np.savez(path + ".tmp.npz", edited=ed, source=src, kinds=np.array(kinds))
            os.replace(path + ".tmp.npz", path)
        z = np.load(path)
        out[(W, H)] = (z["edited"], z["source"])
        log(f"pairs {W}x{H}: {dict(zip(*np.unique(z['kinds'], return_counts=True)))}")
    return out


def train_unet_v2(args, cfg):
    torch.manual_seed(args.seed + 1)
    data = get_data_v2(args)
    ae_from_bundle(args)
    st = tload(os.path.join(args.out, "ae.pt"))
    sf = st["scaling_factor"]
    ae = models.AutoEncoder(cfg["C"], cfg["ae_ch"], cfg["downscale"], st.get("dec_refine", 0)).to(args.device)
    ae.load_state_dict(st["ae"]); ae.eval()
    for p in ae.parameters():
        p.requires_grad_(False)
    lat = encode_v2(ae, data, args, sf)
    pairs, pair_lat = {}, {}
    if args.n_pairs > 0 and args.p_pair > 0:
        pairs = get_pairs_v2(args)
        for wh, (ed, src) in pairs.items():
            n = len(ed)
            e = encode_v2(ae, {wh: ed}, args, sf,
                          name=f"pairs_edited_{n}")[wh]
            c = encode_v2(ae, {wh: src}, args, sf, name=f"pairs_source_{n}")[wh]
            pair_lat[wh] = (e, c)
    s_lo, s_hi = (math.log(float(v)) for v in args.pair_sigmas.split(","))
    sizes = parse_sizes(args.sizes)
    keys = [wh for wh, _ in sizes]
    probs = np.array([w for _, w in sizes]); probs = probs / probs.sum()
    _, emb, unet = models.build(cfg)
    emb, unet = emb.to(args.device), unet.to(args.device)
    ck = os.path.join(args.out, "unet.pt")
    step, elapsed, losses = 0, 0.0, []
    params = list(emb.parameters()) + list(unet.parameters())
    opt = torch.optim.Adam(params, lr=args.unet_lr)
    if args.resume and os.path.exists(ck):
        s = tload(ck, args.device)
        unet.load_state_dict(s["unet"]); emb.load_state_dict(s["emb"]); opt.load_state_dict(s["opt"])
        ema_u, ema_e = s["ema_unet"], s["ema_emb"]; step, elapsed = s["step"], s["elapsed"]
        losses = s.get("losses", [])
        log(f"resumed UNet v2 at step {step} ({elapsed:.0f}s trained)")
    else:
        if args.init_bundle:
            _, emb0, unet0 = init_from_bundle(args)
            emb.load_state_dict(emb0.state_dict())
            sd, old = unet.state_dict(), unet0.state_dict()
            same = [k for k in sd if k in old and old[k].shape == sd[k].shape]
            for k in same:
                sd[k] = old[k]
            unet.load_state_dict(sd)
            log(f"UNet warm-started from {args.init_bundle}: {len(same)} of {len(sd)} tensors "
                f"(new: {sorted(set(k.split('.')[0] for k in sd if k not in same))})")
        ema_u = {k: v.detach().clone() for k, v in unet.state_dict().items()}
        ema_e = {k: v.detach().clone() for k, v in emb.state_dict().items()}
    log(f"UNet v2: {models.nparams(unet)} parameters, embedder {models.nparams(emb)}")
    rng = np.random.default_rng(args.seed + 7919 * (step + 1))
    torch.manual_seed(args.seed + step)
    budget = args.unet_minutes * 60
    t_start = time.time() - elapsed
    last_save = time.time()
    run = run_pair = None
    fps_id, mb_id = cfg["fps"] - 1, cfg["motion_bucket_id"]

    def save():
        s = {"unet": unet.state_dict(), "emb": emb.state_dict(), "opt": opt.state_dict(),
             "ema_unet": ema_u, "ema_emb": ema_e, "step": step, "elapsed": time.time() - t_start,
             "cfg": cfg, "scaling_factor": sf, "losses": losses, "warm_from": 0}
        torch.save(s, ck + ".tmp"); os.replace(ck + ".tmp", ck)

    dev = args.device
    while step < args.unet_steps and (time.time() - t_start) < budget:
        frac = min(1.0, (time.time() - t_start) / budget)
        lr = args.unet_lr * min(1.0, (step + 1) / 200) * (0.5 * (1 + math.cos(math.pi * frac)) * 0.9 + 0.1)
        for g in opt.param_groups:
            g["lr"] = lr
        B = args.batch
        wh = keys[rng.choice(len(keys), p=probs)]
        pair = bool(pair_lat) and rng.uniform() < args.p_pair
        if pair:
            # an edit pair: the source clip is noised, the edited clip is the target, the edited frame 0 the
            # condition (no time reversal: the edit is made in frame 0), at the levels the edit regenerates from
            e_lat, s_lat = pair_lat[wh]
            idx = rng.integers(0, len(e_lat), B)
            x0 = normalize_per_video(e_lat[idx].float().to(dev))
            x_in = normalize_per_video(s_lat[idx].float().to(dev))
            T = x0.shape[1]
            f0 = to_pm1(pairs[wh][0][idx, 0]).to(dev)
        else:
            idx = rng.integers(0, len(lat[wh]), B)
            rev = rng.uniform(size=B) < 0.5                      # time reversal: exact in latent space (per-frame AE)
            z = lat[wh][idx].float()
            z = torch.where(torch.from_numpy(rev).view(B, 1, 1, 1, 1), z.flip(1), z)
            x0 = normalize_per_video(z.to(dev))
            x_in = x0
            T = x0.shape[1]
            first = np.where(rev, data[wh].shape[1] - 1, 0)
            f0 = to_pm1(data[wh][idx, first]).to(dev)           # conditioning frame [B,3,H,W]
        aug = noise_augmentation(rng, B).to(dev)
        with torch.no_grad():
            cond = ae.encoder(f0 + aug.view(B, 1, 1, 1) * torch.randn_like(f0)).float()
        drop = torch.from_numpy(rng.uniform(size=B) < args.p_uncond).to(dev)
        keep = (~drop).float()
        ids = torch.stack([torch.full((B,), float(fps_id)), torch.full((B,), float(mb_id)), aug.cpu()], 1).to(dev)
        if pair:
            sigma = torch.exp(torch.from_numpy(rng.uniform(s_lo, s_hi, B))).float().view(B, 1, 1, 1, 1).to(dev)
        else:
            sigma = training_sigmas(rng, args, B).to(dev)
        c_in, c_skip, c_out, c_noise = edm(sigma)
        n = torch.randn_like(x0)
        xs = x_in + sigma * n
        with autocast(args):
            e = emb(embed_input(f0, cfg["embed_size"])) * keep.view(B, 1, 1)
            cond = cond * keep.view(B, 1, 1, 1)
            inp = torch.cat([c_in * xs, cond.unsqueeze(1).expand(-1, T, -1, -1, -1)], dim=2).contiguous()
            Fo = unet(inp, c_noise.reshape(B), e, ids)
        target = (x0 - c_skip * xs) / c_out
        loss = F.mse_loss(Fo.float(), target)
        step = step_and_average(opt, params, loss, step, args.ema, [(unet, ema_u), (emb, ema_e)])
        if pair:
            run_pair = running_mean(run_pair, loss)
        else:
            run = running_mean(run, loss)
        if step % 25 == 0:
            losses.append([step, round(time.time() - t_start, 1), run] + ([run_pair] if pair_lat else []))
            log(f"unet-v2 step {step} loss(avg) {run or float('nan'):.4f}"
                + (f" pairs {run_pair or float('nan'):.4f}" if pair_lat else "")
                + f" lr {lr:.2e} {time.time() - t_start:.0f}s")
        if time.time() - last_save > args.ckpt_seconds:
            save(); last_save = time.time()
    save()
    log(f"UNet v2 done at step {step}")


# ---------------------------------------------------------------------------------------------------------------
# tiny v2, stage decoder (--recipe v2 --stage decoder): the decoder alone, at the evaluation frames' detail scale.
# ---------------------------------------------------------------------------------------------------------------

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
    paths = photogen.list_photos(args.exclude)
    photos = photogen.load_photos(paths, cache)
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
        lr = args.dec_lr * min(1.0, (step + 1) / 100) * (0.5 * (1 + math.cos(math.pi * frac)) * 0.95 + 0.05)
        for g in opt.param_groups:
            g["lr"] = lr
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
    args.n_clips = args.n_clips or (2400 if v2 else 6000)
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
                    "unet_temporal_attn_levels": [int(v) for v in args.temporal_attn_levels.split(",") if v.strip()]})
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

"""The v1 recipe of train.py (--recipe v1): the 32x32 8-frame procedural model. Stage ae (train_ae), stage unet
(train_unet: embedder + UNet with SVD's EDM recipe) and stage decoder (finetune_decoder: the decoder alone, encoder
frozen). The source clips come from videogen.py with training seeds 0 .. n_clips-1."""
import math, os, time
import numpy as np
import torch
import torch.nn.functional as F

import models, videogen
from train_common import (set_cosine_lr, log, to_pm1, embed_input, normalize_per_video, edm, noise_augmentation,
                          training_sigmas, step_and_average, running_mean)


def get_data(args):
    path = os.path.join(args.out, f"clips_{args.n_clips}_{args.frames}x{args.size}.npy")
    if os.path.exists(path):
        return np.load(path)
    log(f"generating {args.n_clips} training clips (seeds 0..{args.n_clips - 1})")
    d = videogen.make_batch(range(args.n_clips), args.frames, args.size, args.size)
    np.save(path, d)
    return d


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
        lr = set_cosine_lr(opt, args.unet_lr, step + 1 - warm_from, 200, frac, 0.9, 0.1)
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


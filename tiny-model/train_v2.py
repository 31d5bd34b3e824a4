"""The v2 recipe of train.py (--recipe v2), stages ae and unet: 14 frames, 64x64 and aspect-true sizes,
photographs + procedural clips, a UNet with an extra full-resolution level, cross-attention to the conditioning
frame and temporal attention; warm-started from the bundled tiny model; optional edit-pair fine-tuning of the UNet
(--n-pairs, --p-pair, --pair-sigmas); the same code trains on CUDA (--device cuda, bf16 autocast)."""
import json, math, os, time
import numpy as np
import torch
import torch.nn.functional as F

import models
from train_invpairs import inversion_cache, inversion_pair_batch
from train_common import (set_cosine_lr, log, to_pm1, embed_input, normalize_per_video, edm, noise_augmentation,
                          training_sigmas, step_and_average, running_mean, tload, autocast, parse_sizes,
                          edit_region_weights, weighted_mse)


def photo_cache(args):
    """The run folder's cache of the training photographs (written on first use; copied to train elsewhere)."""
    return os.path.join(args.out, "photos_256.npz")


def get_data_v2(args):
    """{(W,H): uint8 [N,T,H,W,3]} for every training size; clip seeds of size k are k*100000 + i (the training
    range 0 <= seed < 1e6 of videogen.py); each size gets n_clips * weight / sum(weights) clips."""
    import photogen
    sizes = parse_sizes(args.sizes)
    tot = sum(w for _, w in sizes)
    paths = None
    photos = None
    data = {}
    for k, ((W, H), wt) in enumerate(sizes):
        n = int(round(args.n_clips * wt / tot))
        if n == 0:
            continue
        path = os.path.join(args.out, f"clips_v2_{n}_{args.frames}x{W}x{H}.npy")
        if os.path.exists(path):
            data[(W, H)] = np.load(path, mmap_mode=None)
            continue
        if photos is None:
            paths, photos = photogen.training_photos(args.exclude, photo_cache(args))
            log(f"{len(paths)} training photographs: {', '.join(os.path.basename(p) for p in paths)}")
        log(f"generating {n} training clips {W}x{H}x{args.frames} (seeds {k * 100000}..{k * 100000 + n - 1})")
        d = photogen.make_dataset(range(k * 100000, k * 100000 + n), photos, args.frames, H, W, args.p_photo)
        np.save(path + ".tmp.npy", d); os.replace(path + ".tmp.npy", path)
        data[(W, H)] = d
    if paths is not None:  # the clips were made here: record which photographs they come from
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
        lr = set_cosine_lr(opt, args.ae_lr, step + 1, 50, frac, 0.95, 0.05)
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
    _, photos = photogen.training_photos(args.exclude, photo_cache(args))
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
                _, photos = photogen.training_photos(args.exclude, photo_cache(args))
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
    pairs, pair_lat, inv = {}, {}, {}
    if args.n_pairs > 0 and args.p_pair > 0:
        pairs = get_pairs_v2(args)
        for wh, (ed, src) in pairs.items():
            n = len(ed)
            e = encode_v2(ae, {wh: ed}, args, sf,
                          name=f"pairs_edited_{n}")[wh]
            c = encode_v2(ae, {wh: src}, args, sf, name=f"pairs_source_{n}")[wh]
            pair_lat[wh] = (e, c)
        if args.pair_noise == "inversion":
            inv = {wh: inversion_cache(args, pair_lat, pairs, wh, args.inv_levels) for wh in pairs}
    if not lat:
        # --n-clips 0: the plain batches draw from the pairs' source clips (rendered as the plain clips are)
        data = {wh: src for wh, (_, src) in pairs.items()}
        lat = {wh: c for wh, (_, c) in pair_lat.items()}
    s_lo, s_hi = (math.log(float(v)) for v in args.pair_sigmas.split(","))
    sizes = parse_sizes(args.sizes)
    keys = [wh for wh, _ in sizes]
    probs = np.array([w for _, w in sizes]); probs = probs / probs.sum()
    _, emb, unet = models.build(cfg)
    emb, unet = emb.to(args.device), unet.to(args.device)
    ck = os.path.join(args.out, "unet.pt")
    step, elapsed, losses = 0, 0.0, []
    params = list(emb.parameters()) + list(unet.parameters())
    # the warm start (read once): a tensor of the same name and shape in the bundle is warm-started; the others are
    # new (e.g. --f0-attn-levels) and train at --unet-lr, the warm-started ones at --base-lr-scale of it. A resume
    # needs the bundle only for those lr groups, so with --base-lr-scale 1 it runs without python onnx (a GPU box)
    resuming = args.resume and os.path.exists(ck)
    need_bundle = args.init_bundle and (not resuming or args.base_lr_scale != 1.0)
    _, emb0, unet0 = init_from_bundle(args) if need_bundle else (None, None, None)
    old = unet0.state_dict() if unet0 is not None else {}
    same = {k for k, v in unet.state_dict().items() if k in old and old[k].shape == v.shape}
    new_names = {n for n, _ in unet.named_parameters() if n not in same} if old and args.base_lr_scale != 1.0 else set()
    fresh = [p for n, p in unet.named_parameters() if n in new_names]
    rest = list(emb.parameters()) + [p for n, p in unet.named_parameters() if n not in new_names]
    groups = [{"params": rest, "lr_scale": args.base_lr_scale}] + ([{"params": fresh, "lr_scale": 1.0}] if fresh else [])
    opt = torch.optim.Adam(groups, lr=args.unet_lr)
    if new_names:
        log(f"learning rate: {len(fresh)} new tensors at {args.unet_lr:g}, {len(rest)} warm-started ones at "
            f"{args.unet_lr * args.base_lr_scale:g}")
    if resuming:
        s = tload(ck, args.device)
        unet.load_state_dict(s["unet"]); emb.load_state_dict(s["emb"]); opt.load_state_dict(s["opt"])
        ema_u, ema_e = s["ema_unet"], s["ema_emb"]; step, elapsed = s["step"], s["elapsed"]
        losses = s.get("losses", [])
        log(f"resumed UNet v2 at step {step} ({elapsed:.0f}s trained)")
    else:
        if unet0 is not None:
            emb.load_state_dict(emb0.state_dict())
            sd = unet.state_dict()
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
        lr = set_cosine_lr(opt, args.unet_lr, step + 1, 200, frac, 0.9, 0.1)
        B = args.batch
        wh = keys[rng.choice(len(keys), p=probs)]
        pair = bool(pair_lat) and rng.uniform() < args.p_pair
        recon = None
        if pair and inv:
            # an inversion-aware pair: the input is the source's own inversion at one of its levels (xs, sigma)
            idx = rng.integers(0, len(inv[wh]["z"]), B)
            x0, x0_src, xs, sigma, f0, recon = inversion_pair_batch(rng, idx, inv[wh], pair_lat, pairs, wh,
                                                                    args.p_recon, dev)
            T = x0.shape[1]
        elif pair:
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
        if recon is not None:
            # a dropped condition regenerates the source (the unconditional branch of guidance)
            x0 = torch.where(drop.view(B, 1, 1, 1, 1), x0_src, x0)
        elif pair:
            sigma = torch.exp(torch.from_numpy(rng.uniform(s_lo, s_hi, B))).float().view(B, 1, 1, 1, 1).to(dev)
        else:
            sigma = training_sigmas(rng, args, B).to(dev)
        c_in, c_skip, c_out, c_noise = edm(sigma)
        if recon is None:
            n = torch.randn_like(x0)
            xs = x_in + sigma * n
        with autocast(args):
            e = emb(embed_input(f0, cfg["embed_size"])) * keep.view(B, 1, 1)
            cond = cond * keep.view(B, 1, 1, 1)
            inp = torch.cat([c_in * xs, cond.unsqueeze(1).expand(-1, T, -1, -1, -1)], dim=2).contiguous()
            Fo = unet(inp, c_noise.reshape(B), e, ids)
        target = (x0 - c_skip * xs) / c_out
        if pair and args.pair_region_weight != 1.0:
            # the edited samples' edit region weighs more (not the reconstructions, not the dropped conditions)
            w = edit_region_weights(pairs[wh][0][idx], pairs[wh][1][idx], cfg["downscale"], args.pair_region_weight)
            plain = drop.cpu().numpy() | (recon if recon is not None else np.zeros(B, dtype=bool))
            w[torch.from_numpy(plain)] = 1.0
            loss = weighted_mse(Fo.float(), target, w.to(dev))
        else:
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

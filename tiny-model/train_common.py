"""Helpers shared by the training stages of train.py: logging, pixel and latent preparation (as pipeline.py feeds
the networks), the EDM preconditioning and noise draws, the optimiser step with its moving averages, checkpoint
loading, bf16 autocast and the --sizes parser."""
import math, time
import numpy as np
import torch
import torch.nn.functional as F

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def log(msg, f=None):
    line = time.strftime("%H:%M:%S ") + msg
    print(line, flush=True)


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


def set_cosine_lr(opt, base, warm_steps, warmup, frac, scale, floor):
    """Sets and returns the learning rate of every group of opt: base, times a linear warm-up over `warmup` steps
    (warm_steps / warmup, at most 1), times a cosine from 1 to `floor` over the budget fraction frac
    (0.5 (1 + cos(pi frac)) scale + floor)."""
    lr = base * min(1.0, warm_steps / warmup) * (0.5 * (1 + math.cos(math.pi * frac)) * scale + floor)
    for g in opt.param_groups:
        g["lr"] = lr * g.get("lr_scale", 1.0)
    return lr


def edit_region_weights(edited, source, downscale, weight, threshold=8):
    """Loss weights [B,T,1,h,w] of an edit pair batch at latent resolution: `weight` where any pixel of a
    downscale x downscale cell differs between the edited and the source clip (uint8 [B,T,H,W,3]) by more than
    `threshold` in a channel, 1 elsewhere. The edit is a small part of the frame; unweighted, the loss barely
    asks where it goes in the later frames."""
    d = np.abs(edited.astype(np.int16) - source.astype(np.int16)).max(axis=-1) > threshold   # [B,T,H,W]
    B, T, H, W = d.shape
    m = d.reshape(B, T, H // downscale, downscale, W // downscale, downscale).any(axis=(3, 5))
    return torch.from_numpy(1.0 + (weight - 1.0) * m.astype(np.float32)).unsqueeze(2)


def weighted_mse(out, target, w):
    """Mean of w * (out - target)^2 over the batch, divided by the mean weight (w broadcasts over channels)."""
    w = w.expand_as(out)
    return (w * (out - target) ** 2).sum() / w.sum()

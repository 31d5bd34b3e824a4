"""The autoencoder and the image embedder of the Videoshop tiny model (models.py re-exports every name).

AutoEncoder     : deterministic conv autoencoder (the "VAE" of the bundle; mean = mode).
                  encode: [N,3,H,W] in [-1,1] -> [N,C,H/f,W/f] (NOT multiplied by the scaling factor)
                  decode: [N,C,h,w] (already divided by the scaling factor) -> [N,3,H,W] in [-1,1]
ImageEmbedder   : small CNN, [N,3,S,S] (CLIP mean/std normalised) -> [N,1,D]
TemporalDecoder : SVD-shaped decoder wrapper (svd-shaped random test bundle only)
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def gn(ch):
    return nn.GroupNorm(min(8, ch), ch)


class AEResBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.c1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.c2 = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return x + self.c2(F.silu(self.c1(F.silu(x))))


class Encoder(nn.Module):
    """Patchifying conv (kernel 2f, stride f) then residual blocks at latent resolution."""

    def __init__(self, C=4, ch=64, downscale=2, nblocks=2):
        super().__init__()
        f = downscale
        layers = [nn.Conv2d(3, ch, 2 * f, stride=f, padding=f // 2)]
        layers += [AEResBlock(ch) for _ in range(nblocks)]
        layers += [nn.SiLU(), nn.Conv2d(ch, C, 3, padding=1)]
        self.net = nn.Sequential(*layers)

    def forward(self, sample):
        return self.net(sample)


class Decoder(nn.Module):
    """Residual blocks at latent resolution, then conv to 3*f*f channels and pixel shuffle."""

    def __init__(self, C=4, ch=64, downscale=2, nblocks=3, refine=0):
        super().__init__()
        f = downscale
        layers = [nn.Conv2d(C, ch, 3, padding=1)]
        layers += [AEResBlock(ch) for _ in range(nblocks)]
        layers += [nn.SiLU(), nn.Conv2d(ch, 3 * f * f, 3, padding=1), nn.PixelShuffle(f)]
        self.net = nn.Sequential(*layers)
        self.refine = None
        if refine:
            # optional full-resolution residual refinement head (added for the decoder
            # fine-tuning stage; zero-initialised so it starts as the identity)
            self.refine = nn.Sequential(nn.Conv2d(3, refine, 3, padding=1), AEResBlock(refine),
                                        nn.SiLU(), nn.Conv2d(refine, 3, 3, padding=1))
            nn.init.zeros_(self.refine[-1].weight); nn.init.zeros_(self.refine[-1].bias)

    def forward(self, latent):
        y = self.net(latent)
        if self.refine is not None:
            y = y + self.refine(y)
        return y


class AutoEncoder(nn.Module):
    def __init__(self, C=4, ch=64, downscale=2, dec_refine=0):
        super().__init__()
        self.encoder = Encoder(C, ch, downscale)
        self.decoder = Decoder(C, ch, downscale, refine=dec_refine)

    def forward(self, x):
        return self.decoder(self.encoder(x))


class ImageEmbedder(nn.Module):
    def __init__(self, D=64, ch=48):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, ch, 3, padding=1), nn.SiLU(),
            nn.Conv2d(ch, ch, 4, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(ch, 2 * ch, 4, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(2 * ch, 2 * ch, 3, padding=1), nn.SiLU())
        self.proj = nn.Linear(4 * ch, D)

    def forward(self, pixel_values):
        h = self.net(pixel_values)
        feat = torch.cat([h.mean(dim=(2, 3)), h.amax(dim=(2, 3))], dim=1)
        return self.proj(feat).unsqueeze(1)


class TemporalDecoder(nn.Module):
    """SVD-shaped decoder: also takes num_frames (int64 scalar) and mixes each chunk of
    num_frames frames a little (stand-in for SVD's temporal decoder; used by the
    svd-shaped random test bundle only)."""

    def __init__(self, dec):
        super().__init__()
        self.dec = dec
        self.alpha = nn.Parameter(torch.tensor(0.1))

    def forward(self, latent, num_frames):
        out = self.dec(latent)
        N, C, H, W = out.shape
        z = out.reshape(-1, num_frames, C, H, W)
        z = z + self.alpha * (z.mean(dim=1, keepdim=True) - z)
        return z.reshape(N, C, H, W)


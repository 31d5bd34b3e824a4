"""Networks of the Videoshop tiny model (SVD-shaped interfaces, tiny sizes).

AutoEncoder   : deterministic conv autoencoder (the "VAE" of the bundle; mean = mode).
                encode: [N,3,H,W] in [-1,1] -> [N,C,H/f,W/f] (NOT multiplied by the scaling factor)
                decode: [N,C,h,w] (already divided by the scaling factor) -> [N,3,H,W] in [-1,1]
ImageEmbedder : small CNN, [N,3,S,S] (CLIP mean/std normalised) -> [N,1,D]
UNet          : spatio-temporal UNet with SVD's call signature
                sample [B,T,2C,h,w], timestep [1] (= c_noise), encoder_hidden_states [B,1,D],
                added_time_ids [B,3] -> [B,T,C,h,w] (raw network output F).
                Conditioning: AdaGN/FiLM from (c_noise, image embedding, time ids); temporal
                1-D convs in every residual block; spatio-temporal self-attention at the bottleneck.
All shapes (batch, frames, spatial) are dynamic in the ONNX export.

The networks live in models_ae.py (AutoEncoder, ImageEmbedder, TemporalDecoder) and models_unet.py (UNet and its
blocks); this module re-exports them and holds the configuration, build() and load_run().
"""
import torch

from models_ae import gn, AEResBlock, Encoder, Decoder, AutoEncoder, ImageEmbedder, TemporalDecoder
from models_unet import (sinusoid, ResBlock, attend, STAttention, SpatialAttention, TemporalAttention,
                         grid_encoding, CondAttention, FrameZeroAttention, CondEncoder, UNet)


DEFAULT_CONFIG = {
    "C": 4, "downscale": 2, "ae_ch": 64, "D": 64, "embed_ch": 48, "embed_size": 32,
    "unet_chs": [32, 64, 96], "unet_blocks": [1, 1, 1], "edim": 128, "unet_attn_levels": [],
    "frames": 8, "height": 32, "width": 32,
}


def build(cfg):
    ae = AutoEncoder(cfg["C"], cfg["ae_ch"], cfg["downscale"], cfg.get("dec_refine", 0))
    emb = ImageEmbedder(cfg["D"], cfg["embed_ch"])
    unet = UNet(cfg["C"], cfg["D"], tuple(cfg["unet_chs"]), cfg["edim"], tuple(cfg["unet_blocks"]),
                tuple(cfg.get("unet_attn_levels", ())), cfg.get("unet_stem_ch"),
                tuple(cfg.get("unet_cond_attn_levels", ())), tuple(cfg.get("unet_temporal_attn_levels", ())),
                tuple(cfg.get("unet_f0_attn_levels", ())))
    return ae, emb, unet


def nparams(m):
    return sum(p.numel() for p in m.parameters())


def load_run(run_dir, use_ema=True):
    """Load the trained AE, embedder and UNet from train.py's checkpoints."""
    import os
    st = torch.load(os.path.join(run_dir, "unet.pt"), map_location="cpu")
    ae_st = torch.load(os.path.join(run_dir, "ae.pt"), map_location="cpu")
    cfg = dict(st["cfg"])
    cfg["dec_refine"] = ae_st.get("dec_refine", 0)
    ae, emb, unet = build(cfg)
    ae.load_state_dict(ae_st["ae"])
    unet.load_state_dict(st["ema_unet"] if use_ema else st["unet"])
    emb.load_state_dict(st["ema_emb"] if use_ema else st["emb"])
    for m in (ae, emb, unet):
        m.eval()
    return ae, emb, unet, cfg, st["scaling_factor"], st

"""The spatio-temporal UNet of the Videoshop tiny model and its attention blocks (models.py re-exports every name).

UNet : SVD's call signature: sample [B,T,2C,h,w], timestep [1] (= c_noise), encoder_hidden_states [B,1,D],
       added_time_ids [B,3] -> [B,T,C,h,w] (raw network output F).
       Conditioning: AdaGN/FiLM from (c_noise, image embedding, time ids); temporal 1-D convs in every residual
       block; spatio-temporal self-attention at the bottleneck; tiny v2 adds a full-resolution stem level,
       cross-attention to the conditioning frame (CondAttention, CondEncoder) and temporal self-attention.
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

from models_ae import gn, AEResBlock


def sinusoid(x, dim, max_period=10000.0):
    """x [...] -> [..., dim]"""
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32, device=x.device) / half)
    a = x.unsqueeze(-1).float() * freqs
    return torch.cat([torch.cos(a), torch.sin(a)], dim=-1)


class ResBlock(nn.Module):
    """Spatial res block with FiLM from emb, followed by a temporal conv (residual)."""

    def __init__(self, cin, cout, edim):
        super().__init__()
        self.n1 = gn(cin)
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.film = nn.Linear(edim, 2 * cout)
        self.n2 = gn(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()
        self.tn = gn(cout)
        self.tconv = nn.Conv3d(cout, cout, (3, 1, 1), padding=(1, 0, 0))
        nn.init.zeros_(self.c2.weight); nn.init.zeros_(self.c2.bias)
        nn.init.zeros_(self.tconv.weight); nn.init.zeros_(self.tconv.bias)

    def forward(self, x, emb, B):
        # x [B*T, C, h, w], emb [B*T, E]
        h = self.c1(F.silu(self.n1(x)))
        s, b = self.film(emb).unsqueeze(-1).unsqueeze(-1).chunk(2, dim=1)
        h = self.n2(h) * (1 + s) + b
        h = self.c2(F.silu(h))
        x = self.skip(x) + h
        # temporal mixing
        BT, C, H, W = x.shape
        t = F.silu(self.tn(x)).reshape(B, BT // B, C, H, W).permute(0, 2, 1, 3, 4).contiguous()
        t = self.tconv(t).permute(0, 2, 1, 3, 4).contiguous().reshape(BT, C, H, W)
        return x + t


def attend(tokens, qkv, out, heads):
    """Multi-head self-attention over tokens [N, L, C] with a fused qkv projection; returns out(attention)."""
    N, L, C = tokens.shape
    q, k, v = qkv(tokens).chunk(3, dim=-1)
    dh = C // heads

    def split(z):
        return z.reshape(N, L, heads, dh).permute(0, 2, 1, 3)
    q, k, v = split(q), split(k), split(v)
    a = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(dh), dim=-1)
    return out(torch.matmul(a, v).permute(0, 2, 1, 3).reshape(N, L, C))


class STAttention(nn.Module):
    """Self-attention over all frames and positions of one video (used at the bottleneck)."""

    def __init__(self, ch, heads=4):
        super().__init__()
        self.norm = gn(ch)
        self.qkv = nn.Linear(ch, 3 * ch)
        self.out = nn.Linear(ch, ch)
        self.heads = heads
        nn.init.zeros_(self.out.weight); nn.init.zeros_(self.out.bias)

    def forward(self, x, B):
        BT, C, H, W = x.shape
        T = BT // B
        h = self.norm(x).reshape(B, T, C, H * W).permute(0, 1, 3, 2).reshape(B, T * H * W, C)
        o = attend(h, self.qkv, self.out, self.heads)
        return x + o.reshape(B, T, H * W, C).permute(0, 1, 3, 2).reshape(BT, C, H, W)


class SpatialAttention(STAttention):
    """Self-attention over the positions of each frame separately (as SVD's spatial transformer blocks): a
    position can read the conditioning frame's content, which every frame carries in its input channels, from
    where a moving object was in frame 0."""

    def forward(self, x, B):
        BT, C, H, W = x.shape
        h = self.norm(x).reshape(BT, C, H * W).permute(0, 2, 1)
        return x + attend(h, self.qkv, self.out, self.heads).permute(0, 2, 1).reshape(BT, C, H, W)


class TemporalAttention(STAttention):
    """Self-attention over the frames at each position separately (SVD's temporal transformer blocks): long-range
    mixing over time where the residual blocks' temporal convolutions only reach the neighbouring frames."""

    def forward(self, x, B):
        BT, C, H, W = x.shape
        T = BT // B
        h = self.norm(x).reshape(B, T, C, H * W).permute(0, 3, 1, 2).reshape(B * H * W, T, C)
        o = attend(h, self.qkv, self.out, self.heads)
        return x + o.reshape(B, H * W, T, C).permute(0, 2, 3, 1).reshape(BT, C, H, W)


def grid_encoding(H, W, dim, like):
    """[H*W, dim] sinusoids of the (row, column) of each position, periods 2..2^(dim/4) pixels: lets attention
    between two maps of the same size prefer nearby positions when contents are alike. Built from the dynamic
    H, W (no fixed size is baked into the exported graph)."""
    ys = torch.arange(H, device=like.device, dtype=like.dtype).view(H, 1).expand(H, W).reshape(-1, 1)
    xs = torch.arange(W, device=like.device, dtype=like.dtype).view(1, W).expand(H, W).reshape(-1, 1)
    n = dim // 4
    freqs = math.pi / (2.0 ** torch.arange(n, device=like.device, dtype=like.dtype))
    return torch.cat([torch.sin(ys * freqs), torch.cos(ys * freqs), torch.sin(xs * freqs), torch.cos(xs * freqs)], 1)


class CondAttention(nn.Module):
    """Cross-attention from every frame's features to the conditioning frame's feature map at the same level
    (tiny v2): a position of frame t can copy what the conditioning (edited) frame shows anywhere, e.g. an added
    object where the scene has moved it, rather than only what the FiLM embedding and the concatenated latent
    at the same position carry. Keys are shared by all frames of a video (computed once per video)."""

    def __init__(self, ch, heads=4, pe_dim=16):
        super().__init__()
        self.norm = gn(ch)
        self.knorm = gn(ch)
        self.q = nn.Linear(ch, ch)
        self.kv = nn.Linear(ch, 2 * ch)
        self.pe = nn.Linear(pe_dim, ch)
        self.out = nn.Linear(ch, ch)
        self.heads, self.pe_dim = heads, pe_dim
        nn.init.zeros_(self.out.weight); nn.init.zeros_(self.out.bias)

    def forward(self, x, cf, B):
        # x [B*T, C, H, W] frame features; cf [B, C, H, W] conditioning-frame features
        BT, C, H, W = x.shape
        T = BT // B
        L = H * W
        pe = self.pe(grid_encoding(H, W, self.pe_dim, x))                       # [L, C]
        hq = self.norm(x).reshape(BT, C, L).permute(0, 2, 1) + pe
        hk = self.knorm(cf).reshape(B, C, L).permute(0, 2, 1) + pe
        dh = C // self.heads
        q = self.q(hq).reshape(B, T * L, self.heads, dh).permute(0, 2, 1, 3)     # [B, h, T*L, dh]
        k, v = self.kv(hk).chunk(2, dim=-1)
        k = k.reshape(B, L, self.heads, dh).permute(0, 2, 3, 1)                  # [B, h, dh, L]
        v = v.reshape(B, L, self.heads, dh).permute(0, 2, 1, 3)                  # [B, h, L, dh]
        a = torch.softmax(torch.matmul(q, k) / math.sqrt(dh), dim=-1)
        o = torch.matmul(a, v).permute(0, 2, 1, 3).reshape(B, T, L, C).reshape(BT, L, C)
        return x + self.out(o).permute(0, 2, 1).reshape(BT, C, H, W)


class FrameZeroAttention(CondAttention):
    """Cross-frame attention from every frame's features to frame 0's features at the same level (the first
    frame's hidden state, not the conditioning latent alone). Frame 0's features hold both the noisy latent of
    the source's first frame and, through the concatenated channels at the same positions, the conditioning
    (edited) frame; a later frame's query, made from its own (source) content, finds where that content was in
    frame 0 and reads what the conditioning frame put there. CondAttention's keys hold only the edited frame, so
    inside an edit they no longer look like the query."""

    def forward(self, x, B):
        BT, C, H, W = x.shape
        return super().forward(x, x.reshape(B, BT // B, C, H, W)[:, 0], B)


class CondEncoder(nn.Module):
    """Feature pyramid of the conditioning latent (the second half of the UNet's input channels, frame 0; the
    pipeline repeats the same latent over the frames), one map per UNet level, computed once per video."""

    def __init__(self, C, chs, stem_ch=None):
        super().__init__()
        c0 = stem_ch or chs[0]
        self.inp = nn.Conv2d(C, c0, 3, padding=1)
        self.levels = nn.ModuleList()
        c = c0
        for i, co in enumerate(chs):
            stride = 2 if (i > 0 or stem_ch) else 1
            self.levels.append(nn.Sequential(nn.SiLU(), nn.Conv2d(c, co, 3, stride=stride, padding=1), AEResBlock(co)))
            c = co

    def forward(self, cond):
        h = self.inp(cond)
        feats = []
        for lvl in self.levels:
            h = lvl(h); feats.append(h)
        return feats


class UNet(nn.Module):
    def __init__(self, C=4, D=64, chs=(32, 64, 128), edim=128, blocks=(1, 2, 2), attn_levels=(),
                 stem_ch=None, cond_attn_levels=(), temporal_attn_levels=(), f0_attn_levels=()):
        super().__init__()
        self.C = C
        # tiny v2: an extra full-latent-resolution level of stem_ch channels in front of chs (one block, then a
        # strided conv into level 0), cross-attention to the conditioning frame's features and temporal
        # self-attention after the blocks of the listed levels, on the way down and up
        self.stem_ch = stem_ch
        self.cond_attn_levels = tuple(cond_attn_levels)
        self.temporal_attn_levels = tuple(temporal_attn_levels)
        if self.cond_attn_levels:
            self.cond_enc = CondEncoder(C, chs, stem_ch)
        self.down_cattn = nn.ModuleDict({str(i): CondAttention(chs[i]) for i in self.cond_attn_levels})
        self.up_cattn = nn.ModuleDict({str(i): CondAttention(chs[i]) for i in self.cond_attn_levels})
        # frame-zero attention (FrameZeroAttention) after the cross-attention of the listed levels, down and up
        self.f0_attn_levels = tuple(f0_attn_levels)
        self.down_fattn = nn.ModuleDict({str(i): FrameZeroAttention(chs[i]) for i in self.f0_attn_levels})
        self.up_fattn = nn.ModuleDict({str(i): FrameZeroAttention(chs[i]) for i in self.f0_attn_levels})
        self.down_tattn = nn.ModuleDict({str(i): TemporalAttention(chs[i]) for i in self.temporal_attn_levels})
        self.up_tattn = nn.ModuleDict({str(i): TemporalAttention(chs[i]) for i in self.temporal_attn_levels})
        # extra per-frame spatial attention after the blocks of these (non-bottleneck) levels, on the way down and
        # up: lets a frame look up the conditioning frame's content at the new position of a moving object
        self.attn_levels = tuple(attn_levels)
        self.down_attn = nn.ModuleDict({str(i): SpatialAttention(chs[i]) for i in self.attn_levels})
        self.up_attn = nn.ModuleDict({str(i): SpatialAttention(chs[i]) for i in self.attn_levels})
        self.t_mlp = nn.Sequential(nn.Linear(64, edim), nn.SiLU(), nn.Linear(edim, edim))
        self.e_proj = nn.Sequential(nn.Linear(D, edim), nn.SiLU(), nn.Linear(edim, edim))
        self.id_mlp = nn.Sequential(nn.Linear(3 * 32, edim), nn.SiLU(), nn.Linear(edim, edim))
        if stem_ch:
            self.inp = nn.Conv2d(2 * C, stem_ch, 3, padding=1)
            self.stem = ResBlock(stem_ch, stem_ch, edim)
            self.stem_down = nn.Conv2d(stem_ch, chs[0], 3, stride=2, padding=1)
        else:
            self.inp = nn.Conv2d(2 * C, chs[0], 3, padding=1)
        self.down = nn.ModuleList()
        self.downsample = nn.ModuleList()
        skips = []
        c = chs[0]
        for i, (co, nb) in enumerate(zip(chs, blocks)):
            lvl = nn.ModuleList()
            for _ in range(nb):
                lvl.append(ResBlock(c, co, edim)); c = co
                skips.append(c)
            self.down.append(lvl)
            if i < len(chs) - 1:
                self.downsample.append(nn.Conv2d(c, c, 3, stride=2, padding=1))
        self.mid1 = ResBlock(c, c, edim)
        self.attn = STAttention(c)
        self.mid2 = ResBlock(c, c, edim)
        self.up = nn.ModuleList()
        self.upconv = nn.ModuleList()
        for i in reversed(range(len(chs))):
            lvl = nn.ModuleList()
            for _ in range(blocks[i]):
                lvl.append(ResBlock(c + skips.pop(), chs[i], edim)); c = chs[i]
            self.up.append(lvl)
            if i > 0:
                self.upconv.append(nn.Conv2d(c, chs[i - 1], 3, padding=1)); c = chs[i - 1]
        if stem_ch:
            self.stem_upconv = nn.Conv2d(c, stem_ch, 3, padding=1)
            self.stem_up = ResBlock(2 * stem_ch, stem_ch, edim)
            c = stem_ch
        self.out_norm = gn(c)
        self.out = nn.Conv2d(c, C, 3, padding=1)
        nn.init.zeros_(self.out.weight); nn.init.zeros_(self.out.bias)

    def forward(self, sample, timestep, encoder_hidden_states, added_time_ids):
        B, T, C2, H, W = sample.shape
        x = sample.reshape(B * T, C2, H, W)
        emb = self.t_mlp(sinusoid(timestep.reshape(-1), 64))                 # [1,E] (or [B,E] in training)
        emb = emb + self.e_proj(encoder_hidden_states[:, 0, :])             # [B,E]
        ids = sinusoid(added_time_ids, 32).reshape(B, 3 * 32)
        emb = emb + self.id_mlp(ids)
        E = emb.shape[1]
        emb = emb.unsqueeze(1).expand(B, T, E).reshape(B * T, E)
        h = self.inp(x)
        cfeats = self.cond_enc(sample[:, 0, self.C:]) if self.cond_attn_levels else None
        if self.stem_ch:
            h = self.stem(h, emb, B)
            h_stem = h
            h = self.stem_down(h)
        hs = []
        for i, lvl in enumerate(self.down):
            for blk in lvl:
                h = blk(h, emb, B); hs.append(h)
            if str(i) in self.down_attn:
                h = self.down_attn[str(i)](h, B); hs[-1] = h
            if str(i) in self.down_cattn:
                h = self.down_cattn[str(i)](h, cfeats[i], B); hs[-1] = h
            if str(i) in self.down_fattn:
                h = self.down_fattn[str(i)](h, B); hs[-1] = h
            if str(i) in self.down_tattn:
                h = self.down_tattn[str(i)](h, B); hs[-1] = h
            if i < len(self.downsample):
                h = self.downsample[i](h)
        h = self.mid1(h, emb, B)
        h = self.attn(h, B)
        h = self.mid2(h, emb, B)
        for i, lvl in enumerate(self.up):
            for blk in lvl:
                h = blk(torch.cat([h, hs.pop()], dim=1), emb, B)
            level = len(self.up) - 1 - i
            if str(level) in self.up_attn:
                h = self.up_attn[str(level)](h, B)
            if str(level) in self.up_cattn:
                h = self.up_cattn[str(level)](h, cfeats[level], B)
            if str(level) in self.up_fattn:
                h = self.up_fattn[str(level)](h, B)
            if str(level) in self.up_tattn:
                h = self.up_tattn[str(level)](h, B)
            if i < len(self.upconv):
                h = F.interpolate(h, scale_factor=2.0, mode="nearest")
                h = self.upconv[i](h)
        if self.stem_ch:
            h = self.stem_upconv(F.interpolate(h, scale_factor=2.0, mode="nearest"))
            h = self.stem_up(torch.cat([h, h_stem], dim=1), emb, B)
        out = self.out(F.silu(self.out_norm(h)))
        return out.reshape(B, T, self.C, H, W)

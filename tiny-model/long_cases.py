"""Writes long evaluation cases (clips of any length with ground truth) in the eval-case layout:
CASE/source/frame_0000.png ..., CASE/truth/frame_0000.png ..., CASE/edited_first.png, CASE/case.json.

Used by docs/beyond.md to measure drift across windows (clips longer than the model's T frames), e.g.

  /usr/bin/python3 tiny-model/long_cases.py --frames 26 --n 8 --out /tmp/long-cases

Seeds are evaluation seeds (videogen.EVAL_SEED_BASE + 5000 + k), disjoint from training seeds. Needs numpy and
Pillow only (no torch).
"""
import argparse
import json
import os

import numpy as np
from PIL import Image

import videogen


def write_case(seed, edit, frames, size, out):
    c = videogen.make_clip(seed, frames, size, size)
    d = os.path.join(out, "%s-%d-%d" % (edit, frames, seed - videogen.EVAL_SEED_BASE))
    for sub in ("source", "truth"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    u8 = lambda a: (a * 255 + 0.5).astype(np.uint8)
    for t in range(frames):
        Image.fromarray(u8(c["source"][t])).save(os.path.join(d, "source", "frame_%04d.png" % t))
        Image.fromarray(u8(c[edit][t])).save(os.path.join(d, "truth", "frame_%04d.png" % t))
    Image.fromarray(u8(c[edit][0])).save(os.path.join(d, "edited_first.png"))
    with open(os.path.join(d, "case.json"), "w") as fh:
        json.dump({"seed": int(seed), "edit": edit, "frames": frames,
                   "generator": "tiny-model/videogen.py make_clip(seed, T=%d, H=%d, W=%d)" % (frames, size, size),
                   "meta": c["meta"]}, fh, indent=1)
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=26)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--first", type=int, default=5000, help="seed = EVAL_SEED_BASE + first + k")
    ap.add_argument("--edit", default="recolour", choices=("recolour", "add", "remove"))
    ap.add_argument("--size", type=int, default=32)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    for k in range(a.n):
        print(write_case(videogen.EVAL_SEED_BASE + a.first + k, a.edit, a.frames, a.size, a.out))


if __name__ == "__main__":
    main()

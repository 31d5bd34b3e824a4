"""Side-by-side demo image for README: rows = source, Videoshop output, ground truth
(frames left to right; the leftmost column of the output row is the edited frame 0 input)."""
import argparse, glob, os, sys
import numpy as np
import torch
from PIL import Image, ImageDraw

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import videogen
from pipeline import Videoshop, load_png


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--sample", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "videoshop-cli/src/main/resources/videoshop/sample"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo.png"))
    ap.add_argument("--scale", type=int, default=4)
    ap.add_argument("--min-guidance", type=float, default=1.0)
    ap.add_argument("--max-guidance", type=float, default=3.0)
    a = ap.parse_args()
    torch.set_num_threads(1)
    vs = Videoshop.from_bundle(a.bundle)
    H, W = vs.m["video"]["height"], vs.m["video"]["width"]
    frames = torch.stack([load_png(p, H, W) for p in sorted(glob.glob(os.path.join(a.sample, "source", "*.png")))])
    edited = load_png(os.path.join(a.sample, "edited_first.png"), H, W)
    out = vs.edit(frames, edited, gmin=a.min_guidance, gmax=a.max_guidance)
    import json
    seed = json.load(open(os.path.join(a.sample, "case.json")))["seed"]
    truth = torch.from_numpy(videogen.make_clip(seed, frames.shape[0], H, W)["recolour"]).permute(0, 3, 1, 2) * 2 - 1
    rows = []
    for r in (frames, out, truth):
        rows.append(np.concatenate([((f.permute(1, 2, 0).numpy() + 1) * 127.5).clip(0, 255).astype(np.uint8) for f in r], 1))
    img = np.concatenate(rows, 0)
    im = Image.fromarray(img).resize((img.shape[1] * a.scale, img.shape[0] * a.scale), Image.NEAREST)
    canvas = Image.new("RGB", (im.width + 80, im.height), (255, 255, 255))
    canvas.paste(im, (80, 0))
    d = ImageDraw.Draw(canvas)
    for i, t in enumerate(("source", "videoshop", "truth")):
        d.text((4, i * H * a.scale + H * a.scale // 2 - 5), t, fill=(0, 0, 0))
    canvas.save(a.out)
    print("wrote", a.out)


if __name__ == "__main__":
    main()

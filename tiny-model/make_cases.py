"""Write evaluation cases from EVALUATION seeds in the layout of
issue 7: <case>/source/frame_0000.png..., <case>/truth/frame_0000.png..., <case>/edited_first.png
(= truth frame 0), <case>/mask.png (white where the truth differs from the source in any frame),
<case>/case.json (seed and generator call), at the model's resolution (32x32, 8 frames).

  /usr/bin/python3 make_cases.py --cases ../videoshop-bench/src/test/resources/eval-cases \
      --quality ../videoshop-bench/src/test/resources/quality-cases
"""
import argparse, json, os, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import videogen
from evaluate import mask_of, write_cases


def pick(edit, n, first=0, min_area=40, T=8, H=32, W=32):
    out, k = [], first
    while len(out) < n:
        s = videogen.EVAL_SEED_BASE + k
        c = videogen.make_clip(s, T, H, W)
        if mask_of(c["source"], c[edit]).sum() >= min_area:
            out.append(s)
        k += 1
    return out


def pick_demo(T=8, H=32, W=32, start=5000):
    """A recolour of a clearly moving, not too small object (first such evaluation seed >= start)."""
    k = start
    while True:
        s = videogen.EVAL_SEED_BASE + k
        c = videogen.make_clip(s, T, H, W)
        m = c["meta"]
        i = m["recoloured"]
        area = mask_of(c["source"], c["recolour"]).sum()
        speed = np.linalg.norm(np.array(m["velocities"][i]) + - np.array(m["pan"]))  # on-screen speed
        contrast = min(np.linalg.norm(np.array(m["new_colour"]) - np.array(m["bg_mean"])),
                       np.linalg.norm(np.array(m["new_colour"]) - np.array(m["colours"][i])))
        if m["kinds"][i] in ("disc", "square") and area >= 100 and speed >= 1.3 and contrast >= 0.6 and m["n_shapes"] >= 2 and i == m["n_shapes"] - 1:
            return s
        k += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=None)
    ap.add_argument("--sample", default=None)
    ap.add_argument("--per-edit", type=int, default=2)
    ap.add_argument("--quality", default=None,
                    help="folder for the CI quality set: recolour cases of the model card's evaluation clips")
    ap.add_argument("--quality-n", type=int, default=20)
    ap.add_argument("--quality-edits", default="recolour",
                    help="edits of the quality set, from recon,recolour,add,remove (recon: truth = source)")
    ap.add_argument("--quality-first", type=int, default=0, help="first evaluation index k of the quality set")
    ap.add_argument("--quality-size", default="32x32", help="WxH of the quality set's clips (tiny v2: 64x64)")
    ap.add_argument("--quality-frames", type=int, default=8, help="frames of the quality set's clips (tiny v2: 14)")
    a = ap.parse_args()
    if a.cases:
        sel = {}
        for e in ("recolour", "add", "remove"):
            for i, s in enumerate(pick(e, a.per_edit)):
                sel[f"{e}-{i + 1}"] = (s, e)
        write_cases(sel, a.cases, 32, 32, 8)
        json.dump({k: {"seed": v[0], "edit": v[1]} for k, v in sel.items()},
                  open(os.path.join(a.cases, "cases.json"), "w"), indent=1)
        print("cases", sel)
    if a.quality:
        # every clip of evaluate.py's default set (seeds EVAL_SEED_BASE + 0 .. n-1), unfiltered, so that the
        # Java regression guard measures the same clips as the model card
        sel = {}
        for e in a.quality_edits.split(","):
            for k in range(a.quality_first, a.quality_first + a.quality_n):
                sel[f"{e}-{k + 1:02d}"] = (videogen.EVAL_SEED_BASE + k, "source" if e == "recon" else e)
        qw, qh = (int(v) for v in a.quality_size.lower().split("x"))
        write_cases(sel, a.quality, qh, qw, a.quality_frames)
        for name, (seed, e) in sel.items():
            if e == "source":  # reconstruction: the edited first frame is the source's, the truth the source
                p = os.path.join(a.quality, name, "case.json")
                c = json.load(open(p)); c["edit"] = "recon"; json.dump(c, open(p, "w"), indent=1)
        json.dump({k: {"seed": v[0], "edit": "recon" if v[1] == "source" else v[1]} for k, v in sel.items()},
                  open(os.path.join(a.quality, "cases.json"), "w"), indent=1)
        print("quality cases", len(sel))
    if a.sample:
        s = pick_demo()
        tmp = a.sample + ".tmp"
        write_cases({"x": (s, "recolour")}, tmp, 32, 32, 8)
        import shutil
        os.makedirs(a.sample, exist_ok=True)
        for sub in ("source",):
            if os.path.exists(os.path.join(a.sample, sub)):
                shutil.rmtree(os.path.join(a.sample, sub))
            shutil.move(os.path.join(tmp, "x", sub), os.path.join(a.sample, sub))
        for f in ("edited_first.png", "case.json"):
            shutil.move(os.path.join(tmp, "x", f), os.path.join(a.sample, f))
        shutil.rmtree(tmp)
        print("demo seed", s)


if __name__ == "__main__":
    main()

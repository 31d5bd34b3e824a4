#!/usr/bin/env python3
"""The Python half of compare_python.sh: times the same edit as org.videoshop.bench.TimeEdit with
tiny-model/pipeline.py (plain PyTorch, the code a user would otherwise run) on the same bundle,
frames and settings: warm-up edits, then timed edits; prints one JSON object.

  /usr/bin/python3 python_edit.py [--pipeline-dir DIR] --bundle DIR --case DIR [--steps 25] [--strength 0.55]
      [--warmup 2] [--runs 5] [--threads 1] [--inv-cond raw|authors] [--json FILE]
"""
import argparse, glob, json, os, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
# --pipeline-dir DIR (before the other options) takes pipeline.py and models.py (with models_ae.py, models_unet.py) from another folder
PIPELINE_DIR = os.path.join(HERE, "..", "..", "tiny-model")
if len(sys.argv) > 2 and sys.argv[1] == "--pipeline-dir":
    PIPELINE_DIR = sys.argv[2]
    del sys.argv[1:3]
sys.path.insert(0, os.path.abspath(PIPELINE_DIR))

import torch  # noqa: E402
import pipeline  # noqa: E402


def load_lenient(bundle):
    """pipeline.load_bundle, keeping initial values for parameters the exporter deduplicated (timing does not
    depend on the values); returns the pipeline and the names it could not find."""
    missing = []
    ae, emb, unet, man = pipeline.load_bundle(bundle, missing)
    return pipeline.Videoshop(ae, emb, unet, man), missing


def onnx_floats(bundle, manifest):
    """Values stored in the bundle's ONNX initializers (to see that PyTorch rebuilt the same networks)."""
    import onnx
    total = 0
    for net in manifest["networks"].values():
        for i in onnx.load(os.path.join(bundle, net["file"])).graph.initializer:
            n = 1
            for d in i.dims:
                n *= d
            total += n
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--case", required=True, help="folder with source/frame_XXXX.png and edited_first.png")
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--strength", type=float, default=0.55)
    ap.add_argument("--min-guidance", type=float, default=1.0)
    ap.add_argument("--max-guidance", type=float, default=3.0)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    # raw: the Java library's default (VideoshopOptions.normalizeInversionCondition = false, as generation uses
    # the conditioning latents); authors: normalised and divided by the scaling factor, as the paper's code does
    ap.add_argument("--inv-cond", choices=["raw", "authors"], default="raw")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    missing = []
    try:
        vs = pipeline.Videoshop.from_bundle(a.bundle)
    except KeyError as e:
        print(f"strict load failed ({e}); loading leniently", file=sys.stderr)
        vs, missing = load_lenient(a.bundle)
    H, W = vs.m["video"]["height"], vs.m["video"]["width"]
    paths = sorted(glob.glob(os.path.join(a.case, "source", "*.png")))
    frames = torch.stack([pipeline.load_png(p, H, W) for p in paths])
    edited = pipeline.load_png(os.path.join(a.case, "edited_first.png"), H, W)

    def once():
        vs.calls = 0
        return vs.edit(frames, edited, a.strength, a.steps, 1.0, a.min_guidance, a.max_guidance,
                       "extrapolated", True, a.inv_cond, 0)

    for _ in range(a.warmup):
        once()
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        once()
        times.append((time.perf_counter() - t0) * 1e3)
    res = {"implementation": "python", "torch": torch.__version__, "threads": torch.get_num_threads(),
           "frames": len(paths), "width": W, "height": H, "steps": a.steps, "strength": a.strength,
           "unet_calls": vs.calls, "runs": a.runs, "ms_per_edit": sum(times) / len(times), "ms_min": min(times),
           "params_left_at_init": len(missing), "pipeline_dir": os.path.abspath(PIPELINE_DIR),
           "torch_floats": sum(int(t.numel()) for m in (vs.ae.encoder, vs.ae.decoder, vs.emb, vs.unet)
                               for t in m.state_dict().values()),
           "onnx_floats": onnx_floats(a.bundle, vs.m)}
    print(json.dumps(res))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()

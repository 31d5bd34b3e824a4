"""The measured levels the quality tests guard, from candidate.sh's measurements of a bundle (the Java library's
Evaluate and AutoencoderPsnr JSON: the same code on the same cases as the tests), written as the tests' properties:

  /usr/bin/python3 levels.py --work WORK --cases CASES --out ../videoshop-bench/src/test/resources/quality-levels

real-footage.properties (RealFootageQualityTest): per kind of the guard set, detail output, means over the kind's
cases: PSNR outside the edit region; whole-frame PSNR minus the source's and minus copy-first's; edit-region PSNR
minus regenerate's. From WORK/guard.json, or the guard set's cases of WORK/full.json (+ full-regenerate.json).

tiny-quality.properties (TinyModelQualityTest, the procedural set at the model's size): per edit, edit-region PSNR
minus copy-first's and minus the source's; the recolours' hold (last frame minus frame 1, edit region); the
reconstruction's gap to the autoencoder; extrapolated-ahead-of-naive count; the autoencoder on the guard set's
photographs at the working size. From WORK/proc.json, WORK/ae-proc.json and WORK/ae-guard.json. Written only when
those exist.
"""
import argparse, math, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import footage, load  # noqa: E402

CAP = 100.0  # EvaluationReport.MEAN_CAP_DB: an infinite PSNR (exact copy) counts as 100 dB in the tests' means
KINDS = ["recolour-region", "recolour-object", "add", "remove", "replace"]


def num(v):
    return CAP if v is None or (isinstance(v, float) and math.isinf(v)) else v


def mean(rows, kind, method, key):
    xs = [num(r.get(key)) for r in rows if r["kind"] == kind and r["method"] == method]
    if not xs:
        raise SystemExit(f"expected {kind} / {method} rows with {key}")
    return sum(xs) / len(xs)


def write(path, header, values):
    with open(path, "w") as f:
        f.write("# " + "\n# ".join(header) + "\n")
        for k, v in values:
            f.write(f"{k}={v:.2f}\n" if isinstance(v, float) else f"{k}={v}\n")
    print(f"wrote {path}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default=None, help="what the levels are of, for the files' header (default WORK)")
    a = ap.parse_args()
    W, C = a.work, a.cases
    who = a.name or W
    os.makedirs(a.out, exist_ok=True)
    guard = footage(W, C, "guard")
    if not guard or not {"detail", "regenerate", "copy-first", "source"} <= {r["method"] for r in guard}:
        raise SystemExit(f"expected the guard set's detail, regenerate, copy-first and source rows under {W}")
    vals = []
    for k in KINDS:
        vals.append((f"outside.{k}", mean(guard, k, "detail", "psnr_outside_region")))
    for k in KINDS:
        vals.append((f"whole_over_source.{k}", mean(guard, k, "detail", "psnr") - mean(guard, k, "source", "psnr")))
    for k in KINDS:
        vals.append((f"whole_over_copy.{k}", mean(guard, k, "detail", "psnr") - mean(guard, k, "copy-first", "psnr")))
    for k in KINDS:
        vals.append((f"region_over_regenerate.{k}", mean(guard, k, "detail", "psnr_edit_region")
                     - mean(guard, k, "regenerate", "psnr_edit_region")))
    write(os.path.join(a.out, "real-footage.properties"),
          [f"Levels RealFootageQualityTest guards: {who}, guard set, default options, java backend (tiny-model/levels.py)",
           "Per kind, means over the kind's cases, dB."], vals)

    proc, aep, aeg = (load(os.path.join(W, n)) for n in ("proc.json", "ae-proc.json", "ae-guard.json"))
    if not (proc and aep and aeg):
        print("no proc.json / ae-proc.json / ae-guard.json: tiny-quality.properties not written")
        return
    vals = []
    for k in ("recolour", "add", "remove"):
        vals.append((f"region_over_copy.{k}", mean(proc, k, "videoshop", "psnr_edit_region")
                     - mean(proc, k, "copy-first", "psnr_edit_region")))
        vals.append((f"region_over_source.{k}", mean(proc, k, "videoshop", "psnr_edit_region")
                     - mean(proc, k, "source", "psnr_edit_region")))
    rec = [r for r in proc if r["kind"] == "recolour" and r["method"] == "videoshop"]
    vals.append(("recolour_hold", sum(r["frame_psnr_edit_region"][-1] - r["frame_psnr_edit_region"][1]
                                      for r in rec) / len(rec)))
    vs = {r["case"]: r["psnr"] for r in proc if r["kind"] == "recon" and r["method"] == "videoshop"}
    nv = {r["case"]: r["psnr"] for r in proc if r["kind"] == "recon" and r["method"] == "naive"}
    ceil = {r["case"]: r["psnr_from_1"] for r in aep}
    vals.append(("gap_to_autoencoder", sum(ceil[c] - vs[c] for c in vs) / len(vs)))
    vals.append(("extrapolation_wins", sum(1 for c in vs if vs[c] > nv[c])))
    vals.append(("autoencoder_photos", sum(r["psnr_all"] for r in aeg) / len(aeg)))
    write(os.path.join(a.out, "tiny-quality.properties"),
          [f"Levels TinyModelQualityTest guards: {who}, procedural quality set at the model's size, default options,",
           "java backend (tiny-model/levels.py). Means over each kind's clips, dB; extrapolation_wins a count."], vals)


if __name__ == "__main__":
    main()

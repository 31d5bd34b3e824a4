"""Tables of a candidate bundle against the bundled tiny model from candidate.sh's results (Java Evaluate JSON,
AutoencoderPsnr JSON, CheckReference and EditBenchmark output): per edit kind, PSNR over whole frames, inside
the edit region (where truth and source differ) and outside it, mean over cases of per-case PSNR over frames
1..T-1; and the issue 15 targets, met or not. Markdown on stdout.

  /usr/bin/python3 compare.py --work WORK --cases CASES
"""
import argparse, json, math, os, re
from collections import defaultdict

CAP = 100.0  # an exact copy (infinite PSNR) counts as 100 dB, as EvaluationReport's means do


def load(path):
    return json.load(open(path)) if os.path.exists(path) else None


def mean(xs):
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    return sum(xs) / len(xs) if xs else float("nan")


def group(rows):
    g = defaultdict(list)
    for r in rows:
        g[(r["kind"], r["method"])].append(r)
    return g


def val(r, key):
    v = r.get(key)
    if v is None:  # infinite (exact) or undefined (no region): exact only where the series says so
        return CAP if key == "psnr" or key == "psnr_outside_region" else None
    return v


def frame(r, key, i):
    s = r.get(key) or []
    return s[i] if len(s) > abs(i) else None


def fmt(x):
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


def kind_table(cand, base, model_methods, title):
    gc, gb = group(cand), group(base)
    kinds = sorted({k for k, _ in gc})
    out = [f"### {title}", "",
           "| kind | method | n | candidate whole | candidate region | candidate outside | bundled whole | bundled region"
           " | bundled outside |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for k in kinds:
        for m in model_methods + ["copy-first", "source"]:
            rc, rb = gc.get((k, m), []), gb.get((k, m), [])
            if not rc and not rb:
                continue
            cells = [fmt(mean([val(r, f) for r in rs])) for rs in (rc, rb)
                     for f in ("psnr", "psnr_edit_region", "psnr_outside_region")]
            out.append(f"| {k} | {m} | {len(rc)} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def footage(W, C, name):
    """The candidate's rows of a real-footage set: NAME.json plus NAME-regenerate.json (candidate.sh fullregen);
    the guard set, when not measured on its own, is its 10 cases of the 30-case set (Evaluate is deterministic)."""
    rows = load(os.path.join(W, name + ".json"))
    extra = load(os.path.join(W, name + "-regenerate.json"))
    if rows is None and name == "guard":
        full = footage(W, C, "full")
        guard = os.path.join(C, "guard")
        names = set(os.listdir(guard)) if os.path.isdir(guard) else set()
        rows = [r for r in full if r["case"] in names] if full and names else None
        extra = None
    if rows is None:
        return extra
    return rows + [r for r in (extra or []) if (r["case"], r["method"]) not in {(x["case"], x["method"]) for x in rows}]


def held_out(rows, C):
    """The cases of the 30-case set that are not in the guard set (never used for tuning)."""
    guard = os.path.join(C, "guard")
    names = set(os.listdir(guard)) if os.path.isdir(guard) else set()
    return [r for r in rows if r["case"] not in names] if rows and names else None


def decision(cand, base):
    """The rule fixed before the final measurement: default detail output, 30 cases, candidate's mean edit-region
    and whole-frame PSNR each no more than 0.1 dB below the bundled model's."""
    d = {k: overall(cand, "detail", k) - overall(base, "detail", k) for k in ("psnr_edit_region", "psnr")}
    ok = all(v >= -0.1 for v in d.values())
    return (f"Decision rule (30 cases, detail): edit region {d['psnr_edit_region']:+.2f} dB, whole {d['psnr']:+.2f} dB"
            f" against the bundled model (each must be >= -0.10): {'SHIP' if ok else 'do not ship'}")


def overall(rows, method, key):
    return mean([val(r, key) for r in rows if r["method"] == method and r["kind"] != "recon"])


def targets(rows, model_methods, label):
    """Issue 15: edit-region PSNR above copy-first and source on the mean, per kind; recolours hold."""
    g = group(rows)
    kinds = sorted({k for k, _ in g if k != "recon"})
    out = []
    for m in model_methods:
        for k in kinds:
            v = mean([val(r, "psnr_edit_region") for r in g.get((k, m), [])])
            c = mean([val(r, "psnr_edit_region") for r in g.get((k, "copy-first"), [])])
            s = mean([val(r, "psnr_edit_region") for r in g.get((k, "source"), [])])
            ok = v > c and v > s
            out.append(f"- {label} {m} {k}: region {v:.2f} vs copy-first {c:.2f} ({v - c:+.2f}), source {s:.2f}"
                       f" ({v - s:+.2f}): {'met' if ok else 'NOT met'}")
        for k in [k for k in kinds if k.startswith("recolour")]:
            rs = g.get((k, m), [])
            f1 = mean([frame(r, "frame_psnr_edit_region", 1) for r in rs])
            fl = mean([frame(r, "frame_psnr_edit_region", -1) for r in rs])
            out.append(f"- {label} {m} {k} hold: region frame 1 {f1:.2f}, last frame {fl:.2f} ({fl - f1:+.2f};"
                       f" target within 2 dB): {'met' if fl >= f1 - 2 else 'NOT met'}")
    return out


def recon(rows, ae):
    """Reconstruction (procedural recon cases): gap to the autoencoder's ceiling, extrapolated vs naive wins."""
    if not rows:
        return None
    g = group(rows)
    vs = {r["case"]: r["psnr"] for r in g.get(("recon", "videoshop"), [])}
    nv = {r["case"]: r["psnr"] for r in g.get(("recon", "naive"), [])}
    ceil = {r["case"]: r["psnr_from_1"] for r in (ae or [])}
    cases = sorted(vs)
    gap = mean([ceil[c] - vs[c] for c in cases if c in ceil])
    wins = sum(1 for c in cases if c in nv and vs[c] > nv[c])
    # every edit, not only reconstructions
    allv = {(r["case"]): r["psnr"] for r in rows if r["method"] == "videoshop"}
    alln = {(r["case"]): r["psnr"] for r in rows if r["method"] == "naive"}
    wins_all = sum(1 for c in allv if c in alln and allv[c] > alln[c])
    return dict(psnr=mean(vs.values()), ceiling=mean([ceil[c] for c in cases if c in ceil]), gap=gap, wins=wins,
                n=len(cases), wins_all=wins_all, n_all=len(allv))


def cost(path):
    if not os.path.exists(path):
        return None
    ms = {}
    for line in open(path):
        m = re.search(r"EditBenchmark\.\w+\s+\S+\s+14\s+(\S+)\s+avgt\s+\d+\s+([\d.,]+)", line)
        if m:
            ms["tiny" if m.group(1) == "tiny" else "candidate"] = float(m.group(2).replace(",", ""))
    return ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--cases", required=True)
    a = ap.parse_args()
    W, C = a.work, a.cases
    out = [f"# Candidate {W} vs the bundled tiny", ""]
    if os.path.exists(os.path.join(W, "refcheck.txt")):
        out += ["Reference pairs (ONNX Runtime, Java): " + "; ".join(
            l.strip() for l in open(os.path.join(W, "refcheck.txt")) if l.strip()), ""]
    tgt = []
    bfull = load(os.path.join(C, "baseline-full.json"))
    for name, title in (("guard", "Real-footage guard set (10 cases), full resolution"),
                        ("full", "Real-footage evaluation set (30 cases), full resolution"),
                        ("heldout", "Real-footage held-out cases (the 20 of the 30 not in the guard set, never used"
                                    " for tuning), full resolution")):
        if name == "heldout":
            cand, base = held_out(footage(W, C, "full"), C), held_out(bfull, C)
        else:
            cand = footage(W, C, name)
            base = load(os.path.join(C, "baseline-" + name + ".json"))
            if base is None and name == "guard" and bfull:
                names = set(os.listdir(os.path.join(C, "guard"))) if os.path.isdir(os.path.join(C, "guard")) else set()
                base = [r for r in bfull if r["case"] in names] or None
        if cand and base:
            if name == "full":
                out.append(decision(cand, base) + "  ")
                out.append("")
            out.append(kind_table(cand, base, ["detail", "regenerate"], title))
            for m in ("detail", "regenerate"):
                out.append(f"Overall ({name}, {m}, all kinds): edit region candidate "
                           f"{overall(cand, m, 'psnr_edit_region'):.2f} vs bundled {overall(base, m, 'psnr_edit_region'):.2f};"
                           f" whole {overall(cand, m, 'psnr'):.2f} vs {overall(base, m, 'psnr'):.2f}; outside"
                           f" {overall(cand, m, 'psnr_outside_region'):.2f} vs {overall(base, m, 'psnr_outside_region'):.2f}  ")
            out.append("")
            tgt += targets(cand, ["detail", "regenerate"], name)
    cand, base = load(os.path.join(W, "proc.json")), load(os.path.join(C, "baseline-proc.json"))
    if cand and base:
        out.append(kind_table(cand, base, ["videoshop", "naive"],
                              "Procedural set (64x64, 14 frames; each model at its own resolution), ablation"))
        out.append(f"Overall (proc, videoshop, edits): edit region candidate {overall(cand, 'videoshop', 'psnr_edit_region'):.2f}"
                   f" vs bundled {overall(base, 'videoshop', 'psnr_edit_region'):.2f}; whole"
                   f" {overall(cand, 'videoshop', 'psnr'):.2f} vs {overall(base, 'videoshop', 'psnr'):.2f}")
        out.append("")
        tgt += targets(cand, ["videoshop"], "proc")
        for who, rows, ae in (("candidate", cand, load(os.path.join(W, "ae-proc.json"))),
                              ("bundled", base, load(os.path.join(C, "baseline-ae-proc.json")))):
            r = recon(rows, ae)
            out.append(f"Reconstruction ({who}): {r['psnr']:.2f} dB, autoencoder ceiling {r['ceiling']:.2f}, gap"
                       f" {r['gap']:.2f} dB (target <= 3); extrapolated beats naive on {r['wins']} of {r['n']}"
                       f" reconstructions, {r['wins_all']} of {r['n_all']} edits (target >= 90 %)  ")
            if who == "candidate":
                tgt.append(f"- reconstruction gap to autoencoder {r['gap']:.2f} dB: {'met' if r['gap'] <= 3 else 'NOT met'}")
                tgt.append(f"- extrapolated ahead of naive on {r['wins_all']}/{r['n_all']} clips: "
                           f"{'met' if r['wins_all'] >= 0.9 * r['n_all'] else 'NOT met'}")
        out.append("")
    cand, base = load(os.path.join(W, "procfull.json")), load(os.path.join(C, "baseline-procfull.json"))
    if cand and base:
        out.append(kind_table(cand, base, ["detail", "regenerate"],
                              "Procedural set edited as a user's 64x64 frames (each model at its working size,"
                              " output and scores at 64x64)"))
        for m in ("detail", "regenerate"):
            out.append(f"Overall (procfull, {m}, edits): edit region candidate {overall(cand, m, 'psnr_edit_region'):.2f}"
                       f" vs bundled {overall(base, m, 'psnr_edit_region'):.2f}; whole {overall(cand, m, 'psnr'):.2f}"
                       f" vs {overall(base, m, 'psnr'):.2f}  ")
        out.append("")
        tgt += targets(cand, ["detail", "regenerate"], "procfull")
    for who, path in (("candidate", os.path.join(W, "ae-guard.json")), ("bundled", os.path.join(C, "baseline-ae-guard.json"))):
        ae = load(path)
        if ae:
            sizes = sorted({f"{r['width']}x{r['height']}" for r in ae})
            v = mean([r["psnr_all"] for r in ae])
            out.append(f"Autoencoder ({who}) on the guard set's photographic frames at the working size"
                       f" ({', '.join(sizes)}): {v:.2f} dB (target >= 30)  ")
            if who == "candidate":
                tgt.append(f"- autoencoder on photographs at the working size {v:.2f} dB: {'met' if v >= 30 else 'NOT met'}")
    c = cost(os.path.join(W, "cost.txt"))
    if c and len(c) == 2:
        out.append(f"Cost (EditBenchmark, 14 frames, one run): tiny {c['tiny']:.0f} ms, candidate {c['candidate']:.0f}"
                   f" ms per edit: {c['candidate'] / c['tiny']:.2f}x (target <= 4x)  ")
        tgt.append(f"- cost {c['candidate'] / c['tiny']:.2f}x: {'met' if c['candidate'] <= 4 * c['tiny'] else 'NOT met'}")
    out += ["", "### Issue 15 targets (candidate)", ""] + tgt
    print("\n".join(out))


if __name__ == "__main__":
    main()

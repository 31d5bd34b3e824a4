#!/bin/bash
# Measurements for docs/beyond.md: peak memory vs length, the edit-many speedup, drift per window on long clips,
# and padding vs fewer frames for short clips. Build first: mvn -B -o -q -pl videoshop-cli -am package -DskipTests
# usage: scripts/bench/measure-beyond.sh MODEL OUTDIR   (MODEL: a bundle folder or a built-in name, e.g. tiny)
set -euo pipefail
model=${1:?model}; out=${2:?outdir}
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=$here/videoshop-cli/target/videoshop.jar
m() { java -Dvideoshop.onnx.intraOpThreads=1 "$@"; }
mkdir -p "$out"
# 1. Peak memory: a fresh JVM per length.
for n in 8 16 32 64 112; do
  java -Xmx1g -cp "$jar" org.videoshop.bench.BeyondMeasure memory "$model" $n
done | tee "$out/memory.jsonl"
for n in 8 112; do
  java -Xmx24m -cp "$jar" org.videoshop.bench.BeyondMeasure memory "$model" $n
done | tee "$out/memory-24m.jsonl"
# 2. Edit-many speedup (CPU time of the calling thread; ONNX Runtime on that thread).
for g in 1,3 1,1; do for n in 8 26; do
  m -cp "$jar" org.videoshop.bench.BeyondMeasure speed "$model" $n 25 $g
done; done | tee "$out/speed.jsonl"
# 3. Drift: 3T+2 = 26-frame recolour clips with ground truth; 4. short clips (5 frames): as they are vs padded to 8.
(cd "$here/tiny-model" && /usr/bin/python3 long_cases.py --frames 26 --n 8 --out "$out/cases26" >/dev/null \
  && /usr/bin/python3 long_cases.py --frames 5 --n 24 --first 6000 --out "$out/cases5" >/dev/null)
for c in "$out"/cases26/*/; do
  java -cp "$jar" org.videoshop.bench.BeyondMeasure drift "$model" "$c"
done | tee "$out/drift.jsonl"
for c in "$out"/cases26/*/; do   # the same clips in one window (no chaining), PSNR over the same frame ranges
  java -cp "$jar" org.videoshop.bench.BeyondMeasure drift "$model" "$c" 0 26
done | tee "$out/drift-one-window.jsonl"
for c in "$out"/cases5/*/; do    # as they are, padded to T = 8, and as they are with padding's guidance ramp
  for pad in 0 8; do java -cp "$jar" org.videoshop.bench.BeyondMeasure drift "$model" "$c" $pad; done
  java -Dguidance=1,2.142857 -cp "$jar" org.videoshop.bench.BeyondMeasure drift "$model" "$c" 0
done | tee "$out/short.jsonl"
/usr/bin/python3 - "$out" <<'PY'
import json, sys, statistics as st
out = sys.argv[1]
for name in ("drift", "drift-one-window"):
    d = [json.loads(l) for l in open(out + "/" + name + ".jsonl")]
    w = list(zip(*[r["psnr_per_window"] for r in d]))
    print("%s: mean PSNR per window over %d clips: %s; last - first = %.2f dB; whole %.2f dB" % (
        name, len(d), ", ".join("%.2f" % st.mean(x) for x in w), st.mean(w[-1]) - st.mean(w[0]),
        st.mean(r["psnr_all"] for r in d)))
s = [json.loads(l) for l in open(out + "/short.jsonl")]
kind = lambda r: "padded to 8" if r["padded_to"] == 8 else (
    "as they are" if r["guidance"] == "1.0,3.0" else "as they are, guidance " + r["guidance"])
base = {r["case"]: r["psnr_all"] for r in s if kind(r) == "as they are"}
for label in sorted({kind(r) for r in s} - {"as they are"}):
    other = {r["case"]: r["psnr_all"] for r in s if kind(r) == label}
    diff = [other[c] - base[c] for c in base]
    print("short clips (5 frames): as they are %.2f dB, %s %.2f dB, difference %.2f dB (s.e. %.2f), better in %d/%d" % (
        st.mean(base.values()), label, st.mean(other.values()), st.mean(diff),
        st.stdev(diff) / len(diff) ** 0.5, sum(x > 0 for x in diff), len(diff)))
PY

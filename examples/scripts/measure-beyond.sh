#!/bin/bash
# Measurements for docs/beyond.md: peak memory vs length, the edit-many speedup, drift per window on long clips,
# and padding vs fewer frames for short clips. Build first: mvn -B -o -q -pl examples -am package -DskipTests
# usage: examples/scripts/measure-beyond.sh MODEL OUTDIR   (MODEL: a bundle folder or a built-in name, e.g. tiny)
set -euo pipefail
model=${1:?model}; out=${2:?outdir}
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=$here/examples/target/videoshop.jar
m() { java -Dvideoshop.onnx.intraOpThreads=1 "$@"; }
mkdir -p "$out"
# 1. Peak memory: a fresh JVM per length.
for n in 8 16 32 64 112; do
  java -Xmx1g -cp "$jar" org.videoshop.examples.BeyondMeasure memory "$model" $n
done | tee "$out/memory.jsonl"
for n in 8 112; do
  java -Xmx24m -cp "$jar" org.videoshop.examples.BeyondMeasure memory "$model" $n
done | tee "$out/memory-24m.jsonl"
# 2. Edit-many speedup (CPU time of the calling thread; ONNX Runtime on that thread).
for g in 1,3 1,1; do for n in 8 26; do
  m -cp "$jar" org.videoshop.examples.BeyondMeasure speed "$model" $n 25 $g
done; done | tee "$out/speed.jsonl"
# 3. Drift: 3T+2 = 26-frame recolour clips with ground truth; 4. short clips (5 frames): as they are vs padded to 8.
(cd "$here/tiny-model" && /usr/bin/python3 long_cases.py --frames 26 --n 8 --out "$out/cases26" >/dev/null \
  && /usr/bin/python3 long_cases.py --frames 5 --n 8 --first 6000 --out "$out/cases5" >/dev/null)
for c in "$out"/cases26/*/; do
  java -cp "$jar" org.videoshop.examples.BeyondMeasure drift "$model" "$c"
done | tee "$out/drift.jsonl"
for c in "$out"/cases5/*/; do
  for pad in 0 8; do java -cp "$jar" org.videoshop.examples.BeyondMeasure drift "$model" "$c" $pad; done
done | tee "$out/short.jsonl"
/usr/bin/python3 - "$out" <<'PY'
import json, sys, statistics as st
out = sys.argv[1]
d = [json.loads(l) for l in open(out + "/drift.jsonl")]
w = list(zip(*[r["psnr_per_window"] for r in d]))
print("drift: mean PSNR per window over %d clips: %s; last - first = %.2f dB" % (
    len(d), ", ".join("%.2f" % st.mean(x) for x in w), st.mean(w[-1]) - st.mean(w[0])))
s = [json.loads(l) for l in open(out + "/short.jsonl")]
for pad in (5, 8):
    v = [r["psnr_all"] for r in s if r["padded_to"] == pad]
    print("short clips (5 frames) %s: mean PSNR %.2f dB over %d clips" % (
        "as they are" if pad == 5 else "padded to 8", st.mean(v), len(v)))
PY

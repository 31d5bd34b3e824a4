#!/usr/bin/env bash
# Times the same Videoshop edit (same bundle, frames, steps, strength, guidance, Sigma, raw inversion condition)
# in the Java library (org.videoshop.bench.TimeEdit) and in plain PyTorch (tiny-model/pipeline.py via
# python_edit.py), on this machine in this run, in alternated rounds (Python, Java, Python, Java, ...) so that a
# change of machine load hits both sides; prints each round with the 1-minute load average before it, and the
# table with the ratio over all rounds.
#
#   scripts/bench/compare_python.sh [--bundle DIR] [--frames N] [--runs N] [--warmup N] [--rounds N]
#                                             [--threads N] [--steps N] [--strength S] [--pipeline-dir DIR]
# --runs: timed edits per side and round (after --warmup unmeasured ones); --rounds: A/B rounds (default 3).
# --pipeline-dir: where pipeline.py and models.py (with models_ae.py, models_unet.py) come from (default: tiny-model/ of this repository).
# Needs videoshop-bench/target/benchmarks.jar (mvn -pl videoshop-bench -am -DskipTests package)
# and /usr/bin/python3 with torch and onnx.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE="$ROOT/videoshop-onnx/src/main/resources/videoshop/models/tiny"
PIPELINE_DIR="$ROOT/tiny-model"; FRAMES=""; RUNS=10; WARMUP=5; ROUNDS=3; THREADS=1; STEPS=25; STRENGTH=0.55
PYTHON="${PYTHON:-/usr/bin/python3}"
JAR="$ROOT/videoshop-bench/target/benchmarks.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE="$2"; shift 2;;
    --frames) FRAMES="$2"; shift 2;;
    --runs) RUNS="$2"; shift 2;;
    --warmup) WARMUP="$2"; shift 2;;
    --rounds) ROUNDS="$2"; shift 2;;
    --threads) THREADS="$2"; shift 2;;
    --steps) STEPS="$2"; shift 2;;
    --strength) STRENGTH="$2"; shift 2;;
    --pipeline-dir) PIPELINE_DIR="$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -pl videoshop-bench -am -DskipTests package" >&2; exit 1; }
[ -f "$BUNDLE/videoshop-model.json" ] || { echo "no bundle at $BUNDLE" >&2; exit 1; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
export OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"
JAVA=(java -Xmx2g -Dvideoshop.onnx.intraOpThreads="$THREADS" -cp "$JAR")
FRAMES_ARG=(); [ -n "$FRAMES" ] && FRAMES_ARG=(--frames "$FRAMES")

# 1. one clip, written as PNGs, so that both sides edit the very same frames
"${JAVA[@]}" org.videoshop.bench.TimeEdit --model "$BUNDLE" "${FRAMES_ARG[@]}" --write-case "$WORK/case" 2>/dev/null
COMMON=(--steps "$STEPS" --strength "$STRENGTH")
# 2. alternated rounds, each side: warm-up edits, then timed edits; both with guidance 1 -> 3, Sigma 1 and the raw
#    inversion condition, pinned: the Java side would otherwise use the bundle's recommended guidance and Sigma,
#    which pipeline.py does not read, and python_edit.py's --inv-cond must match the Java default (raw)
load() { cut -d' ' -f1 /proc/loadavg; }
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r python load $(load)" >> "$WORK/load.txt"
  "$PYTHON" "$HERE/python_edit.py" --pipeline-dir "$PIPELINE_DIR" --bundle "$BUNDLE" --case "$WORK/case" \
    "${COMMON[@]}" --min-guidance 1 --max-guidance 3 --inv-cond raw \
    --warmup "$WARMUP" --runs "$RUNS" --threads "$THREADS" --json "$WORK/python.$r.json" >/dev/null
  echo "round $r java load $(load)" >> "$WORK/load.txt"
  "${JAVA[@]}" org.videoshop.bench.TimeEdit --model "$BUNDLE" --case "$WORK/case" "${COMMON[@]}" --guidance 1,3 \
    --sigma-threshold 1 --warmup "$WARMUP" --runs "$RUNS" --json "$WORK/java.$r.json" > "$WORK/java.txt"
done
echo "after load $(load)" >> "$WORK/load.txt"

# 3. the table
"$PYTHON" - "$WORK" "$ROUNDS" "$BUNDLE" <<'PY'
import json, sys
work, rounds, bundle = sys.argv[1], int(sys.argv[2]), sys.argv[3]
P = [json.load(open(f"{work}/python.{r}.json")) for r in range(1, rounds + 1)]
J = [json.load(open(f"{work}/java.{r}.json")) for r in range(1, rounds + 1)]
loads = open(f"{work}/load.txt").read().split("\n")
p, j = P[0], J[0]
print(f"bundle {bundle}: {p['frames']} frames {p['width']}x{p['height']}, {p['steps']} steps x strength "
      f"{p['strength']}, guidance 1->3, Sigma 1, raw inversion condition, {rounds} alternated rounds x "
      f"{p['runs']} timed edits per side after warm-up, {p['threads']} thread(s)")
print("| round | 1-min load before (python / java) | Python ms (mean / min) | Java ms (mean / min) | ratio (mean) |")
print("| ---: | --- | ---: | ---: | ---: |")
for r in range(rounds):
    lp = loads[2 * r].split()[-1]
    lj = loads[2 * r + 1].split()[-1]
    print(f"| {r + 1} | {lp} / {lj} | {P[r]['ms_per_edit']:.1f} / {P[r]['ms_min']:.1f} | "
          f"{J[r]['ms_per_edit']:.1f} / {J[r]['ms_min']:.1f} | {P[r]['ms_per_edit'] / J[r]['ms_per_edit']:.2f}x |")
pm = sum(x['ms_per_edit'] for x in P) / rounds
jm = sum(x['ms_per_edit'] for x in J) / rounds
pmin = min(x['ms_min'] for x in P)
jmin = min(x['ms_min'] for x in J)
print()
print("| implementation | ms/edit (mean over rounds) | ms/edit (min) |")
print("| --- | ---: | ---: |")
print(f"| Python / PyTorch {p['torch']} (pipeline.py) | {pm:.1f} | {pmin:.1f} |")
print(f"| Java (videoshop, backend {j['backend']}) | {jm:.1f} | {jmin:.1f} |")
print(f"| **ratio Python / Java** | **{pm / jm:.2f}x** | **{pmin / jmin:.2f}x** |")
print(f"machine: {loads[-2] if loads[-1] == '' else loads[-1]} (1-minute load average after the last round)")
print(f"Java time outside model calls: {100 * J[-1]['non_model_share']:.2f} %")
print(f"PyTorch rebuilt {p['torch_floats']} parameter/buffer values; the ONNX files store {p['onnx_floats']}"
      + (f"; {p['params_left_at_init']} tensors had no initializer of their name" if p['params_left_at_init'] else ""))
PY
echo
cat "$WORK/java.txt"

#!/usr/bin/env bash
# Times the same Videoshop edit (same bundle, frames, steps, strength, guidance, Sigma) in the Java library
# (org.videoshop.bench.TimeEdit) and in plain PyTorch (tiny-model/pipeline.py via python_edit.py),
# on this machine in this run, and prints the table with the ratio.
#
#   videoshop-bench/scripts/compare_python.sh [--bundle DIR] [--frames N] [--runs N] [--warmup N]
#                                             [--threads N] [--steps N] [--strength S] [--pipeline-dir DIR]
# --pipeline-dir: where pipeline.py and models.py come from (default: tiny-model/ of this repository).
# Needs videoshop-bench/target/benchmarks.jar (mvn -pl videoshop-bench -am -DskipTests package)
# and /usr/bin/python3 with torch and onnx.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE="$ROOT/videoshop-onnx/src/main/resources/videoshop/models/tiny"
PIPELINE_DIR="$ROOT/tiny-model"; FRAMES=""; RUNS=10; WARMUP=5; THREADS=1; STEPS=25; STRENGTH=0.55
PYTHON="${PYTHON:-/usr/bin/python3}"
JAR="$ROOT/videoshop-bench/target/benchmarks.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE="$2"; shift 2;;
    --frames) FRAMES="$2"; shift 2;;
    --runs) RUNS="$2"; shift 2;;
    --warmup) WARMUP="$2"; shift 2;;
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
# 2. Python first, then Java (each: warm-up edits, then timed edits), both with guidance 1 -> 3 and Sigma 1 (pinned:
#    the Java side would otherwise use the bundle's recommended guidance and Sigma, and pipeline.py does not read
#    them; python_edit.py passes Sigma 1)
"$PYTHON" "$HERE/python_edit.py" --pipeline-dir "$PIPELINE_DIR" --bundle "$BUNDLE" --case "$WORK/case" "${COMMON[@]}" \
  --min-guidance 1 --max-guidance 3 \
  --warmup "$WARMUP" --runs "$RUNS" --threads "$THREADS" --json "$WORK/python.json" >/dev/null
"${JAVA[@]}" org.videoshop.bench.TimeEdit --model "$BUNDLE" --case "$WORK/case" "${COMMON[@]}" --guidance 1,3 \
  --sigma-threshold 1 --warmup "$WARMUP" --runs "$RUNS" --json "$WORK/java.json" > "$WORK/java.txt"

# 3. the table
"$PYTHON" - "$WORK/python.json" "$WORK/java.json" "$BUNDLE" <<'PY'
import json, sys
p, j = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(f"bundle {sys.argv[3]}: {p['frames']} frames {p['width']}x{p['height']}, {p['steps']} steps x strength "
      f"{p['strength']}, guidance 1->3, Sigma 1, {p['runs']} timed edits after warm-up, {p['threads']} thread(s)")
print("| implementation | ms/edit (mean) | ms/edit (min) |")
print("| --- | ---: | ---: |")
print(f"| Python / PyTorch {p['torch']} (pipeline.py) | {p['ms_per_edit']:.1f} | {p['ms_min']:.1f} |")
print(f"| Java (videoshop, backend {j['backend']}) | {j['ms_per_edit']:.1f} | {j['ms_min']:.1f} |")
print(f"| **ratio Python / Java** | **{p['ms_per_edit'] / j['ms_per_edit']:.2f}x** | "
      f"**{p['ms_min'] / j['ms_min']:.2f}x** |")
print(f"Java time outside model calls: {100 * j['non_model_share']:.2f} %")
print(f"PyTorch rebuilt {p['torch_floats']} parameter/buffer values; the ONNX files store {p['onnx_floats']}"
      + (f"; {p['params_left_at_init']} tensors had no initializer of their name" if p['params_left_at_init'] else ""))
PY
echo
cat "$WORK/java.txt"

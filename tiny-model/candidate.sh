#!/usr/bin/env bash
# One command from a training checkpoint to a measured candidate bundle (issue 15), against the bundled tiny model:
#
#   tiny-model/candidate.sh --run /work/train-ckpt/v2 --work /tmp/cand [--cases /tmp/eval-cases] [--sets LIST]
#       [--jar BENCHMARKS.jar] [--guidance MIN,MAX] [--sigma-threshold SIGMA] [--footage-methods a,b,...]
#
# Steps (run from anywhere; needs `mvn -B -DskipTests package` done, i.e. videoshop-bench/target/benchmarks.jar):
#   snapshot  copy the run's unet.pt (rewritten atomically by a running train.py) and ae.pt to WORK/run
#   export    export.py (ONNX opset 17) -> WORK/bundle (with MODEL_CARD.md) and WORK/reference (pairs)
#   refcheck  CheckReference.java: the pairs through ONNX Runtime (Java), fails above 1e-4
#   guard     real-footage guard set (10 cases), Evaluate: detail, regenerate, copy-first, source -> guard.json
#   proc      procedural set (make_cases.py, 64x64, 14 frames, recon/recolour/add/remove, evaluation seeds),
#             ablation methods videoshop, naive, copy-first, source -> proc.json
#   procfull  the same procedural cases edited as a user's 64x64 frames are (detail, regenerate, copy-first,
#             source at the clips' own size; each model at its own working size) -> procfull.json
#   ae        autoencoder PSNR: guard set at the working size, procedural set at the model's size -> ae-*.json
#   cost      JMH EditBenchmark, 14 frames, the bundled tiny and the candidate in one run -> cost.txt
#   full      real-footage evaluation set (30 cases), as guard -> full.json (slow: about 45 s per case and method
#             pair detail + regenerate on a shared core; the guard set is part of it, so guard can be left out)
#   fullregen the 30 cases with regenerate output alone -> full-regenerate.json (for --footage-methods without it)
# --guidance and --sigma-threshold are the recommendations export writes into the manifest (export.py's defaults
# otherwise); --footage-methods the Evaluate methods of guard and full (default detail,regenerate,copy-first,source);
# --jar a copy of the benchmarks jar, so that later builds do not move the baseline (default the built one).
# The bundled model's results are computed once per cases folder (CASES/baseline-*.json) and reused.
# Finally compare.py prints the per-kind tables and the issue's targets -> WORK/summary.md.
# Java runs one ONNX Runtime thread (the machine is shared); --threads N changes it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
run="" work="" cases="" sets="snapshot,export,refcheck,guard,proc,ae,cost" threads=1 py=/usr/bin/python3
procn=5 jar="" guidance="" sigma="" fmethods=detail,regenerate,copy-first,source
while [ $# -gt 0 ]; do
  case "$1" in
    --run) run="$2"; shift 2;;
    --work) work="$2"; shift 2;;
    --cases) cases="$2"; shift 2;;
    --sets) sets="$2"; shift 2;;
    --threads) threads="$2"; shift 2;;
    --proc-n) procn="$2"; shift 2;;
    --jar) jar="$2"; shift 2;;
    --guidance) guidance="$2"; shift 2;;
    --sigma-threshold) sigma="$2"; shift 2;;
    --footage-methods) fmethods="$2"; shift 2;;
    *) echo "unknown argument $1 (expected --run DIR --work DIR [--cases DIR] [--sets a,b] [--threads N] [--proc-n N]" \
         "[--jar FILE] [--guidance MIN,MAX] [--sigma-threshold SIGMA] [--footage-methods a,b])" >&2; exit 2;;
  esac
done
[ -n "$work" ] || { echo "expected --work DIR" >&2; exit 2; }
cases="${cases:-$work/cases}"
jar="${jar:-$root/videoshop-bench/target/benchmarks.jar}"
[ -f "$jar" ] || { echo "expected $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
recommend=()
[ -z "$guidance" ] || recommend+=(--guidance "$guidance")
[ -z "$sigma" ] || recommend+=(--sigma-threshold "$sigma")
mkdir -p "$work" "$cases"
has() { [[ ",$sets," == *",$1,"* ]]; }
log() { echo "$(date +%H:%M:%S) $*" | tee -a "$work/pipeline.log" >&2; }
java_=(java -Xmx6g -Dvideoshop.onnx.intraOpThreads="$threads" -cp "$jar")
bundle="$work/bundle"
export OMP_NUM_THREADS=1

if has snapshot; then
  [ -n "$run" ] || { echo "expected --run DIR for the snapshot" >&2; exit 2; }
  mkdir -p "$work/run"
  cp "$run/unet.pt" "$work/run/unet.pt.tmp" && mv "$work/run/unet.pt.tmp" "$work/run/unet.pt"
  cp "$run/ae.pt" "$work/run/ae.pt"
  cp "$run"/args_*.json "$work/run/" 2>/dev/null || true
  log "snapshot of $run/unet.pt taken"
fi
if has export; then
  rm -rf "$bundle" "$work/reference"
  nice "$py" "$here/export.py" --run "$work/run" --out "$bundle" --reference "$work/reference" \
    --card "$here/MODEL_CARD.md" "${recommend[@]}" 2>&1 | grep -v -i warn | tail -3 | tee -a "$work/pipeline.log"
  size=$(du -sb "$bundle" | cut -f1)
  log "bundle $bundle: $size bytes (limit 20 MB)"
  [ "$size" -lt 20000000 ] || { echo "bundle over 20 MB" >&2; exit 1; }
fi
if has refcheck; then
  "${java_[@]}" "$here/CheckReference.java" "$bundle" "$work/reference" | tee "$work/refcheck.txt"
fi

# evaluate NAME MODEL OUT.json CASES [extra args]: one Evaluate run, its log next to the JSON
evaluate() {
  local name="$1" model="$2" out="$3" dir="$4"; shift 4
  log "evaluate $name with $model"
  nice "${java_[@]}" org.videoshop.bench.eval.Evaluate --cases "$dir" --model "$model" --json "$out" "$@" \
    > "${out%.json}.txt" 2> "${out%.json}.err"
  log "evaluate $name done"
}
footage() {  # footage SET: the real-footage cases, made once
  [ -f "$cases/$1/.done" ] || { "${java_[@]}" org.videoshop.bench.scene.MakeCases --out "$cases/$1" --set "$2" 2>/dev/null \
    && touch "$cases/$1/.done"; }
}
if has guard; then
  footage guard guard
  [ -f "$cases/baseline-guard.json" ] || evaluate guard tiny "$cases/baseline-guard.json" "$cases/guard"
  evaluate guard "$bundle" "$work/guard.json" "$cases/guard" --methods "$fmethods"
fi
if has proc; then
  if [ ! -f "$cases/proc/.done" ]; then
    rm -rf "$cases/proc"
    (cd "$here" && "$py" make_cases.py --quality "$cases/proc" --quality-n "$procn" \
      --quality-edits recon,recolour,add,remove --quality-size 64x64 --quality-frames 14 >/dev/null) && touch "$cases/proc/.done"
  fi
  m=videoshop,naive,copy-first,source
  [ -f "$cases/baseline-proc.json" ] || evaluate proc tiny "$cases/baseline-proc.json" "$cases/proc" --methods $m
  evaluate proc "$bundle" "$work/proc.json" "$cases/proc" --methods $m
fi
if has procfull; then
  [ -f "$cases/proc/.done" ] || { echo "expected the procedural cases: run the proc step first" >&2; exit 2; }
  [ -f "$cases/baseline-procfull.json" ] || evaluate procfull tiny "$cases/baseline-procfull.json" "$cases/proc"
  evaluate procfull "$bundle" "$work/procfull.json" "$cases/proc"
fi
aecheck() {  # aecheck MODEL PREFIX: autoencoder PSNR on the guard set (working size) and the procedural set (model size)
  "${java_[@]}" org.videoshop.bench.eval.AutoencoderPsnr --cases "$cases/guard" --model "$1" --json "$2ae-guard.json" | tail -1
  "${java_[@]}" org.videoshop.bench.eval.AutoencoderPsnr --cases "$cases/proc" --model "$1" --at model \
    --json "$2ae-proc.json" | tail -1
}
if has ae; then
  footage guard guard
  [ -f "$cases/baseline-ae-proc.json" ] || aecheck tiny "$cases/baseline-"
  aecheck "$bundle" "$work/"
fi
if has cost; then
  log "cost: EditBenchmark, 14 frames, tiny and candidate in one run"
  # JMH's lock (/tmp/jmh.lock) is shared by every JMH run on the machine: wait for it (up to 10 min)
  for _ in $(seq 60); do
    nice java -jar "$jar" EditBenchmark -p model=tiny,"$bundle" -p frames=14 -p backend=java -f 1 -wi 1 -i 2 \
      > "$work/cost.log" 2>&1 || true
    grep -q "Unable to acquire the JMH lock" "$work/cost.log" || break
    sleep 10
  done
  tail -6 "$work/cost.log" | tee "$work/cost.txt"
fi
if has full; then
  footage full evaluation
  [ -f "$cases/baseline-full.json" ] || evaluate full tiny "$cases/baseline-full.json" "$cases/full"
  evaluate full "$bundle" "$work/full.json" "$cases/full" --methods "$fmethods"
fi
if has fullregen; then
  footage full evaluation
  [ -f "$cases/baseline-full.json" ] || evaluate full tiny "$cases/baseline-full.json" "$cases/full"
  evaluate fullregen "$bundle" "$work/full-regenerate.json" "$cases/full" --methods regenerate
fi
"$py" "$here/compare.py" --work "$work" --cases "$cases" | tee "$work/summary.md"

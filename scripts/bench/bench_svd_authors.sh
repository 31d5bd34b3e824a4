#!/usr/bin/env bash
# The Java edit against the paper authors' code (sfanxiang/videoshop, run through
# scripts/svd/reference/bench.py) on the same random SVD-architecture model, the authors' settings
# on both sides (VideoshopOptions.authors() / reference.py's defaults: 14 frames at 64 px, 25 steps, strength 0.55,
# guidance 4 to 4, noise augmentation 0.2, per-frame normalisation). Rounds alternate A (Java) and B (authors), one
# whole process each, at 1 and 2 threads; each side times its edit inside its process (model loading excluded, the
# first edit after loading: TimeEdit --warmup 0). The load average is recorded before and after every run.
#
#   SVD_CHECKOUTS=/work/ext scripts/bench/bench_svd_authors.sh DIFFUSERS_FOLDER BUNDLE [ROUNDS] [THREADS...]
#
# DIFFUSERS_FOLDER: make_model.py's output; BUNDLE: export_svd.py's export of it (the fixture's two:
# scripts/svd/reference/README.md). Needs videoshop-bench/target/benchmarks.jar (mvn -pl videoshop-bench -am package) and
# the checkouts scripts/svd/reference/README.md names. Writes one JSON line per run to stdout.
set -euo pipefail
model=$1; bundle=$2; rounds=${3:-2}; shift $(( $# < 3 ? $# : 3 )); threads=("${@:-1}")
[ ${#threads[@]} -eq 0 ] && threads=(1)
here=$(cd "$(dirname "$0")/../.." && pwd)
jar=$here/videoshop-bench/target/benchmarks.jar
py=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
load() { cut -d' ' -f1 /proc/loadavg; }
for r in $(seq 1 "$rounds"); do
  for t in "${threads[@]}"; do
    before=$(load)
    OMP_NUM_THREADS=$t java -cp "$jar" org.videoshop.bench.TimeEdit --model "$bundle" --preset authors --threads "$t" \
        --frames 14 --warmup 0 --runs 1 --json "$tmp/java.json" > "$tmp/java.txt"
    echo "{\"round\": $r, \"side\": \"java\", \"threads\": $t, \"load_before\": $before, \"load_after\": $(load), \"timing\": $(tr -d '\n' < "$tmp/java.json")}"
    before=$(load)
    out=$(OMP_NUM_THREADS=$t "$py" "$here/scripts/svd/reference/bench.py" --model "$model" \
        --out "$tmp/ref" --threads "$t" | tail -1)
    echo "{\"round\": $r, \"side\": \"authors\", \"threads\": $t, \"load_before\": $before, \"load_after\": $(load), \"timing\": $out}"
  done
done

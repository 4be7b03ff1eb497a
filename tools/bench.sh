#!/usr/bin/env bash
# Benchmarks of the optimizers and the chapter-11 trainers: JMH on the Java side, torch on the other,
# alternating, then one table with the ratios. See --help.
set -euo pipefail

ARGS="$*"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL_OPTIMIZERS="SGD,Momentum,AdaGrad,RMSProp,AdaDelta,Adam,AMSGrad,AdamW,AdamW-AMSGrad,Yogi"

usage() {
  cat <<USAGE
Usage: tools/bench.sh [options]        (./d2l bench [options])

Runs, alternating Java (JMH, bench/) and Python (torch, tools/bench_torch.py):
  1. memory-bandwidth reference: STREAM triad a = b + s·c and a = a + s·c over 10^7 doubles (JMH)
  2. for each n: one optimizer step of every d2l.optim optimizer (JMH, -prof gc), then torch.optim
  3. trainCh11 with the book's from-scratch Adam and trainConciseCh11 with d2l.optim.Adam (JMH),
     then the book's PyTorch train_ch11 loop with its adam (float64)
and prints one table (ns per element, bytes allocated per step, multiple of the roofline, torch ratios).
Results: build/bench/results.json, build/bench/table.md, raw JMH/torch JSON and logs beside them.
The full run takes about 10 minutes on 2 cores.

Options:
  --quick              1 warm-up + 2 measurement iterations of 0.5 s everywhere (roughly 3-4 minutes)
  --sizes LIST         comma-separated n for the step benchmarks (default 1000,100000,10000000)
  --optimizers LIST    comma-separated subset of $ALL_OPTIMIZERS
  --no-torch           Java side only
  --no-train           skip the training-loop benchmarks
  --no-build           reuse bench/target/benchmarks.jar
  --out DIR            output folder (default build/bench under the repository)
  -h, --help           this help

Environment: D2L_DATA_DIR (folder of airfoil_self_noise.dat; default ../shared/data next to the main
checkout), JAVA (default java), MVN (default mvn).
USAGE
}

QUICK=0 SIZES="1000,100000,10000000" OPTIMIZERS="$ALL_OPTIMIZERS" TORCH=1 TRAIN=1 BUILD=1
OUT="$ROOT/build/bench"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --sizes) SIZES="${2:?--sizes needs a list, e.g. 1000,100000}"; shift ;;
    --optimizers) OPTIMIZERS="${2:?--optimizers needs a list, e.g. Adam,SGD}"; shift ;;
    --no-torch) TORCH=0 ;;
    --no-train) TRAIN=0 ;;
    --no-build) BUILD=0 ;;
    --out) OUT="${2:?--out needs a folder}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench.sh: unknown option '$1'; see tools/bench.sh --help" >&2; exit 2 ;;
  esac
  shift
done
for s in ${SIZES//,/ }; do
  [[ "$s" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --sizes entry '$s' is not a positive integer" >&2; exit 2; }
done
for o in ${OPTIMIZERS//,/ }; do
  [[ ",$ALL_OPTIMIZERS," == *",$o,"* ]] || { echo "bench.sh: unknown optimizer '$o'; choose from $ALL_OPTIMIZERS" >&2; exit 2; }
done

JAVA="${JAVA:-java}" MVN="${MVN:-mvn}"
if [[ -z "${D2L_DATA_DIR:-}" ]]; then
  # In a git worktree, "next to the repository" means next to the main checkout.
  common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
  main="$ROOT"; [[ -n "$common" ]] && main="$(dirname "$common")"
  D2L_DATA_DIR="$main/../shared/data"
  [[ -f "$D2L_DATA_DIR/airfoil_self_noise.dat" ]] || D2L_DATA_DIR="$ROOT/../shared/data"
fi
export D2L_DATA_DIR D2L_OFFLINE=1
if [[ $TRAIN == 1 && ! -f "$D2L_DATA_DIR/airfoil_self_noise.dat" ]]; then
  echo "bench.sh: $D2L_DATA_DIR/airfoil_self_noise.dat not found; set D2L_DATA_DIR or pass --no-train" >&2
  exit 1
fi

# Python: /usr/bin/python3 if it has torch (Debian's python3-torch), else torch columns stay empty.
PY="" TORCH_NOTE=""
if [[ $TORCH == 1 ]]; then
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    PY=/usr/bin/python3
  else
    TORCH_NOTE="torch columns skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch)"
  fi
else
  TORCH_NOTE="torch columns skipped: --no-torch"
fi
REPORT_PY="${PY:-$(command -v python3 || true)}"
[[ -n "$REPORT_PY" ]] || { echo "bench.sh: python3 is needed for the report (tools/bench_report.py)" >&2; exit 1; }

if [[ $QUICK == 1 ]]; then
  JMH_STEP=(-wi 1 -i 2 -w 500ms -r 500ms) JMH_TRAIN=(-wi 2 -i 2 -w 500ms -r 500ms)
  PY_STEP=(--warmup 1 --iterations 2 --time 0.5) PY_TRAIN=(--train-warmup 2 --iterations 2 --time 0.5)
else
  JMH_STEP=(-wi 3 -i 5 -w 1s -r 1s) JMH_TRAIN=(-wi 5 -i 5 -w 1s -r 1s)
  PY_STEP=(--warmup 3 --iterations 5 --time 1.0) PY_TRAIN=(--train-warmup 5 --iterations 5 --time 1.0)
fi

JAR="$ROOT/bench/target/benchmarks.jar"
if [[ $BUILD == 1 || ! -f "$JAR" ]]; then
  echo "== building $JAR"
  (cd "$ROOT" && "$MVN" -B -q -Pbenchmarks -pl bench -am package -DskipTests)
fi

rm -rf "$OUT"
mkdir -p "$OUT"
START=$(date +%s)
JMH_FILES=() TORCH_FILES=()

# JMH with its JSON result file; -foe makes a failing benchmark fail the run. The console shows the
# result lines, the log everything.
jmh() {
  local tag="$1"; shift
  echo "== java: $tag   (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$JAVA" -jar "$JAR" -foe true -f 1 -prof gc -rf json -rff "$OUT/jmh-$tag.json" "$@" >"$OUT/jmh-$tag.log" 2>&1 || {
    tail -40 "$OUT/jmh-$tag.log" >&2; echo "bench.sh: JMH run '$tag' failed; log: $OUT/jmh-$tag.log" >&2; exit 1; }
  grep -E '^[A-Za-z0-9]+Bench\.[A-Za-z0-9]+ ' "$OUT/jmh-$tag.log" || true
  JMH_FILES+=("$OUT/jmh-$tag.json")
}

torchrun() {
  local tag="$1"; shift
  [[ -n "$PY" ]] || return 0
  echo "== python: $tag   (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # One thread, as the JMH forks use for a step.
  OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$PY" "$ROOT/tools/bench_torch.py" "$@" --threads 1 \
    --out "$OUT/torch-$tag.json" 2> >(tee "$OUT/torch-$tag.err" >&2)
  TORCH_FILES+=("$OUT/torch-$tag.json")
}

jmh triad "${JMH_STEP[@]}" 'd2l.bench.StreamTriadBench'
for n in ${SIZES//,/ }; do
  jmh "step-$n" "${JMH_STEP[@]}" -p n="$n" -p optimizer="$OPTIMIZERS" 'd2l.bench.OptimizerStepBench.step'
  torchrun "step-$n" step --sizes "$n" --optimizers "$OPTIMIZERS" "${PY_STEP[@]}"
done
if [[ $TRAIN == 1 ]]; then
  jmh train "${JMH_TRAIN[@]}" 'd2l.bench.TrainCh11Bench'
  torchrun train train --data-dir "$D2L_DATA_DIR" "${PY_TRAIN[@]}"
fi

echo "== report (benchmarks took $(( $(date +%s) - START )) s)"
echo
"$REPORT_PY" "$ROOT/tools/bench_report.py" --jmh "${JMH_FILES[@]}" --torch "${TORCH_FILES[@]}" \
  --torch-note "$TORCH_NOTE" --java "$JAVA" --command "tools/bench.sh $ARGS" \
  --out-json "$OUT/results.json" --out-md "$OUT/table.md"
echo
echo "Written: $OUT/results.json, $OUT/table.md"

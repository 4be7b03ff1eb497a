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
  4. a training epoch of the MLP and LeNet on Fashion-MNIST (batch 256, SGD, float64) with N threads
     (JMH, -prof gc), then the same models in torch with torch.set_num_threads(N), float64 and float32
and prints one table (ns per element, bytes allocated per step, multiple of the roofline, torch ratios).
Results: build/bench/results.json, build/bench/table.md, raw JMH/torch JSON and logs beside them.
The full run takes about 10 minutes on 2 cores.

Options:
  --quick              1 warm-up + 2 measurement iterations of 0.5 s everywhere (roughly 3-4 minutes)
  --sizes LIST         comma-separated n for the step benchmarks (default 1000,100000,10000000)
  --optimizers LIST    comma-separated subset of $ALL_OPTIMIZERS
  --no-torch           Java side only
  --no-train           skip the training-loop benchmarks
  --models             only the Fashion-MNIST model benchmarks (item 4; about 5-8 minutes)
  --no-models          skip the model benchmarks
  --model-list LIST    models for item 4 (default mlp,lenet; also lenet-relu-max)
  --threads N          threads for item 4, Java and torch alike (default: nproc)
  --torch-blas DIR     also run item 4's torch side with LD_LIBRARY_PATH=DIR, e.g. the folder of an
                       OpenBLAS libblas.so.3 (/usr/lib/x86_64-linux-gnu/openblas-pthread); Debian's torch
                       uses whatever libblas.so.3 the system provides
  --no-build           reuse bench/target/benchmarks.jar
  --out DIR            output folder (default build/bench under the repository)
  -h, --help           this help

Environment: D2L_DATA_DIR (folder of airfoil_self_noise.dat; default ../shared/data next to the main
checkout), JAVA (default java), MVN (default mvn). The model benchmarks read Fashion-MNIST from
/usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist).
USAGE
}

QUICK=0 SIZES="1000,100000,10000000" OPTIMIZERS="$ALL_OPTIMIZERS" TORCH=1 TRAIN=1 BUILD=1
MODELS=1 ONLY_MODELS=0 MODEL_LIST="mlp,lenet" THREADS="$(nproc 2>/dev/null || echo 2)" TORCH_BLAS=""
OUT="$ROOT/build/bench"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --sizes) SIZES="${2:?--sizes needs a list, e.g. 1000,100000}"; shift ;;
    --optimizers) OPTIMIZERS="${2:?--optimizers needs a list, e.g. Adam,SGD}"; shift ;;
    --no-torch) TORCH=0 ;;
    --no-train) TRAIN=0 ;;
    --models) ONLY_MODELS=1 MODELS=1 ;;
    --no-models) MODELS=0 ;;
    --model-list) MODEL_LIST="${2:?--model-list needs a list, e.g. mlp,lenet}"; shift ;;
    --threads) THREADS="${2:?--threads needs a number}"; shift ;;
    --torch-blas) TORCH_BLAS="${2:?--torch-blas needs a folder holding libblas.so.3}"; shift ;;
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
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: --threads must be a positive integer, got '$THREADS'" >&2; exit 2; }
for m in ${MODEL_LIST//,/ }; do
  [[ ",mlp,lenet,lenet-relu-max," == *",$m,"* ]] || { echo "bench.sh: unknown model '$m'; choose from mlp,lenet,lenet-relu-max" >&2; exit 2; }
done
if [[ -n "$TORCH_BLAS" && ! -f "$TORCH_BLAS/libblas.so.3" ]]; then
  echo "bench.sh: --torch-blas $TORCH_BLAS holds no libblas.so.3" >&2; exit 2
fi
[[ $ONLY_MODELS == 1 ]] && TRAIN=0
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
FASHION=/usr/share/datasets/fashion-mnist
if [[ $MODELS == 1 && ! -f "$FASHION/train-images-idx3-ubyte.gz" ]]; then
  echo "bench.sh: $FASHION/train-images-idx3-ubyte.gz not found; apt-get install dataset-fashion-mnist or pass --no-models" >&2
  exit 1
fi
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
  JMH_MODELS=(-wi 1 -i 1) PY_MODELS=(--model-warmup 3 --max-seconds 10)
else
  JMH_STEP=(-wi 3 -i 5 -w 1s -r 1s) JMH_TRAIN=(-wi 5 -i 5 -w 1s -r 1s)
  PY_STEP=(--warmup 3 --iterations 5 --time 1.0) PY_TRAIN=(--train-warmup 5 --iterations 5 --time 1.0)
  JMH_MODELS=(-wi 2 -i 3) PY_MODELS=(--model-warmup 5 --max-seconds 40)
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

# The model benchmarks: torch with the same thread count as the Java side (both use all of them).
torchmodels() {
  local tag="$1" blas="$2"; shift 2
  [[ -n "$PY" ]] || return 0
  echo "== python: $tag   (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  local env=(OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS")
  [[ -z "$blas" ]] || env+=(LD_LIBRARY_PATH="$blas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
  env "${env[@]}" "$PY" "$ROOT/tools/bench_torch.py" models "$@" --threads "$THREADS" --models "$MODEL_LIST" \
    --fashion-dir "$FASHION" --out "$OUT/torch-$tag.json" 2> >(tee "$OUT/torch-$tag.err" >&2)
  TORCH_FILES+=("$OUT/torch-$tag.json")
}

if [[ $ONLY_MODELS == 0 ]]; then
  jmh triad "${JMH_STEP[@]}" 'd2l.bench.StreamTriadBench'
  for n in ${SIZES//,/ }; do
    jmh "step-$n" "${JMH_STEP[@]}" -p n="$n" -p optimizer="$OPTIMIZERS" 'd2l.bench.OptimizerStepBench.step'
    torchrun "step-$n" step --sizes "$n" --optimizers "$OPTIMIZERS" "${PY_STEP[@]}"
  done
fi
if [[ $TRAIN == 1 ]]; then
  jmh train "${JMH_TRAIN[@]}" 'd2l.bench.TrainCh11Bench'
  torchrun train train --data-dir "$D2L_DATA_DIR" "${PY_TRAIN[@]}"
fi
if [[ $MODELS == 1 ]]; then
  jmh models "${JMH_MODELS[@]}" -p model="$MODEL_LIST" -p threads="$THREADS" -p batch=256 'd2l.bench.ModelEpochBench'
  torchmodels models "" "${PY_MODELS[@]}"
  [[ -z "$TORCH_BLAS" ]] || torchmodels models-blas "$TORCH_BLAS" "${PY_MODELS[@]}"
fi

echo "== report (benchmarks took $(( $(date +%s) - START )) s)"
echo
"$REPORT_PY" "$ROOT/tools/bench_report.py" --jmh "${JMH_FILES[@]}" --torch "${TORCH_FILES[@]}" \
  --torch-note "$TORCH_NOTE" --java "$JAVA" --command "tools/bench.sh $ARGS" \
  --out-json "$OUT/results.json" --out-md "$OUT/table.md"
echo
echo "Written: $OUT/results.json, $OUT/table.md"

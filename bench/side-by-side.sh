#!/usr/bin/env bash
# Benchmarks the engine and the reference (transformers' Sam2VideoModel) one after the other on the same frames,
# prompts and weights, and prints a table; the same table goes to docs/benchmarks/DATE-HOST-DEVICE.md.
#
#   bench/side-by-side.sh [--size tiny|small|base-plus|large|fixture] [--device cpu|gpu] [--quick]
#                         [--runs "bedroom:1:4 bedroom:10:4 synthetic:20:99 synthetic:20:999"]
#                         [--input-sizes "1024 768 512"] [--settle N] [--int8] [--bf16] [--peer]
#                         [--threads N] [--weights-seed 0] [--report FILE | --no-report]
#
# A run is WORKLOAD:OBJECTS:FRAMES: FRAMES frames tracked after the prompted frame 0, by both sides; a run
# WORKLOAD:OBJECTS:FRAMES:ours (or :reference) runs one side only. Workloads: bedroom (the 960 x 540 clip of the
# official SAM 2 speed benchmark, ../shared/data/bedroom) and synthetic (a 512 x 512 fluorescence time-lapse of 20
# cells, made once; the defaults run it at 100 and 1000 frames to compare memory). --quick runs a few frames of
# each. --input-sizes runs every run at each input size (default 1024; the fixture has only its own 256);
# --settle N tracks N frames before the timed ones on both sides, so that each object holds its 7 memory frames
# (steady state); --int8 and --bf16 also time the engine in those precisions; --peer also times the reference with the model in bfloat16 (oneDNN's
# matrix units where torch's build and the CPU have them; models/export/benchmark_peer_modules.py times its modules alone). --size fixture is the small architecture of the tests (256 px, the weights of
# test-data/bundles/sam2.1-fixture): a thousand frames with 20 objects take minutes, to compare memory over long
# clips. What is missing is made first and kept under .cache/bench/: the jar, the random-weight checkpoint (refenv)
# and its model folder (models/export/assemble_bundle.py), the synthetic clip (refenv).
# Environment: REFENV (default ../shared/tools/refenv), MVN (default mvn), JAVA_OPTS (for the engine's JVM, e.g.
# -Xmx4g; the default heap is a quarter of the RAM).
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COMMAND_LINE="${JAVA_OPTS:+JAVA_OPTS=\"$JAVA_OPTS\" }bench/side-by-side.sh${*:+ $*}"
SIZE=tiny
DEVICE=cpu
SEED=0
THREADS=$(nproc)
RUNS="bedroom:1:4 bedroom:10:4 synthetic:20:99 synthetic:20:999"
QUICK_RUNS="bedroom:1:3 bedroom:10:2 synthetic:20:1 synthetic:20:3"
REPORT=auto
INPUT_SIZES=1024
SETTLE=0
PEER=
INT8=
BF16=
REFENV=${REFENV:-$ROOT/../shared/tools/refenv}
SHARED=$ROOT/../shared
MVN=${MVN:-mvn}
CACHE=.cache/bench
CELLS=20
CLIP_SIZE=512

die() { echo "side-by-side: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

# The header comment, however long it grows.
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=${2:?}; shift 2 ;;
    --device) DEVICE=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    --quick) RUNS=$QUICK_RUNS; shift ;;
    --threads) THREADS=${2:?}; shift 2 ;;
    --input-sizes) INPUT_SIZES=${2:?}; shift 2 ;;
    --settle) SETTLE=${2:?}; shift 2 ;;
    --peer) PEER=1; shift ;;
    --int8) INT8=1; shift ;;
    --bf16) BF16=1; shift ;;
    --weights-seed) SEED=${2:?}; shift 2 ;;
    --report) REPORT=${2:?}; shift 2 ;;
    --no-report) REPORT=; shift ;;
    -h|--help) usage 0 ;;
    *) echo "side-by-side: unknown option $1" >&2; usage 2 ;;
  esac
done

case "$SIZE" in
  tiny|small|base-plus|large|fixture) ;;
  *) die "--size must be tiny, small, base-plus, large or fixture" ;;
esac
case "$DEVICE" in
  cpu) OURS_DEVICE=CPU; REFERENCE_DEVICE=cpu; LIB=target/dependency ;;
  gpu) OURS_DEVICE=GPU; REFERENCE_DEVICE=cuda; LIB=target/dependency
       command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1 \
         || die "--device gpu: no NVIDIA GPU here (nvidia-smi finds none); use a CUDA 12 machine or --device cpu" ;;
  *) die "--device must be cpu or gpu" ;;
esac
[ -x "$REFENV" ] || die "no reference environment at $REFENV (set REFENV)"
for run in $RUNS; do
  [[ "$run" =~ ^(bedroom|synthetic):[1-9][0-9]*:[1-9][0-9]*(:ours|:reference)?$ ]] \
    || die "a run is WORKLOAD:OBJECTS:FRAMES[:ours|:reference] (bedroom or synthetic, counts from 1), not '$run'"
done

# -- what the runs need

jar() { ls target/SAM2_Tracker-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -1; }

build() {
  if [ -z "$(jar)" ] || [ ! -d target/dependency ]; then
    say "building the plugin"
    $MVN -B -q package -DskipTests dependency:copy-dependencies -DincludeScope=runtime
  else
    say "compiling the benchmark"
    $MVN -B -q test-compile
  fi
  if [ "$DEVICE" = gpu ]; then
    say "installing the GPU pack (once; the plugin loads it for --device gpu)"
    java -cp "target/classes:$LIB/*" org.sam2tracker.cli.Main gpu install \
      || die "could not install the GPU pack (java -jar SAM2_Tracker.jar gpu install)"
  fi
}

# Host path under the repo -> the same path inside refenv, where the repo is /project.
inside() { echo "/project/${1#"$ROOT"/}"; }

# The random-weight checkpoint the reference builds for itself, installed for the engine; prints the bundle.
model() {
  if [ "$SIZE" = fixture ]; then
    echo test-data/bundles/sam2.1-fixture  # benchmark_reference.py builds the same weights
    return
  fi
  local dir=$CACHE/models/$SIZE-seed$SEED
  if [ ! -f "$dir/model.safetensors" ]; then
    say "saving sam2.1-$SIZE random weights (seed $SEED) as a checkpoint"
    "$REFENV" run python3 models/export/make_random_checkpoint.py --size "$SIZE" --seed "$SEED" \
      --out "$(inside "$ROOT/$dir")" >&2
  fi
  # Laid out as an install lays it out; an install itself takes only Meta's file (the catalog pins its SHA-256).
  if [ ! -f "$dir/models/sam2.1-hiera-$SIZE/manifest.json" ]; then
    say "assembling its model folder from the shipped graphs"
    if command -v python3 >/dev/null; then
      python3 models/export/assemble_bundle.py --size "$SIZE" --checkpoint "$dir/model.safetensors" \
        --out "$dir/models" >&2
    else
      "$REFENV" run python3 models/export/assemble_bundle.py --size "$SIZE" --checkpoint \
        "$(inside "$ROOT/$dir/model.safetensors")" --out "$(inside "$ROOT/$dir/models")" >&2
    fi
  fi
  echo "$dir/models/sam2.1-hiera-$SIZE"
}

# The synthetic clip with at least $1 frames: one clip of the longest length asked for; prints its folder.
synthetic_clip() {
  local dir=$CACHE/clips/synthetic-${1}f-${CLIP_SIZE}px-${CELLS}cells existing frames
  # A longer clip made earlier serves too: runs read only its first frames.
  for existing in "$CACHE"/clips/synthetic-*f-${CLIP_SIZE}px-${CELLS}cells; do
    [ -d "$existing" ] || continue
    frames=${existing#"$CACHE"/clips/synthetic-}
    frames=${frames%%f-*}
    if [ "$frames" -ge "$1" ]; then dir=$existing; break; fi
  done
  if [ ! -d "$dir" ]; then
    say "making the synthetic clip: $1 frames of $CLIP_SIZE x $CLIP_SIZE, $CELLS cells"
    "$REFENV" run python3 models/export/make_benchmark_clip.py --out "$(inside "$ROOT/$dir")" --frames "$1" \
      --size "$CLIP_SIZE" --cells "$CELLS" >&2
  fi
  echo "$dir"
}

longest_synthetic() {
  local longest=0 run workload objects frames
  for run in $RUNS; do
    IFS=: read -r workload objects frames _ <<<"$run"
    [ "$workload" = synthetic ] || continue
    [ "$frames" -gt "$longest" ] && longest=$frames
  done
  echo $((longest + 1))
}

# -- the runs

build
BUNDLE=$(model)
[ -d "$SHARED/data/bedroom" ] || die "no bedroom frames at $SHARED/data/bedroom"
RUN_DIR=$CACHE/runs/$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN_DIR"
say "runs in $RUN_DIR"
n=0
for input_size in $INPUT_SIZES; do
for run in $RUNS; do
  IFS=: read -r workload objects frames sides <<<"$run"
  n=$((n + 1))
  tag=$(printf 'run-%02d' "$n")
  sized=()
  [ "$SIZE" = fixture ] || sized=(--input-size "$input_size")
  if [ "$workload" = bedroom ]; then
    host_frames=$SHARED/data/bedroom
    ref_frames=/shared/data/bedroom
  else
    host_frames=$(synthetic_clip "$(longest_synthetic)")
    ref_frames=$(inside "$ROOT/$host_frames")
  fi
  if [ "${sides:-ours}" = ours ]; then
    for precision in exact ${INT8:+int8} ${BF16:+bf16}; do
      side=ours
      [ "$precision" = exact ] || side=$precision
      say "$tag: $workload, $objects object(s), $frames frames, input $input_size: ours, $precision"
      java ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$LIB/*" org.sam2tracker.bench.EngineBenchmark \
        --bundle "$BUNDLE" --frames-dir "$host_frames" --count "$frames" --objects "$objects" --threads "$THREADS" \
        --device "$OURS_DEVICE" --workload "$workload" --settle "$SETTLE" --precision "$precision" "${sized[@]}" \
        --json "$RUN_DIR/$tag-$side.json" || die "the engine failed on $DEVICE ($run, $precision): see above"
    done
  fi
  if [ "${sides:-reference}" = reference ]; then
    for side in reference ${PEER:+peer}; do
      say "$tag: $workload, $objects object(s), $frames frames, input $input_size: $side"
      precision=()
      if [ "$side" = peer ]; then precision=(--bf16); fi
      "$REFENV" run python3 models/export/benchmark_reference.py --size "$SIZE" --weights-seed "$SEED" \
        --workload "$workload" --frames-dir "$ref_frames" --count "$frames" --objects "$objects" \
        --threads "$THREADS" --device "$REFERENCE_DEVICE" --settle "$SETTLE" "${sized[@]}" \
        "${precision[@]}" --json "$(inside "$ROOT/$RUN_DIR/$tag-$side.json")" \
        || die "the $side failed on $DEVICE ($run): see above"
    done
  fi
done
done

# -- the table

if [ "$REPORT" = auto ]; then
  mkdir -p docs/benchmarks
  REPORT=docs/benchmarks/$(date +%Y-%m-%d)-$(hostname -s)-$DEVICE.md
fi
TABLE_ARGS=(--command "$COMMAND_LINE" ${REPORT:+--out "$REPORT"})
if command -v python3 >/dev/null; then
  python3 bench/benchmark_table.py --runs-dir "$RUN_DIR" "${TABLE_ARGS[@]}"
else
  # No Python on the host: the reference environment has one (the report then names the same machine).
  "$REFENV" run python3 bench/benchmark_table.py --runs-dir "$(inside "$ROOT/$RUN_DIR")" \
    --command "$COMMAND_LINE" ${REPORT:+--out "$(inside "$ROOT/$REPORT")"}
fi

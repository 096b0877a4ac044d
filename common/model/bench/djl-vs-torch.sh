#!/usr/bin/env bash
# Training throughput of the student presets, DJL (ThroughputBenchmark, libtorch bundled with DJL) against the same
# architecture in PyTorch eager (torch_student.py on Debian's python3-torch), run alternately on this machine.
#
#   common/model/bench/djl-vs-torch.sh            # from the repository root
#
# Environment (all optional): ROUNDS (3), PRESETS ("tiny small"), BATCHES ("64 256"), SEQ (128), THREADS (nproc),
# RUN_SECONDS (8, timed budget of one run after 2 warm-up steps), PROFILE (1: afterwards time forward/backward/clip/
# optimizer of each side once per configuration), MVN (./mvnw; e.g. "flock /tmp/mvn.lock ./mvnw" on shared machines),
# JAVA_CP (a ready classpath for the benchmark; default: common/model/target/classes + common/model/target/cp.txt, built
# with Maven when missing), LOG (where the raw lines go; default common/model/target/djl-vs-torch.log).
set -euo pipefail
cd "$(dirname "$0")/../../.."

ROUNDS=${ROUNDS:-3}
PRESETS=${PRESETS:-"tiny small"}
BATCHES=${BATCHES:-"64 256"}
SEQ=${SEQ:-128}
THREADS=${THREADS:-$(nproc)}
RUN_SECONDS=${RUN_SECONDS:-8}
PROFILE=${PROFILE:-0}
MVN=${MVN:-./mvnw}
LOG=${LOG:-common/model/target/djl-vs-torch.log}
PY=/usr/bin/python3 # Debian's interpreter: python3-torch installs into its dist-packages, not a pyenv/venv python

# PyTorch: Debian's package, installed only when missing.
if ! "$PY" -c 'import torch' 2>/dev/null; then
    echo "installing python3-torch (Debian)" >&2
    apt-get install -y --no-install-recommends python3-torch >&2
fi
# Debian's torch calls BLAS through libblas.so.3, which is the unoptimised reference BLAS (about 4 GFLOP/s here)
# unless an optimised implementation is installed; OpenBLAS's OpenMP build shares torch's OpenMP thread pool.
if ! dpkg -s libopenblas0-openmp >/dev/null 2>&1 && ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
    echo "installing libopenblas0-openmp (optimised BLAS for Debian's torch)" >&2
    apt-get install -y --no-install-recommends libopenblas0-openmp >&2
fi

# OpenBLAS 0.3.21 (Debian 12) does not recognise newer Xeons (e.g. family 6 model 207) and falls back to its generic
# SSE3 "Prescott" kernels, about 10x slower than its AVX-512 ones; name the core type unless the caller did.
if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-SKYLAKEX}; fi

# Java side: the module's classes and its dependency classpath.
if [[ -z "${JAVA_CP:-}" ]]; then
    if [[ ! -f common/model/target/classes/dev/distill/model/bench/ThroughputBenchmark.class ]]; then
        $MVN -B -o -q -pl common/model -am install -DskipTests
    fi
    if [[ ! -f common/model/target/cp.txt ]]; then # the output file is relative to the module
        # full coordinates: offline, Maven cannot resolve the "dependency:" prefix without central's metadata
        $MVN -B -o -q -pl common/model org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
            -Dmdep.outputFile=target/cp.txt
    fi
    JAVA_CP="common/model/target/classes:$(cat common/model/target/cp.txt)"
fi

# libtorch's and OpenBLAS's OpenMP threads would otherwise spin between ops, stealing the other side's cores.
export OMP_WAIT_POLICY=PASSIVE
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$PWD/target/djl-cache}
mkdir -p "$(dirname "$LOG")"
: >"$LOG"

djl() { java -cp "$JAVA_CP" dev.distill.model.bench.ThroughputBenchmark --threads "$THREADS" "$@" 2>&1 | grep -E '^(RESULT|PHASES|GEMM)' | tee -a "$LOG"; }
torch() { "$PY" common/model/bench/torch_student.py --threads "$THREADS" "$@" 2>&1 | grep -E '^(RESULT|PHASES|GEMM)' | tee -a "$LOG"; }

echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, threads=$THREADS, seq=$SEQ, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}" | tee -a "$LOG"
djl --gemm --seconds 4
torch --gemm --seconds 4
for round in $(seq 1 "$ROUNDS"); do
    for preset in $PRESETS; do
        for batch in $BATCHES; do
            args=(--preset "$preset" --batch "$batch" --seq "$SEQ" --seconds "$RUN_SECONDS")
            # alternate which side goes first, so a slow drift of the machine's load favours neither
            if ((round % 2)); then djl "${args[@]}"; torch "${args[@]}"; else torch "${args[@]}"; djl "${args[@]}"; fi
        done
    done
done
if [[ "$PROFILE" == 1 ]]; then
    for preset in $PRESETS; do
        for batch in $BATCHES; do
            args=(--preset "$preset" --batch "$batch" --seq "$SEQ" --seconds "$RUN_SECONDS" --phases)
            echo "# phases $preset batch $batch" | tee -a "$LOG"
            djl "${args[@]}"
            torch "${args[@]}"
        done
    done
fi
"$PY" common/model/bench/throughput_table.py "$LOG"

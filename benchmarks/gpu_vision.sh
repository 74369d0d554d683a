#!/usr/bin/env bash
# The prepared GPU run for the vision targets (one device call, ~10 minutes on an H100/H200).
#
# The device machine has PyTorch, torchvision, scikit-learn, Pillow, tqdm, matplotlib and safetensors, which is all
# `vision` and `corpora.images` need (no install). ../shared does not travel there: copy the images into the ignored
# folder .data/ (never committed: see .gitignore) and name it in `carry`, then delete it:
#   mkdir -p .data && cp -r ../shared/data/ham10000-dev .data/
#   device run: command="bash benchmarks/gpu_vision.sh", carry=[".data"], timeout_s=590
#   rm -rf .data
# Runs land in $OUT (the device's output folder) so their metrics, curves and model cards come back.
set -euo pipefail
export PYTHONPATH="$PWD" PYTHONUNBUFFERED=1
DATA=${DATA:-.data/ham10000-dev}
RUNS=${OUT:-runs}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
python3 -m vision train --data "$DATA" --model cnd_inception_v3 --input-size 299 299 --colour-constancy \
  --epochs 30 --patience 8 --batch-size 64 --lr 1e-3 --workers 8 --out "$RUNS/inception" -q
python3 -m vision train --data "$DATA" --model cnd --input-size 200 200 --colour-constancy \
  --epochs 80 --patience 15 --batch-size 64 --workers 8 --out "$RUNS/cnd" -q
for run in inception cnd; do rm -f "$RUNS/$run/last_state.pt"; done  # keep what comes back under the size limit

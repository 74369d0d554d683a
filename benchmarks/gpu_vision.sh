#!/usr/bin/env bash
# The prepared GPU run for the vision targets: one device call of under 10 minutes on an H100/H200.
# Last run 2026-11-26 on an H100 (523 s): figures in the README's measured table.
#
# The device machine has PyTorch, torchvision, scikit-learn, Pillow, tqdm, matplotlib, regex and safetensors, which
# is all `vision` and `corpora.images` need (no install). ../shared does not travel there: copy the images into the
# ignored folder .data/ (never committed: see .gitignore), name it in `carry`, and delete it afterwards:
#   mkdir -p .data && cp -r ../shared/data/ham10000-dev .data/
#   device run: command="bash benchmarks/gpu_vision.sh", carry=[".data"], timeout_s=600
#   rm -rf .data
# Every run is bounded by wall-clock time (--time-budget, the one-cycle schedule follows it), so the whole script
# ends by TOTAL_S seconds whatever the GPU's speed. SCALE shrinks the budgets for a dry run on a CPU
# (SCALE=0.02 TOTAL_S=900 DEVICE=cpu bash benchmarks/gpu_vision.sh; a CPU cuts the later stages at their limits:
# it checks the script, not the models). Results land in $OUT (at most 8 files come
# back): log.txt, ensemble.json, and one archive per run (weights over 15 MB split into parts).
set -uo pipefail
export PYTHONPATH="$PWD" PYTHONUNBUFFERED=1 TQDM_DISABLE=1
DATA=${DATA:-.data/ham10000-dev}
OUT=${OUT:-runs/gpu_out}
RUNS=${RUNS:-/tmp/dermalab_gpu_runs}
source "$(dirname "$0")/gpu_common.sh"

nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>&1 | tee -a "$LOG"
python3 -c "import torch, torchvision; print('torch', torch.__version__, 'torchvision', torchvision.__version__)" \
  2>&1 | tee -a "$LOG"

# Same lesion-grouped split as every other run (split seed 0: 15 % validation, 15 % test, never tuned on).
COMMON=(--data "$DATA" --colour-constancy --epochs 100000 --patience 100000 --batch-size 64 --ema 0.999
        --device "$DEVICE" --augment-on device)
stage cnd 170 python3 -m vision train --model cnd --input-size 150 200 --time-budget "$(minutes 1.5)" \
  "${COMMON[@]}" --out "$RUNS/cnd"
stage cnd_wide 190 python3 -m vision train --model cnd --input-size 150 200 --time-budget "$(minutes 1.75)" \
  --model-kwargs "channels=(32,64,128,256,512)" hidden=512 "${COMMON[@]}" --out "$RUNS/cnd_wide"
stage inception 250 python3 -m vision train --model cnd_inception_v3 --input-size 299 299 --lr 1e-3 \
  --time-budget "$(minutes 2.25)" "${COMMON[@]}" --out "$RUNS/inception"

done_runs=()
for run in cnd cnd_wide inception; do [[ -f "$RUNS/$run/metrics.json" ]] && done_runs+=("$RUNS/$run"); done
if (( ${#done_runs[@]} )); then
  stage ensemble 90 python3 benchmarks/ensemble_select.py "${done_runs[@]}" --device "$DEVICE" -o "$OUT/ensemble.json"
fi

# Pack what comes back: no resume states; the InceptionV3 weights (~90 MB) stay behind.
rm -f "$RUNS/inception/model.safetensors"
for run in cnd cnd_wide inception; do pack_run "$run"; done
ls -l "$OUT" | tee -a "$LOG"

# Sourced by the prepared GPU runs (gpu_vision.sh, gpu_lite.sh) after they set OUT and RUNS: the time budget, the log,
# and one function to run each stage within it.
SCALE=${SCALE:-1}
DEVICE=${DEVICE:-cuda}
DEADLINE=$((SECONDS + ${TOTAL_S:-560}))
mkdir -p "$OUT" "$RUNS"
LOG="$OUT/log.txt"
minutes() { python3 -c "print(round($1 * $SCALE, 3))"; }

stage() {  # stage NAME LIMIT_S ARGS...: one command, cut at LIMIT_S or at the deadline
  local name=$1 limit=$2; shift 2
  local left=$((DEADLINE - SECONDS))
  (( limit > left )) && limit=$left
  if (( limit < 20 )); then echo "== skipped $name: no time left" | tee -a "$LOG"; return; fi
  echo "== $name (at most $limit s, started at ${SECONDS} s)" | tee -a "$LOG"
  # Progress bars off (TQDM_DISABLE, or filtered out where tqdm is too old to read it); epoch lines stay.
  timeout "$limit" "$@" 2>&1 | tr '\r' '\n' | grep --line-buffered -v 'batch/s\|img/s]\|^ *$' | tee -a "$LOG"
  echo "== $name ended with ${PIPESTATUS[0]} at ${SECONDS} s" | tee -a "$LOG"
}

pack_run() {  # pack_run NAME: the run folder as $OUT/NAME.tgz without its resume state, in 15 MB parts if larger
  local run=$1
  [[ -d "$RUNS/$run" ]] || return 0
  rm -f "$RUNS/$run/last_state.pt"
  tar -C "$RUNS" -czf "$OUT/$run.tgz" "$run"
  if (( $(stat -c %s "$OUT/$run.tgz") > 15000000 )); then
    split -b 15000000 -d "$OUT/$run.tgz" "$OUT/$run.tgz.part" && rm "$OUT/$run.tgz"
  fi
}

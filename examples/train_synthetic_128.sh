#!/usr/bin/env bash
# Train the narrow 128x128 model (preset mdgan_sky_synthetic_128: the paper's layout at
# CPU widths) on version 2 of the synthetic skies, whose motion was matched to real skies
# (docs/data.md), then score it on the real clips beside the shipped 64x64 model.
# Every command resumes: started again with the same flags, a stage continues from its last
# checkpoint, so the run may be stopped and continued (on 2 CPU cores stage I runs at about
# 3 s a step).
#
#   bash examples/train_synthetic_128.sh [RUN]   # RUN: the model folder (default runs/synthetic_128)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run=${1:-runs/synthetic_128}
data=synthetic:videos=240,clips_per_video=8,seed=0,size=128,version=2
mdgan-train --stage 1 --preset mdgan_sky_synthetic_128 --data "$data" --model_dir "$run" \
  --batch_size 8 --steps "${STAGE1_STEPS:-4000}" --checkpoint_every 100 --log_every 50 \
  --video_every 1000 --seed 0
mdgan-train --stage 2 --preset mdgan_sky_synthetic_128 --data "$data" --model_dir "$run" \
  --batch_size 8 --steps "${STAGE2_STEPS:-1500}" --checkpoint_every 100 --log_every 50 \
  --video_every 500 --seed 0
# Held-out synthetic skies (seed 1), the card's 1,000-clip evaluation.
mdgan-evaluate --model "$run" \
  --data synthetic:videos=250,clips_per_video=4,seed=1,size=128,version=2 \
  --clips 1000 --fvd --json "$run/evaluation.json" --plot "$run/evaluation_curves.png"
# The real-sky table (skipped where ../shared/real is absent).
bash "$here/real_skies.sh" "$run/real_skies" "$run"

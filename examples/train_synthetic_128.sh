#!/usr/bin/env bash
# Train the narrow 128x128 model (preset mdgan_sky_synthetic_128: the paper's layout at
# CPU widths, its G1 moving the photo) on version 2 of the synthetic skies, whose motion
# was matched to real skies (docs/data.md), with winds blowing one way (heading=0), then
# score it on the real clips. Stage II (its G2 moves G1's frames again) runs 50 steps:
# beyond those its discriminator won and G2 bent what is not sky (docs/training.md).
# Every command resumes: started again with the same flags, a stage continues from its last
# checkpoint, so the run may be stopped and continued (on 2 CPU cores stage I runs at about
# 3 s a step, stage II about 5.5 s).
#
#   bash examples/train_synthetic_128.sh [RUN]   # RUN: the model folder (default runs/synthetic_128)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run=${1:-runs/synthetic_128}
data=synthetic:videos=240,clips_per_video=8,seed=0,size=128,version=2,heading=0
mdgan-train --stage 1 --preset mdgan_sky_synthetic_128 --data "$data" --model_dir "$run" \
  --batch_size 8 --steps "${STAGE1_STEPS:-750}" --checkpoint_every 50 --keep_checkpoints 20 \
  --log_every 10 --video_every 0 --seed 0
mdgan-train --stage 2 --preset mdgan_sky_synthetic_128 --data "$data" --model_dir "$run" \
  --batch_size 8 --steps "${STAGE2_STEPS:-50}" --checkpoint_every 50 --keep_checkpoints 20 \
  --log_every 10 --video_every 0 --seed 0
# Held-out synthetic skies (seed 1), the card's 1,000-clip evaluation.
mdgan-evaluate --model "$run" \
  --data synthetic:videos=250,clips_per_video=4,seed=1,size=128,version=2 \
  --clips 1000 --fvd --json "$run/evaluation.json" --plot "$run/evaluation_curves.png"
# The real-sky table (skipped where ../shared/real is absent).
bash "$here/real_skies.sh" "$run/real_skies" "$run"

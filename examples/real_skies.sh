#!/usr/bin/env bash
# The real-sky table of the README and the model card: the shipped model's stages, the copy
# baseline, what mdgan-generate writes by default, and the published MD-GAN's own outputs,
# on the 16 real Sky Timelapse test clips of ../shared/real/ (research footage that is not
# part of the package: without that folder this script says so and stops).
#
#   bash examples/real_skies.sh [WORK [MODEL]]   # WORK: a new folder (default real_skies/);
#                                                # MODEL: a preset or model folder; ~8 min
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
real=${MDGAN_REAL_SKIES:-$here/../../shared/real/sky_timelapse_test16}
work=${1:-real_skies}
model=${2:-mdgan_sky_synthetic_128}
if [ ! -d "$real/real" ]; then
  echo "skipped: no real clips at $real (set MDGAN_REAL_SKIES to the sky_timelapse_test16 folder)"
  exit 0
fi
real=$(cd "$real" && pwd)
# The photos: each real clip's first frame, named as the clip.
mdgan-data first_frames --data "$real/real" --first_clip_only --output "$work/photos"
# What a user gets from mdgan-generate's defaults (the photo at its own size, its sky moved
# along the model's motion), and the model's own square video, one per photo.
mdgan-generate --model "$model" --images_dir "$work/photos" --output "$work/mdgan_generate"
mdgan-generate --model "$model" --images_dir "$work/photos" --output "$work/model_size" \
  --size model
# Everything against the real clips at 128x128, the authors' resolution.
mdgan-evaluate --model "$model" --data "$real/real" --first_clip_only --resolution 128 \
  --videos authors_stage1="$real/mdgan_authors_stage1" \
  --videos authors_stage2="$real/mdgan_authors_stage2" \
  --videos mdgan_generate="$work/mdgan_generate" --videos model_size="$work/model_size" \
  --fvd --json "$work/scores.json"
# A grid to look at: photo | real | authors' I | authors' II | ours, model size | ours
# (frames 0, 10, 20, 31).
python "$here/compare_grid.py" --data "$real/real" --first_clip_only --clips 16 \
  --videos authors_stage1="$real/mdgan_authors_stage1" \
  --videos authors_stage2="$real/mdgan_authors_stage2" \
  --videos model_size="$work/model_size" --videos mdgan_generate="$work/mdgan_generate" \
  --output "$work/grid.png"

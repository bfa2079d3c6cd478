#!/usr/bin/env bash
# The real-sky tables of the README, docs/evaluation.md and the model cards, on the real
# footage of ../shared/real/ (research footage that is not part of the package: without
# it this script says so and stops):
#
# 1. dev/: the 16 real Sky Timelapse test clips, 32 frames at 128x128: the shipped model's
#    own video, what mdgan-generate writes by default, the published MD-GAN's own outputs,
#    the still copy and the no-model slides;
# 2. long/: the 8 long real clips, 128 frames at 256x256, FVD and KVD over 16-frame
#    windows: the default output, the still copy and the no-model slides.
#
# Every row has the dynamics figures (speed, evolution, perspective, light). The slides
# (mdgan-generate --slide, at each of SLIDES percent of the width per frame) move the
# photo's sky as one piece by the package's own rendering with no model: a figure that a
# slide matches is not the model's doing. Grids of frames to look at are written beside.
#
#   bash examples/real_skies.sh [WORK [MODEL]]   # WORK: a new folder (default real_skies/);
#                                                # MODEL: a preset or model folder; ~25 min
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${MDGAN_REAL:-$here/../../shared/real}
work=${1:-real_skies}
model=${2:-mdgan_sky_synthetic_128}
slides=${SLIDES:-0.25 0.5 1}
if [ ! -d "$shared/sky_timelapse_test16/real" ] || [ ! -d "$shared/long_dev" ]; then
  echo "skipped: no real clips at $shared (set MDGAN_REAL to the shared/real folder)"
  exit 0
fi
shared=$(cd "$shared" && pwd)
dev=$shared/sky_timelapse_test16
slide_videos() {   # the --videos flags of the slides made under $1
  for speed in $slides; do printf -- "--videos slide_%s=%s/slide_%s " "$speed" "$1" "$speed"; done
}

# 1. The 16 dev clips. The photos: each real clip's first frame, named as the clip.
mdgan-data first_frames --data "$dev/real" --first_clip_only --output "$work/dev/photos"
# What a user gets from mdgan-generate's defaults (the photo at its own size, its sky moved
# along the model's motion), the model's own square video, and the slides.
mdgan-generate --model "$model" --images_dir "$work/dev/photos" --output "$work/dev/mdgan_generate"
mdgan-generate --model "$model" --images_dir "$work/dev/photos" --output "$work/dev/model_size" \
  --size model
for speed in $slides; do
  mdgan-generate --slide "$speed" --images_dir "$work/dev/photos" --output "$work/dev/slide_$speed"
done
# Everything against the real clips at 128x128, the authors' resolution.
# shellcheck disable=SC2046
mdgan-evaluate --model "$model" --data "$dev/real" --first_clip_only --resolution 128 \
  --videos authors_stage1="$dev/mdgan_authors_stage1" \
  --videos authors_stage2="$dev/mdgan_authors_stage2" \
  --videos mdgan_generate="$work/dev/mdgan_generate" --videos model_size="$work/dev/model_size" \
  $(slide_videos "$work/dev") --fvd --json "$work/dev/scores.json"
# A grid to look at: photo | real | authors' I | authors' II | a slide | ours, model size |
# ours (frames 0, 10, 20, 31).
python "$here/compare_grid.py" --data "$dev/real" --first_clip_only --clips 16 \
  --videos authors_stage1="$dev/mdgan_authors_stage1" \
  --videos authors_stage2="$dev/mdgan_authors_stage2" \
  --videos slide_0.5="$work/dev/slide_0.5" --videos model_size="$work/dev/model_size" \
  --videos mdgan_generate="$work/dev/mdgan_generate" --output "$work/dev/grid.png"

# 2. The 8 long clips: 128 frames at 256x256, each scored as 8 windows of 16 frames.
mdgan-data first_frames --data "$shared/long_dev" --frames 128 --output "$work/long/photos"
mdgan-generate --model "$model" --images_dir "$work/long/photos" --frames 128 \
  --output "$work/long/mdgan_generate"
for speed in $slides; do
  mdgan-generate --slide "$speed" --images_dir "$work/long/photos" --frames 128 \
    --output "$work/long/slide_$speed"
done
# shellcheck disable=SC2046
mdgan-evaluate --model "$model" --no_model --data "$shared/long_dev" --frames 128 \
  --resolution 256 --window 16 --batch_size 2 \
  --videos mdgan_generate="$work/long/mdgan_generate" $(slide_videos "$work/long") \
  --fvd --json "$work/long/scores.json"
python "$here/compare_grid.py" --data "$shared/long_dev" --length 128 --resolution 256 \
  --clips 8 --frames 0,32,64,127 --videos slide_0.5="$work/long/slide_0.5" \
  --videos mdgan_generate="$work/long/mdgan_generate" --output "$work/long/grid.png"

# The tables, as Markdown.
python "$here/real_sky_table.py" "$work/dev/scores.json" "$work/long/scores.json"

#!/usr/bin/env bash
# Train MD-GAN on a folder of your own videos (mp4, mov, avi, mkv, webm, any size and rate).
# --stride keeps every n-th frame: with 30 fps footage of clouds, 10-30 makes a time-lapse.
set -euo pipefail
VIDEOS=${VIDEOS:-my_videos}
RUN=${RUN:-runs/my_videos}

# Decode once into the Sky Timelapse layout at the model's size (training then reads JPEGs
# instead of decoding video). Bad or too-short files are skipped and named.
mdgan-data import_videos --data "$VIDEOS" --output data/my_videos --stride 15 --resolution 128
mdgan-data summary --data data/my_videos

mdgan-train --stage 1 --preset mdgan_sky_128 --data data/my_videos --model_dir "$RUN" --batch_size 8 --steps 20000
mdgan-train --stage 2 --preset mdgan_sky_128 --data data/my_videos --model_dir "$RUN" --batch_size 8 --steps 20000

# Several machines: the same commands on each, with TF_CONFIG set per machine, e.g.
#   TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]},
#               "task": {"type": "worker", "index": 0}}'
# plus --strategy multi_worker, and a --model_dir on a file system all of them share.

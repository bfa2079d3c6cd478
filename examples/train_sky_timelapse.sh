#!/usr/bin/env bash
# Train MD-GAN on the Sky Timelapse data set as the paper did (section 4.2): 32 frames at
# 128x128, Adam 2e-4 (beta_1 0.5), lambda 1, stage I then stage II with G1 frozen.
# The data set is not downloaded by this package; unpack it so that you have
#   $SKY/sky_train/<video_id>/<video_id>_<k>/<video_id>_frames_<8 digits>.jpg  (and sky_test/)
# The paper gives no batch size or length of training; 16 clips and 20 epochs (about
# 44,000 steps over its 35,392 training clips) are this package's defaults.
set -euo pipefail
SKY=${SKY:-data/sky_timelapse}
RUN=${RUN:-runs/sky_timelapse}

# Optional, for speed: pack the training clips at the model's size (3-5x faster input).
mdgan-data summary --data "$SKY/sky_train"
mdgan-data pack --data "$SKY/sky_train" --output "$SKY/sky_train_128" --resolution 128

# Stage I (Base-Net). Add --strategy mirrored for all local GPUs, --mixed_precision on
# GPUs with tensor cores. Started again with the same flags, a run resumes.
mdgan-train --stage 1 --preset mdgan_sky_128 --data "$SKY/sky_train_128" --model_dir "$RUN" \
  --batch_size 16 --epochs 20

# Stage II (Refine-Net): G1 comes from the same model_dir and stays frozen.
mdgan-train --stage 2 --preset mdgan_sky_128 --data "$SKY/sky_train_128" --model_dir "$RUN" \
  --stage1_dir "$RUN" --batch_size 16 --epochs 20

# Watch losses and input | generated | real strips:  tensorboard --logdir "$RUN/logs"

"""Real clips for training and evaluation: sources, splits and one tf.data pipeline.

    source = open_source("synthetic")            # or a folder, video files, TFRecords
    splits = split_by_video(source)              # {"train": ..., "validation": ..., "test": ...}
    clips = make_dataset(splits["train"], resolution=128, batch_size=8)
"""

from mdgan_tf.data.first_frames import write_first_frames
from mdgan_tf.data.pipeline import make_dataset, square_frames
from mdgan_tf.data.sky_folders import SkyTimelapseSource, write_sky_layout
from mdgan_tf.data.source import Clip, ClipSource, DataError, Skipped
from mdgan_tf.data.spec import open_source
from mdgan_tf.data.splits import split_by_video
from mdgan_tf.data.synthetic import SyntheticSkySource, foreground_mask, render_clip
from mdgan_tf.data.tfrecords import TFRecordSource, write_tfrecords
from mdgan_tf.data.video_files import VideoFileSource

__all__ = [
    "Clip", "ClipSource", "DataError", "SkyTimelapseSource", "Skipped", "SyntheticSkySource",
    "TFRecordSource", "VideoFileSource", "foreground_mask", "make_dataset", "open_source",
    "render_clip", "split_by_video", "square_frames", "write_first_frames", "write_sky_layout",
    "write_tfrecords",
]

"""Real clips for training and evaluation: sources, splits and one tf.data pipeline.

    source = open_source("synthetic")            # or a folder, video files, TFRecords
    splits = split_by_video(source)              # {"train": ..., "validation": ..., "test": ...}
    clips = make_dataset(splits["train"], resolution=128, batch_size=8)
"""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.data.first_frames": ("write_first_frames",),
    "mdgan_tf.data.pipeline": ("make_dataset", "square_frames"),
    "mdgan_tf.data.sky_folders": ("SkyTimelapseSource", "write_sky_layout"),
    "mdgan_tf.data.source": ("Clip", "ClipSource", "DataError", "Skipped",
                             "stops_as_data_errors"),
    "mdgan_tf.data.spec": ("open_source",),
    "mdgan_tf.data.splits": ("split_by_video",),
    "mdgan_tf.data.synthetic": ("SyntheticSkySource", "foreground_mask", "render_clip"),
    "mdgan_tf.data.tfrecords": ("TFRecordSource", "write_tfrecords"),
    "mdgan_tf.data.video_files": ("VideoFileSource",),
})

"""TFRecord shards of encoded frames, one `tf.train.Example` per clip, for fast input.

A packed folder holds `clips-SSSSS-of-NNNNN.tfrecord` shards and `manifest.json`, which
lists every shard's clips (video id, segment, start) so that a reader knows the clips,
their videos and hence the splits without opening a shard. Shards are written under
temporary names and renamed, with the manifest last, so a folder with a manifest is whole.
"""

import glob
import json
import logging
from pathlib import Path

import numpy as np
import tensorflow as tf

from mdgan_tf.errors import ExistingFileError, FileGivenError, InputError
from mdgan_tf.fileio import write_text_atomic
from mdgan_tf.data.pipeline import decode_frame, encoded_clips
from mdgan_tf.data.source import (
    Clip, ClipSource, DataError, epoch_passes, stops_as_data_errors,
)

FORMAT = "mdgan_tf.clips/1"
MANIFEST = "manifest.json"
CLIPS_PER_SHARD = 256
_SEPARATOR = "\x1f"
logger = logging.getLogger("mdgan_tf.data")


def _shard_name(shard, shards):
    return f"clips-{shard:05d}-of-{shards:05d}.tfrecord"


def _example(clip, encoded_frames):
    feature = {
        "video_id": tf.train.Feature(bytes_list=tf.train.BytesList(value=[clip.video_id.encode()])),
        "segment": tf.train.Feature(bytes_list=tf.train.BytesList(value=[clip.segment.encode()])),
        "start": tf.train.Feature(int64_list=tf.train.Int64List(value=[clip.start])),
        "frames": tf.train.Feature(bytes_list=tf.train.BytesList(value=list(encoded_frames))),
    }
    return tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString()


def _encoded_clips(source, resolution, crop, image_format, quality):
    """(index, T encoded frames) for every clip of `source`, in order."""
    if resolution is None and image_format == "as-is":
        if not hasattr(source, "encoded_dataset"):
            raise InputError(f"{source.kind} has no encoded frames to copy; choose png or jpeg")
        return source.encoded_dataset()
    if image_format == "png":
        encode = tf.io.encode_png
    elif image_format == "jpeg":
        encode = lambda frame: tf.io.encode_jpeg(frame, quality=quality)  # noqa: E731
    else:
        raise InputError(f"image_format must be 'as-is', 'png' or 'jpeg', got {image_format!r}")
    return encoded_clips(source, encode, resolution, crop)


@stops_as_data_errors()
def write_tfrecords(source, output_dir, shards=None, resolution=None, crop=False,
                    image_format=None, quality=95, progress=None):
    """Pack every clip of `source` into TFRecord shards under `output_dir`; returns the manifest.

    With no `resolution`, frames keep their size, and files that are JPEG or PNG already
    (Sky Timelapse folders) are copied byte for byte: reading the shards then gives exactly
    the source's clips. Otherwise frames are resized (`crop`: centre square) and encoded as
    `image_format` ('png', lossless, by default; or 'jpeg' at `quality`).
    """
    output_dir = Path(output_dir)
    if output_dir.exists() and not output_dir.is_dir():
        raise FileGivenError(f"{output_dir} is a file; name a folder to pack the clips into")
    if (output_dir / MANIFEST).exists():
        raise ExistingFileError(f"{output_dir} already holds packed clips ({MANIFEST}); "
                              f"choose an empty folder")
    if image_format is None:
        image_format = "as-is" if resolution is None and hasattr(source, "encoded_dataset") else "png"
    output_dir.mkdir(parents=True, exist_ok=True)
    shards = shards or max(1, -(-len(source) // CLIPS_PER_SHARD))
    shard_clips = [[] for _ in range(shards)]
    writers = {}
    clips = _encoded_clips(source, resolution, crop, image_format, quality).ignore_errors(
        log_warning=True)
    written = set()
    try:
        for index, encoded in clips.as_numpy_iterator():
            clip = source.clips[index]
            shard = index * shards // len(source)
            if shard not in writers:
                writers[shard] = tf.io.TFRecordWriter(str(output_dir / (_shard_name(shard, shards) + ".tmp")))
            writers[shard].write(_example(clip, encoded))
            shard_clips[shard].append([clip.video_id, clip.segment, clip.start])
            written.add(int(index))
            if progress:
                progress.update()
    finally:
        for writer in writers.values():
            writer.close()
    for shard in writers:
        name = _shard_name(shard, shards)
        (output_dir / (name + ".tmp")).replace(output_dir / name)
    lost = [f"{c.video_id}/{c.segment} frames from {c.start} (did not decode)"
            for i, c in enumerate(source.clips) if i not in written]
    manifest = {
        "format": FORMAT,
        "frames": source.frames,
        "resolution": resolution,
        "image_format": image_format,
        "source": source.description or source.kind,
        "shards": [{"file": _shard_name(s, shards), "clips": shard_clips[s]}
                   for s in range(shards) if shard_clips[s]],
        "skipped": [str(s) for s in source.skipped] + lost,
    }
    write_text_atomic(output_dir / MANIFEST, json.dumps(manifest, indent=1))
    return manifest


def _read_manifest(path):
    """The manifest at `path`, checked enough that reading the shards by it cannot fail."""
    try:
        manifest = json.loads(path.read_text())
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise DataError(f"{path} is not an mdgan_tf clip manifest ({FORMAT})")
        int(manifest["frames"])
        for shard in manifest["shards"]:
            str(shard["file"]), list(shard["clips"])
        manifest.setdefault("skipped", [])
        return manifest
    except DataError:
        raise
    except (ValueError, KeyError, TypeError) as error:
        raise DataError(f"{path} is damaged ({type(error).__name__}: {error}); pack the clips "
                        f"again, or delete it to list the clips by reading the shards") from error


def _scan_shard(file):
    """The clips of a shard without a manifest, read from its records' ids."""
    clips = []
    frames = None
    for record in tf.data.TFRecordDataset(str(file)).as_numpy_iterator():
        example = tf.train.Example.FromString(record).features.feature
        frames = len(example["frames"].bytes_list.value)
        clips.append([example["video_id"].bytes_list.value[0].decode(),
                      example["segment"].bytes_list.value[0].decode(),
                      int(example["start"].int64_list.value[0])])
    return frames, clips


class TFRecordSource(ClipSource):
    """Clips packed by `write_tfrecords`: a folder of shards, or a glob of shard files."""

    kind = "TFRecord shards"

    def __init__(self, path, frames=32):
        path = str(path)
        if Path(path).is_dir():   # a folder's own name is never a pattern, even with [x] in it
            files = sorted(str(p) for p in Path(path).glob("*.tfrecord"))
            folder = Path(path)
        elif Path(path).is_file():
            files = [path]
            folder = Path(path).parent
        else:
            files = sorted(glob.glob(path))
            folder = Path(files[0]).parent if files else None
        if not files:
            raise DataError(f"{path}: no TFRecord shards (*.tfrecord) found")
        manifest_path = folder / MANIFEST
        if manifest_path.exists():
            manifest = _read_manifest(manifest_path)
            names = {Path(f).name for f in files}
            listed = [(str(folder / s["file"]), manifest["frames"], s["clips"])
                      for s in manifest["shards"] if s["file"] in names]
            skipped = manifest["skipped"]
        else:
            logger.warning("%s has no %s: reading every record to list the clips", folder, MANIFEST)
            listed = [(f, *_scan_shard(f)) for f in files]
            skipped = []
        stored = {count for _, count, clips in listed if clips}
        if stored and stored != {frames}:
            raise DataError(f"{path} holds clips of {sorted(stored)} frames; {frames} are needed. "
                            f"Pack the source again with the model's frame count")
        clips = [Clip(video, segment, start, (file,))
                 for file, _, shard in listed for video, segment, start in shard]
        super().__init__(frames, clips, [], description=f"{path} ({self.kind})")
        self.packed_skipped = skipped
        self.check_usable()

    def summary(self):
        return {**super().summary(), "skipped when packed": len(self.packed_skipped)}

    def clip_dataset(self, to_square, shuffle=False, seed=0, epochs=1, skip=0):
        """As `ClipSource.clip_dataset`. Shards are read in sequence, so shuffling is by
        shard order and a buffer of records, both drawn from (seed, epoch); `skip` reads
        the records it leaves out but decodes none of them."""
        keys = [_SEPARATOR.join([c.video_id, c.segment, str(c.start)]) for c in self.clips]
        table = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(keys, np.arange(len(keys), dtype=np.int64)), -1)
        files = tf.constant(list(dict.fromkeys(clip.key[0] for clip in self.clips)))
        spec = {
            "video_id": tf.io.FixedLenFeature([], tf.string),
            "segment": tf.io.FixedLenFeature([], tf.string),
            "start": tf.io.FixedLenFeature([], tf.int64),
        }

        def index_of(record):
            ids = tf.io.parse_single_example(record, spec)
            key = tf.strings.join(
                [ids["video_id"], ids["segment"], tf.strings.as_string(ids["start"])], _SEPARATOR)
            return table.lookup(key), record

        def one_pass(epoch):
            order = files
            if shuffle:
                key = tf.stack([tf.constant(seed, tf.int64), epoch])
                order = tf.random.experimental.stateless_shuffle(files, seed=key)
            records = tf.data.Dataset.from_tensor_slices(order).interleave(
                tf.data.TFRecordDataset, cycle_length=min(4, len(files)) if shuffle else 1,
                num_parallel_calls=tf.data.AUTOTUNE)
            # Records of clips outside this source (another split) map to -1: dropped.
            records = records.map(index_of).filter(lambda index, _: index >= 0)
            if shuffle:
                # A stateless shuffle within windows of records: unlike Dataset.shuffle,
                # its order depends on (seed, epoch) alone, also under a global seed.
                def mix(window, batch):
                    key = tf.stack([tf.constant(seed, tf.int64), epoch * 1_000_003 + window])
                    order = tf.random.experimental.stateless_shuffle(
                        tf.range(tf.shape(batch[0])[0]), seed=key)
                    return tf.data.Dataset.from_tensor_slices(
                        tuple(tf.gather(part, order) for part in batch))

                records = records.batch(CLIPS_PER_SHARD).enumerate().flat_map(
                    lambda window, batch: mix(window, batch))
            return records

        frames_spec = {"frames": tf.io.FixedLenFeature([self.frames], tf.string)}

        def load(index, record):
            encoded = tf.io.parse_single_example(record, frames_spec)["frames"]
            frames = tf.map_fn(lambda data: to_square(decode_frame(data)), encoded,
                               fn_output_signature=tf.float32)
            return index, frames

        return epoch_passes(epochs, one_pass).skip(skip).map(load, num_parallel_calls=tf.data.AUTOTUNE)

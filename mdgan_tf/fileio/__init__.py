"""Writing files so that a reader never sees half of one: shared by every part that writes."""

from mdgan_tf.fileio.atomic import (
    atomic_path, check_can_write, publish_directory, require_new_folder, write_text_atomic,
)

__all__ = ["atomic_path", "check_can_write", "publish_directory", "require_new_folder",
           "write_text_atomic"]

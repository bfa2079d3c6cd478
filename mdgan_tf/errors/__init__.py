"""Which errors are the user's to fix (`UserError` and its kinds), and how they are told:
every front end shares it."""

from mdgan_tf.errors.user_errors import (
    ExistingFileError, FileAccessError, FileGivenError, FolderGivenError, InputError,
    MissingExtraError, MissingFileError, UnreadableFileError, UserError, one_line,
)

__all__ = ["ExistingFileError", "FileAccessError", "FileGivenError", "FolderGivenError",
           "InputError", "MissingExtraError", "MissingFileError", "UnreadableFileError",
           "UserError", "one_line"]

"""Which errors are the user's to fix, and how they are told: every front end shares it."""

from mdgan_tf.errors.user_errors import one_line, user_errors

__all__ = ["one_line", "user_errors"]

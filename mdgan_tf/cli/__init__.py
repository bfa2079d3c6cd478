"""The command-line binaries: thin absl mains over library functions.

Importing this package starts TensorFlow quietly, before any binary imports it: TensorFlow
writes its start-up lines (oneDNN, CUDA probing, an error-level `cuInit` line on machines
without a GPU) from C++ before its log level applies, so they are kept from stderr for the
length of the import, and shown if the import fails. Set MDGAN_TF_LOGS=1 to see them.
"""

from mdgan_tf.cli.quiet import import_tensorflow_quietly

import_tensorflow_quietly()

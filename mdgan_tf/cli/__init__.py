"""The command-line binaries: thin absl mains over library functions.

The model binaries import `mdgan_tf.cli.flags` first, which starts TensorFlow quietly:
TensorFlow writes its start-up lines (oneDNN, CUDA probing, an error-level `cuInit` line on
machines without a GPU) from C++ before its log level applies, so they are kept from stderr
for the length of the import, and shown if the import fails. Set MDGAN_TF_LOGS=1 to see
them. mdgan-study needs no model and does not load TensorFlow at all.
"""

"""The command-line binaries: thin absl mains over library functions.

A binary's module imports only what its flags need (plain values: presets, configs, limits,
formats, training options), so `--help` answers without TensorFlow. `runner.run_main` then starts TensorFlow
quietly before the binary's `main`, which imports the library it runs: TensorFlow writes its
start-up lines (oneDNN, CUDA probing, an error-level `cuInit` line on machines without a
GPU) from C++ before its log level applies, so they are kept from stderr for the length of
the import, and shown if the import fails. Set MDGAN_TF_LOGS=1 to see them. mdgan-study
needs no model and does not load TensorFlow at all.
"""

"""The command-line binaries: thin absl mains over library functions."""

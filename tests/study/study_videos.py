"""Stand-in videos for the study's tests: the server only sends the files, so their bytes
just have to tell the conditions and the videos apart."""


def make_folders(root, names, labels=("stage1", "stage2")):
    """One folder per label under `root`, each with `<name>.mp4` for every name."""
    folders = []
    for label in labels:
        folder = root / label
        folder.mkdir(parents=True)
        for name in names:
            (folder / f"{name}.mp4").write_bytes(f"{label}/{name}".encode())
        folders.append(folder)
    return folders

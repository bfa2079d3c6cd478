"""What the study's tests share: folders of videos and a real server on 127.0.0.1."""

import contextlib
import threading
import time

import numpy as np
import uvicorn

from mdgan_tf.inference import write_video


def make_folders(root, names, labels=("stage1", "stage2"), playable=False):
    """One folder per label under `root`, each with `<name>.mp4` for every name.

    The server only sends the files, so by default their bytes just tell the conditions
    and videos apart; `playable` writes real 8-frame H.264 clips (a browser plays them),
    a moving bar, brighter in the second condition.
    """
    folders = []
    for shade, label in enumerate(labels):
        folder = root / label
        folder.mkdir(parents=True)
        for i, name in enumerate(names):
            path = folder / f"{name}.mp4"
            if playable:
                frames = np.full((8, 32, 32, 3), 40 + 100 * shade, np.uint8)
                for t in range(8):
                    frames[t, :, (i + 4 * t) % 32] = 255
                write_video(path, frames, fps=8)
            else:
                path.write_bytes(f"{label}/{name}".encode())
        folders.append(folder)
    return folders


@contextlib.contextmanager
def serving(app, port):
    """`app` served by uvicorn on 127.0.0.1:`port` in a thread, for the `with` block."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the test server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()

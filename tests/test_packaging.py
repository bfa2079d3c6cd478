"""What `pip install` puts inside the package besides its code: the shipped model and the
example photo, and none of the example scripts that sit beside the photo in a checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_the_example_photo_and_no_example_script(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "--no-build-isolation", "-q", "-w", str(tmp_path)], check=True,
                   capture_output=True, cwd=tmp_path)
    (wheel,) = tmp_path.glob("mdgan_tf-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert [n for n in names if n.startswith("mdgan_tf/examples/")] == [
        "mdgan_tf/examples/sky.jpg"]
    for model in ("mdgan_sky_synthetic_64", "mdgan_sky_synthetic_128",   # offline, all
                  "mdgan_sky_wind_128"):
        assert f"mdgan_tf/savedmodels/{model}/model.weights.h5" in names
    assert not [n for n in names if n.startswith("mdgan_tf/savedmodels/") and n.endswith(".py")]
    assert "mdgan_tf/animation/rendering.py" in names

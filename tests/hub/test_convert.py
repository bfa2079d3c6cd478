"""mdgan-convert: the authors' PyTorch generator layout, random weights, same videos."""

import subprocess
import sys

import numpy as np
import pytest

from mdgan_tf import MDGAN, MDGANConfig
from mdgan_tf.modeling.config import encoder_shapes
from mdgan_tf.hub.convert import convert, load_state_dict

torch = pytest.importorskip("torch")
nn = torch.nn
TINY = MDGANConfig.from_preset("mdgan_tiny")


class ReleasedGenerator(nn.Module):
    """The released MDGAN_S1_G / MDGAN_S2_G layout (official_code_notes.md) at any width:
    bias-free convs, additive skips after the decoder's BN and ReLU."""

    def __init__(self, config, skips):
        super().__init__()
        filters, n = config.generator_filters, len(config.generator_filters)
        bottleneck = encoder_shapes(config.frames, config.resolution, n, True)[-2]
        geometry = [((3, 4, 4), (1, 2, 2), 1)] + [(4, 2, 1)] * (n - 2) + [(bottleneck, 1, 0)]
        channels = (3,) + tuple(filters)
        self.n, self.skips = n, skips
        for k in range(1, n + 1):
            kernel, stride, pad = geometry[k - 1]
            setattr(self, f"downConv{k}", nn.Conv3d(channels[k - 1], channels[k], kernel,
                                                    stride, pad, bias=False))
            if 2 <= k <= n - 1:
                setattr(self, f"downBN{k}", nn.BatchNorm3d(channels[k]))
        for j in range(1, n + 1):
            mirror = n - j
            kernel, stride, pad = geometry[mirror]
            setattr(self, f"upConv{j}", nn.ConvTranspose3d(channels[mirror + 1], channels[mirror],
                                                           kernel, stride, pad, bias=False))
            if j <= n - 1:
                setattr(self, f"upBN{j}", nn.BatchNorm3d(channels[mirror]))

    def forward(self, x):
        encoded = []
        for k in range(1, self.n + 1):
            x = getattr(self, f"downConv{k}")(x)
            if 2 <= k <= self.n - 1:
                x = nn.functional.leaky_relu(getattr(self, f"downBN{k}")(x), 0.2)
            encoded.append(x)
        for j in range(1, self.n + 1):
            x = getattr(self, f"upConv{j}")(x)
            if j == self.n:
                return torch.tanh(x)
            x = torch.relu(getattr(self, f"upBN{j}")(x))
            if self.n - j in self.skips:
                x = x + encoded[self.n - j - 1]


def released(config, skips, seed):
    torch.manual_seed(seed)
    net = ReleasedGenerator(config, skips)
    with torch.no_grad():  # random BN statistics too, so inference-mode BN is exercised
        for module in net.modules():
            if isinstance(module, nn.BatchNorm3d):
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
                module.running_mean.uniform_(-0.1, 0.1)
                module.running_var.uniform_(0.5, 2.0)
            elif isinstance(module, (nn.Conv3d, nn.ConvTranspose3d)):
                module.weight.normal_(0.0, 0.1)
    return net.eval()


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    folder = tmp_path_factory.mktemp("released")
    g1, g2 = released(TINY, TINY.base_skips, 0), released(TINY, TINY.refine_skips, 1)
    # The released checkpoints came from nn.DataParallel: names start with "module.".
    torch.save({f"module.{k}": v for k, v in g1.state_dict().items()}, folder / "netG_S1_030.pth")
    torch.save(g2.state_dict(), folder / "netG_S2_067.pth")
    return folder, g1, g2


def test_converted_model_makes_the_released_generators_videos(checkpoints):
    folder, g1, g2 = checkpoints
    model = convert(MDGAN(TINY), folder / "netG_S1_030.pth", folder / "netG_S2_067.pth")
    photo = np.random.RandomState(3).uniform(-1, 1, (2, 32, 32, 3)).astype(np.float32)
    still = torch.from_numpy(photo).permute(0, 3, 1, 2)[:, :, None].repeat(1, 1, TINY.frames, 1, 1)
    with torch.no_grad():
        base = g1(still)
        refined = g2(base)
    for stage, theirs in ((1, base), (2, refined)):
        ours = model.generate(photo, stage=stage, value_range=(-1, 1), dtype="float32")
        np.testing.assert_allclose(ours, theirs.permute(0, 2, 3, 4, 1).numpy(), atol=1e-4)
    assert np.abs(refined.numpy()).mean() > 0.01  # not a trivially zero video


def test_convert_refuses_a_mismatched_preset(checkpoints):
    folder = checkpoints[0]
    wider = TINY.replace(generator_filters=(8, 8, 16, 16))
    with pytest.raises(ValueError, match=r"conv1.*needs shape .*pick the preset"):
        convert(MDGAN(wider), folder / "netG_S1_030.pth", None)


def test_convert_names_a_missing_tensor(checkpoints, tmp_path):
    folder, g1, _ = checkpoints
    state = g1.state_dict()
    del state["upBN2.running_var"]
    torch.save(state, tmp_path / "partial.pth")
    with pytest.raises(ValueError, match="upBN2.running_var is missing"):
        convert(MDGAN(TINY), tmp_path / "partial.pth", None)


def test_pickled_objects_are_refused(tmp_path):
    torch.save({"layer": object()}, tmp_path / "pickle.pth")
    with pytest.raises(ValueError, match="not a PyTorch state dict of tensors"):
        load_state_dict(tmp_path / "pickle.pth")


def test_mdgan_convert_writes_a_model_directory(checkpoints, tmp_path):
    folder, g1, _ = checkpoints
    out = tmp_path / "converted"
    result = subprocess.run(
        [sys.executable, "-m", "mdgan_tf.cli.convert", "--preset", "mdgan_tiny",
         "--stage1", str(folder / "netG_S1_030.pth"), "--stage2", str(folder / "netG_S2_067.pth"),
         "--output", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    model = MDGAN.from_pretrained(out)
    assert model.config == TINY
    direct = convert(MDGAN(TINY), folder / "netG_S1_030.pth", folder / "netG_S2_067.pth")
    photo = np.random.RandomState(4).randint(0, 256, (20, 30, 3)).astype(np.uint8)
    np.testing.assert_array_equal(model.generate(photo), direct.generate(photo))

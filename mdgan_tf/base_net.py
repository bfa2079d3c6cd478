"""Stage I, the Base-Net: G1 turns a still video of the first frame into a clip (eq. 3)."""

from mdgan_tf.discriminator import Discriminator
from mdgan_tf.gan import VideoGAN
from mdgan_tf.generator import base_generator, first_frames, still_video


class BaseNet(VideoGAN):
    """G1 against D1 with adversarial + L1 content loss."""

    def __init__(self, config, **kwargs):
        super().__init__(config, base_generator(config),
                         Discriminator(config, name="base_discriminator"), **kwargs)

    def generator_input(self, clips):
        return still_video(first_frames(clips), self.config.frames)

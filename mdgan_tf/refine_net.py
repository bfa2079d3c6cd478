"""Stage II, the Refine-Net: G2 refines G1's clip; Gram features of D2 rank it (eq. 7)."""

from mdgan_tf.discriminator import Discriminator
from mdgan_tf.gan import VideoGAN
from mdgan_tf.generator import base_generator, first_frames, refine_generator, still_video


class RefineNet(VideoGAN):
    """G2 against D2 with adversarial + lambda * ranking + L1 loss; G1 frozen.

    `stage1_generator` is the trained G1 (a fresh one if omitted, to load weights into). It is
    made non-trainable and always run in inference mode, so its BatchNorm statistics and
    weights are exactly those stage I produced.
    """

    def __init__(self, config, stage1_generator=None, **kwargs):
        super().__init__(config, refine_generator(config),
                         Discriminator(config, name="refine_discriminator"),
                         gram_layers=config.gram_layers, **kwargs)
        self.stage1_generator = stage1_generator or base_generator(config)
        self.stage1_generator.trainable = False

    def generator_input(self, clips):
        still = still_video(first_frames(clips), self.config.frames)
        return self.stage1_generator(still, training=False)

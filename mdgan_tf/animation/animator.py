"""PhotoAnimator: the photo animation task. The photo at its own size and aspect ratio,
its sky moved along the model's motion."""

import numpy as np

from mdgan_tf.errors import InputError
from mdgan_tf.animation.cloud_change import increments
from mdgan_tf.animation.rendering import PhotoAnimation
from mdgan_tf.generation.grid import SideBySide, StillFrames
from mdgan_tf.generation.video_generator import MOTION, VideoGenerator
from mdgan_tf.modeling.backbone import MDGANBackbone
from mdgan_tf.preprocessing.given_sky import given_sky
from mdgan_tf.preprocessing.limits import MAX_SIDE, check_speed


class PhotoAnimator:
    """Moves a photo at its own size along its backbone's motion.

    A G1 that moves the photo (`backbone.moves_photo`) gives its motion itself (`motion`),
    the same at both stages: a G2 that moves G1's frames again refines the model's own
    square video only. A painting G1's motion is read off the model's video of the photo,
    at the stage asked for, by optical flow (`PhotoAnimation.from_video`).

    Args:
        backbone: an `MDGANBackbone`.
        preprocessor: an `ImagePreprocessor` (a default one when omitted).

    Examples:
        >>> animator = PhotoAnimator.from_preset("mdgan_sky_synthetic_128")
        >>> frames = animator.animate(photo, frames=64, loop=True)   # 64 x H x W x 3 uint8
    """

    def __init__(self, backbone, preprocessor=None):
        self.generator = VideoGenerator(backbone, preprocessor)
        self.backbone, self.config = backbone, backbone.config
        self.preprocessor = self.generator.preprocessor

    @classmethod
    def from_preset(cls, name_or_path, **kwargs):
        """The task over `MDGANBackbone.from_preset(name_or_path, **kwargs)`."""
        return cls(MDGANBackbone.from_preset(name_or_path, **kwargs))

    def motion(self, photo, frames=None, max_pixels=None, *, wind=None):
        """The velocities a G1 that moves the photo gives one photo (told the heading
        `wind`, in degrees, where it can be: see `VideoGenerator.generate`).

        Longer than T, G1 runs again from the last frame of its clip, as the generator
        chains clips (a moved photo's frame 0 is exact, so no join needs smoothing).

        Returns:
            (frames - 1) x R x R x 2 float32: each frame's step from the one before, in
            pixels of the model's frame, as `PhotoAnimation` takes them.
        """
        return self.motion_and_change(photo, frames, max_pixels, wind=wind)[0]

    def motion_and_change(self, photo, frames=None, max_pixels=None, *, wind=None):
        """`motion`'s steps, and for a G1 that also changes the photo's colour
        (`backbone.changes_photo`) each frame's change from the one before: (frames - 1) x
        R x R x 3 in [-1, 1], at the place the frame shows it (else None)."""
        if not self.backbone.moves_photo:
            raise InputError("motion() needs a G1 that moves the photo (a 'warp' base_head); "
                             "this one paints frames: read their flow (PhotoAnimation."
                             "from_video)")
        length = self.generator.video_length(frames)
        start = self.preprocessor.model_input(photo, max_pixels=max_pixels)
        if len(start) != 1:
            raise InputError(f"motion() takes one photo, got {len(start)}")
        steps, changes, have = [], [], 0
        while have < length - 1:
            clip, velocity, *change = self.generator.run(MOTION, start, wind)
            steps.append(velocity[0, 1:].numpy())
            changes += [c.numpy() for c in change]
            have += len(steps[-1])
            start = clip[:, -1]
        if not steps:   # one frame: no step
            none = np.zeros((0, self.config.resolution, self.config.resolution, 3), np.float32)
            return none[..., :2], none if self.backbone.changes_photo else None
        change = increments(changes)[:length - 1] if changes else None
        return np.concatenate(steps)[:length - 1], change

    def animation(self, photo, frames=None, stage=2, speed=1.0, loop=False, max_side=MAX_SIDE,
                  max_pixels=None, video=None, *, wind=None, sky_mask=None):
        """The photo moved along the model's motion, made one frame at a time.

        Args:
            photo: one image, as `VideoGenerator.generate` takes it.
            frames: the length (T by default; longer videos follow the model's chained
                clips).
            stage: whose video's motion, for a painting G1.
            speed: scales the motion, from 0 (still) to 100.
            loop: the last frame flows into the first.
            max_side: the longest side of the output; a larger photo is shrunk to it (None:
                no limit).
            max_pixels: the largest photo accepted.
            video: a painting G1's uint8 video of the photo at `stage`, when already made:
                `frames` + 1 frames (its step from frame 0 is left out).
            wind: for a model told the wind, the heading in degrees its sky moves towards
                (None: it chooses, and its choice's speed is drawn along the horizon,
                the way it leans). At the photo's size only its part along the horizon is
                drawn (`animation.motion.sky_drift` says why).
            sky_mask: the sky to move, drawn by the user, for a photo whose sky is found
                wrongly: as `preprocessing.given_sky` takes it (an image file's path, white
                where the sky is, or an array), of the photo's shape at any size; None:
                the sky is found on the photo.

        Returns:
            A `PhotoAnimation`: frames H x W x 3 uint8 as it is iterated.
        """
        length = self.generator.video_length(frames)
        check_speed(speed)
        drawn = None if sky_mask is None else given_sky(sky_mask)
        # The sky is found on the photo as given, the video made at `max_side`.
        given = self.preprocessor.photo(photo, None, max_pixels)
        image = self.preprocessor.photo(given, max_side, max_pixels)
        source = None if image is given else given
        if self.backbone.moves_photo:
            steps, change = self.motion_and_change(image, length, max_pixels, wind=wind)
            # A G1 that can be told the wind chooses one any way when told none: its
            # speed is drawn along the horizon.
            return PhotoAnimation(image, steps, speed, loop, drift=True, change=change,
                                  heading=wind, full_speed=self.config.wind_condition,
                                  source=source, sky_mask=drawn)
        if video is None:
            video = self.generator.generate(image, stage=stage, frames=length + 1,
                                            max_pixels=max_pixels, wind=wind)[0]
        return PhotoAnimation.from_video(image, video, speed=speed, loop=loop, source=source,
                                         sky_mask=drawn)

    def animate(self, photo, frames=None, stage=2, speed=1.0, loop=False, max_side=MAX_SIDE,
                max_pixels=None, *, wind=None, sky_mask=None):
        """`animation(...)` made whole: frames x H x W x 3 uint8. For long videos of large
        photos, iterate `animation` instead, or let `write_video` stream it."""
        return np.stack(list(self.animation(photo, frames, stage, speed, loop, max_side,
                                            max_pixels, wind=wind, sky_mask=sky_mask)))

    def grid(self, photo, frames=None, speed=1.0, loop=False, max_side=MAX_SIDE,
             max_pixels=None, *, wind=None, sky_mask=None):
        """The photo still | moved along stage I's motion | along stage II's, side by side
        at the photo's size, made frame by frame (a `SideBySide`), the stages only where
        they differ: a G1 that moves the photo gives the one motion of both (its G2
        refines the model's own square video, not that motion), so its grid is the photo
        still | moved. Its `videos` are the panels: the last is stage II's."""
        given = self.preprocessor.photo(photo, None, max_pixels)
        image = self.preprocessor.photo(given, max_side, max_pixels)
        length = self.generator.video_length(frames)
        sky_mask = None if sky_mask is None else given_sky(sky_mask)   # read once
        if self.backbone.moves_photo:
            moved = [self.animation(given, length, 1, speed, loop, max_side, max_pixels,
                                    wind=wind, sky_mask=sky_mask)]
        else:
            base, refined = (video[0] for video in self.generator.generate_stages(
                image, frames=length + 1, max_pixels=max_pixels, wind=wind))
            moved = [self.animation(given, length, stage, speed, loop, max_side, max_pixels,
                                    video, sky_mask=sky_mask)
                     for stage, video in ((1, base), (2, refined))]
        return SideBySide([StillFrames(image, len(moved[0]))] + moved)


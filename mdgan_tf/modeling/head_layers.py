"""The layers of the generator heads (`modeling.heads`): what turns a generator's last
tanh output and its input video into its video."""

import keras

from mdgan_tf.modeling.warp import MoveFrames, WarpAndChange, WarpPhoto, first_frame_zeroed


def head_layer(head, resolution):
    """The layer of `head` for a generator of `resolution`, named as the weights files of
    the package's models have it."""
    layer, name = LAYERS[head.type]
    return layer(name=name, **head.layer_args(resolution))


class PaintFrames(keras.layers.Layer):
    """The generator's tanh output as its video (the input video is not used)."""

    def call(self, inputs):
        return inputs[1]

    def compute_output_shape(self, input_shapes):
        return input_shapes[1]


class AddCorrection(keras.layers.Layer):
    """The input video plus the generator's tanh output, frame 0 kept, clipped to [-1, 1]."""

    def call(self, inputs):
        video, correction = inputs
        return keras.ops.clip(video + first_frame_zeroed(correction), -1.0, 1.0)

    def compute_output_shape(self, input_shapes):
        return input_shapes[0]


LAYERS = {"paint": (PaintFrames, "frames"), "residual": (AddCorrection, "correction"),
          "warp": (WarpPhoto, "warp"), "warp_change": (WarpAndChange, "warp"),
          "move_frames": (MoveFrames, "move_frames")}

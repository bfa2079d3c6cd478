"""A forward pass with its weights frozen into constants, for inference.

Constant weights let TensorFlow's CPU kernels cache their re-laid-out filters and fold
BatchNorm into the convolutions; it is the same tool TensorFlow's own exporters use.
"""

import tensorflow as tf
from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2


def frozen(function, *specs):
    """`function` traced for inputs of `specs` with every variable it reads made a constant.

    Args:
        function: a Python function of one tensor per spec.
        specs: the `tf.TensorSpec` of each.

    Returns:
        A concrete function whose outputs are a list.
    """
    return convert_variables_to_constants_v2(tf.function(function).get_concrete_function(*specs))

"""Ask TF Serving for a time-lapse: the REST request body and the gRPC PredictRequest.

Serve an export (`mdgan-export`) first, e.g. the shipped one:

    mdgan-export --export_dir savedmodels/mdgan_sky_synthetic_64/1
    tensorflow_model_server --port=8500 --rest_api_port=8501 --model_name=mdgan \\
        --model_base_path="$PWD/savedmodels/mdgan_sky_synthetic_64"

then

    python examples/serving_client.py --image examples/sky.jpg --output frames/          # REST
    python examples/serving_client.py --image examples/sky.jpg --output frames/ --grpc   # gRPC
    python examples/serving_client.py --image examples/sky.jpg --print_rest_body > body.json
    curl -d @body.json http://localhost:8501/v1/models/mdgan:predict

The client needs TensorFlow (and `tensorflow-serving-api` for gRPC), not mdgan_tf.
"""

import base64
import json
import urllib.request
from pathlib import Path

import numpy as np
import tensorflow as tf
from absl import app, flags

FLAGS = flags.FLAGS


def define_flags():
    """The command line's flags, defined only when run as a script: imported beside
    mdgan-generate (as the tests import it), a second --image would clash."""
    flags.DEFINE_multi_string("image", ["examples/sky.jpg"], "JPEG/PNG photo(s) to send.")
    flags.DEFINE_string("output", "serving_frames", "Folder for the PNG frames of each video.")
    flags.DEFINE_string("host", "localhost", "TF Serving host.")
    flags.DEFINE_integer("rest_port", 8501, "TF Serving REST port.")
    flags.DEFINE_integer("grpc_port", 8500, "TF Serving gRPC port.")
    flags.DEFINE_string("model_name", "mdgan", "--model_name given to tensorflow_model_server.")
    flags.DEFINE_boolean("grpc", False, "Use gRPC instead of REST.")
    flags.DEFINE_boolean("print_rest_body", False, "Print the REST request body and exit.")


def rest_body(images):
    """The JSON body of POST /v1/models/<name>:predict. Binary inputs travel as {"b64": ...};
    `serving_default` has one input, `images`, so each instance is just the encoded photo."""
    return {"signature_name": "serving_default",
            "instances": [{"b64": base64.b64encode(data).decode("ascii")} for data in images]}


def videos_from_rest(response):
    """`predictions` of a REST response -> N x T x R x R x 3 uint8."""
    return np.asarray(response["predictions"], np.uint8)


def grpc_request(images, model_name):
    """A PredictRequest for `serving_default`: a 1-D string tensor of encoded photos."""
    from tensorflow_serving.apis import predict_pb2

    request = predict_pb2.PredictRequest()
    request.model_spec.name = model_name
    request.model_spec.signature_name = "serving_default"
    request.inputs["images"].CopyFrom(tf.make_tensor_proto(images, dtype=tf.string))
    return request


def videos_from_grpc(response):
    return tf.make_ndarray(response.outputs["videos"])


def predict_rest(images):
    url = f"http://{FLAGS.host}:{FLAGS.rest_port}/v1/models/{FLAGS.model_name}:predict"
    body = json.dumps(rest_body(images)).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return videos_from_rest(json.load(response))


def predict_grpc(images):
    import grpc
    from tensorflow_serving.apis import prediction_service_pb2_grpc

    channel = grpc.insecure_channel(f"{FLAGS.host}:{FLAGS.grpc_port}")
    stub = prediction_service_pb2_grpc.PredictionServiceStub(channel)
    return videos_from_grpc(stub.Predict(grpc_request(images, FLAGS.model_name), 120.0))


def main(argv):
    del argv
    images = [Path(path).read_bytes() for path in FLAGS.image]
    if FLAGS.print_rest_body:
        print(json.dumps(rest_body(images)))
        return
    videos = predict_grpc(images) if FLAGS.grpc else predict_rest(images)
    for path, video in zip(FLAGS.image, videos):
        folder = Path(FLAGS.output) / Path(path).stem
        folder.mkdir(parents=True, exist_ok=True)
        for t, frame in enumerate(video):
            tf.io.write_file(str(folder / f"frame_{t:04d}.png"), tf.io.encode_png(frame))
        print(f"{path} -> {folder}/ ({len(video)} frames)")


if __name__ == "__main__":
    define_flags()
    app.run(main)

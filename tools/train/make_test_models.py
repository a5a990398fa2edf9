"""Writes the tiny ONNX detectors the detection tests run (no training involved).

Each model computes the per-channel mean of its input image, m = (mean R, mean G, mean B), and outputs
    raw = BASE + m @ WEIGHTS
shaped like a real YOLO export, so the expected detections can be checked by hand and distinct images
give distinct results (which the batching tests rely on).

    /usr/bin/python3 tools/train/make_test_models.py tests/IceCheckout.Detection.Tests/Models
"""
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

NAMES = {0: "red_bar", 1: "green_cone", 2: "blue's cup"}
NC = len(NAMES)

# Anchors in input pixels of a 96x64 (w x h) input: cx, cy, w, h, then one score per class.
ANCHORS = np.array(
    [
        [20, 20, 10, 10, 0.90, 0.10, 0.05],  # class 0, kept
        [21, 21, 10, 10, 0.80, 0.00, 0.00],  # class 0, IoU 0.68 with the first: suppressed by NMS
        [21, 21, 10, 10, 0.00, 0.70, 0.00],  # class 1 on the same spot: kept (NMS is per class)
        [50, 40, 8, 6, 0.00, 0.00, 0.20],    # class 2, below 0.25 unless the image is blue
    ],
    dtype=np.float32,
)

# How the mean colour moves anchor 3: cx -= 20 * mean R; score of class 2 += 0.7 * mean B.
def anchor_weights():
    w = np.zeros((3, ANCHORS.shape[0], 4 + NC), dtype=np.float32)
    w[0, 3, 0] = -20.0
    w[2, 3, 6] = 0.7
    return w


def v8_output(base, weights):
    """[N, 4+C] per anchor -> the YOLOv8/11 layout [4+C, N]."""
    return base.T.copy(), weights.transpose(0, 2, 1).copy()


def v5_output(base, weights):
    """[N, 4+C] per anchor -> the YOLOv5 layout [N, 5+C] with objectness; class score = obj * cls."""
    n = base.shape[0]
    out = np.zeros((n, 5 + NC), dtype=np.float32)
    out[:, :4] = base[:, :4]
    scores = base[:, 4:]
    obj = scores.max(axis=1)
    out[:, 4] = obj
    out[:, 5:] = np.divide(scores, obj[:, None], out=np.zeros_like(scores), where=obj[:, None] > 0)
    w = np.zeros((3, n, 5 + NC), dtype=np.float32)
    w[:, :, :4] = weights[:, :, :4]
    # Anchor 3 has only class 2: move its objectness and keep its class score at 1.
    w[:, 3, 4] = weights[:, 3, 6]
    out[3, 4 + 1 + 2] = 1.0
    return out, w


def build(path, out_base, out_weights, input_dims, metadata):
    rows, cols = out_base.shape
    nodes = [
        helper.make_node("ReduceMean", ["images"], ["means"], axes=[2, 3], keepdims=0),
        helper.make_node("MatMul", ["means", "weights"], ["shift"]),
        helper.make_node("Add", ["shift", "base"], ["flat"]),
        helper.make_node("Reshape", ["flat", "shape"], ["output0"]),
    ]
    initializers = [
        numpy_helper.from_array(out_weights.reshape(3, rows * cols), "weights"),
        numpy_helper.from_array(out_base.reshape(1, rows * cols), "base"),
        numpy_helper.from_array(np.array([-1, rows, cols], dtype=np.int64), "shape"),
    ]
    batch = input_dims[0]
    graph = helper.make_graph(
        nodes,
        "tiny_detector",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, input_dims)],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [batch, rows, cols])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="icecheckout-tests")
    model.ir_version = 8
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    onnx.save(model, path)


def main():
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/IceCheckout.Detection.Tests/Models")
    target.mkdir(parents=True, exist_ok=True)
    names = "{" + ", ".join(f"{k}: {v!r}" for k, v in NAMES.items()) + "}"
    weights = anchor_weights()

    base, w = v8_output(ANCHORS, weights)
    # Dynamic batch, height and width (as `export(dynamic=True)` writes them): the size comes from `imgsz`.
    build(target / "yolov8-tiny.onnx", base, w, ["batch", 3, "height", "width"],
          {"names": names, "imgsz": "[64, 96]", "stride": "32", "task": "detect"})
    # Fixed batch of one and no names: the service runs one image at a time and names classes by index. Without
    # names the layout is told by the longer axis being the anchors, so four empty anchors make them outnumber the rows.
    padded = np.concatenate([ANCHORS, np.zeros((4, 4 + NC), dtype=np.float32)])
    padded_weights = np.concatenate([weights, np.zeros((3, 4, 4 + NC), dtype=np.float32)], axis=1)
    base, w = v8_output(padded, padded_weights)
    build(target / "yolov8-fixed-batch.onnx", base, w, [1, 3, 64, 96], {"imgsz": "[64, 96]"})
    base, w = v8_output(ANCHORS, weights)

    base, w = v5_output(ANCHORS, weights)
    # Size from the input shape, no `imgsz`.
    build(target / "yolov5-tiny.onnx", base, w, ["batch", 3, 64, 96], {"names": names, "stride": "32"})


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Accuracy of the detector on a labelled YOLO-format set.

Runs the EXPORTED ONNX model with onnxruntime when it is importable, else with OpenCV's DNN
module (same ONNX file), else the torch checkpoint given with --weights.

Figures:
  mAP@0.5 and mAP@0.5:0.95: COCO-style 101-point interpolated AP per class, averaged over
      the classes present; detections with score >= 0.001, per-class NMS IoU --iou, max 100.
  exact trays: share of images whose per-class counts of the detections as the Detection
      service serves them (best class per box, score >= --conf, per-class NMS IoU --iou, then
      cross-class NMS IoU --cross-iou) equal the labelled counts.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from data import YoloDataset  # noqa: E402
from metrics import SERVED_CONF, SERVED_CROSS_IOU, evaluate_dets, postprocess, postprocess_served  # noqa: E402


class OrtRunner:
    name = "onnxruntime"

    def __init__(self, path):
        import onnxruntime as ort
        self.s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        self.inp = self.s.get_inputs()[0].name

    def __call__(self, x):
        return self.s.run(None, {self.inp: x})[0]


class CvRunner:
    name = "opencv-dnn"

    def __init__(self, path):
        import cv2
        self.net = cv2.dnn.readNetFromONNX(path)

    def __call__(self, x):
        outs = []
        for i in range(len(x)):  # one image at a time: the batch axis is dynamic
            self.net.setInput(x[i:i + 1])
            outs.append(self.net.forward())
        return np.concatenate(outs, 0)


class TorchRunner:
    name = "torch"

    def __init__(self, weights, imgsz):
        import torch
        from export import load_checkpoint
        from model import ExportWrapper
        model, ck = load_checkpoint(weights)
        self.torch = torch
        self.m = ExportWrapper(model, imgsz).eval()

    def __call__(self, x):
        with self.torch.no_grad():
            return self.m(self.torch.from_numpy(x)).numpy()


def make_runner(model_path, weights, backend, imgsz):
    order = [backend] if backend != "auto" else ["onnxruntime", "opencv", "torch"]
    errors = []
    for b in order:
        try:
            if b == "onnxruntime" and model_path:
                return OrtRunner(model_path)
            if b == "opencv" and model_path:
                return CvRunner(model_path)
            if b == "torch" and weights:
                return TorchRunner(weights, imgsz)
        except Exception as e:  # backend missing or cannot read the model
            errors.append(f"{b}: {e}")
    raise SystemExit("no backend could run the model: " + "; ".join(errors))


def model_image_size(model_path, weights):
    if model_path:
        try:
            from onnx_meta import image_size, read_metadata
            return image_size(read_metadata(model_path), 320)
        except ImportError:
            return 320
    import torch
    return torch.load(weights, map_location="cpu").get("imgsz", 320)


def open_set(args):
    """The labelled set at the model's input size (or --imgsz) and a runner for the model: (ds, runner, imgsz)."""
    imgsz = args.imgsz or model_image_size(args.model, args.weights)
    ds = YoloDataset(args.data, args.split, imgsz, cache=False)
    if not len(ds):
        raise SystemExit(f"no images in split {args.split!r} of {args.data}")
    return ds, make_runner(args.model, args.weights, args.backend, imgsz), imgsz


def model_outputs(ds, runner, batch):
    """Yields (model output (4 + nc, N), labelled boxes) for every image of the data set, in order."""
    for s in range(0, len(ds), batch):
        imgs, boxes = zip(*[ds.load(i) for i in range(s, min(len(ds), s + batch))])
        x = np.ascontiguousarray(np.stack(imgs).transpose(0, 3, 1, 2), dtype=np.float32) / 255.0
        yield from zip(runner(x), boxes)


def run(args):
    ds, runner, args.imgsz = open_set(args)
    dets, served, gts = [], [], []
    t0 = time.time()
    for o, b in model_outputs(ds, runner, args.batch):
        dets.append(postprocess(o, conf_thr=0.001, iou_thr=args.iou))
        served.append(postprocess_served(o, conf_thr=args.conf, iou_thr=args.iou, cross_iou_thr=args.cross_iou))
        gts.append(b)
    dt = time.time() - t0
    r = evaluate_dets(dets, gts, ds.d["nc"], served=served)
    names = ds.d["names"]
    print(f"model: {args.model if runner.name != 'torch' else args.weights} (run with {runner.name}, input {args.imgsz}x{args.imgsz})")
    print(f"data:  {args.data} split {args.split}: {r['images']} images, {r['objects']} objects")
    print(f"mAP@0.5      = {r['map50']:.4f}   (COCO 101-point, dets score >= 0.001, per-class NMS IoU {args.iou})")
    print(f"mAP@0.5:0.95 = {r['map50_95']:.4f}")
    print(f"exact trays  = {r['exact_tray']:.4f}   (per-class counts of the served detections: best class per box, score >= {args.conf}, "
          f"per-class NMS IoU {args.iou}, cross-class IoU {args.cross_iou})")
    if args.per_class:
        for c, ap in sorted(r["per_class_ap50"].items(), key=lambda kv: kv[1]):
            print(f"  AP50 {ap:.3f}  {names[c]}")
    if args.wrong:
        from collections import Counter
        for i, (d, g) in enumerate(zip(served, gts)):
            pc = Counter(d[:, 5].astype(int).tolist())
            gc = Counter(g[:, 0].astype(int).tolist())
            if pc != gc:
                miss = {names[k]: v for k, v in (gc - pc).items()}
                extra = {names[k]: v for k, v in (pc - gc).items()}
                print(f"  wrong: {os.path.basename(ds.files[i])} missing {miss} extra {extra}")
    print(f"({dt:.1f}s for {len(ds)} images)")
    if args.json:
        r["per_class_ap50"] = {names[c]: v for c, v in r["per_class_ap50"].items()}
        r.update({"conf": args.conf, "iou": args.iou, "cross_iou": args.cross_iou, "backend": runner.name, "ap": "COCO 101-point"})
        with open(args.json, "w") as f:
            json.dump(r, f, indent=1)
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="models/testset/data.yaml")
    ap.add_argument("--split", default="test")
    ap.add_argument("--model", default="models/ice-detector.onnx", help="exported ONNX model")
    ap.add_argument("--weights", default="", help="torch checkpoint, used when no ONNX backend is available")
    ap.add_argument("--backend", default="auto", choices=["auto", "onnxruntime", "opencv", "torch"])
    ap.add_argument("--imgsz", type=int, default=0, help="input size (default: the model's own, else 320)")
    ap.add_argument("--conf", type=float, default=SERVED_CONF, help="score threshold for the tray counts")
    ap.add_argument("--iou", type=float, default=0.5, help="per-class NMS IoU")
    ap.add_argument("--cross-iou", type=float, default=SERVED_CROSS_IOU,
                    help="boxes of different classes overlapping more are one product: the higher score counts (1 = off)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--per-class", action="store_true")
    ap.add_argument("--wrong", action="store_true", help="list the trays counted wrong")
    ap.add_argument("--json", default="", help="also write the figures to this file")
    run(ap.parse_args())


if __name__ == "__main__":
    main()

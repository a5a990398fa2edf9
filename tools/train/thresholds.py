#!/usr/bin/env python3
"""Which served thresholds count the trays of a labelled set best.

Runs the model once over the set (the same backends and pre-processing as evaluate.py) and prints the
exact-tray rate for every score threshold (--conf) and cross-class IoU (--cross-iou) in the grid, with the
pair to serve: the best rate; a tie goes to the higher score threshold, then to the lower cross-class IoU.
Choose on a validation set made like the test set, never on the test set itself; then set the pair as
Detection:ConfidenceThreshold and Detection:CrossClassIouThreshold.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from evaluate import model_outputs, open_set  # noqa: E402
from metrics import counts_right, pick_thresholds  # noqa: E402


def numbers(text):
    return [float(v) for v in text.split(",") if v.strip()]


def run(args):
    ds, runner, imgsz = open_set(args)
    confs, crosses = sorted(numbers(args.conf)), sorted(numbers(args.cross_iou))
    right = np.zeros((len(confs), len(crosses)), int)
    t0 = time.time()
    for out, boxes in model_outputs(ds, runner, args.batch):
        right += counts_right(out, boxes[:, 0], confs, crosses, args.iou)
    rates = right / len(ds)
    conf, cross = pick_thresholds(rates, confs, crosses)
    print(f"model: {args.model if runner.name != 'torch' else args.weights} (run with {runner.name}, input {imgsz}x{imgsz})")
    print(f"data:  {args.data} split {args.split}: {len(ds)} images; exact trays (per-class NMS IoU {args.iou}):")
    print("score \\ cross-class IoU " + "".join(f"{c:>8g}" for c in crosses))
    for a, c in enumerate(confs):
        print(f"{c:>24g}" + "".join(f"{rates[a, b]:8.4f}" for b in range(len(crosses))))
    best = rates[confs.index(conf), crosses.index(cross)]
    print(f"serve: score >= {conf:g}, cross-class IoU {cross:g}: exact trays {best:.4f} ({right.max()} of {len(ds)})")
    print(f"({time.time() - t0:.1f}s)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"images": len(ds), "conf": confs, "cross_iou": crosses, "exact_tray": rates.tolist(),
                       "serve": {"conf": conf, "cross_iou": cross, "exact_tray": best}}, f, indent=1)
    return conf, cross, rates


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="a labelled set that is NOT the test set")
    ap.add_argument("--split", default="val")
    ap.add_argument("--model", default="models/ice-detector.onnx", help="exported ONNX model")
    ap.add_argument("--weights", default="", help="torch checkpoint, used when no ONNX backend is available")
    ap.add_argument("--backend", default="auto", choices=["auto", "onnxruntime", "opencv", "torch"])
    ap.add_argument("--imgsz", type=int, default=0, help="input size (default: the model's own)")
    ap.add_argument("--conf", default="0.3,0.35,0.4,0.45,0.5,0.55,0.6", help="score thresholds to try, comma-separated")
    ap.add_argument("--cross-iou", default="0.5,0.6,0.7,0.8,1", help="cross-class IoUs to try (1 = off), comma-separated")
    ap.add_argument("--iou", type=float, default=0.5, help="per-class NMS IoU")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--json", default="", help="also write the grid and the choice to this file")
    run(ap.parse_args())


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The "sure" score: below it the kiosk asks the customer whether a cart line is right.

Runs the model over a labelled set, takes the detections as the Detection service serves them (evaluate.py's
thresholds) and calls each one right (a labelled product of its class, IoU >= 0.5, each product matched once)
or wrong (another product, or none). For every level of the grid it prints the share of wrong detections
below it (flagged, the errors the question catches) and the share of right ones below it (asked for nothing),
and the same per tray: wrong trays with at least one flagged line, right trays with one.

The level to serve: the lowest one that flags at least --errors-flagged of the wrong detections while
flagging at most --right-flagged of the right ones; when no level does both, the highest level within
--right-flagged (the most errors caught for that many questions). Choose on a set that is not a test set.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from evaluate import model_outputs, open_set  # noqa: E402
from metrics import SERVED_CONF, SERVED_CROSS_IOU, iou_matrix, postprocess_served  # noqa: E402


def judge(dets, gts, iou_thr=0.5):
    """Per served detection (highest score first): True when it matches an unmatched labelled product of its class."""
    right = np.zeros(len(dets), bool)
    if len(dets) == 0 or len(gts) == 0:
        return right
    ious = iou_matrix(dets[:, :4], gts[:, 1:5])
    taken = np.zeros(len(gts), bool)
    for i in np.argsort(-dets[:, 4]):
        candidates = np.nonzero((gts[:, 0] == dets[i, 5]) & ~taken & (ious[i] >= iou_thr))[0]
        if candidates.size:
            j = candidates[np.argmax(ious[i, candidates])]
            taken[j] = right[i] = True
    return right


def tray_is_right(dets, gts, nc):
    return np.array_equal(np.bincount(dets[:, 5].astype(int), minlength=nc), np.bincount(gts[:, 0].astype(int), minlength=nc))


def measure(scored, trays, levels):
    """scored: (score, right) of every served detection; trays: (lowest score on the tray, tray right) per tray."""
    scores = np.array([s for s, _ in scored], np.float64)
    right = np.array([r for _, r in scored], bool)
    lowest = np.array([t for t, _ in trays], np.float64)
    tray_right = np.array([r for _, r in trays], bool)
    rows = []
    for level in levels:
        rows.append({
            "level": level,
            "errors_flagged": float((scores[~right] < level).mean()) if (~right).any() else 0.0,
            "right_flagged": float((scores[right] < level).mean()) if right.any() else 0.0,
            "wrong_trays_asked": float((lowest[~tray_right] < level).mean()) if (~tray_right).any() else 0.0,
            "right_trays_asked": float((lowest[tray_right] < level).mean()) if tray_right.any() else 0.0,
        })
    return rows, int(right.sum()), int((~right).sum()), int(tray_right.sum()), int((~tray_right).sum())


def pick(rows, errors_flagged, right_flagged):
    within = [r for r in rows if r["right_flagged"] <= right_flagged]
    both = [r for r in within if r["errors_flagged"] >= errors_flagged]
    if both:
        return min(both, key=lambda r: r["level"])
    return max(within, key=lambda r: r["level"]) if within else min(rows, key=lambda r: r["level"])


def run(args):
    ds, runner, imgsz = open_set(args)
    nc = ds.d["nc"]
    scored, trays, missed = [], [], 0
    for out, gts in model_outputs(ds, runner, args.batch):
        dets = postprocess_served(out, conf_thr=args.conf, iou_thr=args.iou, cross_iou_thr=args.cross_iou)
        ok = judge(dets, gts)
        scored += list(zip(dets[:, 4].tolist(), ok.tolist()))
        missed += len(gts) - int(ok.sum())
        trays.append((float(dets[:, 4].min()) if len(dets) else 1.0, tray_is_right(dets, gts, nc)))
    levels = [round(v, 3) for v in np.arange(args.conf, 1.0, args.step)]
    rows, n_right, n_wrong, n_right_trays, n_wrong_trays = measure(scored, trays, levels)
    chosen = pick(rows, args.errors_flagged, args.right_flagged)
    if args.level:
        chosen = min(rows, key=lambda r: abs(r["level"] - args.level))
    print(f"data: {args.data} split {args.split}: {len(ds)} trays; served detections: {n_right} right, {n_wrong} wrong; "
          f"{missed} labelled products not found; trays: {n_right_trays} right, {n_wrong_trays} wrong")
    print(f"{'sure level':>10} {'errors flagged':>15} {'right flagged':>14} {'wrong trays asked':>18} {'right trays asked':>18}")
    for r in rows:
        mark = "  <-" if r is chosen else ""
        print(f"{r['level']:>10.2f} {r['errors_flagged']:>15.3f} {r['right_flagged']:>14.3f} "
              f"{r['wrong_trays_asked']:>18.3f} {r['right_trays_asked']:>18.3f}{mark}")
    how = "asked for" if args.level else f"chosen: the lowest level flagging >= {args.errors_flagged} of errors within {args.right_flagged} of right ones, else the highest within"
    print(f"sure level {chosen['level']:.2f} ({how})")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"trays": len(ds), "right": n_right, "wrong": n_wrong, "missed": missed, "rows": rows, "chosen": chosen}, f, indent=1)
    return chosen, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--split", default="val")
    ap.add_argument("--model", default="models/ice-detector.onnx")
    ap.add_argument("--weights", default="", help="torch checkpoint, used when no ONNX backend is available")
    ap.add_argument("--backend", default="auto", choices=["auto", "onnxruntime", "opencv", "torch"])
    ap.add_argument("--imgsz", type=int, default=0)
    ap.add_argument("--conf", type=float, default=SERVED_CONF, help="the served score threshold (the lowest level)")
    ap.add_argument("--cross-iou", type=float, default=SERVED_CROSS_IOU)
    ap.add_argument("--iou", type=float, default=0.5)
    ap.add_argument("--step", type=float, default=0.05)
    ap.add_argument("--errors-flagged", type=float, default=0.8)
    ap.add_argument("--right-flagged", type=float, default=0.1)
    ap.add_argument("--level", type=float, default=0.0, help="report this level instead of choosing one (a held-out set)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--json", default="")
    run(ap.parse_args())


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Corrections kept by Cart -> a YOLO data set that tools/train/train.py can mix with the generated trays.

    /usr/bin/python3 tools/corrections/export.py --store services/Cart/.data/corrections --out datasets/corrections \
        [--labels models/labels.txt] [--mix-with tools/datagen/ice-cam.yaml]

Each scan folder holds its frames, scan.json (the scan as served) and, once a shopper corrected it, correction.json.
A frame becomes a training image when every box on it is settled: confirmed and relabelled boxes are its labels,
removed boxes (nothing the store sells) are left out. A frame with an ambiguous box (fewer units kept than boxes),
a product without a box, or a label the model does not know is copied to annotate/ and listed in
needs-annotation.csv for a person to draw: nothing is guessed.
"""
import argparse
import csv
import json
import os
import shutil
import sys

import yaml

SETTLED = ("confirmed", "relabelled")


def read_labels(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def yolo_line(box, cls, width, height):
    """class cx cy w h, normalised, from a box in pixels (x, y of its top left corner)."""
    x = min(max(box["x"], 0.0), width)
    y = min(max(box["y"], 0.0), height)
    w = min(box["width"], width - x)
    h = min(box["height"], height - y)
    return f"{cls} {(x + w / 2) / width:.6f} {(y + h / 2) / height:.6f} {w / width:.6f} {h / height:.6f}"


def judge_frame(record, frame, classes):
    """(label lines, reasons the frame needs annotation)."""
    boxes = [b for b in record["boxes"] if b["frame"] == frame["index"]]
    missing = [p for p in record["productsWithoutBox"] if p["frame"] == frame["index"]]
    reasons = []
    if any(b["verdict"] == "ambiguous" for b in boxes):
        reasons.append("ambiguous box")
    for p in missing:
        reasons.append(f"{p['missing']} x {p['label'] or 'product ' + str(p['productId'])} without a box")
    lines = []
    for b in boxes:
        if b["verdict"] not in SETTLED:
            continue
        if b["finalLabel"] not in classes:
            reasons.append(f"label {b['finalLabel']} unknown to the model")
            continue
        lines.append(yolo_line(b["box"], classes[b["finalLabel"]], frame["width"], frame["height"]))
    return lines, reasons


def export(store, out, names, mix_with=None):
    classes = {name: i for i, name in enumerate(names)}
    images = os.path.join(out, "images", "train")
    labels = os.path.join(out, "labels", "train")
    annotate = os.path.join(out, "annotate")
    for folder in (images, labels, annotate):
        os.makedirs(folder, exist_ok=True)
    exported, listed = 0, []
    for scan in sorted(os.listdir(store)) if os.path.isdir(store) else []:
        record_path = os.path.join(store, scan, "correction.json")
        if not os.path.isfile(record_path):
            continue
        with open(record_path, encoding="utf-8") as f:
            record = json.load(f)
        for frame in record["frames"]:
            source = os.path.join(store, scan, frame["file"])
            if not os.path.isfile(source):
                continue
            name = f"{scan}-{frame['index']}{os.path.splitext(frame['file'])[1]}"
            lines, reasons = judge_frame(record, frame, classes)
            if reasons:
                shutil.copyfile(source, os.path.join(annotate, name))
                listed.append({"image": os.path.join("annotate", name), "scanId": record["scanId"], "frame": frame["index"],
                               "reasons": "; ".join(reasons),
                               "settledBoxes": json.dumps([b for b in record["boxes"] if b["frame"] == frame["index"] and b["verdict"] in SETTLED])})
                continue
            shutil.copyfile(source, os.path.join(images, name))
            with open(os.path.join(labels, os.path.splitext(name)[0] + ".txt"), "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in lines))
            exported += 1
    with open(os.path.join(out, "needs-annotation.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["image", "scanId", "frame", "reasons", "settledBoxes"])
        writer.writeheader()
        writer.writerows(listed)
    data = {"path": os.path.abspath(out), "train": "images/train", "val": "images/train", "nc": len(names),
            "names": dict(enumerate(names))}
    with open(os.path.join(out, "data.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(data, f, allow_unicode=True, sort_keys=False)
    if mix_with:
        write_mix(mix_with, out, names)
    return exported, len(listed)


def write_mix(base_yaml, out, names):
    """data-mixed.yaml: the base data set's splits with the corrections added to its training images."""
    with open(base_yaml, encoding="utf-8") as f:
        base = yaml.safe_load(f)
    base_names = base["names"]
    base_names = [base_names[k] for k in sorted(base_names, key=int)] if isinstance(base_names, dict) else list(base_names)
    if base_names != list(names):
        sys.exit(f"{base_yaml} names other classes than the labels file; the corrections cannot be mixed in")
    root = base.get("path") or "."
    if not os.path.isabs(root):
        root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(base_yaml)), root))
    train = base["train"] if isinstance(base["train"], list) else [base["train"]]
    mixed = dict(base, path=root, train=[*train, os.path.join(os.path.abspath(out), "images", "train")])
    with open(os.path.join(out, "data-mixed.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(mixed, f, allow_unicode=True, sort_keys=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="Cart's corrections folder (Cart:Corrections:Folder)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--labels", default=os.path.join(os.path.dirname(__file__), "..", "..", "models", "labels.txt"))
    parser.add_argument("--mix-with", help="a generated data set's yaml: writes data-mixed.yaml with the corrections added")
    args = parser.parse_args()
    exported, listed = export(args.store, args.out, read_labels(args.labels), args.mix_with)
    print(f"{exported} frames exported with labels, {listed} listed for annotation in {os.path.join(args.out, 'needs-annotation.csv')}")


if __name__ == "__main__":
    main()

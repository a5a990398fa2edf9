"""A correction as Cart writes it becomes label files; frames that would need a guess are listed instead."""
import csv
import json
import os

import yaml

from conftest import TOOLS, run_tool

EXPORT = os.path.join(TOOLS, "corrections", "export.py")
NAMES = ["melona", "melona_strawberry", "bibibig"]


def write_scan(store, scan_id, boxes, without_box, frame=(b"\xff\xd8fake-jpeg", 640, 480)):
    folder = store / scan_id
    folder.mkdir(parents=True)
    (folder / "frame-0.jpg").write_bytes(frame[0])
    record = {
        "scanId": scan_id, "cartId": "c", "scannedAt": "2026-12-01T10:00:00Z", "correctedAt": "2026-12-01T10:01:00Z",
        "frames": [{"index": 0, "file": "frame-0.jpg", "contentType": "image/jpeg", "width": frame[1], "height": frame[2]}],
        "detections": [], "corrections": [], "finalProducts": [],
        "boxes": boxes, "productsWithoutBox": without_box,
    }
    (folder / "correction.json").write_text(json.dumps(record), encoding="utf-8")


def box(verdict, served, final, x, y, w, h):
    return {"frame": 0, "box": {"x": x, "y": y, "width": w, "height": h}, "servedLabel": served, "servedProductId": 1,
            "verdict": verdict, "finalLabel": final, "finalProductId": 2 if final else None}


def test_confirmed_and_relabelled_boxes_become_labels_and_removed_ones_do_not(tmp_path):
    store, out, labels = tmp_path / "store", tmp_path / "out", tmp_path / "labels.txt"
    labels.write_text("\n".join(NAMES) + "\n", encoding="utf-8")
    write_scan(store, "a1", [
        box("confirmed", "melona", "melona", 64, 48, 128, 96),
        box("relabelled", "melona", "bibibig", 320, 240, 64, 48),
        box("removed", "melona_strawberry", None, 0, 0, 10, 10),
    ], [])
    write_scan(store, "b2", [box("ambiguous", "melona", None, 0, 0, 10, 10)], [])
    write_scan(store, "c3", [box("confirmed", "melona", "melona", 0, 0, 10, 10)],
               [{"frame": 0, "productId": 2, "label": "melona_strawberry", "missing": 1}])

    output = run_tool(EXPORT, "--store", str(store), "--out", str(out), "--labels", str(labels))

    assert "1 frames exported" in output
    label_file = out / "labels" / "train" / "a1-0.txt"
    assert label_file.read_text(encoding="utf-8").splitlines() == [
        "0 0.200000 0.200000 0.200000 0.200000",
        "2 0.550000 0.550000 0.100000 0.100000",
    ]
    assert (out / "images" / "train" / "a1-0.jpg").read_bytes() == b"\xff\xd8fake-jpeg"
    with open(out / "needs-annotation.csv", encoding="utf-8") as f:
        rows = {row["scanId"]: row for row in csv.DictReader(f)}
    assert set(rows) == {"b2", "c3"}
    assert rows["b2"]["reasons"] == "ambiguous box"
    assert rows["c3"]["reasons"] == "1 x melona_strawberry without a box"
    assert (out / rows["c3"]["image"]).is_file()
    assert not (out / "labels" / "train" / "c3-0.txt").exists()
    data = yaml.safe_load((out / "data.yaml").read_text(encoding="utf-8"))
    assert data["names"] == {0: "melona", 1: "melona_strawberry", 2: "bibibig"}


def test_the_export_mixes_into_a_generated_data_set_that_train_can_read(tmp_path, dataset):
    import sys
    sys.path.insert(0, os.path.join(TOOLS, "train"))
    from data import load_data_yaml, split_images

    base = yaml.safe_load((dataset / "data.yaml").read_text(encoding="utf-8"))
    names = [base["names"][k] for k in sorted(base["names"], key=int)] if isinstance(base["names"], dict) else base["names"]
    store, out, labels = tmp_path / "store", tmp_path / "out", tmp_path / "labels.txt"
    labels.write_text("\n".join(names) + "\n", encoding="utf-8")
    write_scan(store, "d4", [box("confirmed", names[0], names[0], 10, 10, 100, 100)], [])

    run_tool(EXPORT, "--store", str(store), "--out", str(out), "--labels", str(labels), "--mix-with", str(dataset / "data.yaml"))

    mixed = load_data_yaml(str(out / "data-mixed.yaml"))
    train = split_images(mixed, "train")
    generated = split_images(load_data_yaml(str(dataset / "data.yaml")), "train")
    assert len(train) == len(generated) + 1
    assert str(out / "images" / "train" / "d4-0.jpg") in train

import filecmp
import os

import numpy as np

from conftest import TOOLS, run_tool

from gen import DEFAULT_PRODUCTS, load_products

PRODUCTS = load_products(DEFAULT_PRODUCTS)


def generate(out, *extra):
    run_tool(os.path.join(TOOLS, "datagen", "gen.py"), "dataset", "--out", str(out), "--seed", "11",
             "--train", "3", "--val", "0", *extra)


def test_the_same_seed_gives_the_same_trays_whatever_the_number_of_workers(tmp_path):
    generate(tmp_path / "one", "--workers", "1")
    generate(tmp_path / "two", "--workers", "2")
    for sub in ("images/train", "labels/train"):
        names = sorted(os.listdir(tmp_path / "one" / sub))
        assert len(names) == 3
        match, mismatch, errors = filecmp.cmpfiles(tmp_path / "one" / sub, tmp_path / "two" / sub, names, shallow=False)
        assert (mismatch, errors) == ([], [])


def test_another_seed_gives_other_trays(tmp_path):
    generate(tmp_path / "a", "--workers", "1")
    run_tool(os.path.join(TOOLS, "datagen", "gen.py"), "dataset", "--out", str(tmp_path / "b"), "--seed", "12",
             "--train", "3", "--val", "0", "--workers", "1")
    a = (tmp_path / "a" / "labels" / "train" / "train_000000.txt").read_text()
    b = (tmp_path / "b" / "labels" / "train" / "train_000000.txt").read_text()
    assert a != b


def test_labels_are_normalised_boxes_of_catalogue_products(dataset):
    rows = []
    for name in os.listdir(dataset / "labels" / "train"):
        rows += [line.split() for line in (dataset / "labels" / "train" / name).read_text().splitlines()]
    assert rows, "the generated trays hold no products"
    labels = np.array(rows, np.float64)
    assert set(labels[:, 0].astype(int)) <= set(range(len(PRODUCTS)))
    cx, cy, w, h = labels[:, 1], labels[:, 2], labels[:, 3], labels[:, 4]
    assert (w > 0).all() and (h > 0).all()
    assert (cx - w / 2 >= -1e-6).all() and (cx + w / 2 <= 1 + 1e-6).all()
    assert (cy - h / 2 >= -1e-6).all() and (cy + h / 2 <= 1 + 1e-6).all()


def test_data_yaml_names_the_products_in_catalogue_order(dataset):
    from data import load_data_yaml
    d = load_data_yaml(str(dataset / "data.yaml"))
    assert d["names"] == [p["label"] for p in PRODUCTS]
    assert d["nc"] == len(PRODUCTS)


def test_heavier_overlaps_cover_more_of_the_products_below():
    import random
    from packart import render_product
    from scenes import compose

    arts = [render_product(p, i) for i, p in enumerate(PRODUCTS)]
    cats = [p.get("category", "bar") for p in PRODUCTS]

    def covered_share(keep_visible):
        # share of the area of all boxes that lies under two or more boxes, over a few crowded trays
        shared = total = 0
        for i in range(6):
            _, boxes = compose(arts, cats, random.Random(f"overlap/{i}"), 320, 240, min_items=8, max_items=8,
                               keep_visible=keep_visible)
            cover = np.zeros((240, 320), np.int32)
            for _, x0, y0, x1, y1 in boxes:
                cover[int(y0):int(y1), int(x0):int(x1)] += 1
            shared += int((cover >= 2).sum())
            total += int((cover >= 1).sum())
        return shared / total

    assert covered_share(0.3) > covered_share(0.9)

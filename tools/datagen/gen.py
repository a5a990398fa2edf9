#!/usr/bin/env python3
"""IceCheckout synthetic data generator.

  art:      render package art for every product -> <out>/<label>.png
  dataset:  compose tray scenes in the YOLO data-set format (images/, labels/, data.yaml)

Everything is driven by --seed: the same seed and arguments give the same files.
Scene i of split s uses its own seed derived from (seed, split, i), so the result does not
depend on the number of worker processes.
"""
import argparse
import json
import os
import random
import sys
import time
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from camera import TIERS, jpeg_bytes, strength  # noqa: E402
from packart import render_product  # noqa: E402
from scenes import compose  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_PRODUCTS = os.path.join(REPO, "services", "Catalog", "Infrastructure", "Seed", "products.json")
DEFAULT_ART = os.path.join(REPO, "services", "Catalog", "Infrastructure", "Seed", "images")
DEFAULT_SIZES = os.path.join(REPO, "services", "Catalog", "Infrastructure", "Seed", "product-sizes.json")


def load_products(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return data["products"] if isinstance(data, dict) else data


def load_sizes(path, products):
    """(length, width) in mm of every product, in product order; a product without a size is an error."""
    with open(path, encoding="utf-8") as f:
        sizes = json.load(f)["sizes"]
    missing = [p["label"] for p in products if p["label"] not in sizes]
    if missing:
        raise SystemExit(f"{path} has no size for {', '.join(missing)}")
    return [(float(sizes[p["label"]]["length"]), float(sizes[p["label"]]["width"])) for p in products]


def cmd_art(args):
    products = load_products(args.products)
    os.makedirs(args.out, exist_ok=True)
    for i, p in enumerate(products):
        img = render_product(p, i)
        path = os.path.join(args.out, p["label"] + ".png")
        img.save(path, optimize=True)
        print(f"{path} {img.size[0]}x{img.size[1]}")


_W = {}


def _init_worker(products, width, height, quality, max_items, keep_visible, sizes=None, camera=None):
    _W["sizes"] = sizes
    _W["camera"] = camera
    _W["arts"] = [render_product(p, i) for i, p in enumerate(products)]
    _W["cats"] = [p.get("category", "bar") for p in products]
    _W["size"] = (width, height)
    _W["quality"] = quality
    _W["max_items"] = max_items
    _W["keep_visible"] = keep_visible


def _make_one(job):
    out, split, seed, idx, sub = job
    rng = random.Random(f"{seed}/{split}/{idx}")
    W, H = _W["size"]
    s = None if _W["camera"] is None else strength(_W["camera"], rng)
    s = None if s == 0 else s
    img, boxes = compose(_W["arts"], _W["cats"], rng, W, H, max_items=_W["max_items"], keep_visible=_W["keep_visible"],
                         sizes=_W["sizes"], camera=s)
    name = f"{split}_{idx:06d}"
    if s is None:
        q = _W["quality"] if _W["quality"] > 0 else rng.randint(60, 95)
        img.save(os.path.join(out, "images", sub, name + ".jpg"), quality=q)
    else:
        with open(os.path.join(out, "images", sub, name + ".jpg"), "wb") as f:
            f.write(jpeg_bytes(img, rng, s))
    with open(os.path.join(out, "labels", sub, name + ".txt"), "w") as f:
        for c, x0, y0, x1, y1 in boxes:
            f.write(f"{c} {(x0 + x1) / 2 / W:.6f} {(y0 + y1) / 2 / H:.6f} {(x1 - x0) / W:.6f} {(y1 - y0) / H:.6f}\n")
    return len(boxes)


def write_yaml(out, names, splits, abs_path=True, flat=False):
    lines = [f"path: {os.path.abspath(out) if abs_path else '.'}"]
    if flat:
        # one held-out split in images/ and labels/ (also usable as a validation set)
        lines += ["val: images", "test: images"]
    for s in ("train", "val", "test"):
        if s in splits and not flat:
            lines.append(f"{s}: images/{s}")
    lines.append(f"nc: {len(names)}")
    lines.append("names:")
    for i, n in enumerate(names):
        lines.append(f"  {i}: {n}")
    with open(os.path.join(out, "data.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")


def cmd_dataset(args):
    products = load_products(args.products)
    names = [p["label"] for p in products]
    splits = {"train": args.train, "val": args.val, "test": args.test}
    splits = {k: v for k, v in splits.items() if v > 0}
    if args.flat and len(splits) != 1:
        raise SystemExit("--flat needs exactly one split (e.g. --train 0 --val 0 --test 48)")
    for s in splits:
        sub = "" if args.flat else s
        os.makedirs(os.path.join(args.out, "images", sub), exist_ok=True)
        os.makedirs(os.path.join(args.out, "labels", sub), exist_ok=True)
    jobs = [(args.out, s, args.seed, i, "" if args.flat else s) for s, n in splits.items() for i in range(n)]
    t0 = time.time()
    sizes = load_sizes(args.sizes, products) if args.real_sizes or args.camera else None
    init = (products, args.width, args.height, args.quality, args.max_items, args.keep_visible, sizes, args.camera)
    nboxes = 0
    if args.workers > 1:
        with Pool(args.workers, initializer=_init_worker, initargs=init) as pool:
            for k, nb in enumerate(pool.imap(_make_one, jobs, chunksize=16)):
                nboxes += nb
                if (k + 1) % 500 == 0:
                    print(f"{k + 1}/{len(jobs)} scenes, {time.time() - t0:.0f}s", flush=True)
    else:
        _init_worker(*init)
        for k, job in enumerate(jobs):
            nboxes += _make_one(job)
            if (k + 1) % 500 == 0:
                print(f"{k + 1}/{len(jobs)} scenes, {time.time() - t0:.0f}s", flush=True)
    write_yaml(args.out, names, splits, abs_path=not (args.relative_yaml or args.flat), flat=args.flat)
    print(f"wrote {len(jobs)} scenes, {nboxes} boxes to {args.out} in {time.time() - t0:.0f}s (seed {args.seed})")


def _camera(value):
    if value in TIERS or value == "mix":
        return value
    try:
        if 0 <= float(value) <= 1:
            return float(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"--camera takes {', '.join(TIERS)}, mix or a strength from 0 to 1, not {value!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--products", default=DEFAULT_PRODUCTS, help="products.json (class order = product order)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("art", help="render package art PNGs")
    a.add_argument("--out", default=DEFAULT_ART)
    d = sub.add_parser("dataset", help="compose tray scenes in YOLO format")
    d.add_argument("--out", required=True)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--train", type=int, default=4000)
    d.add_argument("--val", type=int, default=200)
    d.add_argument("--test", type=int, default=0)
    d.add_argument("--width", type=int, default=640)
    d.add_argument("--height", type=int, default=480)
    d.add_argument("--max-items", type=int, default=8)
    d.add_argument("--keep-visible", type=float, default=0.6,
                   help="place a product only if every product under it stays at least this share visible (lower = heavier overlaps)")
    d.add_argument("--quality", type=int, default=0, help="JPEG quality; 0 = random 60..95 per image")
    d.add_argument("--camera", default=None, type=_camera,
                   help="a real kiosk camera's conditions (tools/datagen/camera.py): easy, moderate, hard, a strength 0..1, "
                        "or mix (a random strength per tray, a fifth of them plain); implies --real-sizes; JPEG quality from the strength")
    d.add_argument("--real-sizes", action="store_true", help="products at their real relative sizes (--sizes) rather than one size per category")
    d.add_argument("--sizes", default=DEFAULT_SIZES, help="product-sizes.json: length and width in mm per label")
    d.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 1)))
    d.add_argument("--flat", action="store_true", help="single split written to images/ and labels/ (a fixed test set), relative yaml")
    d.add_argument("--relative-yaml", action="store_true", help="write path: . (data set relocatable, path resolved from the yaml's folder)")
    args = ap.parse_args()
    {"art": cmd_art, "dataset": cmd_dataset}[args.cmd](args)


if __name__ == "__main__":
    main()

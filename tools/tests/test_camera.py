"""The kiosk-camera options of the generator (gen.py --camera, --real-sizes; tools/datagen/camera.py) on tiny sets."""
import filecmp
import io
import os
import random

import numpy as np
import pytest
from PIL import Image

from conftest import TOOLS, run_tool

from gen import DEFAULT_PRODUCTS, DEFAULT_SIZES, load_products, load_sizes

REPO = os.path.abspath(os.path.join(TOOLS, ".."))
PRODUCTS = load_products(DEFAULT_PRODUCTS)
LABELS = [p["label"] for p in PRODUCTS]
GEN = os.path.join(TOOLS, "datagen", "gen.py")


@pytest.fixture(scope="module")
def arts():
    from packart import render_product
    return [render_product(p, i) for i, p in enumerate(PRODUCTS)]


def labels_of(folder):
    rows = []
    for name in sorted(os.listdir(folder)):
        rows += [line.split() for line in (folder / name).read_text().splitlines()]
    return np.array(rows, np.float64)


def test_the_default_options_still_draw_the_committed_test_set_byte_for_byte(tmp_path):
    run_tool(GEN, "dataset", "--out", str(tmp_path), "--seed", "20261122", "--train", "0", "--val", "0",
             "--test", "2", "--quality", "85", "--flat", "--workers", "1")
    committed = os.path.join(REPO, "models", "testset")
    for sub, names in (("images", ["test_000000.jpg", "test_000001.jpg"]), ("labels", ["test_000000.txt", "test_000001.txt"])):
        _, mismatch, errors = filecmp.cmpfiles(tmp_path / sub, os.path.join(committed, sub), names, shallow=False)
        assert (mismatch, errors) == ([], [])


def test_camera_trays_are_reproducible_whatever_the_number_of_workers_and_differ_from_plain_ones(tmp_path):
    for name, extra in (("one", ["--workers", "1"]), ("two", ["--workers", "2"]), ("plain", ["--workers", "1"])):
        camera = [] if name == "plain" else ["--camera", "hard"]
        run_tool(GEN, "dataset", "--out", str(tmp_path / name), "--seed", "5", "--train", "3", "--val", "0", *camera, *extra)
    names = sorted(os.listdir(tmp_path / "one" / "images" / "train"))
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "one" / "images" / "train", tmp_path / "two" / "images" / "train", names, shallow=False)
    assert (mismatch, errors) == ([], [])
    _, mismatch, _ = filecmp.cmpfiles(tmp_path / "one" / "images" / "train", tmp_path / "plain" / "images" / "train", names, shallow=False)
    assert mismatch == names


@pytest.mark.parametrize("camera", ["easy", "hard", "mix", "0.5"])
def test_camera_trays_are_labelled_with_boxes_inside_the_frame(tmp_path, camera):
    run_tool(GEN, "dataset", "--out", str(tmp_path), "--seed", "3", "--train", "4", "--val", "0", "--camera", camera, "--workers", "1")
    labels = labels_of(tmp_path / "labels" / "train")
    assert len(labels) > 0
    assert set(labels[:, 0].astype(int)) <= set(range(len(PRODUCTS)))
    cx, cy, w, h = labels[:, 1], labels[:, 2], labels[:, 3], labels[:, 4]
    assert (w > 0).all() and (h > 0).all()
    assert (cx - w / 2 >= -1e-6).all() and (cx + w / 2 <= 1 + 1e-6).all()
    assert (cy - h / 2 >= -1e-6).all() and (cy + h / 2 <= 1 + 1e-6).all()
    for name in os.listdir(tmp_path / "images" / "train"):
        with Image.open(tmp_path / "images" / "train" / name) as im:
            assert (im.format, im.size) == ("JPEG", (640, 480))


def test_an_unknown_camera_option_is_refused(tmp_path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, GEN, "dataset", "--out", str(tmp_path), "--camera", "terrible"], capture_output=True, text=True)
    assert result.returncode != 0 and "--camera takes" in result.stderr


def test_every_product_has_a_real_size_and_a_family_tub_is_larger_than_a_cup_larger_than_a_bar_is_wide():
    sizes = dict(zip(LABELS, load_sizes(DEFAULT_SIZES, PRODUCTS)))
    assert len(sizes) == len(PRODUCTS)
    assert all(length >= width > 0 for length, width in sizes.values())
    assert sizes["together"][0] > sizes["patbingsu"][0] > sizes["melona"][1]


def test_products_are_drawn_at_their_real_relative_sizes(arts):
    from scenes import compose
    sizes = load_sizes(DEFAULT_SIZES, PRODUCTS)
    cats = [p["category"] for p in PRODUCTS]

    def box_area(label, seed):
        i = LABELS.index(label)
        _, boxes = compose([arts[i]], [cats[i]], random.Random(seed), min_items=1, max_items=1, sizes=[sizes[i]])
        (_, x0, y0, x1, y1), = boxes
        return (x1 - x0) * (y1 - y0)

    # the same seed draws the same scene scale and rotation, so the areas differ by the packages' sizes alone
    ratios = [box_area("together", f"size/{k}") / box_area("patbingsu", f"size/{k}") for k in range(3)]
    expected = (sizes[LABELS.index("together")][0] / sizes[LABELS.index("patbingsu")][0]) ** 2
    assert all(abs(r / expected - 1) < 0.2 for r in ratios), (ratios, expected)


def test_the_cameras_pose_is_the_identity_at_strength_0_and_tilts_up_to_30_degrees_at_1():
    import cv2
    from camera import view_homography
    square = np.array([[[220, 140], [420, 140], [420, 340], [220, 340]]], np.float64)
    Hm = view_homography(random.Random(1), 0.0, 640, 480)
    np.testing.assert_allclose(Hm / Hm[2, 2], np.eye(3), atol=1e-9)
    keystones = []
    for k in range(40):
        q = cv2.perspectiveTransform(square, view_homography(random.Random(k), 1.0, 640, 480))[0]
        sides = [np.linalg.norm(q[(j + 1) % 4] - q[j]) for j in range(4)]
        keystones.append(max(sides[0] / sides[2], sides[2] / sides[0], sides[1] / sides[3], sides[3] / sides[1]))
    # a flat square seen from up to 30 degrees off the vertical: its far side shortens by up to a third
    assert max(keystones) > 1.15
    assert max(keystones) < 1.8


def test_light_and_optics_change_a_tray_more_the_stronger_the_camera():
    from camera import light_and_optics
    tray = Image.fromarray(np.random.RandomState(0).randint(60, 200, (120, 160, 3)).astype(np.uint8))

    def change(s):
        diffs = [np.abs(np.asarray(light_and_optics(tray, random.Random(k), s)).astype(np.float32) - np.asarray(tray)).mean() for k in range(12)]
        return float(np.mean(diffs))

    assert change(0.0) < change(0.35) < change(1.0)


def test_jpeg_quality_falls_with_the_strength():
    from camera import jpeg_bytes
    tray = Image.fromarray(np.random.RandomState(1).randint(0, 255, (96, 128, 3)).astype(np.uint8))

    def mean_quantisation(s, k):
        with Image.open(io.BytesIO(jpeg_bytes(tray, random.Random(k), s))) as im:
            return float(np.mean(im.quantization[0]))

    plain = max(mean_quantisation(0.0, k) for k in range(10))
    hard = max(mean_quantisation(1.0, k) for k in range(10))
    assert hard > 3 * plain  # quality about 20 quantises several times as coarsely as 90 to 95


def test_the_wrapper_effects_keep_the_silhouette(arts):
    from camera import wrapper
    art = arts[LABELS.index("melona")]
    out = wrapper(art, random.Random(3), 1.0)
    assert out.size == art.size and out.mode == "RGBA"
    assert np.array_equal(np.asarray(out)[..., 3], np.asarray(art)[..., 3])
    assert np.abs(np.asarray(out)[..., :3].astype(int) - np.asarray(art)[..., :3]).mean() > 1


def test_the_tray_materials_fill_the_frame_and_differ():
    from camera import material
    surfaces = [np.asarray(material(random.Random(k), 160, 120)) for k in range(10)]
    assert all(s.shape == (120, 160, 3) for s in surfaces)
    means = {tuple((s.reshape(-1, 3).mean(0) // 8).astype(int)) for s in surfaces}
    assert len(means) >= 5

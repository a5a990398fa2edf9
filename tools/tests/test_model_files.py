"""Checkpoint -> ONNX -> checkpoint, and the evaluation of both, on a small untrained model."""
import json
import os

import numpy as np
import pytest

from conftest import IMGSZ, TOOLS, run_tool


@pytest.fixture(scope="module")
def exported(tmp_path_factory, checkpoint):
    from export import export
    out = tmp_path_factory.mktemp("onnx") / "model.onnx"
    export(str(checkpoint), str(out))
    return out


def trays(dataset, n=4):
    from data import YoloDataset
    ds = YoloDataset(str(dataset / "data.yaml"), "train", IMGSZ, cache=False)
    x = np.stack([ds.load(i)[0] for i in range(min(n, len(ds)))]).transpose(0, 3, 1, 2)
    return np.ascontiguousarray(x, dtype=np.float32) / 255.0


def torch_output(checkpoint, x):
    import torch
    from export import load_checkpoint
    from model import ExportWrapper
    model, ck = load_checkpoint(str(checkpoint))
    with torch.no_grad():
        return ExportWrapper(model, ck["imgsz"]).eval()(torch.from_numpy(x)).numpy()


def onnx_output(path, x):
    from evaluate import CvRunner
    return CvRunner(str(path))(x)


def test_the_export_records_input_size_names_and_output_layout(exported, checkpoint):
    import onnx
    import torch
    from onnx_meta import class_names, image_size, read_metadata
    meta = read_metadata(str(exported))
    ck = torch.load(str(checkpoint))
    assert image_size(meta) == IMGSZ
    assert class_names(meta) == ck["names"]
    dims = [d.dim_value for d in onnx.load(str(exported)).graph.output[0].type.tensor_type.shape.dim]
    cells = sum((IMGSZ // s) ** 2 for s in (8, 16, 32))
    assert dims[1:] == [4 + len(ck["names"]), cells]


def test_the_onnx_model_computes_what_the_checkpoint_does(exported, checkpoint, dataset):
    x = trays(dataset)
    expected = torch_output(checkpoint, x)
    actual = onnx_output(exported, x)
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, rtol=1e-3, atol=1e-2)


def test_from_onnx_gives_back_a_checkpoint_that_computes_what_the_onnx_model_does(exported, dataset, tmp_path):
    out = tmp_path / "back.pt"
    run_tool(os.path.join(TOOLS, "train", "from_onnx.py"), "--onnx", str(exported), "--data", str(dataset / "data.yaml"),
             "--size", "c", "--images", "4", "--out", str(out))
    import torch
    assert torch.load(str(out))["imgsz"] == IMGSZ  # read from the metadata, not assumed
    x = trays(dataset)
    np.testing.assert_allclose(torch_output(out, x), onnx_output(exported, x), rtol=1e-3, atol=1e-2)


def test_from_onnx_refuses_a_model_of_another_size(exported, dataset, tmp_path):
    import subprocess
    from conftest import PYTHON
    result = subprocess.run([PYTHON, os.path.join(TOOLS, "train", "from_onnx.py"), "--onnx", str(exported),
                             "--data", str(dataset / "data.yaml"), "--size", "n", "--out", str(tmp_path / "x.pt")],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "not" in result.stderr and "IceDet-n" in result.stderr
    assert not (tmp_path / "x.pt").exists()


def test_evaluate_runs_the_onnx_model_and_its_checkpoint_at_the_models_input_size_with_the_same_figures(
        exported, checkpoint, dataset, tmp_path):
    evaluate = os.path.join(TOOLS, "train", "evaluate.py")
    data = str(dataset / "data.yaml")
    onnx_json, torch_json = tmp_path / "onnx.json", tmp_path / "torch.json"
    printed = run_tool(evaluate, "--model", str(exported), "--backend", "opencv", "--data", data, "--split", "train",
                       "--batch", "1", "--json", str(onnx_json))
    assert f"input {IMGSZ}x{IMGSZ}" in printed
    printed = run_tool(evaluate, "--model", "", "--weights", str(checkpoint), "--backend", "torch", "--data", data,
                       "--split", "train", "--json", str(torch_json))
    assert f"input {IMGSZ}x{IMGSZ}" in printed
    a, b = json.loads(onnx_json.read_text()), json.loads(torch_json.read_text())
    assert a["images"] == b["images"] == 4
    assert a["objects"] == b["objects"] > 0
    # An untrained model scores near zero on both, so their agreement is shown on the shipped model below.


@pytest.fixture(scope="module")
def shipped_trays(tmp_path_factory):
    """The first trays of the shipped model's plain test set, as a data set of their own."""
    import shutil
    source = os.path.join(TOOLS, "..", "models", "testset")
    out = tmp_path_factory.mktemp("shipped-trays")
    (out / "images").mkdir()
    (out / "labels").mkdir()
    for name in sorted(os.listdir(os.path.join(source, "images")))[:8]:
        shutil.copy(os.path.join(source, "images", name), out / "images" / name)
        label = os.path.splitext(name)[0] + ".txt"
        shutil.copy(os.path.join(source, "labels", label), out / "labels" / label)
    with open(os.path.join(source, "data.yaml")) as f:
        names = f.read().split("names:", 1)[1]
    (out / "data.yaml").write_text(f"path: {out}\ntrain: images\nval: images\ntest: images\nnc: 25\nnames:{names}")
    return out


SHIPPED = os.path.join(TOOLS, "..", "models", "ice-detector.onnx")


def test_the_shipped_model_and_its_checkpoint_evaluate_to_the_same_figures_well_above_zero(shipped_trays, tmp_path):
    data = str(shipped_trays / "data.yaml")
    checkpoint = tmp_path / "shipped.pt"
    run_tool(os.path.join(TOOLS, "train", "from_onnx.py"), "--onnx", SHIPPED, "--data", data, "--size", "c",
             "--images", "4", "--out", str(checkpoint))
    evaluate = os.path.join(TOOLS, "train", "evaluate.py")
    onnx_json, torch_json = tmp_path / "onnx.json", tmp_path / "torch.json"
    run_tool(evaluate, "--model", SHIPPED, "--backend", "opencv", "--data", data, "--split", "test", "--batch", "4",
             "--json", str(onnx_json))
    run_tool(evaluate, "--model", "", "--weights", str(checkpoint), "--backend", "torch", "--data", data,
             "--split", "test", "--json", str(torch_json))
    a, b = json.loads(onnx_json.read_text()), json.loads(torch_json.read_text())
    assert a["images"] == b["images"] == 8
    # Figures this high make the agreement mean something: two broken runs would both be near zero.
    assert a["map50"] > 0.7 and a["exact_tray"] >= 0.5
    for figure in ("map50", "map50_95", "exact_tray"):
        assert abs(a[figure] - b[figure]) < 0.02, figure


def test_thresholds_serves_the_pair_with_the_best_rate_on_the_shipped_model(shipped_trays, tmp_path):
    grid = tmp_path / "grid.json"
    printed = run_tool(os.path.join(TOOLS, "train", "thresholds.py"), "--model", SHIPPED, "--backend", "opencv",
                       "--data", str(shipped_trays / "data.yaml"), "--split", "test", "--conf", "0.001,0.5",
                       "--cross-iou", "0.6,1", "--json", str(grid))
    r = json.loads(grid.read_text())
    rates = np.array(r["exact_tray"])
    # Counting every box down to 0.001 gets almost no tray right; the served threshold gets most of them right.
    assert rates[0].max() < rates[1].max()
    assert rates.max() >= 0.5
    assert r["serve"]["conf"] == 0.5
    assert r["serve"]["exact_tray"] == rates.max()
    assert f"serve: score >= 0.5, cross-class IoU {r['serve']['cross_iou']:g}" in printed


def test_thresholds_runs_the_model_once_and_serves_the_best_pair_of_its_grid(exported, dataset, tmp_path):
    grid = tmp_path / "grid.json"
    printed = run_tool(os.path.join(TOOLS, "train", "thresholds.py"), "--model", str(exported), "--backend", "opencv",
                       "--data", str(dataset / "data.yaml"), "--split", "train", "--conf", "0.001,0.5",
                       "--cross-iou", "0.6,1", "--json", str(grid))
    assert f"input {IMGSZ}x{IMGSZ}" in printed
    r = json.loads(grid.read_text())
    assert r["images"] == 4 and r["conf"] == [0.001, 0.5] and r["cross_iou"] == [0.6, 1.0]
    rates = np.array(r["exact_tray"])
    assert rates.shape == (2, 2)
    # Each rate is a count of right trays over the 4 trays; which pair is served is shown on the shipped model.
    assert np.allclose(rates * 4, np.round(rates * 4))
    assert r["serve"]["exact_tray"] == rates.max()
    assert f"serve: score >= {r['serve']['conf']:g}, cross-class IoU {r['serve']['cross_iou']:g}" in printed


def test_the_export_records_a_version_when_given_one(tmp_path, checkpoint):
    from export import export
    from onnx_meta import read_metadata
    plain = export(str(checkpoint), str(tmp_path / "plain.onnx"))
    versioned = export(str(checkpoint), str(tmp_path / "versioned.onnx"), version="2026.12.02-run7")
    assert "version" not in read_metadata(plain)
    assert read_metadata(versioned)["version"] == "2026.12.02-run7"

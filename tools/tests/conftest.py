"""Shared fixtures: a tiny generated data set and a small untrained IceDet checkpoint."""
import os
import subprocess
import sys

import pytest

TOOLS = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PYTHON = sys.executable
sys.path.insert(0, os.path.join(TOOLS, "train"))
sys.path.insert(0, os.path.join(TOOLS, "datagen"))

IMGSZ = 96  # a multiple of 32 other than the shipped 384, so a hard-coded input size shows up


def run_tool(*args):
    """Runs a tool script and returns its stdout; fails the test with its output if it fails."""
    result = subprocess.run([PYTHON, *args], capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "2"})
    assert result.returncode == 0, f"{args[0]} exited with {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp("trays")
    run_tool(os.path.join(TOOLS, "datagen", "gen.py"), "dataset", "--out", str(out), "--seed", "7",
             "--train", "4", "--val", "2", "--workers", "1")
    return out


@pytest.fixture(scope="session")
def checkpoint(tmp_path_factory, dataset):
    """An untrained IceDet-c saved the way train.py saves one, with BatchNorm statistics of real trays."""
    import numpy as np
    import torch
    from data import YoloDataset
    from train import build_model

    torch.manual_seed(0)
    train = YoloDataset(str(dataset / "data.yaml"), "train", IMGSZ, cache=False)
    model = build_model(train.d["nc"], "c")
    x = torch.from_numpy(np.stack([train.load(i)[0] for i in range(len(train))])).permute(0, 3, 1, 2).float() / 255.0
    with torch.no_grad():
        model.train()(x)
    state = model.state_dict()
    path = tmp_path_factory.mktemp("ckpt") / "model.pt"
    torch.save({"model": state, "ema": state, "names": train.d["names"], "size": "c", "imgsz": IMGSZ}, path)
    return path

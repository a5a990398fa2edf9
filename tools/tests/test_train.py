import json
import os

from conftest import IMGSZ, TOOLS, run_tool


def test_a_short_run_saves_checkpoints_and_history_and_exports_a_model_at_its_input_size(dataset, tmp_path):
    out = tmp_path / "run"
    printed = run_tool(os.path.join(TOOLS, "train", "train.py"), "--data", str(dataset / "data.yaml"), "--out", str(out),
                       "--size", "c", "--imgsz", str(IMGSZ), "--batch", "2", "--epochs", "2", "--warmup", "1",
                       "--val-images", "2", "--threads", "2")
    assert "training done: 4 steps, 2 epochs" in printed
    for name in ("last.pt", "best.pt", "ice-detector.onnx"):
        assert (out / name).is_file(), name
    history = json.loads((out / "history.json").read_text())
    assert [h["epoch"] for h in history] == [0, 1]
    assert all(h["loss"] > 0 and 0.0 <= h["map50"] <= 1.0 for h in history)

    from onnx_meta import image_size, read_metadata
    assert image_size(read_metadata(str(out / "ice-detector.onnx"))) == IMGSZ


def test_resume_continues_where_the_run_stopped(dataset, tmp_path):
    out = tmp_path / "run"
    common = ["--data", str(dataset / "data.yaml"), "--out", str(out), "--size", "c", "--imgsz", str(IMGSZ),
              "--batch", "2", "--warmup", "1", "--val-images", "0", "--threads", "2", "--no-export"]
    train = os.path.join(TOOLS, "train", "train.py")
    run_tool(train, *common, "--epochs", "1")
    printed = run_tool(train, *common, "--epochs", "2", "--resume")
    assert "training done: 4 steps, 2 epochs" in printed

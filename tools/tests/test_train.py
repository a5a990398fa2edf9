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
    assert [(h["epoch"], h["step"]) for h in history] == [(0, 2), (1, 4)]
    assert all(h["loss"] > 0 for h in history)
    # Each epoch's record holds the validation figures that epoch printed.
    for h in history:
        assert f"VAL epoch {h['epoch']}: mAP50 {h['map50']:.4f} mAP50-95 {h['map50_95']:.4f} exact trays {h['exact_tray']:.3f}" in printed

    from onnx_meta import image_size, read_metadata
    assert image_size(read_metadata(str(out / "ice-detector.onnx"))) == IMGSZ


def test_resume_continues_where_the_run_stopped(dataset, tmp_path):
    out = tmp_path / "run"
    common = ["--data", str(dataset / "data.yaml"), "--out", str(out), "--size", "c", "--imgsz", str(IMGSZ),
              "--batch", "2", "--warmup", "1", "--val-images", "0", "--threads", "2", "--no-export"]
    train = os.path.join(TOOLS, "train", "train.py")
    first = run_tool(train, *common, "--epochs", "1")
    assert "training done: 2 steps, 1 epochs" in first
    first_epoch = json.loads((out / "history.json").read_text())

    printed = run_tool(train, *common, "--epochs", "2", "--resume")
    # A restart would train epoch 0 again from step 0; a resume starts at epoch 1, step 2, and keeps epoch 0's record.
    assert f"resumed from {out / 'last.pt'}: epoch 1 step 2" in printed
    assert "training done: 4 steps, 2 epochs" in printed
    history = json.loads((out / "history.json").read_text())
    assert [(h["epoch"], h["step"]) for h in history] == [(0, 2), (1, 4)]
    assert history[0] == first_epoch[0]

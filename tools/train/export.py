#!/usr/bin/env python3
"""Export a training checkpoint to ONNX.

Input  `images` float32 [batch, 3, S, S], RGB 0..1, letterboxed (pad 114/255).
Output `output0` float32 [batch, 4 + nc, N]: rows 0-3 = cx, cy, w, h in input pixels,
rows 4.. = class scores (sigmoid). Metadata: names, imgsz, stride, task, description, ...
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from model import ExportWrapper  # noqa: E402


def load_checkpoint(path, device="cpu"):
    from train import build_model
    ck = torch.load(path, map_location=device)
    model = build_model(len(ck["names"]), ck.get("size", "n"))
    model.load_state_dict(ck["ema"])
    return model.eval(), ck


def copy_shared_weights(m):
    """The exporter stores equal weights once and their copies as Identity nodes (equal head biases
    of an untrained model, say), which OpenCV's importer cannot read: give each copy its own tensor."""
    import onnx
    inits = {t.name: t for t in m.graph.initializer}
    nodes = []
    for n in m.graph.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            t = onnx.TensorProto()
            t.CopyFrom(inits[n.input[0]])
            t.name = n.output[0]
            m.graph.initializer.append(t)
            inits[t.name] = t
        else:
            nodes.append(n)
    del m.graph.node[:]
    m.graph.node.extend(nodes)


def export(ckpt, out, opset=13, description=None, dynamic=True, version=None):
    import onnx
    model, ck = load_checkpoint(ckpt)
    imgsz = ck.get("imgsz", 320)
    names = ck["names"]
    wrap = ExportWrapper(model, imgsz).eval()
    x = torch.zeros(1, 3, imgsz, imgsz)
    tmp = out + ".tmp"
    torch.onnx.export(wrap, x, tmp, opset_version=opset, input_names=["images"], output_names=["output0"],
                      dynamic_axes={"images": {0: "batch"}, "output0": {0: "batch"}} if dynamic else None,
                      do_constant_folding=True)
    m = onnx.load(tmp)
    copy_shared_weights(m)
    meta = {
        "description": description or f"IceCheckout product detector (IceDet-{ck.get('size', 'n')}), {len(names)} classes",
        "author": "IceCheckout",
        "task": "detect",
        "stride": "32",
        "batch": "1",
        "imgsz": f"[{imgsz}, {imgsz}]",
        "names": "{" + ", ".join(f"{i}: {n!r}" for i, n in enumerate(names)) + "}",
        "output_layout": "[batch, 4+nc, N]: cx, cy, w, h (input pixels), class scores (sigmoid)",
        "preprocess": "letterbox to imgsz, centred, pad 114; RGB; /255; NCHW float32",
    }
    if version:  # the Detection service reports it in /info (else the start of the file's SHA-256)
        meta["version"] = version
    # concrete output sizes (4 + nc, N) so runtimes can read the layout from the graph
    n_cells = sum((imgsz // s) ** 2 for s in model.strides)
    dims = m.graph.output[0].type.tensor_type.shape.dim
    dims[1].dim_value, dims[2].dim_value = 4 + len(names), n_cells
    m.doc_string = meta["description"]
    del m.metadata_props[:]
    for k, v in meta.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, out)
    os.remove(tmp)
    print(f"exported {out} ({os.path.getsize(out) / 1e6:.2f} MB) from {ckpt}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--weights", required=True, help="checkpoint (.pt) from train.py")
    ap.add_argument("--out", default="models/ice-detector.onnx")
    ap.add_argument("--opset", type=int, default=13)
    ap.add_argument("--static", action="store_true", help="fixed batch of 1 (for runtimes without dynamic shapes)")
    ap.add_argument("--version", default="", help="the model's version metadata, e.g. 2026.12.02-run7")
    args = ap.parse_args()
    export(args.weights, args.out, args.opset, dynamic=not args.static, version=args.version or None)


if __name__ == "__main__":
    main()

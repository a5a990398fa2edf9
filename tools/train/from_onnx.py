#!/usr/bin/env python3
"""Turn an exported IceDet ONNX model back into a training checkpoint, to continue training it.

  python3 tools/train/from_onnx.py --onnx models/ice-detector.onnx --data datasets/ice-syn/data.yaml \
      --size c --out runs/shipped.pt
  python3 tools/train/train.py --init runs/shipped.pt ...

The export folds every BatchNorm into its convolution. The folded layer y = Wx + b is unfolded
into conv W followed by a BatchNorm whose running statistics are measured on training images and
whose affine part gives back exactly Wx + b, so the checkpoint computes what the ONNX model does
and its BatchNorms train as usual.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from data import YoloDataset  # noqa: E402
from onnx_meta import class_names, image_size, metadata  # noqa: E402
from model import Conv  # noqa: E402
from train import build_model  # noqa: E402


def conv_layers_in_run_order(model, imgsz):
    """Conv blocks and plain nn.Conv2d outside them, in the order the forward pass runs them
    (the order of the Conv nodes of the exported graph)."""
    order, hooks = [], []
    inside = {id(m.conv) for m in model.modules() if isinstance(m, Conv)}
    for m in model.modules():
        if isinstance(m, Conv) or (isinstance(m, nn.Conv2d) and id(m) not in inside):
            hooks.append(m.register_forward_hook(lambda mod, i, o: order.append(mod)))
    with torch.no_grad():
        model.eval()(torch.zeros(1, 3, imgsz, imgsz))
    for h in hooks:
        h.remove()
    return order


def onnx_convs(m):
    from onnx import numpy_helper
    inits = {i.name: np.array(numpy_helper.to_array(i)) for i in m.graph.initializer}
    layers = []
    for n in m.graph.node:
        if n.op_type == "Conv":
            w = inits[n.input[1]]
            b = inits[n.input[2]] if len(n.input) > 2 else np.zeros(w.shape[0], np.float32)
            layers.append((w, b))
    return layers


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--onnx", default="models/ice-detector.onnx")
    ap.add_argument("--data", required=True, help="data.yaml whose train images give the BatchNorm statistics")
    ap.add_argument("--size", default="c")
    ap.add_argument("--imgsz", type=int, default=0, help="input size (default: the model's imgsz metadata)")
    ap.add_argument("--images", type=int, default=256, help="training images for the statistics")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    onnx_model = onnx.load(args.onnx)
    layers = onnx_convs(onnx_model)
    meta = metadata(onnx_model)
    names = class_names(meta)
    args.imgsz = args.imgsz or image_size(meta, 320)
    model = build_model(len(names), args.size)
    order = conv_layers_in_run_order(model, args.imgsz)
    if len(order) != len(layers):
        sys.exit(f"{args.onnx} has {len(layers)} convolutions, IceDet-{args.size} has {len(order)}: not this size")

    with torch.no_grad():
        for mod, (w, b) in zip(order, layers):
            conv = mod.conv if isinstance(mod, Conv) else mod
            if tuple(conv.weight.shape) != w.shape:
                sys.exit(f"shape mismatch {tuple(conv.weight.shape)} vs {w.shape}: not IceDet-{args.size}")
            conv.weight.copy_(torch.from_numpy(w))
            if isinstance(mod, Conv):  # identity BatchNorm carrying the folded bias, for now
                bn = mod.bn
                bn.running_mean.zero_()
                bn.running_var.fill_(1.0 - bn.eps)
                bn.weight.fill_(1.0)
                bn.bias.copy_(torch.from_numpy(b))
            else:
                conv.bias.copy_(torch.from_numpy(b))

        # measure the mean and variance of every Conv block's Wx on training images
        blocks = [m for m in order if isinstance(m, Conv)]
        sums = {id(m.conv): [0.0, 0.0, 0] for m in blocks}

        def stat_hook(conv, inp, out):
            y = out.double()
            s = sums[id(conv)]
            s[0] = s[0] + y.sum((0, 2, 3))
            s[1] = s[1] + (y * y).sum((0, 2, 3))
            s[2] += y.numel() // y.shape[1]

        hooks = []
        for m in blocks:
            hooks.append(m.conv.register_forward_hook(stat_hook))
        ds = YoloDataset(args.data, "train", args.imgsz, cache=False)
        n = min(args.images, len(ds))
        for s in range(0, n, 16):
            imgs = [ds.load(i)[0] for i in range(s, min(n, s + 16))]
            x = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div_(255.0)
            model(x)
        for h in hooks:
            h.remove()
        for m in blocks:
            s0, s1, cnt = sums[id(m.conv)]
            mean = (s0 / cnt).float()
            var = (s1 / cnt - (s0 / cnt) ** 2).clamp_min(1e-6).float()
            bn = m.bn
            std = torch.sqrt(var + bn.eps)
            bn.running_mean.copy_(mean)
            bn.running_var.copy_(var)
            bn.bias.add_(mean)  # (Wx - mean) / std * std + mean + b = Wx + b
            bn.weight.copy_(std)

    state = model.state_dict()
    torch.save({"model": state, "ema": state, "names": names, "size": args.size, "imgsz": args.imgsz,
                "args": {"from_onnx": args.onnx}}, args.out)
    print(f"wrote {args.out}: IceDet-{args.size}, {len(names)} classes, {len(order)} convolutions from {args.onnx}")


if __name__ == "__main__":
    main()

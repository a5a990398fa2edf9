#!/usr/bin/env python3
"""Train IceDet on any YOLO-format data set (data.yaml), then export ONNX.

  python3 tools/train/train.py --data datasets/ice-syn/data.yaml --out runs/ice --hours 1.5

Checkpoints (runs/<name>/last.pt every epoch and every --save-every steps, best.pt on the
best validation score) make training resumable: add --resume.
The learning-rate schedule is cosine over --epochs, or over wall-clock time when --hours is set
(handy when training time is the budget).
"""
import argparse
import json
import math
import os
import random
import sys
import time

# OpenMP threads that spin while waiting are very slow on a busy machine
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from data import YoloDataset, augment, crop_rows  # noqa: E402
from loss import DetLoss  # noqa: E402
from metrics import SERVED_CONF, SERVED_CROSS_IOU  # noqa: E402
from model import IceDet  # noqa: E402

SIZES = {
    # name: widths, depths, head hidden, 4x4 patch stem, light head
    "c": dict(width=(16, 24, 48, 96, 160), depth=(1, 1, 1, 1), head_hidden=32, patch_stem=True, light_head=True),  # CPU budget
    "n": dict(width=(16, 32, 64, 128, 192), depth=(1, 2, 2, 1), head_hidden=48),
    "s": dict(width=(24, 48, 96, 160, 256), depth=(1, 2, 2, 1), head_hidden=64),
}


def build_model(nc, size):
    return IceDet(nc, **SIZES[size])


class EMA:
    """Exponential moving average of the weights (the exported model uses it)."""

    def __init__(self, model, decay=0.999, tau=300.0, updates=0):
        import copy
        self.ema = copy.deepcopy(model).eval()
        for p in self.ema.parameters():
            p.requires_grad_(False)
        self.decay, self.tau, self.updates = decay, tau, updates

    @torch.no_grad()
    def update(self, model):
        self.updates += 1
        d = self.decay * (1 - math.exp(-self.updates / self.tau))
        msd = model.state_dict()
        for k, v in self.ema.state_dict().items():
            if v.dtype.is_floating_point:
                v.mul_(d).add_(msd[k].detach(), alpha=1 - d)


def batches(ds, bs, rng, aug=True, train_h=0):
    idx = list(range(len(ds)))
    rng.shuffle(idx)
    for s in range(0, len(idx) - bs + 1 if len(idx) >= bs else 1, bs):
        imgs, tg = [], []
        for j, i in enumerate(idx[s:s + bs]):
            img, boxes = ds.load(i)
            if train_h and train_h < img.shape[0]:
                # train on a strip of train_h rows that holds the image content when it fits:
                # the padding bands of the square letterbox cost compute and teach nothing
                dy, h = ds.content_rows(i)
                if h <= train_h:
                    top = rng.randint(max(0, dy + h - train_h), min(dy, img.shape[0] - train_h))
                else:
                    top = rng.randint(dy, dy + h - train_h)
                img, boxes = crop_rows(img, boxes, top, train_h)
            if aug:
                img, boxes = augment(img, boxes, rng_np)
            imgs.append(img)
            if len(boxes):
                tg.append(np.concatenate([np.full((len(boxes), 1), j, np.float32), boxes], 1))
        x = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div_(255.0)
        t = torch.from_numpy(np.concatenate(tg, 0)) if tg else torch.zeros((0, 6))
        yield x, t


rng_np = np.random.RandomState(0)


@torch.no_grad()
def validate(model, ds, imgsz, device, conf_count=SERVED_CONF, iou=0.5, cross_iou=SERVED_CROSS_IOU, max_images=None, bs=32):
    from metrics import evaluate_dets, postprocess, postprocess_served
    from model import ExportWrapper
    wrap = ExportWrapper(model, imgsz).to(device).eval()
    dets, served, gts = [], [], []
    n = len(ds) if max_images is None else min(len(ds), max_images)
    for s in range(0, n, bs):
        imgs, boxes = zip(*[ds.load(i) for i in range(s, min(n, s + bs))])
        x = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div_(255.0).to(device)
        out = wrap(x).cpu().numpy()
        for o, b in zip(out, boxes):
            dets.append(postprocess(o, conf_thr=0.001, iou_thr=iou))
            served.append(postprocess_served(o, conf_thr=conf_count, iou_thr=iou, cross_iou_thr=cross_iou))
            gts.append(b)
    return evaluate_dets(dets, gts, model.nc, served=served)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="data.yaml (YOLO format)")
    ap.add_argument("--out", default="runs/ice")
    ap.add_argument("--size", default="c", choices=sorted(SIZES))
    ap.add_argument("--imgsz", type=int, default=320)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--hours", type=float, default=0.0, help="train for this wall-clock time (overrides --epochs for the schedule)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--train-h", type=int, default=0, help="train on strips of this many rows (multiple of 32, e.g. 256 for 4:3 images); 0 = full square")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--lr-final", type=float, default=0.02, help="final LR as a fraction of --lr")
    ap.add_argument("--wd", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=200, help="warm-up steps")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0 = all cores)")
    ap.add_argument("--device", default="", help="cuda or cpu (default: cuda when available)")
    ap.add_argument("--val-images", type=int, default=200, help="validation images per epoch (0 = none)")
    ap.add_argument("--save-every", type=int, default=100, help="also save last.pt every N steps")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", default="", help="start from the weights of this checkpoint (new schedule)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--no-export", action="store_true")
    args = ap.parse_args()

    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    if device.type == "cpu":
        torch.set_num_threads(args.threads or os.cpu_count() or 1)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng_np.seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    train = YoloDataset(args.data, "train", args.imgsz, cache=not args.no_cache)
    val = YoloDataset(args.data, "val", args.imgsz, cache=not args.no_cache)
    names, nc = train.d["names"], train.d["nc"]
    print(f"data: {len(train)} train, {len(val)} val images, {nc} classes; device {device}, threads {torch.get_num_threads()}", flush=True)

    model = build_model(nc, args.size).to(device)
    print(f"model IceDet-{args.size}: {sum(p.numel() for p in model.parameters()) / 1e6:.2f} M parameters", flush=True)
    decay, no_decay = [], []
    for n_, p in model.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.wd}, {"params": no_decay, "weight_decay": 0.0}], lr=args.lr, betas=(0.9, 0.999))
    ema = EMA(model)
    crit = DetLoss(model)
    steps_per_epoch = max(1, len(train) // args.batch)
    total_steps = args.epochs * steps_per_epoch
    state = {"epoch": 0, "step": 0, "elapsed": 0.0, "best": -1.0, "history": []}
    last = os.path.join(args.out, "last.pt")
    if args.resume and os.path.isfile(last):
        ck = torch.load(last, map_location=device)
        model.load_state_dict(ck["model"])
        ema.ema.load_state_dict(ck["ema"])
        ema.updates = ck["ema_updates"]
        opt.load_state_dict(ck["opt"])
        state = ck["state"]
        print(f"resumed from {last}: epoch {state['epoch']} step {state['step']} elapsed {state['elapsed'] / 60:.1f} min", flush=True)
    elif args.init:
        ck = torch.load(args.init, map_location=device)
        model.load_state_dict(ck["ema"])
        ema = EMA(model)
        print(f"initialised from {args.init}", flush=True)

    def progress():
        if args.hours > 0:
            return state["elapsed"] / (args.hours * 3600)
        return state["step"] / max(1, total_steps)

    def lr_at():
        p = min(1.0, progress())
        lr = args.lr * (args.lr_final + (1 - args.lr_final) * 0.5 * (1 + math.cos(math.pi * p)))
        if state["step"] < args.warmup:
            lr *= (state["step"] + 1) / args.warmup
        return lr

    def save(path):
        torch.save({"model": model.state_dict(), "ema": ema.ema.state_dict(), "ema_updates": ema.updates,
                    "opt": opt.state_dict(), "state": state, "names": names, "size": args.size,
                    "imgsz": args.imgsz, "args": vars(args)}, path + ".tmp")
        os.replace(path + ".tmp", path)

    rng = random.Random(args.seed)
    t_last = time.time()
    done = False
    while not done:
        ep = state["epoch"]
        rng.seed(args.seed * 1000 + ep)
        rng_np.seed(args.seed * 1000 + ep)
        model.train()
        agg = {"loss": 0.0, "box": 0.0, "cls": 0.0, "n": 0}
        t_ep = time.time()
        for it, (x, t) in enumerate(batches(train, args.batch, rng, train_h=args.train_h)):
            for g in opt.param_groups:
                g["lr"] = lr_at()
            x, t = x.to(device, non_blocking=True), t.to(device)
            outs = model(x)
            loss, parts = crit(outs, t)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            ema.update(model)
            now = time.time()
            state["elapsed"] += now - t_last
            t_last = now
            state["step"] += 1
            agg["loss"] += loss.item(); agg["box"] += parts["box"]; agg["cls"] += parts["cls"]; agg["n"] += 1
            if state["step"] % 20 == 0:
                n = agg["n"]
                print(f"ep {ep} it {it + 1}/{steps_per_epoch} step {state['step']} lr {lr_at():.2e} loss {agg['loss'] / n:.3f} "
                      f"box {agg['box'] / n:.3f} cls {agg['cls'] / n:.3f} fg {parts['fg']} "
                      f"{(it + 1) * args.batch / (now - t_ep):.1f} img/s elapsed {state['elapsed'] / 60:.1f} min", flush=True)
            if args.save_every and state["step"] % args.save_every == 0:
                save(last)
            if progress() >= 1.0:
                done = True
                break
        state["epoch"] += 1
        rec = {"epoch": ep, "step": state["step"], "elapsed_min": round(state["elapsed"] / 60, 1), "loss": agg["loss"] / max(1, agg["n"])}
        if args.val_images and len(val):
            tv = time.time()
            r = validate(ema.ema, val, args.imgsz, device, max_images=args.val_images)
            rec.update({k: round(r[k], 4) for k in ("map50", "map50_95", "exact_tray")})
            print(f"VAL epoch {ep}: mAP50 {r['map50']:.4f} mAP50-95 {r['map50_95']:.4f} exact trays {r['exact_tray']:.3f} "
                  f"({r['images']} images, counts as served: conf {SERVED_CONF}, NMS IoU 0.5, cross-class IoU {SERVED_CROSS_IOU}) [{time.time() - tv:.0f}s]", flush=True)
            fit = r["map50"] + r["exact_tray"] + 0.1 * r["map50_95"]
            if fit > state["best"]:
                state["best"] = fit
                save(os.path.join(args.out, "best.pt"))
            t_last = time.time()  # validation time is not training time
        if args.epochs and args.hours <= 0 and state["epoch"] >= args.epochs:
            done = True
        state["history"].append(rec)
        save(last)
        save(os.path.join(args.out, f"epoch{ep:03d}.pt")) if os.environ.get("ICE_KEEP_EPOCHS") else None
        with open(os.path.join(args.out, "history.json"), "w") as f:
            json.dump(state["history"], f, indent=1)
    print(f"training done: {state['step']} steps, {state['epoch']} epochs, {state['elapsed'] / 60:.1f} min", flush=True)
    if not args.no_export:
        from export import export
        src = os.path.join(args.out, "best.pt") if os.path.isfile(os.path.join(args.out, "best.pt")) else last
        export(src, os.path.join(args.out, "ice-detector.onnx"))


if __name__ == "__main__":
    main()

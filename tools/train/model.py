"""IceDet: a small anchor-free one-stage detector (YOLOv8-style layout).

backbone  : conv stem + CSP (C2f) stages, SPPF at the end       -> P3 (s8), P4 (s16), P5 (s32)
neck      : top-down FPN + bottom-up PAN, C2f blocks
head      : decoupled per level: box branch -> 4 distances (l, t, r, b) in stride units,
            class branch -> nc logits. Anchor points are cell centres.

The training forward returns raw per-level maps; `decode` turns them into boxes/scores and
`ExportWrapper` gives the deployment output [batch, 4 + nc, N] (cx, cy, w, h in input pixels,
class scores after sigmoid).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Conv(nn.Module):
    def __init__(self, c1, c2, k=1, s=1, g=1, p=None):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2 if p is None else p, groups=g, bias=False)
        self.bn = nn.BatchNorm2d(c2, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Bottleneck(nn.Module):
    def __init__(self, c, shortcut=True):
        super().__init__()
        self.cv1 = Conv(c, c, 3)
        self.cv2 = Conv(c, c, 3)
        self.add = shortcut

    def forward(self, x):
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class C2f(nn.Module):
    """Split-transform-merge block: half the channels go through n bottlenecks, every
    intermediate output is concatenated and fused by a 1x1 conv."""

    def __init__(self, c1, c2, n=1, shortcut=True):
        super().__init__()
        self.c = c2 // 2
        self.cv1 = Conv(c1, 2 * self.c, 1)
        self.cv2 = Conv((2 + n) * self.c, c2, 1)
        self.m = nn.ModuleList(Bottleneck(self.c, shortcut) for _ in range(n))

    def forward(self, x):
        z = self.cv1(x)
        y = [z[:, :self.c], z[:, self.c:]]  # static slices export as plain Slice ops
        for m in self.m:
            y.append(m(y[-1]))
        return self.cv2(torch.cat(y, 1))


class SPPF(nn.Module):
    def __init__(self, c1, c2, k=5):
        super().__init__()
        c_ = c1 // 2
        self.cv1 = Conv(c1, c_, 1)
        self.cv2 = Conv(c_ * 4, c2, 1)
        self.m = nn.MaxPool2d(k, 1, k // 2)

    def forward(self, x):
        x = self.cv1(x)
        y1 = self.m(x)
        y2 = self.m(y1)
        return self.cv2(torch.cat([x, y1, y2, self.m(y2)], 1))


class Head(nn.Module):
    def __init__(self, nc, chs, hidden=48, light=False):
        super().__init__()
        self.nc = nc
        k2 = 1 if light else 3  # light head: 3x3 then 1x1 per branch
        self.box = nn.ModuleList(nn.Sequential(Conv(c, hidden, 3), Conv(hidden, hidden, k2), nn.Conv2d(hidden, 4, 1)) for c in chs)
        hc = max(hidden, min(nc, 96))
        self.cls = nn.ModuleList(nn.Sequential(Conv(c, hc, 3), Conv(hc, hc, k2), nn.Conv2d(hc, nc, 1)) for c in chs)

    def init_bias(self, strides, imgsz=320):
        for b, c, s in zip(self.box, self.cls, strides):
            b[-1].bias.data[:] = 0.5  # softplus(0.5) ~ 1 stride
            # prior: about 5 objects per image spread over the level's cells
            c[-1].bias.data[:] = math.log(5 / self.nc / (imgsz / s) ** 2)

    def forward(self, feats):
        return [torch.cat([b(x), c(x)], 1) for x, b, c in zip(feats, self.box, self.cls)]


class IceDet(nn.Module):
    def __init__(self, nc, width=(16, 32, 64, 128, 192), depth=(1, 2, 2, 1), head_hidden=48, patch_stem=False, light_head=False):
        super().__init__()
        w0, w1, w2, w3, w4 = width
        self.nc = nc
        self.strides = (8, 16, 32)
        if patch_stem:  # 4x4 patches straight to 1/4 resolution: cheap on CPU
            self.stem = nn.Identity()
            self.s1 = nn.Sequential(Conv(3, w1, 4, 4, p=0), C2f(w1, w1, depth[0]))  # /4
        else:
            self.stem = Conv(3, w0, 3, 2)                                   # /2
            self.s1 = nn.Sequential(Conv(w0, w1, 3, 2), C2f(w1, w1, depth[0]))  # /4
        self.s2 = nn.Sequential(Conv(w1, w2, 3, 2), C2f(w2, w2, depth[1]))  # /8  -> P3
        self.s3 = nn.Sequential(Conv(w2, w3, 3, 2), C2f(w3, w3, depth[2]))  # /16 -> P4
        self.s4 = nn.Sequential(Conv(w3, w4, 3, 2), C2f(w4, w4, depth[3]), SPPF(w4, w4))  # /32 -> P5
        self.td4 = C2f(w4 + w3, w3, 1, shortcut=False)
        self.td3 = C2f(w3 + w2, w2, 1, shortcut=False)
        self.down3 = Conv(w2, w2, 3, 2)
        self.bu4 = C2f(w2 + w3, w3, 1, shortcut=False)
        self.down4 = Conv(w3, w3, 3, 2)
        self.bu5 = C2f(w3 + w4, w4, 1, shortcut=False)
        self.head = Head(nc, (w2, w3, w4), head_hidden, light_head)
        self.head.init_bias(self.strides)

    def forward(self, x):
        p3 = self.s2(self.s1(self.stem(x)))
        p4 = self.s3(p3)
        p5 = self.s4(p4)
        n4 = self.td4(torch.cat([F.interpolate(p5, scale_factor=2.0, mode="nearest"), p4], 1))
        o3 = self.td3(torch.cat([F.interpolate(n4, scale_factor=2.0, mode="nearest"), p3], 1))
        o4 = self.bu4(torch.cat([self.down3(o3), n4], 1))
        o5 = self.bu5(torch.cat([self.down4(o4), p5], 1))
        return self.head([o3, o4, o5])


def make_anchors(shapes, strides, device, dtype=torch.float32):
    """Cell-centre points (N, 2) in input pixels and their strides (N, 1)."""
    pts, sts = [], []
    for (h, w), s in zip(shapes, strides):
        sy = (torch.arange(h, device=device, dtype=dtype) + 0.5) * s
        sx = (torch.arange(w, device=device, dtype=dtype) + 0.5) * s
        yy, xx = torch.meshgrid(sy, sx, indexing="ij")
        pts.append(torch.stack([xx, yy], -1).view(-1, 2))
        sts.append(torch.full((h * w, 1), float(s), device=device, dtype=dtype))
    return torch.cat(pts), torch.cat(sts)


def flatten(outs):
    """list of (B, 4+nc, H, W) -> (B, N, 4+nc)"""
    return torch.cat([o.flatten(2) for o in outs], 2).permute(0, 2, 1)


def decode_boxes(dist_raw, anchors, strides):
    """raw distances (B, N, 4) -> boxes xyxy (B, N, 4) in input pixels."""
    d = F.softplus(dist_raw) * strides
    lt, rb = d[..., :2], d[..., 2:]
    return torch.cat([anchors - lt, anchors + rb], -1)


class ExportWrapper(nn.Module):
    """Deployment graph: images [B, 3, S, S] -> [B, 4 + nc, N] (cx, cy, w, h, scores)."""

    def __init__(self, model, imgsz=320):
        super().__init__()
        self.model = model
        shapes = [(imgsz // s, imgsz // s) for s in model.strides]
        a, s = make_anchors(shapes, model.strides, "cpu")
        self.register_buffer("anchors", a.unsqueeze(0))
        self.register_buffer("astrides", s.unsqueeze(0))

    def forward(self, x):
        y = flatten(self.model(x))
        d = F.softplus(y[..., :4]) * self.astrides
        lt, rb = d[..., :2], d[..., 2:]
        x1y1 = self.anchors - lt
        x2y2 = self.anchors + rb
        cxcy = (x1y1 + x2y2) * 0.5
        wh = x2y2 - x1y1
        scores = torch.sigmoid(y[..., 4:])
        return torch.cat([cxcy, wh, scores], -1).permute(0, 2, 1)

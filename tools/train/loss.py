"""Task-aligned assignment and detection loss (BCE on classes, CIoU on boxes)."""
import math

import torch
import torch.nn.functional as F

from model import decode_boxes, flatten, make_anchors


def box_iou_pairs(a, b, eps=1e-7):
    """IoU of a (..., 4) and b (..., 4) xyxy, broadcast."""
    lt = torch.max(a[..., :2], b[..., :2])
    rb = torch.min(a[..., 2:], b[..., 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    area_a = (a[..., 2:] - a[..., :2]).clamp(min=0).prod(-1)
    area_b = (b[..., 2:] - b[..., :2]).clamp(min=0).prod(-1)
    return inter / (area_a + area_b - inter + eps)


def ciou(a, b, eps=1e-7):
    """Complete IoU of matching rows a (n, 4), b (n, 4) xyxy."""
    iou = box_iou_pairs(a, b, eps)
    cw = torch.max(a[:, 2], b[:, 2]) - torch.min(a[:, 0], b[:, 0])
    ch = torch.max(a[:, 3], b[:, 3]) - torch.min(a[:, 1], b[:, 1])
    c2 = cw ** 2 + ch ** 2 + eps
    rho2 = ((a[:, 0] + a[:, 2] - b[:, 0] - b[:, 2]) ** 2 + (a[:, 1] + a[:, 3] - b[:, 1] - b[:, 3]) ** 2) / 4
    w1, h1 = a[:, 2] - a[:, 0], (a[:, 3] - a[:, 1]).clamp(min=eps)
    w2, h2 = b[:, 2] - b[:, 0], (b[:, 3] - b[:, 1]).clamp(min=eps)
    v = (4 / math.pi ** 2) * (torch.atan(w2 / h2) - torch.atan(w1 / h1)) ** 2
    with torch.no_grad():
        alpha = v / (v - iou + (1 + eps))
    return iou - (rho2 / c2 + v * alpha)


@torch.no_grad()
def assign(scores, pboxes, anchors, gt_cls, gt_box, gt_mask, topk=10, alpha=0.5, beta=6.0, eps=1e-9, iou_target=False):
    """Task-aligned assignment.

    scores (B, N, C) sigmoid, pboxes (B, N, 4) xyxy, anchors (N, 2),
    gt_cls (B, M) long, gt_box (B, M, 4), gt_mask (B, M) bool.
    Returns target boxes (B, N, 4), target scores (B, N, C), foreground mask (B, N).
    """
    B, N, C = scores.shape
    M = gt_box.shape[1]
    if M == 0:
        return torch.zeros_like(pboxes), torch.zeros_like(scores), torch.zeros(B, N, dtype=torch.bool, device=scores.device)
    ax, ay = anchors[:, 0].view(1, 1, N), anchors[:, 1].view(1, 1, N)
    gb = gt_box.unsqueeze(2)  # (B, M, 1, 4)
    inside = (ax > gb[..., 0]) & (ay > gb[..., 1]) & (ax < gb[..., 2]) & (ay < gb[..., 3])  # (B, M, N)
    inside &= gt_mask.unsqueeze(-1)
    iou = box_iou_pairs(gb, pboxes.unsqueeze(1)).clamp(min=0)  # (B, M, N)
    cls_idx = gt_cls.clamp(min=0).unsqueeze(-1).expand(B, M, N)
    s = scores.permute(0, 2, 1).gather(1, cls_idx)  # (B, M, N): score of the gt's class
    align = s.pow(alpha) * iou.pow(beta) * inside
    # top-k anchors per gt
    k = min(topk, N)
    top_val, top_idx = align.topk(k, dim=-1)
    cand = torch.zeros_like(align, dtype=torch.bool).scatter_(-1, top_idx, True) & inside
    # small objects with no anchor inside-and-top-k still get their best inside anchor(s)
    pos = cand
    # an anchor claimed by several gts keeps the one with the highest IoU
    multi = pos.sum(1, keepdim=True) > 1  # (B, 1, N)
    if multi.any():
        best = iou.masked_fill(~inside, -1).argmax(1)  # (B, N)
        best_onehot = F.one_hot(best, M).permute(0, 2, 1).bool()
        pos = torch.where(multi.expand_as(pos), best_onehot & pos.any(1, keepdim=True), pos)
    fg = pos.any(1)  # (B, N)
    gidx = pos.float().argmax(1)  # (B, N)
    tbox = gt_box.gather(1, gidx.unsqueeze(-1).expand(B, N, 4))
    tcls = gt_cls.gather(1, gidx)
    # soft targets: alignment normalised per gt so that its best anchor gets target 1 (`iou_target`
    # False) or that gt's best IoU (True). Targets of 1 make the scores of clearly seen products
    # high, so a fixed confidence threshold (0.5) counts them reliably.
    align = align * pos
    amax = align.amax(-1, keepdim=True)
    imax = (iou * pos).amax(-1, keepdim=True) if iou_target else 1.0
    norm = (align * imax / (amax + eps)).amax(1)  # (B, N)
    tscores = F.one_hot(tcls.clamp(min=0), C).float() * (norm * fg).unsqueeze(-1)
    return tbox, tscores, fg


class DetLoss:
    def __init__(self, model, box_gain=7.5, cls_gain=1.0):
        self.nc = model.nc
        self.strides = model.strides
        self.box_gain = box_gain
        self.cls_gain = cls_gain
        self._cache = {}

    def anchors(self, outs):
        key = tuple(o.shape[2:] for o in outs)
        if key not in self._cache:
            self._cache[key] = make_anchors([o.shape[2:] for o in outs], self.strides, outs[0].device)
        return self._cache[key]

    def __call__(self, outs, targets):
        """outs: model output list; targets: (T, 6) rows (batch_idx, cls, x1, y1, x2, y2)."""
        anchors, strides = self.anchors(outs)
        y = flatten(outs)  # (B, N, 4 + nc)
        B, N = y.shape[:2]
        pboxes = decode_boxes(y[..., :4], anchors, strides)
        logits = y[..., 4:]
        # pad targets to (B, M, ...)
        counts = torch.bincount(targets[:, 0].long(), minlength=B) if len(targets) else torch.zeros(B, dtype=torch.long)
        M = int(counts.max()) if len(targets) else 0
        gt_cls = torch.full((B, M), -1, dtype=torch.long, device=y.device)
        gt_box = torch.zeros((B, M, 4), device=y.device)
        gt_mask = torch.zeros((B, M), dtype=torch.bool, device=y.device)
        if M:
            bi = targets[:, 0].long()
            bi, order = torch.sort(bi, stable=True)
            t = targets[order]
            starts = torch.cumsum(counts, 0) - counts
            slot = torch.arange(len(t), device=y.device) - starts[bi]
            gt_cls[bi, slot] = t[:, 1].long()
            gt_box[bi, slot] = t[:, 2:6]
            gt_mask[bi, slot] = True
        tbox, tscores, fg = assign(logits.detach().sigmoid(), pboxes.detach(), anchors, gt_cls, gt_box, gt_mask)
        tsum = max(tscores.sum().item(), 1.0)
        loss_cls = F.binary_cross_entropy_with_logits(logits, tscores, reduction="sum") / tsum
        if fg.any():
            w = tscores.sum(-1)[fg]
            loss_box = ((1.0 - ciou(pboxes[fg], tbox[fg])) * w).sum() / tsum
        else:
            loss_box = pboxes.sum() * 0
        loss = self.box_gain * loss_box + self.cls_gain * loss_cls
        return loss, {"box": loss_box.item(), "cls": loss_cls.item(), "fg": int(fg.sum())}

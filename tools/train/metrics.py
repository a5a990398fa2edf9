"""Post-processing (confidence filter + per-class NMS) and accuracy figures.

mAP: COCO-style, 101-point interpolated precision, IoU thresholds 0.50:0.05:0.95,
averaged over the classes that occur in the ground truth.
Exact-tray rate: share of images whose per-class predicted counts equal the true counts, with the
detections the Detection service serves (`postprocess_served`).
"""
from collections import Counter

import numpy as np

# The Detection service's defaults (services/Detection/appsettings.json), chosen with thresholds.py.
SERVED_CONF = 0.4
SERVED_CROSS_IOU = 0.7


def nms(boxes, scores, iou_thr):
    """Plain NMS on xyxy boxes; returns kept indices (descending score)."""
    order = scores.argsort()[::-1]
    keep = []
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    areas = (x2 - x1).clip(0) * (y2 - y1).clip(0)
    while order.size:
        i = order[0]
        keep.append(i)
        if order.size == 1:
            break
        rest = order[1:]
        w = (np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest])).clip(0)
        h = (np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest])).clip(0)
        inter = w * h
        iou = inter / (areas[i] + areas[rest] - inter + 1e-9)
        order = rest[iou <= iou_thr]
    return np.array(keep, dtype=np.int64)


def postprocess(out, conf_thr=0.25, iou_thr=0.5, max_det=100, max_cand=3000):
    """out: (4 + nc, N) one image of the model output (cx, cy, w, h, scores).

    Every (box, class) pair with score >= conf_thr is a candidate; NMS per class.
    Returns (n, 6) rows x1, y1, x2, y2, score, class.
    """
    out = np.asarray(out, np.float32)
    boxes = out[:4].T
    scores = out[4:].T  # (N, nc)
    idx, cls = np.nonzero(scores >= conf_thr)
    if idx.size == 0:
        return np.zeros((0, 6), np.float32)
    sc = scores[idx, cls]
    if sc.size > max_cand:
        top = np.argpartition(-sc, max_cand)[:max_cand]
        idx, cls, sc = idx[top], cls[top], sc[top]
    b = boxes[idx]
    xyxy = np.stack([b[:, 0] - b[:, 2] / 2, b[:, 1] - b[:, 3] / 2, b[:, 0] + b[:, 2] / 2, b[:, 1] + b[:, 3] / 2], 1)
    dets = []
    for c in np.unique(cls):
        m = cls == c
        k = nms(xyxy[m], sc[m], iou_thr)
        dets.append(np.concatenate([xyxy[m][k], sc[m][k, None], np.full((len(k), 1), c, np.float32)], 1))
    d = np.concatenate(dets, 0)
    d = d[d[:, 4].argsort()[::-1][:max_det]]
    return d.astype(np.float32)


def postprocess_served(out, conf_thr=SERVED_CONF, iou_thr=0.5, cross_iou_thr=SERVED_CROSS_IOU, max_det=100):
    """As the Detection service serves detections: the best class per box, per-class NMS, then
    boxes of different classes overlapping more than cross_iou_thr are one product seen twice
    and the higher score wins (1 turns that off). Returns (n, 6) rows x1, y1, x2, y2, score, class."""
    out = np.asarray(out, np.float32)
    scores = out[4:].T
    cls = scores.argmax(1)
    sc = scores[np.arange(len(cls)), cls]
    idx = np.nonzero(sc >= conf_thr)[0]
    if idx.size == 0:
        return np.zeros((0, 6), np.float32)
    b, cls, sc = out[:4].T[idx], cls[idx], sc[idx]
    xyxy = np.stack([b[:, 0] - b[:, 2] / 2, b[:, 1] - b[:, 3] / 2, b[:, 0] + b[:, 2] / 2, b[:, 1] + b[:, 3] / 2], 1)
    kept = []
    for c in np.unique(cls):
        m = np.nonzero(cls == c)[0]
        kept.append(m[nms(xyxy[m], sc[m], iou_thr)])
    kept = np.concatenate(kept)
    if cross_iou_thr < 1:
        kept = kept[nms(xyxy[kept], sc[kept], cross_iou_thr)]
    kept = kept[sc[kept].argsort()[::-1][:max_det]]
    return np.concatenate([xyxy[kept], sc[kept, None], cls[kept, None].astype(np.float32)], 1).astype(np.float32)


def iou_matrix(a, b):
    lt = np.maximum(a[:, None, :2], b[None, :, :2])
    rb = np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clip(0).prod(-1)
    aa = (a[:, 2:] - a[:, :2]).clip(0).prod(-1)
    ab = (b[:, 2:] - b[:, :2]).clip(0).prod(-1)
    return inter / (aa[:, None] + ab[None, :] - inter + 1e-9)


IOU_THRS = np.linspace(0.5, 0.95, 10)


def evaluate_dets(all_dets, all_gts, nc, count_conf=0.5, served=None):
    """all_dets: per image (n, 6) x1 y1 x2 y2 score cls (low threshold, after NMS);
    all_gts: per image (m, 5) cls x1 y1 x2 y2; served: per image the detections as served
    (`postprocess_served`) for the tray counts, else all_dets at score >= count_conf.
    Returns dict of figures."""
    # per class lists of (score, tp flags per IoU threshold)
    recs = {c: [] for c in range(nc)}
    npos = Counter()
    exact = 0
    for i, (dets, gts) in enumerate(zip(all_dets, all_gts)):
        gcls = gts[:, 0].astype(int)
        npos.update(gcls.tolist())
        counted = served[i] if served is not None else dets[dets[:, 4] >= count_conf]
        pred_counts = Counter(counted[:, 5].astype(int).tolist())
        if pred_counts == Counter(gcls.tolist()):
            exact += 1
        for c in np.unique(np.concatenate([gcls, dets[:, 5].astype(int)])) if len(dets) or len(gcls) else []:
            d = dets[dets[:, 5] == c]
            d = d[d[:, 4].argsort()[::-1]]
            g = gts[gcls == c][:, 1:5]
            tp = np.zeros((len(d), len(IOU_THRS)), bool)
            if len(d) and len(g):
                ious = iou_matrix(d[:, :4], g)
                for t, thr in enumerate(IOU_THRS):
                    used = np.zeros(len(g), bool)
                    for i in range(len(d)):
                        cand = np.where((ious[i] >= thr) & ~used)[0]
                        if cand.size:
                            j = cand[ious[i, cand].argmax()]
                            used[j] = True
                            tp[i, t] = True
            for i in range(len(d)):
                recs[int(c)].append((d[i, 4], tp[i]))
    aps = np.zeros((nc, len(IOU_THRS)))
    present = [c for c in range(nc) if npos[c] > 0]
    rs = np.linspace(0, 1, 101)
    for c in present:
        r = recs[c]
        if not r:
            continue
        r.sort(key=lambda x: -x[0])
        tps = np.array([x[1] for x in r], np.float64)  # (n, T)
        ctp = np.cumsum(tps, 0)
        cfp = np.cumsum(1 - tps, 0)
        recall = ctp / npos[c]
        precision = ctp / np.maximum(ctp + cfp, 1e-9)
        for t in range(len(IOU_THRS)):
            p = precision[:, t].copy()
            # precision envelope
            for i in range(len(p) - 2, -1, -1):
                p[i] = max(p[i], p[i + 1])
            idx = np.searchsorted(recall[:, t], rs, side="left")
            q = np.array([p[i] if i < len(p) else 0.0 for i in idx])
            aps[c, t] = q.mean()
    ap_c = aps[present]
    return {
        "map50": float(ap_c[:, 0].mean()) if present else 0.0,
        "map50_95": float(ap_c.mean()) if present else 0.0,
        "exact_tray": exact / max(len(all_gts), 1),
        "images": len(all_gts),
        "objects": int(sum(npos.values())),
        "per_class_ap50": {c: float(aps[c, 0]) for c in present},
    }


def counts_right(out, labelled_classes, confs, crosses, iou_thr=0.5):
    """For one image: a (len(confs), len(crosses)) bool array, True where the detections served at that score
    threshold and cross-class IoU count every labelled product exactly."""
    want = Counter(np.asarray(labelled_classes).astype(int).tolist())
    right = np.zeros((len(confs), len(crosses)), bool)
    for a, conf in enumerate(confs):
        for b, cross in enumerate(crosses):
            served = postprocess_served(out, conf_thr=conf, iou_thr=iou_thr, cross_iou_thr=cross)
            right[a, b] = Counter(served[:, 5].astype(int).tolist()) == want
    return right


def pick_thresholds(rates, confs, crosses):
    """(conf, cross) of the best exact-tray rate in the grid; a tie goes to the higher score threshold (fewer
    doubtful products served), then to the lower cross-class IoU (a product counted once more surely)."""
    rates = np.asarray(rates)
    pairs = [(a, b) for a in range(len(confs)) for b in range(len(crosses))]
    a, b = max(pairs, key=lambda ab: (rates[ab], confs[ab[0]], -crosses[ab[1]]))
    return confs[a], crosses[b]

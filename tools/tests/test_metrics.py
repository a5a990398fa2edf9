import json
import os

import numpy as np

from conftest import TOOLS
from metrics import SERVED_CONF, SERVED_CROSS_IOU, counts_right, evaluate_dets, nms, pick_thresholds, postprocess_served


def raw_output(boxes, nc):
    """A model output (4 + nc, N) from rows (cx, cy, w, h, class, score)."""
    out = np.zeros((4 + nc, len(boxes)), np.float32)
    for j, (cx, cy, w, h, c, s) in enumerate(boxes):
        out[:4, j] = cx, cy, w, h
        out[4 + c, j] = s
    return out


def test_nms_keeps_the_best_of_overlapping_boxes_and_boxes_apart():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], np.float32)
    keep = nms(boxes, np.array([0.6, 0.9, 0.7], np.float32), 0.5)
    assert keep.tolist() == [1, 2]


def test_served_detections_count_a_product_seen_as_two_classes_once():
    out = raw_output([(50, 50, 40, 20, 0, 0.9), (51, 50, 40, 20, 1, 0.8), (150, 150, 30, 30, 2, 0.7)], 3)
    served = postprocess_served(out, conf_thr=0.5, cross_iou_thr=0.6)
    assert sorted(served[:, 5].astype(int).tolist()) == [0, 2]
    both = postprocess_served(out, conf_thr=0.5, cross_iou_thr=1.0)
    assert sorted(both[:, 5].astype(int).tolist()) == [0, 1, 2]


def test_served_detections_drop_scores_under_the_threshold():
    out = raw_output([(50, 50, 40, 20, 0, 0.49), (150, 150, 30, 30, 1, 0.51)], 2)
    assert postprocess_served(out, conf_thr=0.5)[:, 5].astype(int).tolist() == [1]


def det(x1, y1, x2, y2, score, c):
    return [x1, y1, x2, y2, score, c]


def test_perfect_detections_score_one_everywhere():
    gts = [np.array([[0, 10, 10, 50, 30], [1, 60, 60, 90, 100]], np.float32)]
    dets = [np.array([det(10, 10, 50, 30, 0.9, 0), det(60, 60, 90, 100, 0.8, 1)], np.float32)]
    r = evaluate_dets(dets, gts, nc=2)
    assert r["map50"] == 1.0 and r["map50_95"] == 1.0 and r["exact_tray"] == 1.0
    assert r["images"] == 1 and r["objects"] == 2


def test_a_missed_product_makes_its_tray_wrong_and_lowers_its_class_ap():
    gts = [np.array([[0, 10, 10, 50, 30]], np.float32), np.array([[0, 10, 10, 50, 30], [0, 60, 60, 100, 80]], np.float32)]
    dets = [np.array([det(10, 10, 50, 30, 0.9, 0)], np.float32), np.array([det(10, 10, 50, 30, 0.9, 0)], np.float32)]
    r = evaluate_dets(dets, gts, nc=1)
    assert r["exact_tray"] == 0.5
    assert 0.6 < r["map50"] < 0.7  # two of three found, at full precision: 67 of the 101 recall points


def test_a_loose_box_counts_at_iou_half_but_not_at_the_stricter_thresholds():
    gts = [np.array([[0, 0, 0, 100, 100]], np.float32)]
    dets = [np.array([det(0, 0, 100, 62, 0.9, 0)], np.float32)]  # IoU 0.62
    r = evaluate_dets(dets, gts, nc=1)
    assert r["map50"] == 1.0
    assert abs(r["map50_95"] - 0.3) < 1e-9  # right at 0.50, 0.55, 0.60 of the ten thresholds


def test_counts_right_marks_the_thresholds_at_which_the_served_products_match_the_labels():
    # a clear product 0, a doubtful product 1 at 0.42, and product 0 also seen as class 2 on a box overlapping with IoU 0.67
    out = raw_output([(50, 50, 40, 20, 0, 0.9), (150, 150, 30, 30, 1, 0.42), (58, 50, 40, 20, 2, 0.6)], 3)
    right = counts_right(out, np.array([0, 1]), confs=[0.4, 0.5], crosses=[0.6, 0.7])
    assert right.tolist() == [[True, False], [False, False]]


def test_pick_thresholds_takes_the_best_rate_and_breaks_ties_towards_the_higher_score_then_the_lower_iou():
    confs, crosses = [0.3, 0.4, 0.5], [0.6, 0.8]
    assert pick_thresholds([[0.9, 0.8], [0.95, 0.94], [0.93, 0.93]], confs, crosses) == (0.4, 0.6)
    assert pick_thresholds([[0.95, 0.95], [0.95, 0.95], [0.9, 0.9]], confs, crosses) == (0.4, 0.6)
    assert pick_thresholds([[0.9, 0.9], [0.9, 0.95], [0.9, 0.9]], confs, crosses) == (0.4, 0.8)


def test_the_tools_count_trays_at_the_thresholds_the_detection_service_serves_at():
    with open(os.path.join(TOOLS, "..", "services", "Detection", "appsettings.json")) as f:
        served = json.load(f)["Detection"]
    assert (served["ConfidenceThreshold"], served["CrossClassIouThreshold"]) == (SERVED_CONF, SERVED_CROSS_IOU)

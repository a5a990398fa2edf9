"""sure_level.py: which served detections are right, and the level that flags the wrong ones."""
import numpy as np

from sure_level import judge, measure, pick, tray_is_right


def test_a_detection_is_right_only_on_an_unclaimed_product_of_its_class():
    gts = np.array([[3, 0, 0, 10, 10], [5, 20, 20, 30, 30]], np.float32)
    dets = np.array([
        [0, 0, 10, 10, 0.9, 3],    # on the product of class 3: right
        [1, 1, 10, 10, 0.8, 3],    # the same product again: wrong
        [20, 20, 30, 30, 0.7, 4],  # on the class-5 product but named 4: wrong
        [50, 50, 60, 60, 0.6, 5],  # where nothing lies: wrong
    ], np.float32)
    assert judge(dets, gts).tolist() == [True, False, False, False]


def test_the_higher_score_claims_the_product_first():
    gts = np.array([[1, 0, 0, 10, 10]], np.float32)
    dets = np.array([[0, 0, 9, 10, 0.5, 1], [0, 0, 10, 10, 0.95, 1]], np.float32)
    assert judge(dets, gts).tolist() == [False, True]


def test_a_tray_is_right_when_the_counts_per_class_match():
    gts = np.array([[1, 0, 0, 1, 1], [1, 5, 5, 6, 6], [2, 9, 9, 10, 10]], np.float32)
    dets = np.array([[0, 0, 1, 1, 0.9, 2], [0, 0, 1, 1, 0.9, 1], [0, 0, 1, 1, 0.9, 1]], np.float32)
    assert tray_is_right(dets, gts, 4)
    assert not tray_is_right(dets[:2], gts, 4)


def test_shares_below_each_level_and_the_level_chosen():
    # wrong detections score low, right ones high, with one right one at 0.55 and one wrong one at 0.9
    scored = [(0.45, False), (0.5, False), (0.52, False), (0.9, False), (0.55, True)] + [(0.95, True)] * 9
    trays = [(0.45, False), (0.95, True)]
    rows, n_right, n_wrong, _, _ = measure(scored, trays, [0.5, 0.6, 0.7])
    assert (n_right, n_wrong) == (10, 4)
    assert [r["errors_flagged"] for r in rows] == [0.25, 0.75, 0.75]
    assert [r["right_flagged"] for r in rows] == [0.0, 0.1, 0.1]
    # no level reaches 80 % of the errors: the highest within 10 % of right ones
    assert pick(rows, 0.8, 0.1)["level"] == 0.7
    # 70 % is reached first at 0.6
    assert pick(rows, 0.7, 0.1)["level"] == 0.6

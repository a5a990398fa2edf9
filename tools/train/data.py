"""YOLO-format data sets: data.yaml + images/<split>/*.jpg + labels/<split>/*.txt."""
import glob
import os

import cv2
import numpy as np
import yaml

IMG_EXT = (".jpg", ".jpeg", ".png", ".bmp", ".webp")
PAD = 114


def load_data_yaml(path):
    with open(path, encoding="utf-8") as f:
        d = yaml.safe_load(f)
    root = d.get("path") or "."
    if not os.path.isabs(root):
        root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), root))
    # the yaml may have moved with its data set: fall back to its own folder
    if not os.path.isdir(root):
        root = os.path.dirname(os.path.abspath(path))
    names = d["names"]
    if isinstance(names, dict):
        names = [names[k] for k in sorted(names, key=int)]
    d["names"] = list(names)
    d["nc"] = int(d.get("nc", len(names)))
    d["root"] = root
    return d


def split_images(d, split):
    """Image paths of a split (folder, list file or list of folders)."""
    entry = d.get(split)
    if entry is None:
        return []
    entries = entry if isinstance(entry, list) else [entry]
    files = []
    for e in entries:
        p = e if os.path.isabs(e) else os.path.join(d["root"], e)
        if os.path.isdir(p):
            for ext in IMG_EXT:
                files += glob.glob(os.path.join(p, "**", "*" + ext), recursive=True)
        elif p.endswith(".txt") and os.path.isfile(p):
            with open(p) as f:
                for line in f:
                    line = line.strip()
                    if line:
                        files.append(line if os.path.isabs(line) else os.path.join(d["root"], line))
    return sorted(files)


def label_path(img_path):
    parts = img_path.replace("\\", "/").rsplit("/images/", 1)
    base = os.path.splitext(parts[1] if len(parts) == 2 else os.path.basename(img_path))[0]
    root = parts[0] if len(parts) == 2 else os.path.dirname(img_path)
    return os.path.join(root, "labels", base + ".txt")


def read_labels(path):
    """(n, 5) float32: class, cx, cy, w, h normalised."""
    if not os.path.isfile(path):
        return np.zeros((0, 5), np.float32)
    rows = []
    with open(path) as f:
        for line in f:
            v = line.split()
            if len(v) >= 5:
                rows.append([float(x) for x in v[:5]])
    return np.array(rows, np.float32).reshape(-1, 5)


def letterbox(img, size=320, pad=PAD):
    """Resize keeping aspect ratio, pad to size x size (centred). Returns img, scale, (dx, dy)."""
    h, w = img.shape[:2]
    r = min(size / w, size / h)
    nw, nh = int(round(w * r)), int(round(h * r))
    if (nw, nh) != (w, h):
        img = cv2.resize(img, (nw, nh), interpolation=cv2.INTER_AREA if r < 1 else cv2.INTER_LINEAR)
    dx, dy = (size - nw) // 2, (size - nh) // 2
    out = np.full((size, size, 3), pad, np.uint8)
    out[dy:dy + nh, dx:dx + nw] = img
    return out, r, (dx, dy)


class YoloDataset:
    """Letterboxed RGB images (uint8, HWC) and their boxes xyxy in letterbox pixels.

    cache=True keeps the letterboxed images in memory (about 0.3 MB each at 320 px).
    """

    def __init__(self, data_yaml, split, imgsz=320, cache=True, max_items=None):
        self.d = load_data_yaml(data_yaml)
        self.files = split_images(self.d, split)
        if max_items:
            self.files = self.files[:max_items]
        self.imgsz = imgsz
        self.cache = cache
        self._imgs = [None] * len(self.files)
        self._labels = [None] * len(self.files)
        self._rows = [None] * len(self.files)  # (first row, height) of the image content

    def __len__(self):
        return len(self.files)

    def load(self, i):
        if self._imgs[i] is not None:
            return self._imgs[i], self._labels[i]
        bgr = cv2.imread(self.files[i], cv2.IMREAD_COLOR)
        if bgr is None:
            raise IOError(self.files[i])
        h, w = bgr.shape[:2]
        img, r, (dx, dy) = letterbox(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), self.imgsz)
        lab = read_labels(label_path(self.files[i]))
        boxes = np.zeros((len(lab), 5), np.float32)
        if len(lab):
            boxes[:, 0] = lab[:, 0]
            boxes[:, 1] = (lab[:, 1] - lab[:, 3] / 2) * w * r + dx
            boxes[:, 2] = (lab[:, 2] - lab[:, 4] / 2) * h * r + dy
            boxes[:, 3] = (lab[:, 1] + lab[:, 3] / 2) * w * r + dx
            boxes[:, 4] = (lab[:, 2] + lab[:, 4] / 2) * h * r + dy
        self._rows[i] = (dy, img.shape[0] - 2 * dy)
        if self.cache:
            self._imgs[i], self._labels[i] = img, boxes
        return img, boxes

    def content_rows(self, i):
        if self._rows[i] is None:
            self.load(i)
        return self._rows[i]


def crop_rows(img, boxes, top, height):
    """Keep rows [top, top + height) (used to train on 320x256 strips of 4:3 images)."""
    img = img[top:top + height]
    boxes = boxes.copy()
    if len(boxes):
        h0 = boxes[:, 4] - boxes[:, 2]
        boxes[:, [2, 4]] = (boxes[:, [2, 4]] - top).clip(0, height)
        keep = (boxes[:, 4] - boxes[:, 2]) >= 0.4 * np.maximum(h0, 1e-6)
        boxes = boxes[keep]
    return np.ascontiguousarray(img), boxes


def augment(img, boxes, rng, hsv=(0.015, 0.5, 0.35), flip_lr=0.5, flip_ud=0.5):
    """Flips and HSV jitter (in place safe: returns new arrays)."""
    img = img.copy()
    boxes = boxes.copy()
    H, W = img.shape[:2]
    if rng.random() < flip_lr:
        img = img[:, ::-1]
        x1 = W - boxes[:, 3]
        x2 = W - boxes[:, 1]
        boxes[:, 1], boxes[:, 3] = x1, x2
    if rng.random() < flip_ud:
        img = img[::-1]
        y1 = H - boxes[:, 4]
        y2 = H - boxes[:, 2]
        boxes[:, 2], boxes[:, 4] = y1, y2
    img = np.ascontiguousarray(img)
    if hsv:
        gh, gs, gv = (rng.uniform(-1, 1, 3) * np.array(hsv)) + 1
        hsvimg = cv2.cvtColor(img, cv2.COLOR_RGB2HSV)
        lut = np.arange(256, dtype=np.float32)
        lut_h = ((lut * gh) % 180).astype(np.uint8)
        lut_s = np.clip(lut * gs, 0, 255).astype(np.uint8)
        lut_v = np.clip(lut * gv, 0, 255).astype(np.uint8)
        hsvimg = cv2.merge((cv2.LUT(hsvimg[..., 0], lut_h), cv2.LUT(hsvimg[..., 1], lut_s), cv2.LUT(hsvimg[..., 2], lut_v)))
        img = cv2.cvtColor(hsvimg, cv2.COLOR_HSV2RGB)
    return img, boxes

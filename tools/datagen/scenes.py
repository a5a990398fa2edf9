"""Tray scenes: products placed on a tray as a kiosk camera sees them.

One scene = background + up to 8 products (rotated, scaled, overlapping, with shadows)
+ mild perspective + lighting gradient + blur + noise (+ JPEG artefacts when saved).
Labels are the axis-aligned boxes of the visible part of each product.
"""
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from camera import PX_PER_MM, area_scale, light_and_optics, material, view_homography, warp_view, wrapper

# Nominal long side in scene pixels (640x480 view of a tray) per category.
NOMINAL = {"bar": 200, "cone": 205, "tube": 175, "cup": 120, "sandwich": 170, "family-pack": 190}


def _rand_color(rng, lo=0, hi=255):
    return tuple(rng.randint(lo, hi) for _ in range(3))


def background(rng, W, H):
    kind = rng.choice(["solid", "wood", "checker", "texture", "tray", "tray", "gradient"])
    base = _rand_color(rng, 60, 235)
    if kind == "solid" or kind == "gradient":
        img = Image.new("RGB", (W, H), base)
        if kind == "gradient":
            other = np.array(_rand_color(rng, 60, 235), np.float32)
            t = np.linspace(0, 1, W, dtype=np.float32)[None, :, None]
            arr = np.array(base, np.float32) * (1 - t) + other * t
            img = Image.fromarray(np.repeat(arr, H, axis=0).clip(0, 255).astype(np.uint8))
    elif kind == "wood":
        tone = rng.choice([(150, 105, 60), (190, 150, 100), (110, 75, 45), (210, 180, 140)])
        yy = np.arange(H, dtype=np.float32)[:, None]
        xx = np.arange(W, dtype=np.float32)[None, :]
        f = rng.uniform(0.03, 0.08)
        ph = rng.uniform(0, 6.28)
        g = np.sin(yy * f + 3.0 * np.sin(xx * 0.01 + ph) + 0.5 * np.sin(yy * 0.3)) * 0.5 + 0.5
        g = 0.8 + 0.25 * g
        arr = np.array(tone, np.float32)[None, None, :] * g[..., None]
        if rng.random() < 0.5:
            arr = arr.transpose(1, 0, 2)
            arr = np.array(Image.fromarray(arr.clip(0, 255).astype(np.uint8)).resize((W, H)))
        img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    elif kind == "checker":
        c2 = _rand_color(rng, 60, 235)
        step = rng.randint(20, 60)
        img = Image.new("RGB", (W, H), base)
        dr = ImageDraw.Draw(img)
        for y in range(0, H, step):
            for x in range(0, W, step):
                if ((x // step) + (y // step)) % 2:
                    dr.rectangle([x, y, x + step - 1, y + step - 1], fill=c2)
    elif kind == "texture":
        small = np.random.RandomState(rng.randint(0, 2 ** 31 - 1)).rand(H // 16 + 1, W // 16 + 1, 1).astype(np.float32)
        small = np.array(Image.fromarray((small[..., 0] * 255).astype(np.uint8)).resize((W, H), Image.BICUBIC), np.float32) / 255.0
        fine = np.random.RandomState(rng.randint(0, 2 ** 31 - 1)).rand(H, W).astype(np.float32)
        g = 0.75 + 0.3 * small + 0.1 * fine
        arr = np.array(base, np.float32)[None, None, :] * g[..., None]
        img = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    else:  # tray: a coloured tray with a raised rim, on a counter
        counter = _rand_color(rng, 40, 200)
        img = Image.new("RGB", (W, H), counter)
        dr = ImageDraw.Draw(img)
        m = rng.randint(-10, 30)
        rim = rng.randint(10, 24)
        tray = _rand_color(rng, 60, 240)
        darker = tuple(max(0, c - 40) for c in tray)
        dr.rounded_rectangle([m, m, W - m, H - m], radius=30, fill=darker)
        dr.rounded_rectangle([m + rim, m + rim, W - m - rim, H - m - rim], radius=20, fill=tray)
    return img


def _shadow(canvas, alpha, x, y, rng):
    """Darken canvas under a blurred, shifted copy of alpha."""
    dx, dy = rng.randint(2, 10), rng.randint(2, 10)
    strength = rng.uniform(0.2, 0.5)
    sh = alpha.filter(ImageFilter.GaussianBlur(rng.uniform(3, 8)))
    sh = sh.point(lambda v: int(v * strength))
    black = Image.new("RGB", sh.size, (0, 0, 0))
    canvas.paste(black, (x + dx, y + dy), sh)


def _jitter_colour(art, rng):
    arr = np.asarray(art).astype(np.float32)
    gain = np.array([rng.uniform(0.88, 1.12) for _ in range(3)], np.float32) * rng.uniform(0.85, 1.15)
    arr[..., :3] = (arr[..., :3] * gain).clip(0, 255)
    return Image.fromarray(arr.astype(np.uint8), "RGBA")


def _crumple(art, rng):
    """Light wrinkles: shaded random lines inside the wrapper."""
    if rng.random() < 0.5:
        return art
    w, h = art.size
    layer = Image.new("L", (w, h), 0)
    dr = ImageDraw.Draw(layer)
    for _ in range(rng.randint(2, 6)):
        x0, y0 = rng.uniform(0, w), rng.uniform(0, h)
        a = rng.uniform(0, math.pi)
        L = rng.uniform(0.2, 0.6) * max(w, h)
        dr.line([(x0, y0), (x0 + L * math.cos(a), y0 + L * math.sin(a))], fill=rng.randint(40, 90), width=rng.randint(2, 5))
    layer = layer.filter(ImageFilter.GaussianBlur(2))
    col = (255, 255, 255) if rng.random() < 0.5 else (0, 0, 0)
    over = Image.new("RGBA", (w, h), col + (0,))
    a = np.minimum(np.asarray(layer), np.asarray(art.split()[3]))
    over.putalpha(Image.fromarray(a))
    out = art.copy()
    out.alpha_composite(over)
    return out


def _distractor(rng, scale):
    """A non-product object (receipt, coin, card) so that the model learns to ignore them."""
    kind = rng.choice(["receipt", "coin", "card"])
    if kind == "receipt":
        w, h = int(rng.uniform(50, 80) * scale), int(rng.uniform(100, 160) * scale)
        im = Image.new("RGBA", (w, h), (245, 245, 240, 255))
        dr = ImageDraw.Draw(im)
        for y in range(8, h - 6, 7):
            dr.line([(6, y), (rng.randint(w // 3, w - 6), y)], fill=(90, 90, 90, 255), width=1)
    elif kind == "coin":
        r = int(rng.uniform(12, 18) * scale)
        im = Image.new("RGBA", (2 * r, 2 * r), (0, 0, 0, 0))
        col = rng.choice([(200, 200, 205), (190, 150, 80)])
        ImageDraw.Draw(im).ellipse([0, 0, 2 * r - 1, 2 * r - 1], fill=col + (255,), outline=(120, 120, 120, 255))
    else:
        w, h = int(85 * scale), int(54 * scale)
        im = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        ImageDraw.Draw(im).rounded_rectangle([0, 0, w - 1, h - 1], radius=6, fill=_rand_color(rng, 20, 230) + (255,))
    return im


def _perspective_coeffs(src, dst):
    """Coefficients for PIL's PERSPECTIVE transform mapping output (dst) -> input (src)."""
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        B += [u, v]
    return np.linalg.solve(np.array(A, np.float64), np.array(B, np.float64)).tolist()


def compose(arts, cats, rng, W=640, H=480, min_items=1, max_items=8, min_visible=0.4, keep_visible=0.6,
            sizes=None, camera=None):
    """Compose one scene. arts: list of RGBA images per class; cats: category per class.

    keep_visible: a product is only placed if every earlier product keeps at least this share visible.
    min_visible: products less visible than this at the end get no label.
    sizes: per class (length, width) of the real package in mm, or None for a nominal size per category.
    camera: None, or the strength in [0, 1] of camera.py's effects (pose, materials, wrapper, light,
        optics, sensor); None draws exactly what the generator drew before these options existed.
    Returns (PIL RGB image, list of (cls, x0, y0, x1, y1) in pixels).
    """
    nc = len(arts)
    canvas = material(rng, W, H) if camera is not None and rng.random() < 0.6 else background(rng, W, H)
    owner = np.full((H, W), -1, np.int16)  # which placed object owns each pixel
    n = rng.randint(min_items, max_items)
    if camera is not None and rng.random() < 0.35:  # a crowded tray
        n = rng.randint(max(min_items, max_items - 2), max_items)
    scene_scale = rng.uniform(0.6, 1.05) * (1.0 if n <= 4 else 0.85)
    placed = []  # (cls, full_area)
    centres = []  # centre of each placed product before the camera's view
    in_frame = 0.85 if camera is None else 0.85 - 0.3 * camera  # share of a product that must lie inside the frame

    # distractors first (under the products)
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        im = _distractor(rng, scene_scale).rotate(rng.uniform(0, 360), expand=True, resample=Image.BILINEAR)
        x, y = rng.randint(-im.width // 3, W - im.width // 2), rng.randint(-im.height // 3, H - im.height // 2)
        canvas.paste(im, (x, y), im)

    for _ in range(n):
        cls = rng.randrange(nc)
        art = arts[cls]
        if sizes is None:
            L = NOMINAL.get(cats[cls], 180) * scene_scale * rng.uniform(0.88, 1.12)
            k = L / max(art.size)
            im = art.resize((max(8, int(art.width * k)), max(8, int(art.height * k))), Image.BILINEAR)
        else:  # the real package's length and width (a little of the lens's scale variation on top)
            k = PX_PER_MM * scene_scale * rng.uniform(0.95, 1.05)
            long_px, short_px = max(8, int(sizes[cls][0] * k)), max(8, int(sizes[cls][1] * k))
            im = art.resize((long_px, short_px) if art.width >= art.height else (short_px, long_px), Image.BILINEAR)
        im = _crumple(_jitter_colour(im, rng), rng)
        if camera is not None:
            im = wrapper(im, rng, camera)
        im = im.rotate(rng.uniform(0, 360), expand=True, resample=Image.BILINEAR)
        alpha = im.split()[3]
        a_np = np.asarray(alpha) > 127
        full_area = int(a_np.sum())
        if full_area < 50:
            continue
        ok = False
        for _try in range(25):
            # mostly inside the frame; a little may stick out
            x = rng.randint(-im.width // 6, W - im.width + im.width // 6)
            y = rng.randint(-im.height // 6, H - im.height + im.height // 6)
            # region of overlap with frame
            x0, y0 = max(0, x), max(0, y)
            x1, y1 = min(W, x + im.width), min(H, y + im.height)
            if x1 <= x0 or y1 <= y0:
                continue
            sub = a_np[y0 - y:y1 - y, x0 - x:x1 - x]
            if sub.sum() < in_frame * full_area:
                continue
            region = owner[y0:y1, x0:x1]
            covered = region[sub]
            # would any earlier object fall under keep_visible?
            bad = False
            if covered.size and (covered >= 0).any():
                ids, cnt = np.unique(covered[covered >= 0], return_counts=True)
                for i, c in zip(ids, cnt):
                    vis_now = int((owner == i).sum())
                    if (vis_now - c) < keep_visible * placed[i][1]:
                        bad = True
                        break
            if not bad:
                ok = True
                break
        if not ok:
            continue
        _shadow(canvas, alpha, x, y, rng)
        canvas.paste(im.convert("RGB"), (x, y), alpha)
        owner[y0:y1, x0:x1][sub] = len(placed)
        placed.append((cls, full_area))
        ys_, xs_ = np.nonzero(a_np)
        centres.append((x + float(xs_.mean()), y + float(ys_.mean())))

    scale = [1.0] * len(placed)  # how much the view enlarges each product's area
    if camera is not None:  # the kiosk camera's pose: tilt, roll, zoom; the counter around the tray
        Hm = view_homography(rng, camera, W, H)
        surround = material(rng, W, H) if rng.random() < 0.5 else background(rng, W, H)
        canvas, owner = warp_view(canvas, owner, surround, Hm)
        scale = [area_scale(Hm, cx, cy) for cx, cy in centres]
    elif rng.random() < 0.7:  # mild perspective (camera not exactly above the tray)
        d = 0.06
        dst = [(0, 0), (W, 0), (W, H), (0, H)]
        src = [(px + rng.uniform(-d, d) * W, py + rng.uniform(-d, d) * H) for px, py in dst]
        coeffs = _perspective_coeffs(src, dst)
        canvas = canvas.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=_rand_color(rng, 40, 200))
        own_img = Image.fromarray((owner + 1).astype(np.uint8), "L")
        own_img = own_img.transform((W, H), Image.PERSPECTIVE, coeffs, Image.NEAREST, fillcolor=0)
        owner = np.asarray(own_img).astype(np.int16) - 1

    boxes = []
    for i, (cls, full_area) in enumerate(placed):
        m = owner == i
        vis = int(m.sum())
        if vis < min_visible * full_area * 0.9 * scale[i] or vis < 30:  # 0.9: perspective shrinks areas a little
            continue
        ys = np.where(m.any(axis=1))[0]
        xs = np.where(m.any(axis=0))[0]
        boxes.append((cls, float(xs[0]), float(ys[0]), float(xs[-1] + 1), float(ys[-1] + 1)))

    # lighting: linear gradient or vignette, plus global gain
    arr = np.asarray(canvas).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if rng.random() < 0.5:
        a = rng.uniform(0, 2 * math.pi)
        g = (np.cos(a) * (xx / W - 0.5) + np.sin(a) * (yy / H - 0.5))
        light = 1.0 + rng.uniform(0.1, 0.45) * g
    else:
        cx, cy = rng.uniform(0.2, 0.8) * W, rng.uniform(0.2, 0.8) * H
        r2 = ((xx - cx) ** 2 + (yy - cy) ** 2) / (W * W)
        light = 1.1 - rng.uniform(0.2, 0.7) * r2
    light *= rng.uniform(0.75, 1.2)
    tint = np.array([rng.uniform(0.92, 1.08) for _ in range(3)], np.float32)
    arr = arr * light[..., None] * tint
    # sensor noise
    arr += np.random.RandomState(rng.randint(0, 2 ** 31 - 1)).normal(0, rng.uniform(1, 7), arr.shape).astype(np.float32)
    canvas = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if rng.random() < 0.6:
        canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.3)))
    if camera is not None:
        canvas = light_and_optics(canvas, rng, camera)
    return canvas, boxes

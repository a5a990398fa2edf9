"""What a real kiosk camera adds to a tray: its pose, its optics, its sensor and its JPEG encoder.

Every effect is drawn from a range scaled by a strength s in [0, 1] (gen.py --camera): 0 leaves the
tray as the plain generator draws it, 1 is a poor camera badly placed in a badly lit store.
Named tiers: easy 0.35, moderate 0.65, hard 1.0; `mix` draws s per tray (training).
"""
import io
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

TIERS = {"easy": 0.35, "moderate": 0.65, "hard": 1.0}

PX_PER_MM = 1.08  # scene pixels per millimetre at scene scale 1 (a 185 mm bar is 200 px, as before)


def strength(camera, rng):
    """The strength of one tray: a tier's, a number's, or for `mix` a random one (a fifth of them 0)."""
    if camera == "mix":
        return 0.0 if rng.random() < 0.2 else rng.uniform(0.15, 1.0)
    return TIERS[camera] if camera in TIERS else float(camera)


def _rng_np(rng):
    return np.random.RandomState(rng.randint(0, 2 ** 31 - 1))


# ---------------------------------------------------------------- tray materials

def material(rng, W, H):
    """A tray or counter surface: cloth, wood, brushed steel, glossy plastic or a paper liner."""
    kind = rng.choice(["cloth", "wood", "steel", "plastic", "paper"])
    nrs = _rng_np(rng)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if kind == "cloth":  # woven threads in two directions, a little fuzz, sometimes a check pattern
        base = np.array([rng.randint(40, 230) for _ in range(3)], np.float32)
        period = rng.uniform(2.5, 5.0)
        weave = 0.5 + 0.25 * np.sin(xx * 2 * math.pi / period) * np.sign(np.sin(yy * 2 * math.pi / period))
        g = 0.85 + 0.2 * weave + 0.08 * nrs.rand(H, W).astype(np.float32)
        arr = base[None, None] * g[..., None]
        if rng.random() < 0.5:
            step = rng.randint(25, 70)
            band = ((xx // step + yy // step) % 2).astype(np.float32)
            other = np.array([rng.randint(40, 230) for _ in range(3)], np.float32)
            arr = arr * (1 - 0.5 * band[..., None]) + other[None, None] * g[..., None] * 0.5 * band[..., None]
    elif kind == "wood":  # planks with grain and knots
        tone = np.array(rng.choice([(150, 105, 60), (190, 150, 100), (110, 75, 45), (210, 180, 140), (90, 60, 40)]), np.float32)
        plank = rng.randint(60, 160)
        idx = (yy // plank).astype(np.int32)
        offs = nrs.uniform(0, 100, size=idx.max() + 2).astype(np.float32)
        grain = np.sin((xx + offs[idx] * 7) * rng.uniform(0.02, 0.05) + 4 * np.sin(yy * 0.05 + offs[idx]))
        g = 0.82 + 0.12 * grain + 0.06 * np.sin(yy * 0.9) + 0.04 * nrs.rand(H, W).astype(np.float32)
        g -= 0.25 * ((yy % plank) < 2)  # plank joints
        arr = tone[None, None] * g[..., None]
        if rng.random() < 0.5:
            arr = cv2.resize(np.ascontiguousarray(arr.transpose(1, 0, 2)), (W, H))
    elif kind == "steel":  # brushed metal: fine streaks along one direction, a broad sheen
        grey = rng.uniform(120, 200)
        streak = nrs.rand(H, 1).astype(np.float32) * np.ones((1, W), np.float32)
        streak = cv2.GaussianBlur(streak + 0.3 * nrs.rand(H, W).astype(np.float32), (0, 0), sigmaX=8, sigmaY=0.6)
        a = rng.uniform(0, 2 * math.pi)
        sheen = np.cos(a) * (xx / W - 0.5) + np.sin(a) * (yy / H - 0.5)
        g = 0.85 + 0.25 * (streak - streak.mean()) + 0.25 * np.exp(-(sheen * 3) ** 2)
        arr = np.repeat((grey * g)[..., None], 3, axis=2) * np.array([1.0, 1.0, rng.uniform(1.0, 1.06)], np.float32)
        if rng.random() < 0.5:
            arr = cv2.resize(np.ascontiguousarray(arr.transpose(1, 0, 2)), (W, H))
    elif kind == "plastic":  # a glossy moulded tray: flat colour, soft reflections of the lights
        base = np.array([rng.randint(30, 240) for _ in range(3)], np.float32)
        arr = np.ones((H, W, 3), np.float32) * base
        for _ in range(rng.randint(1, 3)):
            cx, cy = rng.uniform(0, W), rng.uniform(0, H)
            rx, ry = rng.uniform(40, 200), rng.uniform(20, 120)
            blob = np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2))
            arr += rng.uniform(40, 110) * blob[..., None]
    else:  # paper liner: white, kraft or printed grease-proof paper, with creases
        base = np.array(rng.choice([(245, 243, 235), (225, 200, 160), (240, 235, 220), (250, 250, 250)]), np.float32)
        fib = cv2.GaussianBlur(nrs.rand(H, W).astype(np.float32), (0, 0), 1.2)
        arr = base[None, None] * (0.93 + 0.1 * fib)[..., None]
        if rng.random() < 0.5:  # printed check or stripes of a liner
            col = np.array([rng.randint(120, 230), rng.randint(30, 120), rng.randint(30, 120)], np.float32)[::rng.choice([1, -1])]
            step = rng.randint(15, 40)
            band = (((xx // step) + (yy // step)) % 2 if rng.random() < 0.5 else (xx // step) % 2).astype(np.float32)
            arr = arr * (1 - 0.35 * band[..., None]) + col[None, None] * 0.35 * band[..., None]
        crease = np.zeros((H, W), np.uint8)
        for _ in range(rng.randint(2, 6)):
            p0 = (rng.randint(0, W), rng.randint(0, H))
            p1 = (rng.randint(0, W), rng.randint(0, H))
            cv2.line(crease, p0, p1, 255, rng.randint(1, 3))
        crease = cv2.GaussianBlur(crease.astype(np.float32) / 255, (0, 0), 2)
        arr *= (1 - rng.uniform(0.1, 0.2) * crease)[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


# ---------------------------------------------------------------- the wrapper

def wrapper(im, rng, s):
    """Shading of a rounded wrapper, crinkles and specular stripes of the plastic film (RGBA in, RGBA out)."""
    arr = np.asarray(im).astype(np.float32)
    rgb, alpha = arr[..., :3], arr[..., 3:]
    h, w = rgb.shape[:2]
    across = (np.arange(h, dtype=np.float32)[:, None] / max(1, h - 1)) if w >= h else (np.arange(w, dtype=np.float32)[None, :] / max(1, w - 1))
    if rng.random() < 0.4 + 0.5 * s:  # a package is rounded across its short side: darker at both edges
        depth = rng.uniform(0.1, 0.2 + 0.35 * s)
        rgb *= (1 - depth * (2 * across - 1) ** 2)[..., None]
    nrs = _rng_np(rng)
    if rng.random() < 0.3 + 0.6 * s:  # crinkles: many short creases, bright on one side and dark on the other
        layer = np.zeros((h, w), np.float32)
        for _ in range(int(rng.uniform(4, 8 + 25 * s))):
            x0, y0 = rng.uniform(0, w), rng.uniform(0, h)
            a = rng.uniform(0, math.pi)
            L = rng.uniform(0.05, 0.35) * max(w, h)
            p0 = (int(x0), int(y0))
            p1 = (int(x0 + L * math.cos(a)), int(y0 + L * math.sin(a)))
            cv2.line(layer, p0, p1, rng.uniform(-1, 1), rng.randint(1, 3))
        layer = cv2.GaussianBlur(layer, (0, 0), 1.5)
        rgb += (60 + 60 * s) * layer[..., None]
    if rng.random() < 0.25 + 0.6 * s:  # specular stripes along the package, where the film faces the light
        for _ in range(rng.randint(1, 3)):
            c = rng.uniform(0.15, 0.85)
            width = rng.uniform(0.03, 0.12)
            stripe = np.exp(-((across - c) / width) ** 2)
            along = (np.arange(w, dtype=np.float32)[None, :] / max(1, w - 1)) if w >= h else (np.arange(h, dtype=np.float32)[:, None] / max(1, h - 1))
            fade = np.clip(np.sin(math.pi * np.clip((along - rng.uniform(-0.3, 0.4)) / rng.uniform(0.4, 1.2), 0, 1)), 0, 1)
            rgb += rng.uniform(60, 120 + 110 * s) * (stripe * fade)[..., None]
    if rng.random() < 0.15 + 0.35 * s:  # a glare patch: a light source mirrored in the film, washing the print out
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.08, 0.25 + 0.2 * s) * max(w, h)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        blob = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (r * r)) ** 2)
        strength_ = rng.uniform(0.5, 0.7 + 0.3 * s)
        rgb = rgb * (1 - strength_ * blob[..., None]) + 255 * strength_ * blob[..., None]
    out = np.concatenate([np.clip(rgb, 0, 255), alpha], axis=2).astype(np.uint8)
    return Image.fromarray(out, "RGBA")


# ---------------------------------------------------------------- the camera's pose

def view_homography(rng, s, W, H):
    """Homography from the top-down tray to the camera image: tilt (up to 30 degrees at s=1), roll, zoom and shift."""
    tilt = math.radians(rng.uniform(0, 30 * s))
    azimuth = rng.uniform(0, 2 * math.pi)  # which way the camera leans
    roll = math.radians(rng.uniform(-20, 20) * s)
    zoom = math.exp(rng.uniform(-0.15, 0.35) * s)  # > 1: closer, the frame cuts products at its edge
    f = W * rng.uniform(0.9, 1.3)  # focal length in pixels (a 53 to 70 degree lens)
    K = np.array([[f, 0, W / 2], [0, f, H / 2], [0, 0, 1]], np.float64)
    ax = np.array([math.cos(azimuth), math.sin(azimuth), 0.0])
    R_tilt, _ = cv2.Rodrigues(ax * tilt)
    R_roll, _ = cv2.Rodrigues(np.array([0.0, 0.0, roll]))
    Hm = K @ R_roll @ R_tilt @ np.linalg.inv(K)
    # keep the tray's centre in the middle of the view, then zoom and shift about it
    c = Hm @ np.array([W / 2, H / 2, 1.0])
    c = c[:2] / c[2]
    shift = np.array([rng.uniform(-0.08, 0.08) * W * s, rng.uniform(-0.08, 0.08) * H * s])
    Z = np.array([[zoom, 0, W / 2 - zoom * c[0] + shift[0]], [0, zoom, H / 2 - zoom * c[1] + shift[1]], [0, 0, 1]])
    return Z @ Hm


def area_scale(Hm, x, y):
    """How much the homography enlarges a small area at (x, y)."""
    d = 1.0
    pts = np.array([[x, y], [x + d, y], [x, y + d]], np.float64)
    q = cv2.perspectiveTransform(pts[None], Hm)[0]
    return abs(np.cross(q[1] - q[0], q[2] - q[0])) / (d * d)


def warp_view(canvas, owner, surround, Hm):
    """The canvas and its owner map as the camera sees them; outside the tray, the surround (a counter)."""
    W, H = canvas.size
    img = cv2.warpPerspective(np.asarray(canvas), Hm, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    valid = cv2.warpPerspective(np.full((H, W), 255, np.uint8), Hm, (W, H), flags=cv2.INTER_LINEAR, borderValue=0)
    t = (valid.astype(np.float32) / 255)[..., None]
    img = (img * t + np.asarray(surround).astype(np.float32) * (1 - t)).astype(np.uint8)
    own = cv2.warpPerspective((owner + 1).astype(np.uint8), Hm, (W, H), flags=cv2.INTER_NEAREST, borderValue=0)
    return Image.fromarray(img), own.astype(np.int16) - 1


# ---------------------------------------------------------------- light, optics, sensor

def light_and_optics(canvas, rng, s):
    """White balance, colour cast, exposure, gamma, uneven light, shadows from outside the frame, glare,
    motion blur or defocus, and sensor noise (PIL RGB in and out)."""
    arr = np.asarray(canvas).astype(np.float32) / 255
    H, W = arr.shape[:2]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if rng.random() < 0.3 + 0.6 * s:  # a shadow cast by something outside the frame (a person, a shelf, a hand)
        mask = Image.new("L", (W, H), 0)
        edge = rng.randrange(4)
        depth = rng.uniform(0.15, 0.3 + 0.4 * s)
        pts = []
        for k in range(5):
            t = rng.uniform(-0.2, 1.2)
            d = rng.uniform(0, depth)
            pts.append({0: (t * W, d * H), 1: (W - d * W, t * H), 2: (t * W, H - d * H), 3: (d * W, t * H)}[edge])
        outer = {0: [(W * 1.3, -10), (-W * 0.3, -10)], 1: [(W + 10, H * 1.3), (W + 10, -H * 0.3)],
                 2: [(-W * 0.3, H + 10), (W * 1.3, H + 10)], 3: [(-10, -H * 0.3), (-10, H * 1.3)]}[edge]
        pts.sort(key=lambda p: p[0] if edge in (0, 2) else p[1])
        ImageDraw.Draw(mask).polygon(pts + outer, fill=255)
        soft = np.asarray(mask.filter(ImageFilter.GaussianBlur(rng.uniform(8, 40)))).astype(np.float32) / 255
        arr *= (1 - rng.uniform(0.25, 0.35 + 0.3 * s) * soft)[..., None]
    # uneven light: a brighter spot (the lamp) falling off across the tray
    cx, cy = rng.uniform(-0.2, 1.2) * W, rng.uniform(-0.2, 1.2) * H
    r2 = ((xx - cx) ** 2 + (yy - cy) ** 2) / (W * W)
    arr *= (1.0 - rng.uniform(0, 0.8 * s) * np.clip(r2, 0, 1.5))[..., None]
    if rng.random() < 0.2 + 0.4 * s:  # glare of a ceiling light on the whole scene
        gx, gy = rng.uniform(0, W), rng.uniform(0, H)
        r = rng.uniform(20, 60 + 80 * s)
        blob = np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (r * r)))
        arr = arr + rng.uniform(0.3, 0.5 + 0.5 * s) * blob[..., None]
    # white balance and colour cast (warm lamps, cold LEDs, a green fluorescent tube)
    wb = np.array([math.exp(rng.uniform(-0.25, 0.25) * s) for _ in range(3)], np.float32)
    arr = arr * wb + np.array([rng.uniform(-0.06, 0.06) * s for _ in range(3)], np.float32)
    # exposure and gamma
    arr = arr * math.exp(rng.uniform(-0.9, 0.6) * s)
    arr = np.clip(arr, 0, 1) ** math.exp(rng.uniform(-0.45, 0.45) * s)
    # optics: motion blur (the tray still moving) or defocus
    u = rng.random()
    if u < 0.25 + 0.35 * s:
        length = rng.uniform(2, 3 + 14 * s)
        a = rng.uniform(0, math.pi)
        k = int(math.ceil(length)) | 1
        kern = np.zeros((k, k), np.float32)
        c = k // 2
        cv2.line(kern, (int(round(c - math.cos(a) * length / 2)), int(round(c - math.sin(a) * length / 2))),
                 (int(round(c + math.cos(a) * length / 2)), int(round(c + math.sin(a) * length / 2))), 1.0, 1)
        arr = cv2.filter2D(arr, -1, kern / kern.sum())
    elif u < 0.5 + 0.4 * s:
        r = rng.uniform(0.8, 1.2 + 3.3 * s)
        k = int(math.ceil(r)) * 2 + 1
        kern = np.zeros((k, k), np.float32)
        cv2.circle(kern, (k // 2, k // 2), int(round(r)), 1.0, -1)
        arr = cv2.filter2D(arr, -1, kern / kern.sum())
    # sensor: shot noise (more in the dark), read noise, colour noise; a small sensor blurs and sharpens
    nrs = _rng_np(rng)
    read = rng.uniform(0.002, 0.006 + 0.03 * s)
    shot = rng.uniform(0.0, 0.02 + 0.05 * s)
    noise = nrs.normal(0, 1, arr.shape).astype(np.float32) * np.sqrt(read ** 2 + shot ** 2 * np.clip(arr, 0, 1))
    if rng.random() < 0.5 * s:  # chroma noise in low-resolution blobs
        small = nrs.normal(0, read * 1.5, (H // 4 + 1, W // 4 + 1, 3)).astype(np.float32)
        noise += cv2.resize(small, (W, H))
    arr = arr + noise
    if rng.random() < 0.4 * s:  # a cheap sensor: fewer pixels, upscaled and sharpened
        f = rng.uniform(0.45, 0.8)
        small = cv2.resize(np.clip(arr, 0, 1), (int(W * f), int(H * f)), interpolation=cv2.INTER_AREA)
        arr = cv2.resize(small, (W, H), interpolation=cv2.INTER_LINEAR)
        arr = arr + rng.uniform(0.3, 0.8) * (arr - cv2.GaussianBlur(arr, (0, 0), 1.2))
    return Image.fromarray((np.clip(arr, 0, 1) * 255 + 0.5).astype(np.uint8))


def jpeg_bytes(img, rng, s):
    """The image as the camera's encoder writes it: quality down to 95 - 75 s, sometimes encoded twice."""
    lo = int(round(95 - 75 * s))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=rng.randint(min(lo, 90), 95))
    if rng.random() < 0.4 * s:  # re-encoded on the way (camera, then the kiosk)
        again = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
        buf = io.BytesIO()
        again.save(buf, format="JPEG", quality=rng.randint(lo, 95))
    return buf.getvalue()

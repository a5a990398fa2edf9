"""Package art for the store's products.

Every product gets a deterministic design: a silhouette chosen by its category
(bar wrapper, cone wrapper, squeeze tube, cup lid, sandwich pack, family tub or box),
a palette, a pattern, and its Korean name, English name and brand printed on it.
Some designs are deliberately close to each other, as the real packages are
(melona / melona_strawberry share one layout and differ in colour and name).
"""
import math
import os

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/nanum"
_FONT_CACHE = {}


def font(size, bold=True, family="gothic"):
    files = {
        ("gothic", True): "NanumGothicBold.ttf",
        ("gothic", False): "NanumGothic.ttf",
        ("square", True): "NanumSquareB.ttf",
        ("square", False): "NanumSquareR.ttf",
        ("barun", True): "NanumBarunGothicBold.ttf",
        ("myeongjo", True): "NanumMyeongjoBold.ttf",
    }
    key = (family, bold, size)
    if key not in _FONT_CACHE:
        name = files.get((family, bold), "NanumGothicBold.ttf")
        path = os.path.join(FONT_DIR, name)
        try:
            _FONT_CACHE[key] = ImageFont.truetype(path, size)
        except OSError:
            _FONT_CACHE[key] = ImageFont.load_default()
    return _FONT_CACHE[key]


# Design table: label -> palette and decoration.
#   bg: main wrapper colour, bg2: secondary colour (pattern / gradient),
#   fg: main text colour, outline: text outline colour,
#   pattern: background pattern, motif: small illustration drawn on the pack.
DESIGNS = {
    "melona":            dict(bg=(96, 190, 70),  bg2=(170, 225, 110), fg=(255, 255, 255), outline=(20, 90, 30),  pattern="diag",    motif="bar",    family="square"),
    "melona_strawberry": dict(bg=(240, 120, 160), bg2=(255, 190, 210), fg=(255, 255, 255), outline=(150, 30, 70), pattern="diag",    motif="bar",    family="square"),
    "bibibig":           dict(bg=(120, 60, 40),  bg2=(170, 100, 70),  fg=(255, 230, 120), outline=(60, 20, 10),  pattern="dots",    motif="beans",  family="gothic"),
    "okdongja":          dict(bg=(250, 235, 200), bg2=(140, 90, 60),  fg=(110, 60, 30),   outline=(255, 255, 255), pattern="band",  motif="ball",   family="barun"),
    "babamba":           dict(bg=(205, 160, 95), bg2=(150, 100, 50),  fg=(90, 40, 10),    outline=(255, 240, 200), pattern="hstripe", motif="chestnut", family="gothic"),
    "ssangssang_bar":    dict(bg=(70, 40, 30),   bg2=(230, 200, 150), fg=(255, 220, 60),  outline=(40, 20, 10),  pattern="split",   motif="twin",   family="square"),
    "jaws_bar":          dict(bg=(30, 90, 200),  bg2=(230, 40, 40),   fg=(255, 255, 255), outline=(10, 30, 90),  pattern="waves",   motif="shark",  family="gothic"),
    "screw_bar":         dict(bg=(250, 250, 250), bg2=(235, 50, 60),  fg=(220, 30, 40),   outline=(255, 255, 255), pattern="spiral", motif="screw", family="barun"),
    "pig_bar":           dict(bg=(250, 170, 185), bg2=(120, 70, 40),  fg=(110, 40, 20),   outline=(255, 255, 255), pattern="crunch", motif="pig",   family="gothic"),
    "watermelon_bar":    dict(bg=(230, 40, 55),  bg2=(40, 150, 60),   fg=(255, 255, 255), outline=(20, 80, 30),  pattern="melon",   motif="seeds",  family="square"),
    "world_cone":        dict(bg=(200, 20, 40),  bg2=(255, 210, 60),  fg=(255, 255, 255), outline=(120, 0, 20),  pattern="globe",   motif="cone",   family="square"),
    "gugu_cone":         dict(bg=(60, 40, 35),   bg2=(240, 220, 180), fg=(255, 255, 255), outline=(30, 20, 10),  pattern="dots",    motif="cone",   family="gothic"),
    "bravo_cone":        dict(bg=(255, 255, 255), bg2=(30, 60, 160),  fg=(200, 20, 40),   outline=(255, 255, 255), pattern="rays",  motif="cone",   family="myeongjo"),
    "super_cone":        dict(bg=(20, 25, 60),   bg2=(250, 200, 30),  fg=(250, 200, 30),  outline=(0, 0, 20),    pattern="bolt",    motif="cone",   family="square"),
    "pappico":           dict(bg=(110, 60, 35),  bg2=(250, 240, 230), fg=(255, 255, 255), outline=(60, 30, 10),  pattern="drip",    motif="tube",   family="barun"),
    "seolleim":          dict(bg=(235, 240, 250), bg2=(120, 160, 230), fg=(40, 80, 170),  outline=(255, 255, 255), pattern="hearts", motif="tube",   family="myeongjo"),
    "polapo":            dict(bg=(140, 80, 200), bg2=(200, 170, 240), fg=(255, 255, 255), outline=(70, 20, 120), pattern="ice",     motif="tube",   family="gothic"),
    "deowi_sanyang":     dict(bg=(250, 200, 20), bg2=(110, 60, 30),   fg=(90, 40, 10),    outline=(255, 250, 200), pattern="zigzag", motif="tube",  family="gothic"),
    "tank_boy":          dict(bg=(40, 110, 60),  bg2=(180, 200, 120), fg=(255, 240, 150), outline=(20, 50, 20),  pattern="camo",    motif="tube",   family="square"),
    "bungeo_ssamanco":   dict(bg=(240, 190, 60), bg2=(170, 90, 30),   fg=(150, 40, 20),   outline=(255, 240, 200), pattern="scales", motif="fish",  family="gothic"),
    "chaltteok_ice":     dict(bg=(245, 235, 215), bg2=(90, 150, 70),  fg=(70, 110, 40),   outline=(255, 255, 255), pattern="checker", motif="mochi", family="myeongjo"),
    "yomamttae":         dict(bg=(255, 240, 245), bg2=(240, 110, 150), fg=(220, 60, 110), outline=(255, 255, 255), pattern="dots",   motif="swirl",  family="barun"),
    "patbingsu":         dict(bg=(150, 30, 40),  bg2=(240, 240, 245), fg=(255, 255, 255), outline=(80, 10, 20),  pattern="snow",    motif="bowl",   family="myeongjo"),
    "together":          dict(bg=(250, 235, 190), bg2=(180, 30, 40),  fg=(180, 30, 40),   outline=(255, 255, 255), pattern="ring",   motif="scoop",  family="myeongjo"),
    "excellent":         dict(bg=(245, 245, 240), bg2=(200, 160, 40), fg=(40, 40, 120),   outline=(255, 255, 255), pattern="diamond", motif="cube", family="square"),
}

# Canvas size (w, h) of the art by category; everything is drawn at 2x and reduced.
CANVAS = {
    "bar": (400, 150),
    "cone": (170, 400),
    "tube": (150, 400),
    "cup": (380, 380),
    "sandwich": (400, 230),
    "family-pack": (400, 400),
}


def _mix(a, b, t):
    return tuple(int(round(a[i] * (1 - t) + b[i] * t)) for i in range(3))


def _pattern(size, d, kind, s):
    """Return an RGB pattern image of `size` (drawn at scale s)."""
    w, h = size
    img = Image.new("RGB", size, d["bg"])
    dr = ImageDraw.Draw(img)
    c2 = d["bg2"]
    if kind == "diag":
        step = 28 * s
        for x in range(-h, w + h, step):
            dr.polygon([(x, 0), (x + step // 2, 0), (x + step // 2 + h, h), (x + h, h)], fill=_mix(d["bg"], c2, 0.55))
    elif kind == "dots":
        step = 30 * s
        for y in range(0, h + step, step):
            for x in range(0, w + step, step):
                o = (step // 2) if (y // step) % 2 else 0
                r = 6 * s
                dr.ellipse([x + o - r, y - r, x + o + r, y + r], fill=c2)
    elif kind == "band":
        dr.rectangle([0, int(h * 0.62), w, h], fill=c2)
        dr.rectangle([0, int(h * 0.58), w, int(h * 0.62)], fill=_mix(c2, (255, 255, 255), 0.5))
    elif kind == "hstripe":
        step = 22 * s
        for y in range(0, h, step * 2):
            dr.rectangle([0, y, w, y + step - 1], fill=_mix(d["bg"], c2, 0.35))
    elif kind == "split":
        dr.rectangle([w // 2, 0, w, h], fill=c2)
    elif kind == "waves":
        step = 26 * s
        for y in range(step // 2, h + step, step):
            pts = [(x, y + int(7 * s * math.sin(x / (14.0 * s)))) for x in range(0, w + 4, 4)]
            dr.line(pts, fill=_mix(d["bg"], (255, 255, 255), 0.35), width=4 * s)
        dr.rectangle([0, int(h * 0.82), w, h], fill=c2)
    elif kind == "spiral":
        step = 40 * s
        for x in range(-h, w + h, step):
            dr.polygon([(x, 0), (x + step // 3, 0), (x + step // 3 + h // 2, h), (x + h // 2, h)], fill=c2)
            dr.polygon([(x + step // 2, 0), (x + step // 2 + step // 6, 0), (x + step // 2 + step // 6 + h // 2, h), (x + step // 2 + h // 2, h)], fill=(60, 170, 230))
    elif kind == "crunch":
        dr.rectangle([0, int(h * 0.55), w, h], fill=c2)
        import random as _r
        rr = _r.Random(7)
        for _ in range(int(w * h / (600 * s * s))):
            x, y = rr.randrange(w), rr.randrange(int(h * 0.55), h)
            r = rr.randint(2, 5) * s
            dr.ellipse([x - r, y - r, x + r, y + r], fill=(210, 170, 110))
    elif kind == "melon":
        dr.rectangle([0, int(h * 0.74), w, h], fill=c2)
        dr.rectangle([0, int(h * 0.70), w, int(h * 0.74)], fill=(250, 250, 240))
    elif kind == "globe":
        r = int(min(w, h) * 0.9)
        cx, cy = w // 2, int(h * 0.25)
        dr.ellipse([cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2], fill=c2)
        for k in range(-2, 3):
            dr.arc([cx - r // 2 + abs(k) * r // 10, cy - r // 2, cx + r // 2 - abs(k) * r // 10, cy + r // 2], 0, 360, fill=d["bg"], width=2 * s)
    elif kind == "rays":
        cx, cy = w // 2, int(h * 0.3)
        for k in range(0, 360, 20):
            a0, a1 = math.radians(k), math.radians(k + 10)
            L = 2 * max(w, h)
            dr.polygon([(cx, cy), (cx + L * math.cos(a0), cy + L * math.sin(a0)), (cx + L * math.cos(a1), cy + L * math.sin(a1))], fill=_mix(c2, (255, 255, 255), 0.75))
        dr.rectangle([0, int(h * 0.85), w, h], fill=c2)
    elif kind == "bolt":
        for k in range(3):
            y0 = int(h * (0.15 + 0.3 * k))
            dr.polygon([(w * 0.2, y0), (w * 0.6, y0), (w * 0.45, y0 + 40 * s), (w * 0.8, y0 + 40 * s), (w * 0.3, y0 + 110 * s), (w * 0.42, y0 + 55 * s), (w * 0.12, y0 + 55 * s)], fill=_mix(d["bg"], c2, 0.25))
    elif kind == "drip":
        dr.rectangle([0, 0, w, int(h * 0.28)], fill=c2)
        for x in range(0, w, 24 * s):
            L = (20 + (x * 37) % 50) * s
            dr.rounded_rectangle([x + 4 * s, int(h * 0.2), x + 18 * s, int(h * 0.28) + L], radius=7 * s, fill=c2)
    elif kind == "hearts":
        step = 46 * s
        for y in range(step // 2, h, step):
            for x in range(step // 2, w, step):
                r = 8 * s
                col = _mix(d["bg"], c2, 0.45)
                dr.ellipse([x - r, y - r, x, y], fill=col)
                dr.ellipse([x, y - r, x + r, y], fill=col)
                dr.polygon([(x - r, y - r // 2), (x + r, y - r // 2), (x, y + r)], fill=col)
    elif kind == "ice":
        step = 36 * s
        for y in range(0, h + step, step):
            for x in range(0, w + step, step):
                o = (step // 2) if (y // step) % 2 else 0
                r = 9 * s
                cx = x + o
                dr.polygon([(cx, y - r), (cx + r, y), (cx, y + r), (cx - r, y)], fill=c2)
    elif kind == "zigzag":
        step = 30 * s
        for y in range(step, h, step * 2):
            pts = []
            for i, x in enumerate(range(0, w + step, step // 2)):
                pts.append((x, y + (8 * s if i % 2 else -8 * s)))
            dr.line(pts, fill=c2, width=6 * s)
    elif kind == "camo":
        import random as _r
        rr = _r.Random(11)
        for _ in range(int(w * h / (900 * s * s))):
            x, y = rr.randrange(w), rr.randrange(h)
            rx, ry = rr.randint(8, 20) * s, rr.randint(5, 14) * s
            dr.ellipse([x - rx, y - ry, x + rx, y + ry], fill=_mix(d["bg"], c2, rr.choice([0.3, 0.6])))
    elif kind == "scales":
        step = 26 * s
        for y in range(0, h + step, step // 2):
            for x in range(0, w + step, step):
                o = (step // 2) if (y // (step // 2)) % 2 else 0
                dr.arc([x + o - step // 2, y - step // 2, x + o + step // 2, y + step // 2], 0, 180, fill=_mix(d["bg"], c2, 0.5), width=3 * s)
    elif kind == "checker":
        step = 34 * s
        for y in range(0, h, step):
            for x in range(0, w, step):
                if ((x // step) + (y // step)) % 2 == 0:
                    dr.rectangle([x, y, x + step - 1, y + step - 1], fill=_mix(d["bg"], c2, 0.25))
    elif kind == "snow":
        import random as _r
        rr = _r.Random(5)
        for _ in range(int(w * h / (500 * s * s))):
            x, y = rr.randrange(w), rr.randrange(h)
            r = rr.randint(2, 5) * s
            dr.ellipse([x - r, y - r, x + r, y + r], fill=c2)
    elif kind == "ring":
        cx, cy = w // 2, h // 2
        for k, t in enumerate([0.96, 0.88, 0.8]):
            r = int(min(w, h) * t / 2)
            dr.ellipse([cx - r, cy - r, cx + r, cy + r], outline=c2 if k != 1 else (200, 160, 60), width=6 * s)
    elif kind == "diamond":
        step = 44 * s
        for y in range(0, h + step, step):
            for x in range(0, w + step, step):
                dr.polygon([(x, y - step // 2), (x + step // 2, y), (x, y + step // 2), (x - step // 2, y)], outline=_mix(d["bg"], c2, 0.6), width=2 * s)
    return img


def _motif(dr, kind, box, d, s):
    """Small illustration inside box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    c2 = d["bg2"]
    if kind == "bar":
        dr.rounded_rectangle([x0 + w * 0.1, cy - h * 0.22, x0 + w * 0.75, cy + h * 0.22], radius=h * 0.2, fill=_mix(d["bg"], (255, 255, 255), 0.3), outline=d["outline"], width=2 * s)
        dr.rectangle([x0 + w * 0.75, cy - h * 0.06, x1 - w * 0.05, cy + h * 0.06], fill=(220, 190, 140))
    elif kind == "beans":
        for i in range(5):
            x = x0 + w * (0.15 + 0.17 * i)
            dr.ellipse([x - w * 0.07, cy - h * 0.12, x + w * 0.07, cy + h * 0.12], fill=(90, 20, 30), outline=(255, 230, 120), width=s)
    elif kind == "ball":
        r = min(w, h) * 0.38
        dr.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(100, 60, 30), outline=(255, 255, 255), width=3 * s)
        dr.ellipse([cx - r * 0.5, cy - r * 0.6, cx - r * 0.1, cy - r * 0.25], fill=(170, 120, 80))
    elif kind == "chestnut":
        r = min(w, h) * 0.36
        dr.polygon([(cx, cy - r * 1.1), (cx + r, cy + r * 0.2), (cx, cy + r), (cx - r, cy + r * 0.2)], fill=(120, 60, 20))
        dr.rectangle([cx - r, cy + r * 0.3, cx + r, cy + r * 0.6], fill=(230, 200, 150))
    elif kind == "twin":
        for k in (-1, 1):
            dr.rounded_rectangle([cx + k * w * 0.22 - w * 0.15, cy - h * 0.3, cx + k * w * 0.22 + w * 0.15, cy + h * 0.3], radius=h * 0.15, fill=(90, 50, 30), outline=(255, 220, 60), width=2 * s)
    elif kind == "shark":
        pts = [(x0 + w * 0.05, cy + h * 0.1), (x0 + w * 0.55, cy - h * 0.35), (x0 + w * 0.95, cy + h * 0.05), (x0 + w * 0.7, cy + h * 0.3), (x0 + w * 0.3, cy + h * 0.3)]
        dr.polygon(pts, fill=(90, 110, 130), outline=(255, 255, 255))
        dr.polygon([(x0 + w * 0.45, cy - h * 0.2), (x0 + w * 0.55, cy - h * 0.6), (x0 + w * 0.62, cy - h * 0.18)], fill=(90, 110, 130))
        for i in range(4):
            xx = x0 + w * (0.62 + 0.06 * i)
            dr.polygon([(xx, cy + h * 0.12), (xx + w * 0.03, cy + h * 0.25), (xx + w * 0.06, cy + h * 0.12)], fill=(255, 255, 255))
    elif kind == "screw":
        for i in range(6):
            yy = y0 + h * (0.1 + 0.14 * i)
            dr.line([(cx - w * 0.25, yy), (cx + w * 0.25, yy + h * 0.1)], fill=(235, 50, 60) if i % 2 else (60, 170, 230), width=6 * s)
    elif kind == "pig":
        r = min(w, h) * 0.38
        dr.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 190, 200), outline=(200, 90, 110), width=2 * s)
        dr.ellipse([cx - r * 0.45, cy, cx + r * 0.45, cy + r * 0.55], fill=(240, 140, 160))
        for k in (-1, 1):
            dr.ellipse([cx + k * r * 0.2 - r * 0.08, cy + r * 0.18, cx + k * r * 0.2 + r * 0.08, cy + r * 0.36], fill=(120, 40, 60))
            dr.ellipse([cx + k * r * 0.4 - r * 0.08, cy - r * 0.4, cx + k * r * 0.4 + r * 0.08, cy - r * 0.24], fill=(40, 20, 20))
    elif kind == "seeds":
        for i in range(7):
            xx = x0 + w * (0.1 + 0.12 * i)
            yy = cy + (h * 0.15 if i % 2 else -h * 0.15)
            dr.ellipse([xx - 4 * s, yy - 6 * s, xx + 4 * s, yy + 6 * s], fill=(30, 20, 20))
    elif kind == "cone":
        dr.polygon([(cx - w * 0.3, cy - h * 0.05), (cx + w * 0.3, cy - h * 0.05), (cx, y1)], fill=(210, 160, 90), outline=(140, 90, 40))
        dr.ellipse([cx - w * 0.33, y0, cx + w * 0.33, cy + h * 0.05], fill=_mix(c2, (255, 255, 255), 0.3), outline=(255, 255, 255), width=2 * s)
    elif kind == "tube":
        dr.rounded_rectangle([cx - w * 0.25, y0 + h * 0.1, cx + w * 0.25, y1 - h * 0.05], radius=w * 0.2, fill=_mix(c2, (255, 255, 255), 0.2), outline=d["outline"], width=2 * s)
    elif kind == "fish":
        pass
    elif kind == "mochi":
        for i in range(2):
            xx = cx + (i - 0.5) * w * 0.45
            r = min(w, h) * 0.3
            dr.ellipse([xx - r, cy - r * 0.8, xx + r, cy + r * 0.8], fill=(255, 250, 245), outline=(90, 150, 70), width=3 * s)
            dr.ellipse([xx - r * 0.35, cy - r * 0.3, xx + r * 0.35, cy + r * 0.3], fill=(110, 50, 40))
    elif kind == "swirl":
        r = min(w, h) * 0.4
        for k in range(4):
            rr = r * (1 - k * 0.22)
            dr.arc([cx - rr, cy - rr, cx + rr, cy + rr], 20 + 60 * k, 300 + 60 * k, fill=c2, width=5 * s)
    elif kind == "bowl":
        r = min(w, h) * 0.42
        dr.chord([cx - r, cy - r, cx + r, cy + r], 0, 180, fill=(240, 240, 250), outline=(80, 10, 20), width=2 * s)
        dr.ellipse([cx - r * 0.6, cy - r * 0.55, cx + r * 0.6, cy + r * 0.25], fill=(110, 30, 30))
    elif kind == "scoop":
        r = min(w, h) * 0.4
        for k, col in enumerate([(250, 240, 210), (120, 70, 40), (240, 160, 180)]):
            xx = cx + (k - 1) * r * 0.9
            dr.ellipse([xx - r * 0.5, cy - r * 0.5, xx + r * 0.5, cy + r * 0.5], fill=col, outline=(180, 30, 40), width=2 * s)
    elif kind == "cube":
        r = min(w, h) * 0.35
        dr.polygon([(cx, cy - r), (cx + r, cy - r * 0.5), (cx, cy), (cx - r, cy - r * 0.5)], fill=(250, 245, 230), outline=(200, 160, 40))
        dr.polygon([(cx - r, cy - r * 0.5), (cx, cy), (cx, cy + r), (cx - r, cy + r * 0.5)], fill=(225, 215, 190), outline=(200, 160, 40))
        dr.polygon([(cx + r, cy - r * 0.5), (cx, cy), (cx, cy + r), (cx + r, cy + r * 0.5)], fill=(205, 195, 170), outline=(200, 160, 40))


def _text_img(text, size, fill, outline, family, stroke=None):
    f = font(size, True, family)
    l, t, r, b = f.getbbox(text)
    sw = stroke if stroke is not None else max(1, size // 12)
    im = Image.new("RGBA", (r - l + 2 * sw + 4, b - t + 2 * sw + 4), (0, 0, 0, 0))
    ImageDraw.Draw(im).text((-l + sw + 2, -t + sw + 2), text, font=f, fill=fill, stroke_width=sw, stroke_fill=outline)
    return im


def _paste_fit(dst, im, box, angle=0):
    """Paste RGBA `im` centred in box, scaled down to fit, optionally rotated."""
    if angle:
        im = im.rotate(angle, expand=True, resample=Image.BICUBIC)
    x0, y0, x1, y1 = [int(v) for v in box]
    bw, bh = max(1, x1 - x0), max(1, y1 - y0)
    k = min(bw / im.width, bh / im.height, 1.0)
    if k < 1.0:
        im = im.resize((max(1, int(im.width * k)), max(1, int(im.height * k))), Image.LANCZOS)
    dst.alpha_composite(im, (x0 + (bw - im.width) // 2, y0 + (bh - im.height) // 2))


def _texts(dst, p, d, box, vertical, s, ko_scale=1.0):
    """Korean name (big), English name, brand, inside box."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    fam = d.get("family", "gothic")
    if vertical:
        # Tall pack: texts run along the long axis (rotated 90 degrees).
        ko = _text_img(p["nameKo"], int(62 * s * ko_scale), d["fg"], d["outline"], fam)
        en = _text_img(p["nameEn"].upper(), int(22 * s), d["fg"], d["outline"], "gothic")
        br = _text_img(p["brand"], int(20 * s), d["outline"], d["fg"], "gothic", stroke=s)
        _paste_fit(dst, ko, (x0 + w * 0.30, y0, x1 - w * 0.02, y1), angle=90)
        _paste_fit(dst, en, (x0 + w * 0.08, y0 + h * 0.1, x0 + w * 0.36, y1 - h * 0.1), angle=90)
        _paste_fit(dst, br, (x0, y0, x0 + w * 0.14, y0 + h * 0.45), angle=90)
    else:
        ko = _text_img(p["nameKo"], int(62 * s * ko_scale), d["fg"], d["outline"], fam)
        en = _text_img(p["nameEn"].upper(), int(24 * s), d["fg"], d["outline"], "gothic")
        br = _text_img(p["brand"], int(20 * s), d["outline"], d["fg"], "gothic", stroke=s)
        _paste_fit(dst, br, (x0, y0, x1, y0 + h * 0.18))
        _paste_fit(dst, ko, (x0, y0 + h * 0.16, x1, y0 + h * 0.72))
        _paste_fit(dst, en, (x0, y0 + h * 0.72, x1, y1))


def _crimp(mask_draw, x0, x1, y0, y1, teeth, horizontal_edge):
    """Draw a crimped (zig-zag) strip on the mask region."""
    pts = []
    if horizontal_edge:  # crimp along a vertical edge strip [x0,x1] x [y0,y1]
        n = teeth
        for i in range(n + 1):
            y = y0 + (y1 - y0) * i / n
            pts.append((x0 if i % 2 == 0 else x1, y))
    return pts


def render_product(p, index=0):
    """Render product dict `p` as an RGBA image (long side ~400 px)."""
    d = DESIGNS.get(p["label"])
    if d is None:
        # Unknown product (added later to the catalogue): derive a design from its index.
        import colorsys
        hue = (index * 0.137) % 1.0
        bg = tuple(int(v * 255) for v in colorsys.hsv_to_rgb(hue, 0.65, 0.9))
        bg2 = tuple(int(v * 255) for v in colorsys.hsv_to_rgb((hue + 0.5) % 1.0, 0.6, 0.8))
        pats = ["diag", "dots", "hstripe", "waves", "checker", "zigzag", "ice", "snow"]
        d = dict(bg=bg, bg2=bg2, fg=(255, 255, 255), outline=(30, 30, 30), pattern=pats[index % len(pats)], motif="bar", family="gothic")
    cat = p.get("category", "bar")
    W, H = CANVAS.get(cat, (400, 150))
    s = 2  # supersampling
    W2, H2 = W * s, H * s
    art = Image.new("RGBA", (W2, H2), (0, 0, 0, 0))
    mask = Image.new("L", (W2, H2), 0)
    md = ImageDraw.Draw(mask)
    pat = _pattern((W2, H2), d, d["pattern"], s).convert("RGBA")
    label = p["label"]

    if cat == "bar":
        crimp = int(W2 * 0.06)
        md.rectangle([crimp, 0, W2 - crimp, H2], fill=255)
        for side in (0, 1):
            xa, xb = (0, crimp) if side == 0 else (W2 - crimp, W2)
            n = 9
            for i in range(n):
                ya, yb = H2 * i / n, H2 * (i + 1) / n
                if side == 0:
                    md.polygon([(xb, ya), (xa, (ya + yb) / 2), (xb, yb)], fill=255)
                else:
                    md.polygon([(xa, ya), (xb, (ya + yb) / 2), (xa, yb)], fill=255)
        art = Image.composite(pat, art, mask)
        dr = ImageDraw.Draw(art)
        # crimp seal lines
        for x in (crimp, W2 - crimp):
            dr.line([(x, 0), (x, H2)], fill=_mix(d["bg"], (0, 0, 0), 0.25) + (255,), width=3 * s)
        _motif(dr, d["motif"], (crimp + 10 * s, H2 * 0.15, crimp + W2 * 0.28, H2 * 0.85), d, s)
        _texts(art, p, d, (crimp + W2 * 0.3, H2 * 0.06, W2 - crimp - 8 * s, H2 * 0.94), False, s)
    elif cat == "cone":
        # Dome lid on top, conical paper wrapper narrowing to a tip.
        lid_h = int(H2 * 0.28)
        md.ellipse([0, 0, W2, lid_h * 1.3], fill=255)
        md.polygon([(0, lid_h * 0.65), (W2, lid_h * 0.65), (W2 * 0.56, H2), (W2 * 0.44, H2)], fill=255)
        art = Image.composite(pat, art, mask)
        dr = ImageDraw.Draw(art)
        dr.ellipse([W2 * 0.04, 0, W2 * 0.96, lid_h * 1.1], fill=_mix(d["bg2"], (255, 255, 255), 0.15) + (255,), outline=d["outline"] + (255,), width=3 * s)
        _motif(dr, d["motif"], (W2 * 0.25, lid_h * 0.15, W2 * 0.75, lid_h * 0.95), d, s)
        # spiral seam of the paper cone
        for k in range(4):
            yy = lid_h * 1.2 + (H2 - lid_h) * 0.2 * k
            dr.line([(W2 * 0.1, yy), (W2 * 0.9, yy + 40 * s)], fill=_mix(d["bg"], (0, 0, 0), 0.2) + (255,), width=2 * s)
        tmp = Image.new("RGBA", (W2, H2), (0, 0, 0, 0))
        _texts(tmp, p, d, (W2 * 0.12, lid_h * 1.15, W2 * 0.88, H2 * 0.8), True, s, ko_scale=0.9)
        art.alpha_composite(tmp)
        art.putalpha(mask)
    elif cat == "tube":
        cap_h = int(H2 * 0.1)
        md.rounded_rectangle([W2 * 0.34, 0, W2 * 0.66, cap_h + 10 * s], radius=8 * s, fill=255)
        md.polygon([(W2 * 0.3, cap_h), (W2 * 0.7, cap_h), (W2 * 0.98, cap_h * 2.2), (W2 * 0.02, cap_h * 2.2)], fill=255)
        md.rounded_rectangle([0, cap_h * 2, W2, H2 - 16 * s], radius=20 * s, fill=255)
        md.rectangle([W2 * 0.02, H2 - 30 * s, W2 * 0.98, H2], fill=255)
        art = Image.composite(pat, art, mask)
        dr = ImageDraw.Draw(art)
        dr.rounded_rectangle([W2 * 0.34, 0, W2 * 0.66, cap_h + 6 * s], radius=8 * s, fill=_mix(d["bg2"], (255, 255, 255), 0.4) + (255,), outline=d["outline"] + (255,), width=2 * s)
        for i in range(0, W2, 8 * s):  # bottom seal ridges
            dr.line([(i, H2 - 26 * s), (i, H2)], fill=_mix(d["bg"], (0, 0, 0), 0.3) + (255,), width=2 * s)
        tmp = Image.new("RGBA", (W2, H2), (0, 0, 0, 0))
        _texts(tmp, p, d, (W2 * 0.06, cap_h * 2.4, W2 * 0.94, H2 - 34 * s), True, s, ko_scale=0.95)
        art.alpha_composite(tmp)
        art.putalpha(mask)
    elif cat == "cup":
        md.ellipse([0, 0, W2, H2], fill=255)
        art = Image.composite(pat, art, mask)
        dr = ImageDraw.Draw(art)
        rim = 18 * s
        dr.ellipse([0, 0, W2 - 1, H2 - 1], outline=_mix(d["bg2"], (0, 0, 0), 0.15) + (255,), width=rim)
        dr.ellipse([rim + 6 * s, rim + 6 * s, W2 - rim - 6 * s, H2 - rim - 6 * s], outline=(255, 255, 255, 200), width=3 * s)
        _motif(dr, d["motif"], (W2 * 0.3, H2 * 0.12, W2 * 0.7, H2 * 0.36), d, s)
        _texts(art, p, d, (W2 * 0.14, H2 * 0.36, W2 * 0.86, H2 * 0.8), False, s)
        art.putalpha(mask)
    elif cat == "sandwich":
        if d["motif"] == "fish":
            # Fish-shaped pack: body ellipse plus tail, with eye and fins.
            md.ellipse([W2 * 0.02, H2 * 0.05, W2 * 0.8, H2 * 0.95], fill=255)
            md.polygon([(W2 * 0.72, H2 * 0.5), (W2, H2 * 0.08), (W2 * 0.93, H2 * 0.5), (W2, H2 * 0.92)], fill=255)
            art = Image.composite(pat, art, mask)
            dr = ImageDraw.Draw(art)
            dr.ellipse([W2 * 0.09, H2 * 0.3, W2 * 0.16, H2 * 0.42], fill=(30, 20, 10, 255), outline=(255, 255, 255, 255), width=2 * s)
            dr.arc([W2 * 0.02, H2 * 0.45, W2 * 0.2, H2 * 0.75], 300, 60, fill=(120, 40, 10, 255), width=3 * s)
            _texts(art, p, d, (W2 * 0.2, H2 * 0.16, W2 * 0.72, H2 * 0.84), False, s, ko_scale=0.9)
        else:
            md.rounded_rectangle([0, 0, W2, H2], radius=22 * s, fill=255)
            art = Image.composite(pat, art, mask)
            dr = ImageDraw.Draw(art)
            dr.rounded_rectangle([8 * s, 8 * s, W2 - 8 * s, H2 - 8 * s], radius=18 * s, outline=d["bg2"] + (255,), width=5 * s)
            _motif(dr, d["motif"], (W2 * 0.05, H2 * 0.2, W2 * 0.38, H2 * 0.8), d, s)
            _texts(art, p, d, (W2 * 0.4, H2 * 0.1, W2 * 0.95, H2 * 0.9), False, s)
        art.putalpha(mask)
    else:  # family-pack
        if label == "together" or d["pattern"] == "ring":
            md.ellipse([0, 0, W2, H2], fill=255)
            art = Image.composite(pat, art, mask)
            dr = ImageDraw.Draw(art)
            _motif(dr, d["motif"], (W2 * 0.22, H2 * 0.14, W2 * 0.78, H2 * 0.36), d, s)
            _texts(art, p, d, (W2 * 0.14, H2 * 0.34, W2 * 0.86, H2 * 0.78), False, s, ko_scale=1.3)
        else:
            Hb = int(H2 * 0.78)
            off = (H2 - Hb) // 2
            md.rectangle([0, off, W2, off + Hb], fill=255)
            art = Image.composite(pat, art, mask)
            dr = ImageDraw.Draw(art)
            dr.rectangle([0, off, W2 - 1, off + Hb - 1], outline=d["bg2"] + (255,), width=8 * s)
            dr.rectangle([0, off + Hb * 0.78, W2, off + Hb], fill=_mix(d["bg2"], (255, 255, 255), 0.1) + (255,))
            _motif(dr, d["motif"], (W2 * 0.06, off + Hb * 0.12, W2 * 0.34, off + Hb * 0.72), d, s)
            _texts(art, p, d, (W2 * 0.36, off + Hb * 0.06, W2 * 0.96, off + Hb * 0.76), False, s, ko_scale=1.2)
        art.putalpha(mask)

    # Soft gloss: a diagonal highlight band, typical of plastic wrappers.
    gloss = Image.new("L", (W2, H2), 0)
    gd = ImageDraw.Draw(gloss)
    gd.polygon([(W2 * 0.15, 0), (W2 * 0.3, 0), (W2 * 0.05, H2), (-W2 * 0.1, H2)], fill=50)
    gloss = gloss.filter(ImageFilter.GaussianBlur(12 * s))
    white = Image.new("RGBA", (W2, H2), (255, 255, 255, 0))
    white.putalpha(Image.composite(gloss, Image.new("L", (W2, H2), 0), mask))
    art.alpha_composite(white)
    art = art.resize((W, H), Image.LANCZOS)
    return art

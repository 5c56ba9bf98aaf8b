#!/usr/bin/env python3
"""Draw the example plan's four images in content/assets/ (flat illustrations with Chinese text).

    tasting-room.png      品鉴室预约卡: moon-gate window, table, bottle and tasting glasses, times and place
    cellar.png            窖藏15年 · 坛储老酒: a brick-arched cellar with rows of clay jars
    double12-poster.png   双十二会员日 poster for 赤岭·窖藏15, with the 理性饮酒 small print
    gift-box.png          新春礼盒 card: lanterns, a gift box and the three gift tiers

Pillow is not a dependency of the project; run the script from a throwaway virtual environment:

    python3 -m venv /tmp/imgvenv && /tmp/imgvenv/bin/pip install pillow
    /tmp/imgvenv/bin/python tools/make_assets.py                  # writes content/assets/*.png
    /tmp/imgvenv/bin/python tools/make_assets.py --font /path/to/font.ttc --out /tmp/assets

The Chinese font defaults to WenQuanYi Micro Hei (Debian/Ubuntu package fonts-wqy-microhei).
Every glyph drawn is checked against the font, so a font without one of the characters fails
loudly instead of printing tofu boxes.

The output is deterministic: no clock, no randomness; each image is drawn at twice its size,
scaled down, reduced to a small palette and saved as a PNG without metadata (no tIME or text
chunks), so the same Pillow version writes the same bytes. Each file must stay under 200 KB
(phone-friendly); the script reports size and dimensions and fails if one does not.

All names, prices and the address are those of the fictional example plan (see
content/calendar/); the texts avoid absolute advertising terms, urging to drink and health
claims, and every image carries 理性饮酒 · 未成年人请勿饮酒.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit(
        "make_assets.py needs Pillow, which is not a project dependency. Run it from a throwaway venv:\n"
        "  python3 -m venv /tmp/imgvenv && /tmp/imgvenv/bin/pip install pillow\n"
        "  /tmp/imgvenv/bin/python tools/make_assets.py"
    )

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DEFAULT_OUT = ROOT / "content" / "assets"

W, H = 1080, 1440  # portrait, 3:4, phone-photo sized
SCALE = 2  # drawn at 2x, then scaled down: smooth edges without per-shape anti-aliasing
MAX_BYTES = 200 * 1024
PALETTES = (96, 64, 48, 32)  # colours tried in turn until the file fits MAX_BYTES

# Brand colours: deep red, gold, cream, with warm browns.
RED = (142, 27, 27)
RED_DARK = (104, 18, 18)
RED_LIGHT = (166, 40, 36)
GOLD = (214, 168, 75)
GOLD_LIGHT = (236, 203, 126)
GOLD_DARK = (168, 122, 46)
CREAM = (248, 237, 214)
CREAM_DARK = (235, 216, 178)
INK = (62, 36, 24)
BROWN = (122, 72, 40)
BROWN_DARK = (74, 44, 28)
WOOD = (139, 78, 42)
GLASS = (255, 251, 240)
LIQUOR = (240, 214, 150)
LANTERN = (208, 52, 42)  # brighter than the red backgrounds it hangs on
PORCELAIN = (250, 244, 230)  # white porcelain bottles

SMALL_PRINT = "理性饮酒 · 未成年人请勿饮酒"


class Canvas:
    """A drawing surface in design units (W x H), drawn at SCALE times the size."""

    def __init__(self, bg, font_path: str):
        self.img = Image.new("RGB", (W * SCALE, H * SCALE), bg)
        self.draw = ImageDraw.Draw(self.img)
        self.font_path = font_path
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}
        self.texts: list[str] = []

    # -- geometry -----------------------------------------------------------------------------
    @staticmethod
    def _s(v: float) -> int:
        return round(v * SCALE)

    def _box(self, box):
        return [self._s(v) for v in box]

    def _pts(self, pts):
        return [(self._s(x), self._s(y)) for x, y in pts]

    def rect(self, box, fill=None, outline=None, width=1, radius=0):
        if radius:
            self.draw.rounded_rectangle(
                self._box(box), self._s(radius), fill=fill, outline=outline, width=self._s(width) if outline else 0
            )
        else:
            self.draw.rectangle(self._box(box), fill=fill, outline=outline, width=self._s(width) if outline else 0)

    def ellipse(self, box, fill=None, outline=None, width=1):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=self._s(width) if outline else 0)

    def circle(self, cx, cy, r, fill=None, outline=None, width=1):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill, outline, width)

    def polygon(self, pts, fill=None, outline=None, width=1):
        self.draw.polygon(self._pts(pts), fill=fill, outline=outline, width=self._s(width) if outline else 0)

    def line(self, pts, fill, width=1):
        self.draw.line(self._pts(pts), fill=fill, width=max(1, self._s(width)), joint="curve")

    def pieslice(self, box, start, end, fill):
        self.draw.pieslice(self._box(box), start, end, fill=fill)

    def arc(self, box, start, end, fill, width=1):
        self.draw.arc(self._box(box), start, end, fill=fill, width=self._s(width))

    def dashed(self, x0, x1, y, fill, dash=14, gap=10, width=3):
        x = x0
        while x < x1:
            self.line([(x, y), (min(x + dash, x1), y)], fill, width)
            x += dash + gap

    # -- text ---------------------------------------------------------------------------------
    def font(self, size: float) -> ImageFont.FreeTypeFont:
        px = self._s(size)
        if px not in self._fonts:
            self._fonts[px] = ImageFont.truetype(self.font_path, px)
        return self._fonts[px]

    def text_width(self, s: str, size: float, tracking: float = 0) -> float:
        f = self.font(size)
        return (sum(f.getlength(ch) for ch in s) + self._s(tracking) * (len(s) - 1)) / SCALE if s else 0

    def text(self, xy, s: str, size: float, fill, anchor="mm", bold: float = 0, tracking: float = 0):
        """Draw s at xy (design units). anchor as in Pillow ('lm', 'mm', 'rs', …); bold thickens
        the strokes (the font has one weight); tracking adds space between characters."""
        self.texts.append(s)
        f = self.font(size)
        x, y = self._s(xy[0]), self._s(xy[1])
        stroke = dict(stroke_width=self._s(bold), stroke_fill=fill) if bold else {}
        if not tracking:
            self.draw.text((x, y), s, font=f, fill=fill, anchor=anchor, **stroke)
            return
        total = self.text_width(s, size, tracking) * SCALE
        x -= {"l": 0, "m": total / 2, "r": total}[anchor[0]]
        for ch in s:
            self.draw.text((x, y), ch, font=f, fill=fill, anchor="l" + anchor[1], **stroke)
            x += f.getlength(ch) + self._s(tracking)

    def vtext(self, cx, top, s: str, size: float, fill, step=None, bold: float = 0):
        """Vertical text, one character under the other, centred on cx."""
        step = step or size * 1.08
        for i, ch in enumerate(s):
            self.text((cx, top + step * i + size / 2), ch, size, fill, "mm", bold)

    def textbbox(self, xy, s, size, anchor="mm"):
        b = self.draw.textbbox((self._s(xy[0]), self._s(xy[1])), s, font=self.font(size), anchor=anchor)
        return [v / SCALE for v in b]

    # -- output -------------------------------------------------------------------------------
    def missing_glyphs(self) -> list[str]:
        """Characters drawn that the font has no glyph for (they would show as tofu boxes)."""
        f = ImageFont.truetype(self.font_path, 48)

        def shape(ch):
            im = Image.new("L", (96, 96), 0)
            ImageDraw.Draw(im).text((48, 48), ch, font=f, fill=255, anchor="mm")
            return im.tobytes()

        notdef = {shape("\U0010fffd"), shape("\ue000")}
        chars = sorted({ch for s in self.texts for ch in s if not ch.isspace()})
        return [ch for ch in chars if shape(ch) in notdef]

    def finish(self) -> Image.Image:
        return self.img.resize((W, H), Image.Resampling.LANCZOS)


# ---- shapes ---------------------------------------------------------------------------------


def seal(c: Canvas, x, y, size=96, fill=RED, ink=CREAM):
    """A square seal reading 赤岭 / 酱坊 (right column first, as seals read)."""
    c.rect((x, y, x + size, y + size), fill=fill, radius=size * 0.12)
    c.rect((x + 6, y + 6, x + size - 6, y + size - 6), outline=ink, width=2, radius=size * 0.09)
    q = size / 4
    fs = size * 0.34
    for (col, row), ch in zip(((3, 1), (3, 3), (1, 1), (1, 3)), "赤岭酱坊"):
        c.text((x + q * col, y + q * row), ch, fs, ink, bold=0.6)


def double_frame(c: Canvas, inset, color, gap=10, width=3, corner=46):
    """Two thin frame lines with square 回-style corner marks."""
    x0, y0, x1, y1 = inset, inset, W - inset, H - inset
    c.rect((x0, y0, x1, y1), outline=color, width=width)
    c.rect((x0 + gap, y0 + gap, x1 - gap, y1 - gap), outline=color, width=max(1, width - 1))
    for sx, sy in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        dx = 1 if sx == x0 else -1
        dy = 1 if sy == y0 else -1
        c.polygon(
            [
                (sx, sy),
                (sx + dx * corner, sy),
                (sx + dx * corner, sy + dy * 12),
                (sx + dx * 12, sy + dy * 12),
                (sx + dx * 12, sy + dy * corner),
                (sx, sy + dy * corner),
            ],
            fill=color,
        )


def bottle(
    c: Canvas, cx, bottom, h, body=RED, label=CREAM, label_ink=RED_DARK, sub_ink=GOLD_DARK, cap=GOLD, name="赤岭", sub="窖藏"
):
    """A baijiu bottle: square-shouldered body, short neck, gold cap, vertical paper label."""
    bw = h * 0.40
    body_top = bottom - h * 0.66
    shoulder = bottom - h * 0.76
    neck_w = h * 0.13
    neck_top = bottom - h * 0.90
    c.rect((cx - bw / 2, body_top - h * 0.04, cx + bw / 2, bottom), fill=body, radius=h * 0.05)
    c.polygon(
        [
            (cx - bw / 2 + h * 0.02, body_top),
            (cx - neck_w / 2, shoulder),
            (cx + neck_w / 2, shoulder),
            (cx + bw / 2 - h * 0.02, body_top),
        ],
        fill=body,
    )
    c.ellipse((cx - bw / 2, body_top - h * 0.07, cx + bw / 2, body_top + h * 0.02), fill=body)
    c.rect((cx - neck_w / 2, neck_top, cx + neck_w / 2, shoulder + 2), fill=body)
    c.rect((cx - neck_w * 0.62, bottom - h, cx + neck_w * 0.62, neck_top + 2), fill=cap, radius=h * 0.015)
    c.rect((cx - neck_w * 0.62, neck_top - h * 0.03, cx + neck_w * 0.62, neck_top - h * 0.015), fill=GOLD_DARK)
    # highlight down the left side
    c.rect(
        (cx - bw / 2 + h * 0.035, body_top + h * 0.02, cx - bw / 2 + h * 0.06, bottom - h * 0.08),
        fill=tuple(max(0, v - 22) if sum(body) > 600 else min(255, v + 40) for v in body),
        radius=h * 0.012,
    )
    # vertical label
    lw, lt, lb = bw * 0.46, body_top + h * 0.07, bottom - h * 0.08
    c.rect((cx - lw / 2, lt, cx + lw / 2, lb), fill=label, radius=h * 0.01)
    c.rect((cx - lw / 2 + 4, lt + 4, cx + lw / 2 - 4, lb - 4), outline=GOLD_DARK, width=1.5, radius=h * 0.008)
    fs = lw * 0.52
    c.vtext(cx, lt + h * 0.04, name, fs, label_ink, bold=fs * 0.03)
    if sub:
        c.vtext(cx, lt + h * 0.04 + fs * 2.3, sub, fs * 0.62, sub_ink)


def tulip_glass(c: Canvas, cx, bottom, h, fill_level=0.45):
    """A small tulip-shaped tasting glass with a little liquor in it."""
    bw = h * 0.56
    bowl_top = bottom - h
    bowl_bottom = bottom - h * 0.42
    # bowl: narrowing rim, rounded bottom
    pts = []
    for i in range(25):
        t = i / 24  # 0 at the rim, 1 at the bottom of the bowl
        if t < 0.7:  # the rim narrows a little, the belly widens
            half = bw / 2 * (0.74 + 0.26 * math.sin(math.pi / 2 * t / 0.7))
        else:  # rounded bottom
            half = bw / 2 * math.sqrt(max(0.0, 1 - ((t - 0.7) / 0.3) ** 2)) * 0.94 + bw * 0.03
        pts.append((cx - half, bowl_top + (bowl_bottom - bowl_top) * t))
    right = [(2 * cx - x, y) for x, y in reversed(pts)]
    c.polygon(pts + right, fill=GLASS, outline=GOLD_DARK, width=2)
    lvl = bowl_top + (bowl_bottom - bowl_top) * (1 - fill_level)
    liquid = [(x, y) for x, y in pts if y >= lvl]
    if liquid:
        c.polygon(liquid + [(2 * cx - x, y) for x, y in reversed(liquid)], fill=LIQUOR)
    c.line([(cx, bowl_bottom), (cx, bottom - h * 0.05)], GOLD_DARK, 3)
    c.ellipse((cx - bw * 0.34, bottom - h * 0.08, cx + bw * 0.34, bottom), fill=GLASS, outline=GOLD_DARK, width=2)


def jar(c: Canvas, cx, bottom, h, body=BROWN, cloth=RED, label="酱"):
    """A clay liquor jar (坛) with a red cloth cover tied with gold string and a diamond label."""
    w = h * 0.86
    c.ellipse((cx - w / 2, bottom - h * 0.86, cx + w / 2, bottom), fill=body)
    c.rect((cx - w * 0.30, bottom - h * 0.12, cx + w * 0.30, bottom), fill=body, radius=h * 0.03)
    # shoulder shading band
    c.arc(
        (cx - w / 2 + h * 0.05, bottom - h * 0.80, cx + w / 2 - h * 0.05, bottom - h * 0.06),
        200,
        250,
        tuple(min(255, v + 35) for v in body),
        width=h * 0.03,
    )
    mw = w * 0.36
    c.rect((cx - mw / 2, bottom - h * 0.98, cx + mw / 2, bottom - h * 0.78), fill=body)
    # cloth cover: dome plus flaps
    c.ellipse((cx - mw * 0.80, bottom - h * 1.10, cx + mw * 0.80, bottom - h * 0.86), fill=cloth)
    c.polygon(
        [
            (cx - mw * 0.80, bottom - h * 0.98),
            (cx - mw * 0.95, bottom - h * 0.80),
            (cx + mw * 0.95, bottom - h * 0.80),
            (cx + mw * 0.80, bottom - h * 0.98),
        ],
        fill=cloth,
    )
    c.line([(cx - mw * 0.66, bottom - h * 0.90), (cx + mw * 0.66, bottom - h * 0.90)], GOLD, h * 0.025)
    # diamond label (斗方)
    d = h * 0.19
    ly = bottom - h * 0.45
    c.polygon([(cx, ly - d), (cx + d, ly), (cx, ly + d), (cx - d, ly)], fill=RED, outline=GOLD, width=2)
    c.text((cx, ly), label, d * 0.95, CREAM, bold=d * 0.02)


def lantern(c: Canvas, cx, top, size, ch="福", body=RED, rope_top=None):
    """A round red lantern with gold caps, ribs and tassel."""
    if rope_top is not None:
        c.line([(cx, rope_top), (cx, top)], GOLD_DARK, 3)
    w, h = size, size * 0.84
    cap = size * 0.12
    c.rect((cx - w * 0.26, top, cx + w * 0.26, top + cap), fill=GOLD, radius=cap * 0.3)
    by = top + cap * 0.6
    c.ellipse((cx - w / 2, by, cx + w / 2, by + h), fill=body, outline=GOLD, width=2)
    rib = tuple(max(0, v - 30) for v in body)
    for k in (0.22, 0.42):
        c.ellipse((cx - w * k, by + 2, cx + w * k, by + h - 2), outline=rib, width=2.5)
    c.line([(cx, by + 2), (cx, by + h - 2)], rib, 2.5)
    c.circle(cx, by + h / 2, size * 0.2, fill=body)
    c.text((cx, by + h / 2), ch, size * 0.30, GOLD_LIGHT, bold=size * 0.008)
    c.rect((cx - w * 0.26, by + h - cap * 0.6, cx + w * 0.26, by + h + cap * 0.4), fill=GOLD, radius=cap * 0.3)
    ty = by + h + cap * 0.4
    c.rect((cx - 4, ty, cx + 4, ty + size * 0.1), fill=GOLD_DARK)
    for dx in (-10, -5, 0, 5, 10):
        c.line([(cx + dx * size / 120, ty + size * 0.1), (cx + dx * size / 60, ty + size * 0.42)], GOLD, 3)


def cloud(c: Canvas, x, y, s, fill):
    """A flat 祥云-like cloud: overlapping circles on a flat base."""
    for dx, dy, r in ((0, 0, 0.5), (0.55, -0.25, 0.62), (1.15, 0, 0.5), (0.55, 0.12, 0.5)):
        c.circle(x + dx * s, y + dy * s, r * s, fill=fill)
    c.rect((x - 0.2 * s, y, x + 1.35 * s, y + 0.5 * s), fill=fill, radius=0.25 * s)


def ribbon(c: Canvas, x0, y0, x1, y1, fill, notch=26):
    """A banner with swallow-tail ends."""
    m = (y0 + y1) / 2
    c.polygon(
        [
            (x0 - notch * 1.6, y0 + 10),
            (x0 + 10, y0 + 10),
            (x0 + 10, y1 + 10),
            (x0 - notch * 1.6, y1 + 10),
            (x0 - notch * 0.6, m + 10),
        ],
        fill=GOLD_DARK,
    )
    c.polygon(
        [
            (x1 + notch * 1.6, y0 + 10),
            (x1 - 10, y0 + 10),
            (x1 - 10, y1 + 10),
            (x1 + notch * 1.6, y1 + 10),
            (x1 + notch * 0.6, m + 10),
        ],
        fill=GOLD_DARK,
    )
    c.rect((x0, y0, x1, y1), fill=fill)


def gift_box(c: Canvas, x0, y0, x1, y1):
    """A red gift box with a gold ribbon and bow, seen from the front."""
    lid = (y1 - y0) * 0.22
    w = x1 - x0
    cx = (x0 + x1) / 2
    c.rect((x0, y0 + lid * 0.7, x1, y1), fill=RED_LIGHT, radius=6)
    c.rect((x0, y1 - 14, x1, y1), fill=RED_DARK, radius=6)
    c.rect((x0 - 16, y0, x1 + 16, y0 + lid), fill=RED_DARK, radius=8)
    c.rect((x0 - 16, y0 + lid - 8, x1 + 16, y0 + lid), fill=GOLD_DARK)
    rb = w * 0.09
    c.rect((cx - rb / 2, y0, cx + rb / 2, y1), fill=GOLD)
    c.rect((x0, y0 + lid + (y1 - y0 - lid) * 0.42, x1, y0 + lid + (y1 - y0 - lid) * 0.42 + rb * 0.7), fill=GOLD)
    # bow
    by = y0
    bw = w * 1.3  # the bow is sized on the box width
    for sgn in (-1, 1):
        c.polygon(
            [
                (cx, by),
                (cx + sgn * bw * 0.26, by - bw * 0.16),
                (cx + sgn * bw * 0.30, by - bw * 0.04),
                (cx + sgn * bw * 0.20, by + bw * 0.02),
            ],
            fill=GOLD,
        )
        c.polygon([(cx, by), (cx + sgn * bw * 0.20, by - bw * 0.10), (cx + sgn * bw * 0.22, by - bw * 0.04)], fill=GOLD_DARK)
        c.polygon([(cx, by + 6), (cx + sgn * bw * 0.10, by + bw * 0.17), (cx + sgn * bw * 0.16, by + bw * 0.14)], fill=GOLD)
    c.circle(cx, by, bw * 0.05, fill=GOLD_LIGHT)
    # gold label on the front
    lx = x0 + w * 0.15
    ly = y0 + lid + (y1 - y0 - lid) * 0.12
    c.rect((lx, ly, lx + w * 0.22, ly + w * 0.22), fill=GOLD_LIGHT, radius=6)
    c.rect((lx + 5, ly + 5, lx + w * 0.22 - 5, ly + w * 0.22 - 5), outline=RED, width=2, radius=4)
    c.text((lx + w * 0.11, ly + w * 0.11), "春", w * 0.13, RED, bold=1)


def small_print(c: Canvas, y, color, extra: str = ""):
    c.text((W / 2, y), SMALL_PRINT + (" · " + extra if extra else ""), 27, color)


# ---- the four images ------------------------------------------------------------------------


def tasting_room(font: str) -> Canvas:
    c = Canvas(RED, font)
    # the card, with ticket notches at the stub line
    x0, y0, x1, y1 = 46, 46, W - 46, H - 46
    c.rect((x0, y0, x1, y1), fill=CREAM, radius=34)
    c.rect((x0 + 18, y0 + 18, x1 - 18, y1 - 18), outline=GOLD, width=3, radius=24)
    stub = 1234
    for nx in (x0, x1):
        c.circle(nx, stub, 30, fill=RED)
    c.dashed(x0 + 50, x1 - 50, stub, GOLD_DARK, width=3)

    # header
    seal(c, 92, 92, 92)
    c.text((204, 120), "赤岭酱坊", 40, INK, "lm", bold=0.8, tracking=4)
    c.text((204, 166), "苏州门店 · 品鉴室", 28, BROWN, "lm", tracking=2)
    c.rect((826, 104, 986, 172), outline=RED, width=3, radius=34)
    c.text((906, 138), "凭卡入座", 30, RED, bold=0.4)

    c.text((W / 2, 292), "品鉴室预约卡", 112, RED, bold=2.2, tracking=6)
    c.text((W / 2, 392), "每周六下午 · 小桌慢慢品", 40, BROWN, tracking=4)

    # moon-gate window behind a table
    cx, cy, r = 540, 628, 200
    c.circle(cx, cy, r + 16, fill=CREAM_DARK)
    c.circle(cx, cy, r, fill=(239, 214, 168))
    lat = (176, 128, 86)
    for k in range(-3, 4):
        d = k * r / 3.6
        half = math.sqrt(max(0, r * r - d * d))
        c.line([(cx - half, cy + d), (cx + half, cy + d)], lat, 4)
        c.line([(cx + d, cy - half), (cx + d, cy + half)], lat, 4)
    c.circle(cx, cy, r, outline=BROWN, width=10)
    # a branch across the window
    c.line([(cx - r + 110, cy - 100), (cx - 20, cy - 70), (cx + 60, cy - 116), (cx + r - 30, cy - 100)], BROWN_DARK, 7)
    for bx, by in ((cx - 60, cy - 82), (cx - 20, cy - 70), (cx + 60, cy - 116), (cx + 130, cy - 104), (cx + 20, cy - 94)):
        c.circle(bx, by - 14, 13, fill=RED_LIGHT)
        c.circle(bx, by - 14, 5, fill=GOLD_LIGHT)

    lantern(c, 176, 470, 120, "品", rope_top=434)
    lantern(c, 904, 470, 120, "香", rope_top=434)

    # table with bottle, glasses and a dish
    top = 806
    c.rect((190, top, 890, top + 30), fill=WOOD, radius=8)
    c.rect((210, top + 30, 870, top + 52), fill=BROWN_DARK)
    for lx in (236, 820):
        c.rect((lx, top + 52, lx + 26, 948), fill=BROWN_DARK)
    bottle(c, 372, top + 2, 300, name="赤岭", sub="窖藏")
    for gx in (560, 648, 736):
        tulip_glass(c, gx, top + 2, 120)
    c.ellipse((790, top - 26, 880, top + 4), fill=GLASS, outline=GOLD_DARK, width=2)
    c.ellipse((806, top - 38, 864, top - 12), fill=(214, 160, 92))

    # details
    rows = (
        ("时间", "每周六 14:00–17:00"),
        ("地点", "苏州市姑苏区赤岭巷 8 号 赤岭酱坊"),
        ("人数", "每场 12 位，约满即止"),
        ("预约", "在群里私聊群主，留下称呼和人数"),
    )
    y = 994
    for label, value in rows:
        c.rect((110, y - 24, 206, y + 24), fill=RED, radius=10)
        c.text((158, y), label, 32, CREAM, bold=0.6)
        c.text((232, y), value, 36, INK, "lm")
        y += 60

    # stub
    c.text((W / 2, 1300), "赤岭酱坊 · 品鉴室预约卡", 34, RED, bold=0.6, tracking=3)
    small_print(c, 1352, BROWN)
    return c


def cellar(font: str) -> Canvas:
    bg = RED_DARK
    c = Canvas(bg, font)
    double_frame(c, 30, GOLD_DARK)

    seal(c, 86, 80, 84, fill=RED, ink=GOLD_LIGHT)
    c.text((190, 106), "赤岭酱坊", 38, CREAM, "lm", bold=0.8, tracking=4)
    c.text((190, 148), "酒窖手记", 28, GOLD_LIGHT, "lm", tracking=4)
    c.text((W - 90, 126), "苏州门店", 30, GOLD_LIGHT, "rm", tracking=4)

    # brick arch
    ax0, ax1, atop, abot = 110, 970, 210, 1000
    acx, ar = (ax0 + ax1) / 2, (ax1 - ax0) / 2
    brick, joint = (176, 98, 58), (120, 62, 36)
    band = 46
    c.pieslice((ax0 - band, atop - band, ax1 + band, atop + 2 * ar + band), 180, 360, brick)
    c.rect((ax0 - band, atop + ar, ax1 + band, abot), fill=brick)
    for k in range(19):  # radial joints of the arch band
        a = math.pi + math.pi * k / 18
        c.line(
            [
                (acx + ar * math.cos(a), atop + ar + ar * math.sin(a)),
                (acx + (ar + band) * math.cos(a), atop + ar + (ar + band) * math.sin(a)),
            ],
            joint,
            4,
        )
    for yy in range(int(atop + ar), abot, 48):  # pier joints
        for px in (ax0 - band, ax1):
            c.line([(px, yy), (px + band, yy)], joint, 4)
    # interior
    inside = (58, 34, 24)
    c.pieslice((ax0, atop, ax1, atop + 2 * ar), 180, 360, inside)
    c.rect((ax0, atop + ar, ax1, abot), fill=inside)
    wall = (70, 42, 30)
    for row, yy in enumerate(range(int(atop + 120), 800, 44)):
        off = 0 if row % 2 == 0 else 45
        for xx in range(ax0 + 10 - off, ax1, 90):
            xa, xb = max(xx, ax0 + 8), min(xx + 80, ax1 - 8)
            dy = yy - (atop + ar)
            if dy < 0:  # keep the bricks inside the arch
                half = math.sqrt(max(0, ar * ar - dy * dy)) - 14
                xa, xb = max(xa, acx - half), min(xb, acx + half)
            if xb - xa > 20:
                c.rect((xa, yy, xb, yy + 36), fill=wall, radius=4)
    # warm lamp
    c.line([(acx, atop), (acx, 330)], GOLD_DARK, 3)
    c.polygon([(acx - 34, 356), (acx + 34, 356), (acx + 250, 690), (acx - 250, 690)], fill=(84, 52, 33))  # light
    c.circle(acx, 362, 70, fill=(96, 60, 36))
    c.polygon([(acx - 40, 330), (acx + 40, 330), (acx + 26, 356), (acx - 26, 356)], fill=GOLD)
    c.circle(acx, 370, 20, fill=GOLD_LIGHT)
    # floor and shelf
    c.rect((ax0, 800, ax1, abot), fill=(92, 56, 36))
    c.rect((ax0 + 30, 690, ax1 - 30, 706), fill=WOOD)
    for i, x in enumerate((220, 380, 540, 700, 860)):
        jar(c, x, 690, 150, body=(110, 70, 44) if i % 2 else (128, 82, 50), label="窖")
    for x, lab in ((275, "酱"), (540, "藏"), (805, "酱")):
        jar(c, x, 975, 250, body=BROWN, label=lab)
    # the year tag hanging on the middle jar
    c.line([(600, 748), (660, 800)], GOLD, 3)
    c.rect((630, 796, 712, 880), fill=CREAM, radius=6)
    c.text((671, 824), "15", 40, RED, bold=0.8)
    c.text((671, 862), "年", 26, RED)

    # titles
    c.text((W / 2, 1108), "窖藏15年 · 坛储老酒", 86, GOLD_LIGHT, bold=1.8, tracking=4)
    c.text((W / 2, 1206), "陶坛静置 · 避光 · 恒温 · 少打扰", 40, CREAM, tracking=4)
    c.rect((260, 1254, 820, 1314), outline=GOLD, width=2, radius=30)
    c.text((W / 2, 1284), "赤岭·窖藏15  53度 500ml", 32, GOLD_LIGHT, tracking=2)
    small_print(c, 1370, CREAM_DARK)
    return c


def double12(font: str) -> Canvas:
    c = Canvas(RED, font)
    # rays behind the bottle
    ox, oy = 540, 840
    for k in range(24):
        if k % 2:
            continue
        a0 = 2 * math.pi * k / 24
        a1 = 2 * math.pi * (k + 1) / 24
        c.polygon(
            [
                (ox, oy),
                (ox + 1400 * math.cos(a0), oy + 1400 * math.sin(a0)),
                (ox + 1400 * math.cos(a1), oy + 1400 * math.sin(a1)),
            ],
            fill=(152, 33, 31),
        )
    c.circle(ox, oy, 250, fill=RED_LIGHT)
    c.circle(ox, oy, 250, outline=GOLD, width=3)
    c.circle(ox, oy, 266, outline=GOLD_DARK, width=2)
    # snow dots, fixed positions
    for i in range(40):
        x = (i * 263 + 71) % 1000 + 40
        y = (i * 151 + 37) % 560 + 560
        if (x - ox) ** 2 + (y - oy) ** 2 > 290**2:
            c.circle(x, y, 4 + (i % 3) * 2, fill=(196, 80, 66))
    double_frame(c, 30, GOLD)

    # header
    seal(c, 84, 78, 80, fill=GOLD, ink=RED_DARK)
    c.text((184, 102), "赤岭酱坊", 36, CREAM, "lm", bold=0.8, tracking=4)
    c.text((184, 140), "苏州门店 · 会员专享", 26, GOLD_LIGHT, "lm", tracking=2)

    c.text((W / 2 + 6, 292), "双十二", 210, RED_DARK, bold=4, tracking=20)
    c.text((W / 2, 286), "双十二", 210, GOLD_LIGHT, bold=4, tracking=20)
    ribbon(c, 330, 414, 750, 500, GOLD)
    c.text((W / 2, 457), "会员日", 62, RED_DARK, bold=1.5, tracking=18)
    c.text((W / 2, 548), "12月8日 — 12月12日", 44, CREAM, tracking=3)

    # bottle on a pedestal, with lanterns
    c.ellipse((380, 1000, 700, 1046), fill=GOLD_DARK)
    c.rect((380, 972, 700, 1024), fill=GOLD)
    c.ellipse((380, 950, 700, 996), fill=GOLD_LIGHT)
    bottle(c, 540, 976, 360, body=RED_DARK, name="赤岭", sub="窖藏十五")
    lantern(c, 150, 640, 110, "会", body=LANTERN, rope_top=600)
    lantern(c, 930, 640, 110, "员", body=LANTERN, rope_top=600)

    # price card
    c.rect((110, 1070, 970, 1284), fill=CREAM, radius=26)
    c.rect((124, 1084, 956, 1270), outline=GOLD, width=2, radius=18)
    c.text((W / 2, 1118), "赤岭·窖藏15  53度 500ml", 36, INK, bold=0.5, tracking=2)
    c.line([(160, 1150), (920, 1150)], CREAM_DARK, 2)
    c.rect((160, 1176, 290, 1224), fill=RED, radius=10)
    c.text((225, 1200), "会员价", 30, CREAM, bold=0.5)
    c.text((310, 1210), "¥", 50, RED, "ls", bold=1)
    c.text((346, 1226), "528", 104, RED, "ls", bold=2.2)
    c.text((920, 1206), "日常价 ¥598", 38, BROWN, "rm")
    bx0, _, bx1, _ = c.textbbox((920, 1206), "日常价 ¥598", 38, "rm")
    sx = c.textbbox((920, 1206), "¥598", 38, "rm")[0]
    c.line([(sx - 4, 1208), (bx1 + 4, 1208)], RED, 3)

    c.text((W / 2, 1326), "会员私聊店长预订 · 12月12日 21:00 截止", 34, CREAM, tracking=1)
    small_print(c, 1378, GOLD_LIGHT)
    return c


def gift(font: str) -> Canvas:
    c = Canvas(RED, font)
    soft = (154, 36, 33)
    for x, y, s in ((-40, 250, 110), (880, 170, 100), (760, 560, 80), (40, 640, 90), (900, 820, 70), (120, 900, 60)):
        cloud(c, x, y, s, soft)
    double_frame(c, 30, GOLD)
    lantern(c, 140, 120, 130, "福", body=LANTERN, rope_top=36)
    lantern(c, 940, 120, 130, "春", body=LANTERN, rope_top=36)

    c.text((W / 2 + 5, 265), "新春礼盒", 160, RED_DARK, bold=3.5, tracking=14)
    c.text((W / 2, 260), "新春礼盒", 160, GOLD_LIGHT, bold=3.5, tracking=14)
    c.text((W / 2, 378), "丁未年 · 赤岭酱坊", 44, CREAM, tracking=8)

    # box between two bottles, on a cream stand
    c.ellipse((170, 830, 910, 900), fill=RED_DARK)
    bottle(c, 250, 866, 300, body=PORCELAIN, label=RED, label_ink=CREAM, sub_ink=GOLD_LIGHT, name="赤岭", sub="窖藏")
    bottle(c, 830, 866, 300, body=PORCELAIN, label=RED, label_ink=CREAM, sub_ink=GOLD_LIGHT, name="赤岭", sub="新春")
    gift_box(c, 390, 560, 690, 866)
    for x, y in ((360, 500), (720, 490), (300, 560), (780, 570)):
        c.polygon(
            [(x, y - 14), (x + 5, y - 5), (x + 14, y), (x + 5, y + 5), (x, y + 14), (x - 5, y + 5), (x - 14, y), (x - 5, y - 5)],
            fill=GOLD_LIGHT,
        )

    # the three tiers
    c.rect((96, 930, 984, 1276), fill=CREAM, radius=26)
    c.rect((110, 944, 970, 1262), outline=GOLD, width=2, radius=18)
    tiers = (
        ("壹", "窖藏8 单瓶礼盒", "送朋友、送同事"),
        ("贰", "丁未年礼盒 · 窖藏8 两瓶装", "送长辈、走亲戚"),
        ("叁", "窖藏15 双瓶礼盒", "送合作伙伴"),
    )
    y = 1006
    for num, name, who in tiers:
        c.circle(172, y + 6, 34, fill=RED)
        c.text((172, y + 6), num, 36, GOLD_LIGHT, bold=0.6)
        c.text((230, y - 12), name, 40, RED_DARK, "lm", bold=0.8)
        c.text((230, y + 30), who, 30, BROWN, "lm")
        y += 96
    c.text((W / 2, 1320), "苏州同城 · 2月3日前下单，年前送达", 36, CREAM, tracking=2)
    small_print(c, 1376, GOLD_LIGHT)
    return c


IMAGES = {
    "tasting-room.png": tasting_room,
    "cellar.png": cellar,
    "double12-poster.png": double12,
    "gift-box.png": gift,
}


def save_small(img: Image.Image, path: Path) -> tuple[int, int]:
    """Quantise to the largest palette that keeps the PNG under MAX_BYTES; save without metadata."""
    for colours in PALETTES:
        pal = img.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        pal.info.clear()
        pal.save(path, format="PNG", optimize=True)
        size = path.stat().st_size
        if size <= MAX_BYTES:
            return size, colours
    raise SystemExit(f"{path.name}: {size} bytes even with {PALETTES[-1]} colours, over {MAX_BYTES}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--font",
        default=DEFAULT_FONT,
        help=f"a font with Chinese glyphs (default: {DEFAULT_FONT}, Debian package fonts-wqy-microhei)",
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: content/assets/)")
    ap.add_argument("names", nargs="*", metavar="NAME", help="only these images (default: all): " + ", ".join(IMAGES))
    args = ap.parse_args(argv)
    unknown = [n for n in args.names if n not in IMAGES]
    if unknown:
        ap.error(f"unknown image {', '.join(unknown)}; choose from {', '.join(IMAGES)}")

    font = Path(args.font)
    if not font.is_file():
        print(
            f"make_assets.py: font not found: {font}\n"
            f"  install it (Debian/Ubuntu: apt-get install fonts-wqy-microhei) or pass --font PATH to a\n"
            f"  TrueType/OpenType font with Chinese glyphs (fc-list :lang=zh lists them)",
            file=sys.stderr,
        )
        return 2
    try:
        ImageFont.truetype(str(font), 20)
    except OSError as e:
        print(f"make_assets.py: cannot load font {font}: {e}", file=sys.stderr)
        return 2

    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.names or IMAGES:
        canvas = IMAGES[name](str(font))
        missing = canvas.missing_glyphs()
        if missing:
            print(f"make_assets.py: {font} has no glyph for {' '.join(missing)} (used in {name})", file=sys.stderr)
            return 1
        path = args.out / name
        size, colours = save_small(canvas.finish(), path)
        print(f"{path}: {W}x{H}, {size:,} bytes ({size / 1024:.0f} KB), {colours} colours")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Small pictures for the cards: an attached photo is shown as a thumbnail that links the file.

A phone shows a card's picture in a box of 8rem × 6rem (160 × 120 CSS pixels, contentplan.css
`img.cp-thumb`); the original is a photo of a few hundred KB. Each image attachment gets a
JPEG of twice that box (320 × 240, cropped to fill it as the box does), so a screen of 2x
pixel density is sharp and no byte is wasted: a day of ten pictures costs tens of KB, not MB.

Pillow reads the attachment, which is untrusted: its decompression-bomb limit stays on, only
the formats a browser shows are opened, and any file it cannot read gets no thumbnail (the
card then links the file by its name). The JPEG carries no metadata and the same input gives
the same bytes, build after build.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps

BOX = (320, 240)  # pixels: twice the card's 160 × 120 CSS px box
QUALITY = 80
FORMATS = ("JPEG", "PNG", "GIF", "WEBP")  # what Pillow may read here; AVIF passes as a plain link
MAX_PIXELS = 40_000_000  # a 40-megapixel photo is the largest a phone takes; more is a bomb


def thumbnail(source: Path) -> bytes | None:
    """The thumbnail of the picture at `source` as JPEG bytes; None when it cannot be read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source, formats=FORMATS) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    return None
                opened.seek(0)  # an animation: its first frame
                picture = _flattened(ImageOps.exif_transpose(opened))  # a phone photo's rotation
                small = ImageOps.fit(picture, BOX, method=Image.Resampling.LANCZOS)
        out = io.BytesIO()
        small.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=False)
        return out.getvalue()
    except (
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        EOFError,
        MemoryError,
    ):
        return None


def _flattened(picture: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and a transparent logo must not turn black."""
    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return picture.convert("RGB")

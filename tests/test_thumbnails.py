"""thumbnails.py: a card's picture as a small JPEG of twice its box, never a crash."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

from generator.thumbnails import BOX, thumbnail

SHIPPED = sorted((Path(__file__).resolve().parents[1] / "content" / "assets").glob("*.png"))


def _open(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def test_a_shipped_photo_becomes_a_small_jpeg_of_the_box_the_same_every_time():
    assert SHIPPED
    for source in SHIPPED:
        data = thumbnail(source)
        assert data is not None and data[:2] == b"\xff\xd8"
        assert _open(data).size == BOX
        assert len(data) < source.stat().st_size / 4 and len(data) < 40 * 1024
        assert thumbnail(source) == data


def test_transparency_turns_white_not_black(tmp_path):
    source = tmp_path / "logo.png"
    Image.new("RGBA", (400, 300), (0, 0, 0, 0)).save(source)
    corner = _open(thumbnail(source)).getpixel((0, 0))
    assert all(channel > 245 for channel in corner)


def test_a_phone_photo_is_turned_the_way_it_was_taken(tmp_path):
    source = tmp_path / "portrait.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    picture = Image.new("RGB", (600, 300), (255, 0, 0))
    picture.paste((0, 0, 255), (0, 0, 300, 300))  # left half blue: after turning, the top is blue
    picture.save(source, exif=exif)
    small = _open(thumbnail(source))
    assert small.size == BOX
    assert small.getpixel((BOX[0] // 2, 2))[2] > 200  # blue at the top


def test_what_is_not_a_picture_gets_no_thumbnail(tmp_path):
    cases = {
        "text.png": b"not a picture at all",
        "empty.jpg": b"",
        "cut.png": SHIPPED[0].read_bytes()[:2000],
        "svg.png": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert thumbnail(tmp_path / name) is None, name
    assert thumbnail(tmp_path / "missing.png") is None


def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path):
    # a valid PNG header claiming 100,000 × 100,000 pixels, in a few bytes
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0))
    data = b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
    (tmp_path / "bomb.png").write_bytes(data)
    assert thumbnail(tmp_path / "bomb.png") is None

#!/usr/bin/python3
"""Generates the small format test resources of can4000-io's image decoder tests.

Run once by hand from this directory; the Maven build never runs it, the outputs are committed:

    cd can4000-io/src/test/resources/formats && /usr/bin/python3 make_formats.py

Needs Pillow (python3-pil), OpenCV (python3-opencv) and a JDK 11+ ``java`` on the PATH (for
MakeYcck.java, which writes the YCCK JPEG). Everything is derived from the real
clinical photograph ../photos/photo_024.jpg (Apache-2.0, whria78/data-in-paper-out, see
../photos/SOURCES.tsv), so the decoders see photographic content, not synthetic gradients.

Outputs (all in this directory):

* lossless sources (PNG, GIF, BMP, lossless WebP, TIFF) plus ``<file>.raw.gz``: the exact pixels that were
  encoded, gzip-compressed, interleaved 8-bit gray / RGB / RGBA rows (``expected.tsv`` gives
  width, height and channels). The Java tests compare the decoded pixels byte for byte.
* lossy sources (JPEG variants, lossy WebP) plus ``<file>.cv2.png``: OpenCV's
  ``cv2.imread(path, cv2.IMREAD_UNCHANGED)`` of the file (BGR converted to RGB), as a lossless PNG.
  The Java tests require a mean absolute difference per channel of at most 2 (parity with the
  original Python tool, which decodes with OpenCV). OpenCV references are also written for three
  of the photos in ../photos.
* failure cases: a truncated JPEG and PNG (first half of a valid file), random bytes, an HTML error
  page, and a "decompression bomb" PNG whose IHDR declares 60000x60000 pixels.
"""

import gzip
import io
import os
import random
import struct
import subprocess
import zlib

import cv2
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
PHOTOS = os.path.join(HERE, "..", "photos")
SOURCE = os.path.join(PHOTOS, "photo_024.jpg")

rows = []  # expected.tsv rows: file, width, height, channels, check


def path(name):
    return os.path.join(HERE, name)


def write_raw(name, image):
    """Writes the exact pixels of a PIL image (L, RGB or RGBA) next to its source file."""
    arr = np.asarray(image, dtype=np.uint8)
    channels = 1 if arr.ndim == 2 else arr.shape[2]
    # mtime=0 keeps the .gz bytes reproducible
    with gzip.GzipFile(path(name + ".raw.gz"), "wb", mtime=0) as f:
        f.write(arr.tobytes())
    rows.append((name, arr.shape[1], arr.shape[0], channels, "exact"))


def write_cv2_reference(name, source_path, label=None):
    """Writes OpenCV's IMREAD_UNCHANGED decode of source_path as <name>.cv2.png in RGB(A) order."""
    arr = cv2.imread(source_path, cv2.IMREAD_UNCHANGED)
    assert arr is not None, source_path
    if arr.ndim == 3 and arr.shape[2] == 3:
        arr = cv2.cvtColor(arr, cv2.COLOR_BGR2RGB)
    elif arr.ndim == 3 and arr.shape[2] == 4:
        arr = cv2.cvtColor(arr, cv2.COLOR_BGRA2RGBA)
    Image.fromarray(arr).save(path(name + ".cv2.png"), optimize=True)
    channels = 1 if arr.ndim == 2 else arr.shape[2]
    rows.append((label or name, arr.shape[1], arr.shape[0], channels, "opencv"))


def main():
    random.seed(4000)
    photo = Image.open(SOURCE).convert("RGB")
    # non-square so that a transposed decode is caught
    small = photo.crop((40, 60, 136, 124))  # 96 x 64
    medium = photo.crop((8, 48, 248, 208))  # 240 x 160

    # ---- JPEG variants (lossy: checked against OpenCV) ----
    medium.save(path("progressive.jpg"), quality=90, progressive=True)
    write_cv2_reference("progressive.jpg", path("progressive.jpg"))
    medium.convert("L").save(path("gray.jpg"), quality=90)
    write_cv2_reference("gray.jpg", path("gray.jpg"))
    # Pillow writes Adobe-style (inverted) CMYK with an APP14 marker, like Photoshop
    medium.convert("CMYK").save(path("cmyk.jpg"), quality=90)
    write_cv2_reference("cmyk.jpg", path("cmyk.jpg"))
    # YCCK (Adobe transform 2), as Photoshop writes CMYK: Pillow cannot write it, the JDK can
    subprocess.run(["java", path("MakeYcck.java"), SOURCE, path("ycck.jpg")], check=True)
    assert Image.open(path("ycck.jpg")).info.get("adobe_transform") == 2
    write_cv2_reference("ycck.jpg", path("ycck.jpg"))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 CW to display
    medium.save(path("exif6.jpg"), quality=90, exif=exif.tobytes())
    write_cv2_reference("exif6.jpg", path("exif6.jpg"))

    # ---- PNG variants (exact) ----
    small.save(path("rgb.png"))
    write_raw("rgb.png", small)
    alpha = Image.linear_gradient("L").resize(small.size)  # 0..255 top to bottom
    rgba = small.copy()
    rgba.putalpha(alpha)
    rgba.save(path("rgba.png"))
    write_raw("rgba.png", rgba)
    gray = small.convert("L")
    gray.save(path("gray.png"))
    write_raw("gray.png", gray)
    la = Image.merge("LA", (gray, alpha))
    la.save(path("gray_alpha.png"))
    # gray+alpha decodes to 4 channels (R = G = B = gray), as OpenCV's IMREAD_UNCHANGED
    write_raw("gray_alpha.png", Image.merge("RGBA", (gray, gray, gray, alpha)))
    palette = small.quantize(colors=64, dither=Image.Dither.NONE)
    palette.save(path("palette.png"))
    write_raw("palette.png", palette.convert("RGB"))
    trns = palette.copy()
    trns.info["transparency"] = 0  # palette index 0 fully transparent, the rest opaque
    trns.save(path("palette_trns.png"), transparency=0)
    reopened = Image.open(path("palette_trns.png"))
    assert reopened.mode == "P" and reopened.info.get("transparency") == 0
    write_raw("palette_trns.png", reopened.convert("RGBA"))
    # 16 bits per channel: value v8 * 257, so every correct 16->8 reduction (shift or rounding) gives v8
    arr16 = np.asarray(small, dtype=np.uint16) * 257
    cv2.imwrite(path("rgb16.png"), cv2.cvtColor(arr16, cv2.COLOR_RGB2BGR))
    check = cv2.imread(path("rgb16.png"), cv2.IMREAD_UNCHANGED)
    assert check.dtype == np.uint16 and check.shape == (64, 96, 3)
    write_raw("rgb16.png", small)

    # embedded ICC profile (Apple "Generic RGB", taken from photo_016.jpg): OpenCV ignores it, so must we
    icc = Image.open(os.path.join(PHOTOS, "photo_016.jpg")).info["icc_profile"]
    small.save(path("rgb_icc.png"), icc_profile=icc)
    write_raw("rgb_icc.png", small)

    # EXIF orientation 6 in a PNG eXIf chunk and in a WebP EXIF chunk (pixels: the stored grid)
    small.save(path("exif6.png"), exif=exif.tobytes())
    write_raw("exif6.png", small)
    small.save(path("exif6.webp"), lossless=True, exif=exif.tobytes())
    write_raw("exif6.webp", small)

    # ---- GIF, 2 frames: the decoder returns the first ----
    frame1 = small.quantize(colors=128, dither=Image.Dither.NONE)
    frame2 = small.transpose(Image.Transpose.FLIP_LEFT_RIGHT).quantize(colors=128, dither=Image.Dither.NONE)
    frame1.save(path("animated.gif"), save_all=True, append_images=[frame2], duration=200, loop=0)
    gif = Image.open(path("animated.gif"))
    assert gif.n_frames == 2 and "transparency" not in gif.info
    write_raw("animated.gif", gif.convert("RGB"))

    # ---- BMP ----
    small.save(path("rgb.bmp"))
    write_raw("rgb.bmp", small)

    # ---- WebP ----
    small.save(path("lossless.webp"), lossless=True)
    write_raw("lossless.webp", small)
    rgba.save(path("lossless_alpha.webp"), lossless=True, exact=True)
    write_raw("lossless_alpha.webp", rgba)
    small.save(path("lossless_icc.webp"), lossless=True, icc_profile=icc)
    write_raw("lossless_icc.webp", small)
    medium.save(path("lossy.webp"), quality=80)
    write_cv2_reference("lossy.webp", path("lossy.webp"))
    # two frames, red then blue: libwebp's simple decoder refuses animations (UNSUPPORTED_FEATURE)
    red = Image.new("RGB", (32, 24), (200, 30, 10))
    blue = Image.new("RGB", (32, 24), (10, 30, 200))
    red.save(path("animated.webp"), save_all=True, append_images=[blue], duration=100, loop=0, lossless=True)

    # ---- TIFF (uncompressed and LZW) ----
    small.save(path("rgb.tif"))
    write_raw("rgb.tif", small)
    rgba.save(path("rgba_lzw.tif"), compression="tiff_lzw")
    write_raw("rgba_lzw.tif", rgba)

    # ---- OpenCV references for three real photos ----
    for name in ("photo_000.jpg", "photo_016.jpg", "photo_031.jpg"):
        write_cv2_reference(name, os.path.join(PHOTOS, name), label="../photos/" + name)

    # ---- failure cases ----
    with open(os.path.join(PHOTOS, "photo_031.jpg"), "rb") as f:
        jpeg = f.read()
    with open(path("truncated.jpg"), "wb") as f:
        f.write(jpeg[: len(jpeg) // 2])
    with open(path("rgb.png"), "rb") as f:
        png = f.read()
    with open(path("truncated.png"), "wb") as f:
        f.write(png[: len(png) // 2])
    with open(path("random.bin"), "wb") as f:
        data = bytearray(random.getrandbits(8) for _ in range(2048))
        data[0:4] = b"\x00\x01\x02\x03"  # no image magic, not text
        f.write(bytes(data))
    with open(path("error.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
                "<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n")
    with open(path("bomb.png"), "wb") as f:
        f.write(bomb_png(60000, 60000))

    with open(path("expected.tsv"), "w", encoding="utf-8") as f:
        f.write("file\twidth\theight\tchannels\tcheck\n")
        for r in rows:
            f.write("\t".join(str(v) for v in r) + "\n")


def chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def bomb_png(width, height):
    """A valid PNG header declaring width x height 8-bit RGB pixels, with one tiny IDAT."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1 + 3 * 16))  # a single short row: far too little data
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compressed TIFFs written by tifffile, for the Java input readers' tests.

  refenv run python3 models/export/make_tiff_fixtures.py

The first 5 frames of the cells clip (cropped to 96 x 64) and an RGB crop of a bedroom frame, each written by
tifffile as an ImageJ hyperstack uncompressed and with the compressions tifffile users pick: Zstandard (with and
without the horizontal predictor, one strip per page and several) and Deflate. tifffile is given the compressed
strips (zstandard and zlib encode them), since Debian's tifffile comes without imagecodecs.
Written to test-data/clips/compressed/.
"""

import os
import zlib

import numpy as np
import tifffile
import zstandard

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "test-data", "clips", "compressed")
ZSTD = 50000
DEFLATE = 8


def differenced(page: np.ndarray) -> np.ndarray:
    """TIFF's horizontal predictor: each sample minus the one of the same channel to its left, wrapping."""
    out = page.copy()
    out[:, 1:] = page[:, 1:] - page[:, :-1]
    return out


def strips(pages, rows, encode, predictor):
    for page in pages:
        data = differenced(page) if predictor else page
        for start in range(0, page.shape[0], rows):
            yield encode(np.ascontiguousarray(data[start:start + rows]).tobytes())


def write(name, pages, compression, rows, predictor, encode, **kwargs):
    path = os.path.join(OUT, name)
    tifffile.imwrite(path, strips(pages, rows, encode, predictor), shape=pages.shape, dtype=pages.dtype,
                     compression=compression, predictor=2 if predictor else None, rowsperstrip=rows, **kwargs)
    print(f"{name}: {os.path.getsize(path)} bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    cells = tifffile.imread(os.path.join(REPO, "test-data", "clips", "cells", "cells-16bit.tif"))[:5, 40:104, 60:156]
    cells = np.ascontiguousarray(cells)
    meta = dict(imagej=True, metadata={"axes": "TYX", "finterval": 5.0, "unit": "micron"},
                resolution=(1 / 0.65, 1 / 0.65))
    zstd = zstandard.ZstdCompressor(level=9).compress
    deflate = lambda b: zlib.compress(b, 6)  # noqa: E731
    tifffile.imwrite(os.path.join(OUT, "cells-plain.tif"), cells, **meta)
    write("cells-zstd.tif", cells, ZSTD, cells.shape[1], False, zstd, **meta)
    write("cells-zstd-predictor-strips.tif", cells, ZSTD, 10, True, zstd, **meta)
    write("cells-deflate.tif", cells, DEFLATE, 16, False, deflate, **meta)

    from PIL import Image
    rgb = np.asarray(Image.open(os.path.join(REPO, "test-data", "clips", "bedroom", "00000.png")).convert("RGB"))
    rgb = np.ascontiguousarray(rgb[20:84, 40:136])[np.newaxis]
    tifffile.imwrite(os.path.join(OUT, "rgb-plain.tif"), rgb[0], photometric="rgb")
    write("rgb-zstd-predictor.tif", rgb, ZSTD, 32, True, zstd, photometric="rgb")


if __name__ == "__main__":
    main()

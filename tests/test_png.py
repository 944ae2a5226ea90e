"""The PNG writer (``course/figures/png.py``) and notebook 04's raster image (``course.figures.reflex``).

Each PNG is decoded here with the PNG specification's own rules (chunks, CRCs, zlib, filter 0, 1-bit rows), so
a wrong pixel, a wrong size or a corrupt file fails."""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np
import pytest

from course.figures.png import png_data_uri
from course.figures.reflex import N_UNITS, RASTER_PX_PER_S, raster_image


def decode(uri: str) -> tuple[np.ndarray, bytes, bytes]:
    """(mask, palette, tRNS) of a 1-bit palette PNG data URI, checking every chunk's CRC."""
    prefix = "data:image/png;base64,"
    assert uri.startswith(prefix)
    png = base64.b64decode(uri[len(prefix):], validate=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(png):
        (n,) = struct.unpack(">I", png[pos:pos + 4])
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", png[pos + 8 + n:pos + 12 + n])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF, kind
        chunks[kind] = data
        pos += 12 + n
    assert list(chunks)[-1] == b"IEND"
    w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour, interlace) == (1, 3, 0)
    rows = np.frombuffer(zlib.decompress(chunks[b"IDAT"]), dtype=np.uint8).reshape(h, -1)
    assert (rows[:, 0] == 0).all()  # filter "none" on every row
    mask = np.unpackbits(rows[:, 1:], axis=1)[:, :w].astype(bool)
    return mask, chunks[b"PLTE"], chunks[b"tRNS"]


def test_png_round_trips_a_mask_of_any_width():
    rng = np.random.default_rng(7)
    for shape in [(1, 1), (3, 8), (5, 13), (101, 420)]:
        mask = rng.random(shape) < 0.2
        got, palette, trns = decode(png_data_uri(mask, rgb=(0, 114, 178)))
        np.testing.assert_array_equal(got, mask)
        assert palette == bytes((0, 0, 0, 0, 114, 178)) and trns == b"\x00"  # index 0 transparent
    assert png_data_uri(mask) == png_data_uri(mask.copy())  # deterministic


@pytest.mark.parametrize("mask, rgb, message", [
    (np.zeros(5, bool), (0, 0, 0), "2-D"),
    (np.zeros((0, 4), bool), (0, 0, 0), "at least one pixel"),
    (np.zeros((2, 2), bool), (0, 0, 256), "rgb"),
    (np.zeros((2, 2), bool), (0, 0), "rgb"),
])
def test_png_rejects_bad_input_by_name(mask, rgb, message):
    with pytest.raises(ValueError, match=message):
        png_data_uri(mask, rgb=rgb)


def _lit(mask: np.ndarray) -> set[tuple[int, int]]:
    return {(int(r), int(c)) for r, c in zip(*np.nonzero(mask), strict=True)}


def _pixels(t_s: np.ndarray, unit: np.ndarray, width: int) -> set[tuple[int, int]]:
    """Where each spike belongs: row 0 is the top of the axis (unit 101); unit u is row 101 - u, time t column
    t·60 (the last column holds t = window)."""
    return {(N_UNITS + 1 - int(u), min(int(t * RASTER_PX_PER_S), width - 1)) for t, u in zip(t_s, unit, strict=True)}


def test_raster_image_puts_each_spike_at_its_time_and_unit():
    window = 7.0
    t = np.array([0.0, 1.0, 3.5, 6.99, 7.0])
    u = np.array([1.0, 50.0, 100.0, 25.0, 1.0])
    mask, _, _ = decode(raster_image(t, u, window))
    assert mask.shape == (N_UNITS + 1, round(window * RASTER_PX_PER_S))
    assert _lit(mask) == _pixels(t, u, mask.shape[1])
    # spikes outside the axes are not drawn (no wrap-around into another row or column)
    empty, _, _ = decode(raster_image(np.array([-0.1, 7.5, 1.0]), np.array([3.0, 3.0, 101.0]), window))
    assert not empty.any()


def test_raster_image_rejects_bad_input_by_name():
    with pytest.raises(ValueError, match="window_s"):
        raster_image(np.zeros(1), np.ones(1), 0.0)
    with pytest.raises(ValueError, match="same shape"):
        raster_image(np.zeros(2), np.ones(3), 7.0)


def test_the_explorer_draws_its_raster_as_one_image_that_follows_the_model():
    """Notebook 04's explorer: the raster is the layout's image (no per-spike markers for plotly.js to draw), and
    a move changes it together with the model's spikes."""
    from course.ui.reflex import reflex_explorer

    ex = reflex_explorer()
    fig = ex.figures["pool"]
    assert all(trace.mode == "lines" for trace in fig.data)  # no markers
    (image,) = fig.layout.images
    assert (image.xref, image.yref, image.sizing) == ("x", "y", "stretch")
    before = decode(image.source)[0]
    x, u = ex.view.raster_x, ex.view.raster_y
    assert x.size > 100  # the default state fires
    assert _lit(before) == _pixels(x, u, before.shape[1])
    ex.controls["stim_hz"].value = min(ex.controls["stim_hz"].max, ex.controls["stim_hz"].value + 20)
    after = decode(fig.layout.images[0].source)[0]
    assert not np.array_equal(before, after)

"""Every figure stays readable for colour-blind learners (issue 14).

For every figure the lessons draw (the list in tests/test_figures.py), every pair of distinct
colours that tells two things apart (trace, marker and bar colours, fill colours, and the two
ends of a colour scale) must stay at least MIN_DELTA_E apart in CIELAB (CIE76, D65) after
simulating deuteranopia, protanopia and tritanopia.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from demandlab import style
from tests.test_figures import FIGURES, make

MIN_DELTA_E = 20.0

# Machado, G. M., Oliveira, M. M. & Fernandes, L. A. F. (2009). "A physiologically-based model
# for simulation of color vision deficiency." IEEE Transactions on Visualization and Computer
# Graphics 15(6), 1291-1298. Severity 1.0 matrices (the paper's table), applied to linear RGB.
MACHADO_2009 = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}

# sRGB (D65) -> XYZ, and the D65 white point (IEC 61966-2-1).
_RGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
_WHITE = np.array([0.95047, 1.0, 1.08883])


def parse(colour: str) -> np.ndarray | None:
    """sRGB in 0..1 from '#rrggbb', '#rgb', 'rgb(...)' or 'rgba(...)'; None for anything else."""
    c = colour.strip().lower()
    if c.startswith("#") and len(c) in (4, 7):
        h = c[1:] if len(c) == 7 else "".join(ch * 2 for ch in c[1:])
        return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)]) / 255.0
    if c.startswith("rgb"):
        parts = c[c.index("(") + 1 : c.index(")")].split(",")
        return np.array([float(p) for p in parts[:3]]) / 255.0
    return None


def _linear(srgb: np.ndarray) -> np.ndarray:
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = _RGB_TO_XYZ @ np.clip(linear_rgb, 0, 1) / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, deficiency: str) -> float:
    m = MACHADO_2009[deficiency]
    la, lb = (lab(m @ _linear(parse(c))) for c in (a, b))
    return float(np.linalg.norm(la - lb))


def figure_colours(fig) -> set[str]:
    """The colours that tell things apart: per-trace colours and colour-scale ends."""
    found: set[str] = set()

    def add(value):
        if isinstance(value, str) and parse(value) is not None:
            found.add(value.strip().lower())
        elif isinstance(value, (list, tuple)) and value and isinstance(value[0], (list, tuple)):
            for end in (value[0], value[-1]):  # a colour scale: [[0, c0], ..., [1, c1]]
                add(end[1])
        elif isinstance(value, (list, tuple)):
            for v in value:
                add(v)

    for trace in fig.to_plotly_json()["data"]:
        for key in ("line", "marker"):
            part = trace.get(key) or {}
            add(part.get("color"))
            add(part.get("colorscale"))
        add(trace.get("fillcolor"))
        add(trace.get("colorscale"))
    # Faint fills (alpha < 0.5) are backgrounds, not what tells two series apart.
    return {c for c in found if not (c.startswith("rgba") and float(c.split(",")[3][:-1]) < 0.5)}


def too_close(colours: set[str]) -> list[str]:
    out = []
    for a, b in itertools.combinations(sorted(colours), 2):
        if np.allclose(parse(a), parse(b)):
            continue
        for d in MACHADO_2009:
            e = delta_e(a, b, d)
            if e < MIN_DELTA_E:
                out.append(f"{a} vs {b} under {d}: dE {e:.1f} < {MIN_DELTA_E}")
    return out


def test_old_green_red_pair_fails():
    """The canary: plotly's default green and red, which this course used, must fail."""
    problems = too_close({"#2ca02c", "#d62728"})
    assert any("deuteranopia" in p for p in problems), problems


def test_palette_is_safe():
    palette = {
        style.PRODUCTION_COLOR,
        style.DEMAND_COLOR,
        style.GOOD_COLOR,
        style.BAD_COLOR,
        style.ACCENT_COLOR,
    }
    assert len(palette) == 5
    assert not too_close({c.lower() for c in palette})


@pytest.mark.parametrize("name", FIGURES)
def test_figure_colours_stay_apart_for_colour_blind_viewers(name):
    fig = make(name)
    colours = figure_colours(fig)
    problems = too_close(colours)
    assert not problems, f"{name}() colours too close:\n  " + "\n  ".join(problems)

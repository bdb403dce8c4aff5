"""A radar (spider) chart as SVG, drawn in pure Python — no JavaScript, no Django.

The same SVG is shown on the pages and embedded in the PDF reports, so a report looks the
way the screen did. Labels use the CJK fonts the machine has (Noto Sans CJK in the PDF).
"""

import math
from decimal import Decimal
from html import escape

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif"


def radar_svg(
    axes: list[tuple[str, Decimal | float | None]],
    *,
    size: int = 320,
    compare: list[tuple[str, Decimal | float | None]] | None = None,
    rings: int = 4,
) -> str:
    """Values are 0–100; None (not applicable) is drawn at the centre and labelled "N/A".

    `compare` (e.g. the peer median) is drawn as a dashed outline under the main shape.
    """
    n = len(axes)
    if n < 3:
        raise ValueError("a radar chart needs at least three axes")
    cx = cy = size / 2
    radius = size * 0.32

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(100.0, value)) / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def polygon(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))

    side = size * 0.3  # room for the labels left and right of the web
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-side:.0f} 0 {size + 2 * side:.0f} {size}" '
        f'width="{size + 2 * side:.0f}" height="{size}" role="img" '
        f'aria-label="{escape(" / ".join(a for a, _ in axes))}" font-family="{FONT}" font-size="{size / 24:.1f}">'
    ]
    for ring in range(1, rings + 1):
        level = 100 * ring / rings
        parts.append(f'<polygon points="{polygon([level] * n)}" fill="none" stroke="#d1d9e0" stroke-width="1"/>')
    for i in range(n):
        x, y = point(i, 100)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d1d9e0" stroke-width="1"/>')
    if compare:
        parts.append(
            f'<polygon points="{polygon([_value(v) for _, v in compare])}" fill="none" '
            'stroke="#59636e" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    parts.append(
        f'<polygon points="{polygon([_value(v) for _, v in axes])}" fill="#a61b1b" fill-opacity="0.18" '
        'stroke="#a61b1b" stroke-width="2"/>'
    )
    for i, (label, value) in enumerate(axes):
        x, y = point(i, 122)
        anchor = "middle" if abs(x - cx) < size * 0.05 else ("start" if x > cx else "end")
        shown = "N/A" if value is None else f"{float(value):.1f}"
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="middle" fill="#1f2328">'
            f'{escape(label)} <tspan fill="#a61b1b">{shown}</tspan></text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _value(value: Decimal | float | None) -> float:
    return 0.0 if value is None else float(value)

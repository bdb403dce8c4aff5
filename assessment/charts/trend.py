"""A small line chart of totals over the years, as SVG (pure Python)."""

from decimal import Decimal
from html import escape


def trend_svg(points: list[tuple[int, Decimal | None]], *, width: int = 360, height: int = 140) -> str:
    """Years on x, 0–100 on y; points without a total are skipped."""
    data = [(year, float(value)) for year, value in points if value is not None]
    if not data:
        return ""
    pad = 28
    years = [y for y, _ in data]
    lo, hi = min(years), max(years)
    span = max(hi - lo, 1)

    def xy(year: int, value: float) -> tuple[float, float]:
        x = pad + (width - 2 * pad) * ((year - lo) / span if hi != lo else 0.5)
        y = height - pad - (height - 2 * pad) * value / 100
        return x, y

    coords = [xy(y, v) for y, v in data]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(", ".join(f"{y}: {v:.1f}" for y, v in data))}" font-size="11">'
    ]
    for level in (0, 60, 85, 100):
        _, y = xy(lo, level)
        parts.append(f'<line x1="{pad}" y1="{y:.1f}" x2="{width - pad}" y2="{y:.1f}" stroke="#eaeef2"/>'
                     f'<text x="4" y="{y + 4:.1f}" fill="#59636e">{level}</text>')
    parts.append('<polyline fill="none" stroke="#a61b1b" stroke-width="2" points="'
                 + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    for (year, value), (x, y) in zip(data, coords, strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#a61b1b"/>'
                     f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" fill="#59636e">{year}</text>'
                     f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle">{value:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)

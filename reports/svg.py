"""Hand-drawn inline SVG charts (no browser needed: the report builds in well under a second).

Text inside the SVG is escaped. The font family is set on the SVG itself: WeasyPrint's SVG
renderer does not inherit the page's, and fontconfig's plain sans-serif picks the Japanese face
(a third CJK font to subset in every PDF).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from reports.model import Contributor, Figure

COLOURS = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828", "grey": "#9e9e9e"}
ROW = 26
LABEL_W = 150
BAR_W = 330
FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"


def completion_bars(figs: tuple[Figure, ...], progress: float, lang: str) -> str:
    """Plan completion of each figure with a plan, as bars up to 150 %, and the time progress."""
    rows = [f for f in figs if f.completion is not None]
    if not rows:
        return ""
    scale = BAR_W / 1.5
    h = ROW * len(rows) + 24
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{LABEL_W + BAR_W + 70}" height="{h}" '
           f'role="img" class="chart" font-family="{FONT}">']  # fmt: skip
    for i, f in enumerate(rows):
        y = i * ROW + 4
        w = max(0.0, min(f.completion or 0.0, 1.5)) * scale
        name = f.name_zh if lang == "zh" else f.name_en
        out.append(f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
                   f"{escape(name)}</text>")  # fmt: skip
        out.append(f'<rect x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="16" '
                   f'fill="{COLOURS.get(f.rag, COLOURS["grey"])}"/>')  # fmt: skip
        out.append(f'<text x="{LABEL_W + w + 4:.1f}" y="{y + 15}" font-size="11">'
                   f"{(f.completion or 0) * 100:.1f}%</text>")  # fmt: skip
    x = LABEL_W + min(progress, 1.5) * scale
    out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{h - 18}" stroke="#333" '
               'stroke-dasharray="4 3"/>')  # fmt: skip
    out.append(f'<text x="{x:.1f}" y="{h - 4}" text-anchor="middle" font-size="11">'
               f"{progress * 100:.1f}%</text></svg>")  # fmt: skip
    return "".join(out)


def contribution_bars(rows: tuple[Contributor, ...],
                      label: Callable[[float | None], str] = lambda v: f"{v or 0:+,.2f}") -> str:
    """Each contributor's change as a bar left (down) or right (up) of a zero line, written
    with `label` (the change in its unit's display)."""
    rows = tuple(c for c in rows if c.delta is not None)
    if not rows:
        return ""
    top = max(abs(c.delta or 0.0) for c in rows) or 1.0
    half = 120
    mid = LABEL_W + half
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{LABEL_W + 2 * half + 90}" '
           f'height="{ROW * len(rows) + 4}" role="img" class="chart" font-family="{FONT}">']  # fmt: skip
    for i, c in enumerate(rows):
        y = i * ROW + 4
        w = abs(c.delta or 0.0) / top * half
        x = mid if (c.delta or 0) >= 0 else mid - w
        colour = COLOURS["green"] if (c.delta or 0) >= 0 else COLOURS["red"]
        out.append(f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
                   f"{escape(c.name)}</text>")  # fmt: skip
        out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="16" fill="{colour}"/>')
        out.append(f'<text x="{mid + half + 6}" y="{y + 15}" font-size="11">'
                   f"{escape(label(c.delta))}</text>")  # fmt: skip
    out.append(f'<line x1="{mid}" y1="0" x2="{mid}" y2="{ROW * len(rows) + 4}" stroke="#333"/>')
    out.append("</svg>")
    return "".join(out)

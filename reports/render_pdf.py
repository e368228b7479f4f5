"""The report as an A4 PDF (WeasyPrint over the same HTML; Noto Sans CJK for Chinese).

Page size, margins and the "第 N 页 / 共 M 页" footer are the template's @page rules, so the
PDF and a printed HTML page agree. No network: the document holds no external resources.
A font configuration is kept per thread (building one scans the system fonts each time: about
a tenth of a warm PDF's CPU), not shared across threads, which WeasyPrint does not promise.
"""

from __future__ import annotations

import threading

from reports.model import Report
from reports.render_html import render_html

_local = threading.local()


def _font_config():  # noqa: ANN202 - weasyprint's FontConfiguration, imported lazily
    from weasyprint.text.fonts import FontConfiguration

    fc = getattr(_local, "font_config", None)
    if fc is None:
        fc = _local.font_config = FontConfiguration()
    return fc


def render_pdf(report: Report, lang: str = "zh", link_base: str = "") -> bytes:
    """The PDF bytes of the report in `lang`."""
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    return HTML(string=render_html(report, lang, link_base)).write_pdf(font_config=_font_config())

"""The report as an A4 PDF (WeasyPrint over the same HTML; Noto Sans CJK for Chinese).

Page size, margins and the "第 N 页 / 共 M 页" footer are the template's @page rules, so the
PDF and a printed HTML page agree. No network: the document holds no external resources.
"""

from __future__ import annotations

from reports.model import Report
from reports.render_html import render_html


def render_pdf(report: Report, lang: str = "zh", link_base: str = "") -> bytes:
    """The PDF bytes of the report in `lang`."""
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    return HTML(string=render_html(report, lang, link_base)).write_pdf()

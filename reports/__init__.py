"""The smart report (智能报告): one entity and month composed from metrics-layer numbers.

- `reports.compose.compose(engine, ReportRequest) -> Report`: the report as data.
- `reports.text`: deterministic zh/en sentences from a Report's numbers (no external service).
- `reports.render_html.render_html(report, lang) -> str`: a standalone HTML document.
- `python -m reports build --db URL --level team --id T01 --period 2026-10 --format html --out F`.
"""

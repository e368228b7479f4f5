"""Pages: one module per page, found by Dash (`use_pages`) and listed in the navbar.

Each module calls `dash.register_page(__name__, path=…, nav_key=…, order=…)`, defines
`layout(**query)` with defaults for every argument (Dash calls it bare to validate callbacks),
and its callbacks with `dash.callback`. See `components/i18n.py` for the language pattern and
`components/shell.py` for the registry attributes the shell reads.
"""

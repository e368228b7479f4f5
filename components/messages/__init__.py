"""Translation messages, one module per area (see `components/i18n.py`).

Each module defines `MESSAGES: dict[str, dict[str, str]]`, mapping a key such as
`"board.title"` to its text in every language of `components.i18n.LANGS`. Keys are prefixed by
the area that owns the module, so two areas never collide.
"""

"""Pure UI factories: translation, formatting, the app shell and reusable widgets.

Nothing here queries data: components take values and return Dash components or strings.
"""

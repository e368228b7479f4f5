"""Composition root: `create_app(settings)` builds the Dash app; `python app.py` serves it.

Nothing here touches data: pages read the store inside their callbacks, through
`settings.facts_engine()`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dash import Dash
from flask import Flask, redirect, request
from werkzeug.wrappers import Response

import settings as settings_module
from access.setup import install_access
from components.i18n import DEFAULT_LANG, t
from components.page_guard import guard_layouts
from components.shell import home_href, register_shell_callbacks, shell_layout
from settings import SETTINGS_CONFIG_KEY, Settings

ROOT = Path(__file__).resolve().parent
# Served from assets/ like every other file, but listed first so our CSS overrides it; the
# folder is kept out of Dash's automatic asset list so it is not included twice.
BOOTSTRAP_CSS = "/assets/vendor/bootstrap-5.3.9/bootstrap.min.css"

# Dash's page, with the document language set before any script runs (so the browser picks
# Chinese glyphs at once) and the product's own icon.
INDEX_HTML = """<!DOCTYPE html>
<html lang="zh-CN">
    <head>
        {%metas%}
        <title>{%title%}</title>
        <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg">
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""

log = logging.getLogger(__name__)


def _redirect_home_to_board(server: Flask) -> None:
    """Send `/` to the team board once a page serves /board (keeping ?lang= and the like)."""

    @server.before_request
    def _home() -> Response | None:
        if request.path == "/" and request.method == "GET" and home_href() != "/":
            query = request.query_string.decode("latin-1")
            return redirect(home_href() + (f"?{query}" if query else ""), code=302)
        return None


def create_app(settings: Settings | None = None) -> Dash:
    """Build the app: pages from pages/, the shell, local assets, flask-caching."""
    settings = settings or Settings.from_env()
    settings.check_startup()
    server = Flask(__name__)
    server.config.update(SECRET_KEY=settings.secret_key, **{SETTINGS_CONFIG_KEY: settings})
    settings_module.cache.init_app(server, config=settings.cache_config())
    app = Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(ROOT / "pages"),
        assets_folder=str(ROOT / "assets"),
        assets_path_ignore=["vendor"],
        external_stylesheets=[BOOTSTRAP_CSS],
        suppress_callback_exceptions=False,
        serve_locally=True,
        title=t("app.name", DEFAULT_LANG),
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_HTML
    app.layout = shell_layout
    guard_layouts(log)
    register_shell_callbacks(app)
    install_access(app, settings)  # login, the request gate, open access in development only
    _redirect_home_to_board(server)
    return app


def _prewarm(app: Dash) -> None:
    """Warm the boards after each import (pages/prewarm.py) unless AMOEBA_PREWARM=0. Only the
    served entry points start it: tests build apps with `create_app` and stay quiet."""
    if os.environ.get("AMOEBA_PREWARM", "1") != "0":
        from pages import prewarm

        prewarm.start(app.server)


def wsgi() -> Flask:
    """The WSGI application for a server of your choice: `waitress-serve --call app:wsgi`."""
    app = create_app()
    _prewarm(app)
    return app.server


def main() -> None:
    """Serve with the settings of the environment (`python app.py`).

    DEBUG=1 uses Dash's development server (reloader, dev tools); otherwise waitress, a
    production WSGI server that also runs on Windows.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    app = create_app(settings)
    log.info("serving on http://%s:%d (%s)", settings.host, settings.port, settings.env)
    if settings.debug:
        # The dev tools would otherwise ask plotly.com for the latest Dash version: no calls
        # out of an intranet, even in development.
        app.run(host=settings.host, port=settings.port, debug=True,
                dev_tools_disable_version_check=True)
        return
    import waitress

    _prewarm(app)
    waitress.serve(app.server, host=settings.host, port=settings.port, threads=8)


if __name__ == "__main__":
    main()

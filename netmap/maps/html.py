"""One self-contained HTML file: page, styles, vis-network and the data, nothing fetched.

Safety rests on three rules:

- the data travels as JSON in ``<script type="application/json">`` with ``<``, ``>``,
  ``&`` and U+2028/U+2029 escaped, so no name can close the script element, and the
  page parses it with ``JSON.parse`` (never ``eval``);
- the page writes every text from the data with ``textContent`` or draws it on the
  canvas, never as HTML;
- a Content-Security-Policy (``default-src 'none'``) forbids any request to any host.

The page has two renderers behind one UI (``assets/app.js``): ``canvas`` draws with
vis-network (9.1.2, dual-licensed Apache-2.0/MIT), taken from the copy that the
installed pyvis package bundles and inlined at write time (pyvis's own templates
and graph builder are not used; see the maps section of the README for why);
``webgl`` draws large maps with sigma.js 3 and graphology (MIT), bundled by
``scripts/build-sigma.sh`` into ``assets/vendor/sigma-bundle.min.js`` (licences beside
it). A page inlines only the library and renderer (``assets/render-<name>.js``) it uses.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from netmap.errors import MissingDependency
from netmap.io.safe import CSP_WITH_SCRIPT

VIS_VERSION = "9.1.2"
#: the page's renderers: vis-network on a 2D canvas, sigma.js on WebGL
RENDERERS = ("canvas", "webgl")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_script_json(data: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    >>> to_script_json({"l": "</script><b>&"})
    '{"l":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def read_asset(name: str) -> str:
    """A file of the page (template, script, styles) shipped in ``netmap/maps/assets``."""
    return resources.files("netmap.maps").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network library bundled with pyvis, checked safe to inline in a script element."""
    try:
        import pyvis
    except ImportError as err:  # pragma: no cover - pyvis is a dependency
        raise MissingDependency("pyvis is niet geïnstalleerd / pyvis is not installed "
                                "(pip install pyvis)") from err
    path = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    if not path.is_file():
        raise MissingDependency(f"vis-network {VIS_VERSION} niet gevonden in pyvis / not found in pyvis: {path}")
    return check_inline_script(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def sigma_js() -> str:
    """sigma.js and graphology as one IIFE (``window.NetmapSigma``), checked safe to inline."""
    return check_inline_script(read_asset("vendor/sigma-bundle.min.js"))


def library_js(renderer: str) -> str:
    """The drawing library a page with ``renderer`` inlines."""
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {RENDERERS}, not {renderer!r}")
    return vis_network_js() if renderer == "canvas" else sigma_js()


def check_inline_script(code: str) -> str:
    """Refuse code that could end its ``<script>`` element early or change how HTML parses it."""
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise ValueError("script contains '</script' or '<!--' and cannot be inlined safely")
    return code


def render_page(payload: dict) -> str:
    """The complete HTML text of a map page for ``payload`` (see :mod:`netmap.maps.payload`)."""
    meta = payload["meta"]
    renderer = meta.get("renderer", "canvas")
    parts = {
        "@@CSP@@": CSP_WITH_SCRIPT,
        "@@LANG@@": html.escape(meta["lang"], quote=True),
        "@@TITLE@@": html.escape(meta["title"]),
        "@@APP_CSS@@": read_asset("app.css"),
        "@@DATA@@": to_script_json(payload),
        "@@LIB_JS@@": library_js(renderer),
        "@@RENDER_JS@@": check_inline_script(read_asset(f"render-{renderer}.js")),
        "@@APP_JS@@": check_inline_script(read_asset("app.js")),
    }
    # One pass, so a marker inside the data or a library can never be substituted again.
    pattern = re.compile("|".join(re.escape(k) for k in parts))
    return pattern.sub(lambda m: parts[m.group()], read_asset("page.html"))


def write_page(payload: dict, path: str | Path) -> Path:
    """Write the page for ``payload`` to ``path`` as UTF-8 and return the path."""
    from netmap.io.safe import write_text

    return write_text(Path(path), render_page(payload), str(payload.get("meta", {}).get("lang", "nl")),
                      newline="\n")

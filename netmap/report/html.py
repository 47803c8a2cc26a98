"""Report blocks -> one self-contained HTML page: no scripts, no external resources, printable.

Every piece of text is escaped; a Content-Security-Policy forbids any network access,
so the file opens offline by double-click and cannot leak anything when opened.
"""
from __future__ import annotations

from html import escape

from netmap.i18n import t
from netmap.io.safe import CSP
from netmap.report.document import Block

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1d232a;line-height:1.5}
h1{font-size:1.7rem;border-bottom:3px solid #2b6cb0;padding-bottom:.3rem}
h2{font-size:1.35rem;margin-top:2.2rem;border-bottom:1px solid #cbd5e0;padding-bottom:.2rem}
h3{font-size:1.1rem;margin-top:1.5rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #cbd5e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#edf2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.finding{border-left:5px solid #a0aec0;background:#f7fafc;margin:.6rem 0;padding:.5rem .8rem;
break-inside:avoid}
.finding.high{border-color:#c53030}.finding.medium{border-color:#dd6b20}
.finding.low{border-color:#3182ce}.finding.info{border-color:#a0aec0}
.badge{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;padding:0 .4rem;
border-radius:.3rem;background:#e2e8f0;margin-right:.4rem}
.high .badge{background:#fed7d7}.medium .badge{background:#feebc8}.low .badge{background:#bee3f8}
.meta{color:#4a5568;font-size:.92rem;margin:.2rem 0 0}
.note{color:#4a5568;font-style:italic}
nav.toc{background:#f7fafc;border:1px solid #e2e8f0;padding:.4rem 1rem;margin:1rem 0}
nav.toc ol{margin:.2rem 0;padding-left:1.3rem}nav.toc h2{margin:.3rem 0;border:0;font-size:1.1rem}
figure{margin:.8rem 0}figure img{max-width:100%;height:auto}figcaption{color:#4a5568;font-size:.9rem}
ul.maps a{font-weight:600}
table.all{font-size:.88rem;width:100%}table.all td:first-child{white-space:nowrap}
table.all tr td:first-child{border-left:5px solid #a0aec0}
table.all tr.high td:first-child{border-left-color:#c53030}table.all tr.medium td:first-child{border-left-color:#dd6b20}
table.all tr.low td:first-child{border-left-color:#3182ce}
a.onmap{font-size:.9rem}a.onmap::before{content:"\\2192\\a0"}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}h3{break-after:avoid}
.finding{background:none}a{color:inherit}a.onmap{display:none}}
"""


def render_blocks_html(blocks: list[Block], lang: str = "nl") -> str:
    """All blocks as one HTML document."""
    title = next((b[1] for b in blocks if b[0] == "h1"), "netmap")
    body = "\n".join(_render_nav(block, blocks) if block[0] in NAV_BLOCKS else _render(block, lang)
                     for block in blocks)
    return page(title, body, lang)


def page(title: str, body: str, lang: str = "nl") -> str:
    """One HTML document with the report's styles and policy around ``body`` (HTML, already escaped)."""
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


NAV_BLOCKS = ("toc", "img", "links", "h2")


def section_id(blocks: list[Block], block: Block) -> str:
    """The anchor of an h2 block: its position among the h2 blocks."""
    return "s" + str([b for b in blocks if b[0] == "h2"].index(block) + 1)


def _render_nav(block: Block, blocks: list[Block]) -> str:
    """The blocks of :mod:`netmap.report.charts` and the h2 anchors the table of contents points to."""
    kind = block[0]
    if kind == "h2":
        return f'<h2 id="{section_id(blocks, block)}">{escape(block[1])}</h2>'
    if kind == "toc":
        items = "".join(f'<li><a href="#{section_id(blocks, b)}">{escape(b[1])}</a></li>'
                        for b in blocks if b[0] == "h2")
        return f'<nav class="toc"><h2>{escape(block[1])}</h2><ol>{items}</ol></nav>'
    if kind == "img":
        if not block[1].startswith("data:image/"):
            raise ValueError("report images must be data: URIs (the report never loads a file)")
        return (f'<figure><img src="{escape(block[1], quote=True)}" alt="{escape(block[2], quote=True)}">'
                f"<figcaption>{escape(block[2])}</figcaption></figure>")
    if kind == "links":
        items = "".join(f'<li><a href="{escape(href, quote=True)}">{escape(text)}</a> '
                        f"<code>{escape(href)}</code></li>" for text, href in block[1])
        return f'<ul class="maps">{items}</ul>'
    raise ValueError(f"unknown block {kind!r}")


def _render(block: Block, lang: str) -> str:
    kind = block[0]
    if kind in ("h1", "h2", "h3", "p"):
        return f"<{kind}>{escape(block[1])}</{kind}>"
    if kind == "note":
        return f'<p class="note">{escape(block[1])}</p>'
    if kind == "link":
        return f'<p>{escape(block[1])} <a href="{escape(block[3])}">{escape(block[2])}</a></p>'
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block[1]) + "</ul>"
    if kind == "table":
        return _table(block[1], block[2])
    if kind == "finding":
        _, severity, severity_label, message, involved, suggestion = block[:6]
        on_map = block[6] if len(block) > 6 else ""
        parts = [f'<div class="finding {escape(severity)}"><p><span class="badge">{escape(severity_label)}</span>'
                 f"{escape(message)}</p>"]
        if involved:
            parts.append(f'<p class="meta"><strong>{escape(t("report.involved", lang))}:</strong> '
                         f"{escape(involved)}</p>")
        if suggestion:
            parts.append(f'<p class="meta"><strong>{escape(t("report.suggestion", lang))}:</strong> '
                         f"{escape(suggestion)}</p>")
        if on_map:
            parts.append(f'<p class="meta"><a class="onmap" href="{escape(on_map, quote=True)}">'
                         f'{escape(t("report.on_map", lang))}</a></p>')
        return "".join(parts) + "</div>"
    raise ValueError(f"unknown block {kind!r}")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: str) -> str:
    digits = value.replace(",", "").replace(".", "").replace("/", "", 1).lstrip("+-").replace(" ± ", "")
    numeric = digits.isdigit()
    return f'<td class="num">{escape(value)}</td>' if numeric else f"<td>{escape(value)}</td>"

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
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}h3{break-after:avoid}
.finding{background:none}a{color:inherit}}
"""


def render_blocks_html(blocks: list[Block], lang: str = "nl") -> str:
    """All blocks as one HTML document."""
    title = next((b[1] for b in blocks if b[0] == "h1"), "netmap")
    body = "\n".join(_render(block, lang) for block in blocks)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _render(block: Block, lang: str) -> str:
    kind = block[0]
    if kind in ("h1", "h2", "h3", "p"):
        return f"<{kind}>{escape(block[1])}</{kind}>"
    if kind == "note":
        return f'<p class="note">{escape(block[1])}</p>'
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block[1]) + "</ul>"
    if kind == "table":
        return _table(block[1], block[2])
    if kind == "finding":
        _, severity, severity_label, message, involved, suggestion = block
        parts = [f'<div class="finding {escape(severity)}"><p><span class="badge">{escape(severity_label)}</span>'
                 f"{escape(message)}</p>",
                 f'<p class="meta"><strong>{escape(t("report.involved", lang))}:</strong> {escape(involved)}</p>']
        if suggestion:
            parts.append(f'<p class="meta"><strong>{escape(t("report.suggestion", lang))}:</strong> '
                         f"{escape(suggestion)}</p>")
        return "".join(parts) + "</div>"
    raise ValueError(f"unknown block {kind!r}")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: str) -> str:
    numeric = value.replace(".", "", 1).replace("/", "", 1).lstrip("+-").replace(" ± ", "").replace(".", "").isdigit()
    return f'<td class="num">{escape(value)}</td>' if numeric else f"<td>{escape(value)}</td>"

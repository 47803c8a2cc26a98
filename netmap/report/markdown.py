"""Report blocks -> Markdown (plain text that reads well unrendered too)."""
from __future__ import annotations

from netmap.i18n import t
from netmap.report.document import Block


def escape_md(text: str) -> str:
    """Escape what Markdown would read as markup or as a table cell boundary.

    >>> escape_md("a|b *c*")
    'a\\\\|b \\\\*c\\\\*'
    """
    out = str(text).replace("\\", "\\\\")
    for ch in "|*_`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def render_blocks_md(blocks: list[Block], lang: str = "nl") -> str:
    """All blocks as one Markdown document."""
    lines: list[str] = []
    for block in blocks:
        if block[0] == "img":  # pictures live in the HTML report; Markdown stays plain text
            continue
        if block[0] == "toc":
            lines += [f"## {escape_md(block[1])}", ""] + [f"- {escape_md(b[1])}" for b in blocks if b[0] == "h2"] + [""]
            continue
        if block[0] == "links":
            lines += [f"- [{escape_md(text)}]({href})" for text, href in block[1]] + [""]
            continue
        lines += _render(block, lang) + [""]
    return "\n".join(lines).rstrip() + "\n"


def _render(block: Block, lang: str) -> list[str]:
    kind = block[0]
    if kind in ("h1", "h2", "h3"):
        return [f"{'#' * int(kind[1])} {escape_md(block[1])}"]
    if kind == "p":
        return [escape_md(block[1])]
    if kind == "note":
        return [f"> {escape_md(block[1])}"]
    if kind == "link":
        return [f"{escape_md(block[1])} [{escape_md(block[2])}]({block[3]})"]
    if kind == "ul":
        return [f"- {escape_md(item)}" for item in block[1]]
    if kind == "table":
        return _table(block[1], block[2])
    if kind == "finding":
        _, _severity, severity_label, message, involved, suggestion = block
        lines = [f"- **[{escape_md(severity_label)}]** {escape_md(message)}"]
        if involved:
            lines.append(f"  - {t('report.involved', lang)}: {escape_md(involved)}")
        if suggestion:
            lines.append(f"  - {t('report.suggestion', lang)}: {escape_md(suggestion)}")
        return lines
    raise ValueError(f"unknown block {kind!r}")


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(escape_md(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(escape_md(c) for c in row) + " |" for row in rows]
    return lines

"""Report blocks -> Markdown (plain text that reads well unrendered too)."""
from __future__ import annotations

import re

from netmap.i18n import t
from netmap.report.document import Block

_MD_SPECIAL = re.compile(r"([\\|*_`\[\]<>#!~&])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


def escape_md(text: str) -> str:
    """Text from the data as literal Markdown: no link, image, heading, emphasis, HTML or table cell boundary.

    Every character CommonMark reads as markup is backslash-escaped (links and images need ``[``,
    HTML needs ``<``, entities ``&``), a list or heading marker at the start is escaped too, and
    line breaks become spaces (no new block can start).

    >>> escape_md("a|b *c*")
    'a\\\\|b \\\\*c\\\\*'
    >>> escape_md("![x](http://evil.example/p.gif) <img src=x> &lt;")
    '\\\\!\\\\[x\\\\](http://evil.example/p.gif) \\\\<img src=x\\\\> \\\\&lt;'
    >>> escape_md("- lijst"), escape_md("1. lijst"), escape_md("0.5"), escape_md("-5")
    ('\\\\- lijst', '1\\\\. lijst', '0.5', '-5')
    """
    out = _MD_SPECIAL.sub(r"\\\1", str(text).replace("\r", " ").replace("\n", " "))
    match = _MD_LINE_START.match(out)
    if match:
        marker = match.group(2)
        escaped = marker[:-1] + "\\" + marker[-1] if len(marker) > 1 else "\\" + marker
        out = match.group(1) + escaped + out[match.end():]
    return out


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
        _, _severity, severity_label, message, involved, suggestion = block[:6]
        lines = [f"- **[{escape_md(severity_label)}]** {escape_md(message)}"]
        if involved:
            lines.append(f"  - {t('report.involved', lang)}: {escape_md(involved)}")
        if suggestion:
            lines.append(f"  - {t('report.suggestion', lang)}: {escape_md(suggestion)}")
        if len(block) > 6 and block[6]:
            lines.append(f"  - [{escape_md(t('report.on_map', lang))}]({block[6]})")
        return lines
    raise ValueError(f"unknown block {kind!r}")


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(escape_md(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(escape_md(c) for c in row) + " |" for row in rows]
    return lines

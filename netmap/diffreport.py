"""The diff as a report section a bureau member reads: Markdown or self-contained HTML, Dutch or English.

:func:`diff_blocks` turns a :class:`~netmap.diff.DatasetDiff` into neutral
blocks (headings, paragraphs, lists, tables); :func:`render_markdown` and
:func:`render_html` print them. Every text from the data is escaped in HTML.
People are named by their role with ``roles_only``; a node marked private is
*always* shown by role or type, never by name, and its changed values are not
shown.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from netmap.diff import DatasetDiff
from netmap.i18n import translate
from netmap.model import LEVELS, Dataset, level_name, perspective_label

Block = tuple  # ("h1"|"h2"|"p", text) | ("ul", [items]) | ("table", header, rows)

T: dict[str, dict[str, str]] = {
    "title": {"nl": "Wat is er veranderd?", "en": "What changed?"},
    "compared": {"nl": "Vergelijking van {old} (oud) met {new} (nieuw).",
                 "en": "Comparison of {old} (old) with {new} (new)."},
    "same": {"nl": "Er is niets veranderd: beide versies bevatten precies dezelfde gegevens.",
             "en": "Nothing changed: both versions hold exactly the same data."},
    "short": {"nl": "In het kort", "en": "In short"},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "closed": {"nl": "Opgelost of verdwenen sinds de vorige keer ({n})", "en": "Resolved or gone since last time ({n})"},
    "opened": {"nl": "Nieuw sinds de vorige keer ({n})", "en": "New since last time ({n})"},
    "none": {"nl": "geen", "en": "none"},
    "actors": {"nl": "Actoren", "en": "Actors"},
    "added": {"nl": "Erbij", "en": "Added"}, "removed": {"nl": "Weg", "en": "Removed"},
    "changed": {"nl": "Gewijzigd", "en": "Changed"},
    "memberships": {"nl": "Lidmaatschappen", "en": "Memberships"},
    "representation": {"nl": "Zetels en vertegenwoordiging", "en": "Seats and representation"},
    "ties": {"nl": "Relaties", "en": "Ties"},
    "requirements": {"nl": "Eisen aan de samenstelling", "en": "Composition requirements"},
    "levels": {"nl": "Leren tussen niveaus (directe leerrelaties, oud → nieuw)",
               "en": "Learning between levels (direct learning ties, old → new)"},
    "coverage": {"nl": "Perspectieven per netwerk of orgaan", "en": "Perspectives per network or body"},
    "no_analysis": {"nl": "Bevindingen en matrices zijn niet vergeleken.",
                    "en": "Findings and matrices were not compared."},
    "member_of": {"nl": "{a} is lid van {b}", "en": "{a} is a member of {b}"},
    "seat": {"nl": "{person} namens {constituency}{body}{seat}", "en": "{person} for {constituency}{body}{seat}"},
    "in_body": {"nl": " in {body}", "en": " in {body}"},
    "tie": {"nl": "{a} → {b} ({kind}{theme})", "en": "{a} → {b} ({kind}{theme})"},
    "req": {"nl": "{body}: minstens {n} × {p}", "en": "{body}: at least {n} × {p}"},
    "hidden": {"nl": "(afgeschermd)", "en": "(hidden)"},
    "gained": {"nl": "erbij: {p}", "en": "gained: {p}"}, "lost": {"nl": "weg: {p}", "en": "lost: {p}"},
    "new_net": {"nl": "nieuw", "en": "new"}, "gone_net": {"nl": "verdwenen", "en": "gone"},
    "count_line": {"nl": "{what}: {added} erbij, {removed} weg, {changed} gewijzigd",
                   "en": "{what}: {added} added, {removed} removed, {changed} changed"},
    "findings_line": {"nl": "Bevindingen: {closed} opgelost of verdwenen, {opened} nieuw",
                      "en": "Findings: {closed} resolved or gone, {opened} new"},
    "level": {"nl": "niveau", "en": "level"},
}
KIND_WORD = {"nl": {"organisation": "organisatie", "network": "netwerk", "person": "persoon"},
             "en": {"organisation": "organisation", "network": "network", "person": "person"}}
TIE_KIND = {"nl": {"learning": "leerrelatie", "collaboration": "samenwerking", "funding": "financiering",
                    "back_office": "backoffice"}, "en": {"learning": "learning tie"}}
CHANGE_WORD = {"nl": {"new": "nieuw", "gone": "verdwenen", "changed": "gewijzigd", "same": "ongewijzigd"},
               "en": {"new": "new", "gone": "gone", "changed": "changed", "same": "unchanged"}}
FIELD_WORD = {"nl": {"name": "naam", "levels": "niveau", "perspectives": "perspectieven", "region": "regio",
                     "home_organisation_id": "thuisorganisatie", "parent_id": "moederorganisatie",
                     "host_id": "trekker", "themes": "thema's", "role": "rol", "private": "afgeschermd",
                     "cycle_step": "leerstap", "weight": "gewicht", "theme": "thema", "min_count": "minimum",
                     "since": "sinds", "until": "tot", "note": "toelichting", "seat": "zetel"}, "en": {}}


def say(key: str, lang: str, **params: Any) -> str:
    """A report text in ``lang``."""
    return translate(T, key, lang, **params)


class Namer:
    """Names as the report may show them: roles for people (``roles_only``) and for private nodes."""

    def __init__(self, old: Dataset, new: Dataset, roles_only: bool, lang: str):
        self.nodes = {**old.nodes, **new.nodes}
        self.roles_only, self.lang = roles_only, lang

    def masked(self, node_id: str) -> bool:
        node = self.nodes.get(node_id)
        return node is not None and (node.private or (self.roles_only and node.kind == "person"))

    def __call__(self, node_id: str) -> str:
        node = self.nodes.get(node_id)
        if node is None:
            return node_id
        if self.masked(node_id):
            return node.role or f"{node.type or KIND_WORD[self.lang][node.kind]} {say('hidden', self.lang)}"
        return node.name


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "–"
    if value in (None, "", {}):
        return "–"
    return str(value)


def _changes(record: dict[str, Any], name: Namer, masked: bool, lang: str) -> str:
    parts = []
    for field, (before, after) in record["changes"].items():
        word = FIELD_WORD[lang].get(field, field)
        if masked and field in ("name", "extra", "note"):
            parts.append(word)
        elif field.endswith("_id"):
            parts.append(f"{word}: {name(before) if before else '–'} → {name(after) if after else '–'}")
        else:
            parts.append(f"{word}: {_value(before)} → {_value(after)}")
    return "; ".join(parts)


def _node_item(node: dict[str, Any], name: Namer, lang: str) -> str:
    levels = "/".join(node["levels"])
    return f"{name(node['id'])} ({KIND_WORD[lang][node['kind']]}{', ' + levels if levels else ''})"


def _record_item(table: str, r: dict[str, Any], name: Namer, lang: str) -> str:
    if table == "memberships":
        role = f" ({r['role']})" if r.get("role") and r["role"] != "member" else ""
        return say("member_of", lang, a=name(r["member_id"]), b=name(r["network_id"])) + role
    if table == "representation":
        body = say("in_body", lang, body=name(r["body_id"])) if r.get("body_id") else ""
        seat = f" ({r['seat']})" if r.get("seat") else ""
        return say("seat", lang, person=name(r["person_id"]), constituency=name(r["constituency_id"]), body=body,
                   seat=seat)
    if table == "ties":
        return say("tie", lang, a=name(r["source_id"]), b=name(r["target_id"]),
                   kind=TIE_KIND[lang].get(r["kind"], r["kind"]),
                   theme=f", {r['theme']}" if r.get("theme") else "")
    label = perspective_label(r["perspective"], lang)
    return say("req", lang, body=name(r["body_id"]), n=r["min_count"], p=label)


def _section(diff: DatasetDiff, table: str, name: Namer, lang: str) -> list[Block]:
    blocks: list[Block] = []
    for state in ("added", "removed", "changed"):
        records = getattr(diff, state).get(table, [])
        if not records:
            continue
        items = []
        for r in records:
            item = _node_item(r, name, lang) if table == "nodes" else _record_item(table, r, name, lang)
            if state == "changed":
                masked = table == "nodes" and name.masked(r["id"])
                item += ": " + _changes(r, name, masked, lang)
            items.append(item)
        blocks += [("p", f"{say(state, lang)} ({len(records)}):"), ("ul", items)]
    if blocks:
        blocks.insert(0, ("h2", say("actors" if table == "nodes" else table, lang)))
    return blocks


def _summary(diff: DatasetDiff, lang: str) -> list[Block]:
    items = []
    for table, c in diff.counts().items():
        if any(c.values()):
            what = say("actors" if table == "nodes" else table, lang)
            items.append(say("count_line", lang, what=what, **c))
    if diff.findings_opened is not None:
        items.append(say("findings_line", lang, closed=len(diff.findings_closed), opened=len(diff.findings_opened)))
    return [("h2", say("short", lang)), ("ul", items)]


def _findings(diff: DatasetDiff, lang: str) -> list[Block]:
    if diff.findings_opened is None:
        return [("p", say("no_analysis", lang))]
    blocks: list[Block] = [("h2", say("findings", lang))]
    for key, found in (("closed", diff.findings_closed), ("opened", diff.findings_opened)):
        blocks.append(("p", say(key, lang, n=len(found))))
        blocks.append(("ul", [f["message"] for f in found] or [say("none", lang)]))
    return blocks


def _levels(diff: DatasetDiff, lang: str) -> list[Block]:
    if not diff.level_matrix:
        return []
    old, new = diff.level_matrix["old"], diff.level_matrix["new"]
    header = [say("level", lang), *LEVELS]
    rows = []
    for a in LEVELS:
        cells = []
        for b in LEVELS:
            delta = new[a][b] - old[a][b]
            cells.append(f"{old[a][b]} → {new[a][b]} ({delta:+d})" if delta else str(new[a][b]))
        rows.append([f"{a} {level_name(a, lang)}"] + cells)
    return [("h2", say("levels", lang)), ("table", header, rows)]


def _coverage(diff: DatasetDiff, name: Namer, lang: str) -> list[Block]:
    if not diff.coverage:
        return []
    items = []
    for row in diff.coverage:
        label = lambda ps: ", ".join(perspective_label(p, lang) for p in ps)  # noqa: E731
        parts = [say("gained", lang, p=label(row["gained"]))] if row["gained"] else []
        parts += [say("lost", lang, p=label(row["lost"]))] if row["lost"] else []
        status = {"new": f" ({say('new_net', lang)})", "gone": f" ({say('gone_net', lang)})"}.get(row["status"], "")
        items.append(f"{name(row['network'])}{status}: " + "; ".join(parts))
    return [("h2", say("coverage", lang)), ("ul", items)]


def diff_blocks(diff: DatasetDiff, old: Dataset, new: Dataset, lang: str = "nl",
                roles_only: bool = False) -> list[Block]:
    """The report as neutral blocks (see module docstring)."""
    name = Namer(old, new, roles_only, lang)
    blocks: list[Block] = [("h1", say("title", lang)),
                           ("p", say("compared", lang, old=diff.old_source, new=diff.new_source))]
    if diff.unchanged:
        return blocks + [("p", say("same", lang))]
    blocks += _summary(diff, lang) + _findings(diff, lang)
    for table in ("nodes", "memberships", "representation", "ties", "requirements"):
        blocks += _section(diff, table, name, lang)
    return blocks + _levels(diff, lang) + _coverage(diff, name, lang)


def render_markdown(blocks: list[Block]) -> str:
    """Blocks as Markdown; ``&``, ``<`` and ``>`` from the data are escaped, so a viewer shows them as text."""
    blocks = [_md_escape(block) for block in blocks]
    out = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2"):
            out.append(("# " if kind == "h1" else "## ") + block[1])
        elif kind == "p":
            out.append(block[1])
        elif kind == "ul":
            out.append("\n".join(f"- {item}" for item in block[1]))
        elif kind == "table":
            header, rows = block[1], block[2]
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _md_escape(block: Block) -> Block:
    e = lambda text: html.escape(str(text), quote=False)  # noqa: E731
    if block[0] == "ul":
        return ("ul", [e(item) for item in block[1]])
    if block[0] == "table":
        return ("table", [e(h) for h in block[1]], [[e(c) for c in row] for row in block[2]])
    return (block[0], e(block[1]))


_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ddd}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}")


def render_html(blocks: list[Block], lang: str = "nl") -> str:
    """Blocks as one self-contained HTML page (every text escaped)."""
    e = html.escape
    body = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2", "p"):
            body.append(f"<{kind}>{e(block[1])}</{kind}>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block[1]) + "</ul>")
        elif kind == "table":
            head = "".join(f"<th>{e(str(h))}</th>" for h in block[1])
            rows = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in block[2])
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    title = e(blocks[0][1]) if blocks else ""
    return (f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def write_diff_report(diff: DatasetDiff, old: Dataset, new: Dataset, path: str | Path, fmt: str = "html",
                      lang: str = "nl", roles_only: bool = False) -> Path:
    """Write the report as ``html`` or ``md`` to ``path``; return the path."""
    path = Path(path)
    blocks = diff_blocks(diff, old, new, lang, roles_only)
    text = render_html(blocks, lang) if fmt == "html" else render_markdown(blocks)
    path.write_text(text, encoding="utf-8")
    return path


def write_diff_map(old: Dataset, new: Dataset, path: str | Path, lang: str = "nl", roles_only: bool = False,
                   view: str = "levels") -> Path:
    """Write a map of old and new together, coloured by what is new, gone, changed and unchanged.

    Uses :func:`netmap.maps.write_map` on :func:`netmap.diff.union_graph`, coloured by the
    ``change`` attribute of every node (green new, red gone, amber changed, grey unchanged).
    """
    from netmap.diff import union_graph
    from netmap.maps import write_map

    U = union_graph(old, new)
    title = {"nl": "Wat is er veranderd", "en": "What changed"}[lang]
    return write_map(U, path, view=view, lang=lang, roles_only=roles_only, color_by="change", title=title)


def diff_json(diff: DatasetDiff, old: Dataset, new: Dataset, roles_only: bool = False) -> dict[str, Any]:
    """The diff as JSON-ready data, with privacy applied.

    Private nodes are always shown by role or type (their extra columns and the
    notes of their ties left out); with ``roles_only`` every person is too, and
    the ids of people and private nodes become pseudonyms (``persoon-1``, ...),
    numbered over both versions so the same person keeps one pseudonym.
    """
    from netmap.io.privacy import pseudonyms

    name = Namer(old, new, roles_only, "nl")
    union = Dataset(nodes={**old.nodes, **new.nodes})
    ids = {k: v for k, v in pseudonyms(union).items() if name.masked(k)} if roles_only else {}
    data = diff.to_dict()
    for state in ("added", "removed", "changed"):
        for table, records in data[state].items():
            for record in records:
                _mask_record(table, record, name)
    return _replace_ids(data, ids)


def _mask_record(table: str, record: dict[str, Any], name: Namer) -> None:
    if table == "nodes" and name.masked(record["id"]):
        record["name"], record["extra"] = name(record["id"]), {}
        for field in ("name", "extra"):
            record.get("changes", {}).pop(field, None)
    ends = [record.get(k) for k in ("source_id", "target_id", "member_id", "person_id")]
    if table != "nodes" and any(e and name.masked(e) for e in ends):
        record["extra"] = {}
        if "note" in record:
            record["note"] = ""
        record.get("changes", {}).pop("note", None)


def _replace_ids(value: Any, ids: dict[str, str]) -> Any:
    if not ids:
        return value
    if isinstance(value, dict):
        return {ids.get(k, k): _replace_ids(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_ids(v, ids) for v in value]
    return ids.get(value, value) if isinstance(value, str) else value

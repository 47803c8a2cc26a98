"""The diff as a report section a bureau member reads: Markdown or self-contained HTML, Dutch or English.

:func:`diff_blocks` turns a :class:`~netmap.diff.DatasetDiff` into neutral
blocks (headings, paragraphs, lists, tables); :func:`render_markdown` and
:func:`render_html` print them. Every text from the data is escaped in HTML, and
the page has the report's strict Content-Security-Policy. Who is named how is
the policy of :mod:`netmap.privacy`: a private node is never shown by name or
id and its identifying values are not shown; with ``roles_only`` neither are
people's. Words come from the catalogue (``netmap/texts/diff.yaml``).
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from netmap import privacy
from netmap.dates import date_text
from netmap.diff import DatasetDiff
from netmap.i18n import t, word
from netmap.model import LEVELS, Dataset, level_name, perspective_label
from netmap.report.html import CSP
from netmap.report.markdown import escape_md

Block = tuple  # ("h1"|"h2"|"p", text) | ("ul", [items]) | ("table", header, rows)


def _word(group: str, code: str, lang: str) -> str:
    """A code from the data in the reader's words (as written when the catalogue does not know it)."""
    return word(f"diff.{group}", code, lang)


class Namer:
    """Names as the report may show them, by the policy of :mod:`netmap.privacy`, over both versions."""

    def __init__(self, old: Dataset, new: Dataset, roles_only: bool, lang: str):
        old, new = privacy.private_in_either(old, new)
        self.nodes = {**old.nodes, **new.nodes}
        self.roles_only, self.lang = roles_only, lang

    def masked(self, node_id: str) -> bool:
        node = self.nodes.get(node_id)
        return node is not None and privacy.is_hidden(node, self.roles_only)

    def __call__(self, node_id: str) -> str:
        node = self.nodes.get(node_id)
        if node is None:
            return node_id
        return privacy.label(node, self.roles_only, self.lang)


def _one(field: str, value: Any, lang: str) -> str:
    """One value of ``field`` in the reader's words (perspectives, levels, tie kinds, types by the catalogue)."""
    code = str(value)
    if field == "perspectives":
        return perspective_label(code, lang)
    if field == "levels":
        return f"{code} {level_name(code, lang)}" if level_name(code, lang) != code else code
    if field == "kind":
        return word("diff.tie_kind", code, lang) if word("diff.tie_kind", code, lang) != code \
            else _word("kind", code, lang)
    if field == "type":
        return word("types", code, lang)
    if field == "role":  # a membership's role code; a person's own role text is not in the catalogue
        return _word("membership_role", code, lang)
    return code


def _value(field: str, value: Any, lang: str) -> str:
    """A before or after value as a reader reads it: no raw codes, no ``()``, ``True`` or ``{}``."""
    if isinstance(value, bool):
        return t("diff.bool_yes" if value else "diff.bool_no", lang)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(field, v, lang)}" for k, v in value.items()) or "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(_one(field, v, lang) for v in value) or "–"
    if value is None or value == "":
        return "–"
    return _one(field, value, lang)


def _changes(record: dict[str, Any], name: Namer, hidden: tuple[str, ...], lang: str) -> str:
    """The field changes of a record; a field in ``hidden`` is named without its values."""
    parts = []
    for field, (before, after) in record["changes"].items():
        what = _word("field", field, lang)
        if field in hidden:
            parts.append(what)
        elif field.endswith("_id"):
            parts.append(f"{what}: {name(before) if before else '–'} → {name(after) if after else '–'}")
        else:
            parts.append(f"{what}: {_value(field, before, lang)} → {_value(field, after, lang)}")
    return "; ".join(parts)


def _node_item(node: dict[str, Any], name: Namer, lang: str) -> str:
    levels = "/".join(node["levels"])
    return f"{name(node['id'])} ({_word('kind', node['kind'], lang)}{', ' + levels if levels else ''})"


def _record_item(table: str, r: dict[str, Any], name: Namer, lang: str) -> str:
    if table == "memberships":
        role = f" ({_word('membership_role', r['role'], lang)})" if r.get("role") and r["role"] != "member" else ""
        return t("diff.member_of", lang, a=name(r["member_id"]), b=name(r["network_id"])) + role
    if table == "representation":
        body = t("diff.in_body", lang, body=name(r["body_id"])) if r.get("body_id") else ""
        seat = f" ({r['seat']})" if r.get("seat") else ""
        return t("diff.seat", lang, person=name(r["person_id"]), constituency=name(r["constituency_id"]), body=body,
                   seat=seat)
    if table == "ties":
        return t("diff.tie", lang, a=name(r["source_id"]), b=name(r["target_id"]),
                   kind=_word("tie_kind", r["kind"], lang),
                   theme=f", {r['theme']}" if r.get("theme") else "")
    label = perspective_label(r["perspective"], lang)
    return t("diff.req", lang, body=name(r["body_id"]), n=r["min_count"], p=label)


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
                hidden: tuple[str, ...]
                if table == "nodes":
                    hidden = privacy.HIDDEN_FIELDS if name.masked(r["id"]) else ()
                else:  # a relation touching a hidden node keeps its note and extra columns to itself
                    ends = [v for k, v in r.items() if k.endswith("_id") and isinstance(v, str)]
                    hidden = privacy.RELATION_HIDDEN_FIELDS if any(name.masked(e) for e in ends) else ()
                item += ": " + _changes(r, name, hidden, lang)
            items.append(item)
        blocks += [("p", f"{t('diff.' + state, lang)} ({len(records)}):"), ("ul", items)]
    if blocks:
        blocks.insert(0, ("h2", t("diff.actors" if table == "nodes" else f"diff.{table}", lang)))
    return blocks


def _summary(diff: DatasetDiff, lang: str) -> list[Block]:
    items = []
    for table, c in diff.counts().items():
        if any(c.values()):
            what = t("diff.actors" if table == "nodes" else f"diff.{table}", lang)
            items.append(t("diff.count_line", lang, what=what, **c))
    if diff.findings_opened is not None:
        items.append(t("diff.findings_line", lang, closed=len(diff.findings_closed or []),
                       changed=len(diff.findings_changed or []), opened=len(diff.findings_opened)))
    return [("h2", t("diff.short", lang)), ("ul", items)]


def _finding_change(f: dict[str, Any], name: Namer, lang: str) -> str:
    """What changed in a finding, in the reader's words: its kind and severity (old → new), the actors it
    lists that came or went (named by the privacy policy), then its sentence now and before."""
    from netmap.analysis.kinds import kind_label

    changes, parts = f["changes"], []
    if "kind" in changes:
        parts.append(" → ".join(kind_label(k, lang) for k in changes["kind"]))
    if "severity" in changes:
        before, after = (t(f"report.severity_{s}", lang) for s in changes["severity"])
        parts.append(t("diff.finding_severity", lang, old=before, new=after))
    if "subjects" in changes:
        before, after = changes["subjects"]
        came = [name(s) for s in after if s not in before and s in name.nodes]
        went = [name(s) for s in before if s not in after and s in name.nodes]
        parts += [t("diff.gained", lang, p=", ".join(came))] if came else []
        parts += [t("diff.lost", lang, p=", ".join(went))] if went else []
    old, new = changes["message"] if "message" in changes else (f["message"], f["message"])
    said = t("diff.finding_now", lang, new=new) if old == new else t("diff.finding_was", lang, new=new, old=old)
    return "; ".join(parts) + ". " + said if parts else said


def _findings(diff: DatasetDiff, name: Namer, lang: str) -> list[Block]:
    if diff.findings_opened is None:
        return [("p", t("diff.no_analysis", lang))]
    blocks: list[Block] = [("h2", t("diff.findings", lang))]
    changed = diff.findings_changed or []
    for key, found in (("closed", diff.findings_closed or []), ("findings_changed", changed),
                       ("opened", diff.findings_opened)):
        if key == "findings_changed" and not found:
            continue  # a report made before changed findings were told apart has none
        items = [_finding_change(f, name, lang) if key == "findings_changed" else f["message"] for f in found]
        blocks.append(("p", t("diff." + key, lang, n=len(found))))
        blocks.append(("ul", items or [t("diff.none", lang)]))
    return blocks


def _levels(diff: DatasetDiff, lang: str) -> list[Block]:
    if not diff.level_matrix:
        return []
    old, new = diff.level_matrix["old"], diff.level_matrix["new"]
    header = [t("diff.level", lang), *LEVELS]
    rows = []
    for a in LEVELS:
        cells = []
        for b in LEVELS:
            delta = new[a][b] - old[a][b]
            if LEVELS.index(b) < LEVELS.index(a):
                cells.append("")  # a tie matrix is symmetric: each pair once, as the report's matrix shows it
                continue
            cells.append(f"{old[a][b]} → {new[a][b]} ({delta:+d})" if delta else str(new[a][b]))
        rows.append([f"{a} {level_name(a, lang)}"] + cells)
    return [("h2", t("diff.levels", lang)), ("table", header, rows)]


def _coverage(diff: DatasetDiff, name: Namer, lang: str) -> list[Block]:
    if not diff.coverage:
        return []
    items = []
    for row in diff.coverage:
        label = lambda ps: ", ".join(perspective_label(p, lang) for p in ps)  # noqa: E731
        parts = [t("diff.gained", lang, p=label(row["gained"]))] if row["gained"] else []
        parts += [t("diff.lost", lang, p=label(row["lost"]))] if row["lost"] else []
        status = {"new": f" ({t('diff.new_net', lang)})",
                  "gone": f" ({t('diff.gone_net', lang)})"}.get(row["status"], "")
        items.append(f"{name(row['network'])}{status}: " + "; ".join(parts))
    return [("h2", t("diff.coverage", lang)), ("ul", items)]


def diff_blocks(diff: DatasetDiff, old: Dataset, new: Dataset, lang: str = "nl",
                roles_only: bool = False) -> list[Block]:
    """The report as neutral blocks (see module docstring)."""
    name = Namer(old, new, roles_only, lang)
    from netmap.report.document import prettify

    # the snapshots by the names the change map gives them (a folder 'kbl-2026q4' reads 'KBL 2026q4')
    compared = t("diff.compared", lang, old=prettify(diff.old_source), new=prettify(diff.new_source))
    if len(diff.as_of) == 2 and all(diff.as_of):  # the date each version was analysed as of, in the same paragraph
        compared += " " + as_of_sentence(diff, lang)
    blocks: list[Block] = [("h1", t("diff.title", lang)), ("p", compared)]
    if diff.unchanged:
        return blocks + [("p", t("diff.same", lang))]
    blocks += _summary(diff, lang) + _findings(diff, name, lang)
    for table in ("nodes", "memberships", "representation", "ties", "requirements"):
        blocks += _section(diff, table, name, lang)
    return blocks + _levels(diff, lang) + _coverage(diff, name, lang)


def as_of_sentence(diff: DatasetDiff, lang: str) -> str:
    """The date each version is analysed as of. A version whose data gives no date of its own is analysed as
    of the day of the analysis, and the sentence says so: that date is not the snapshot's."""
    old, new = (date_text(d, lang) for d in diff.as_of)
    dated = diff.dated if len(diff.dated) == 2 else [False, False]
    if all(dated):
        return t("diff.as_of_same", lang, date=new) if old == new else t("diff.as_of", lang, old=old, new=new)
    if not any(dated):
        return t("diff.as_of_undated", lang, date=new) if old == new else t("diff.as_of_undated_two", lang,
                                                                               old=old, new=new)
    return t("diff.as_of_new_undated" if dated[0] else "diff.as_of_old_undated", lang, old=old, new=new)


def render_markdown(blocks: list[Block]) -> str:
    """Blocks as Markdown; every text is escaped by the report's :func:`~netmap.report.markdown.escape_md`.

    So a name shows as itself: no link, no image that loads a tracking pixel, no heading, no HTML.
    """
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
            lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _md_escape(block: Block) -> Block:
    e = escape_md
    if block[0] == "ul":
        return ("ul", [e(item) for item in block[1]])
    if block[0] == "table":
        return ("table", [e(h) for h in block[1]], [[e(c) for c in row] for row in block[2]])
    return (block[0], e(block[1]))


_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ddd}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}")


def render_html(blocks: list[Block], lang: str = "nl") -> str:
    """Blocks as one self-contained HTML page (every text escaped, the report's Content-Security-Policy)."""
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
    return (f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>{title}</title>'
            f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def write_diff_report(diff: DatasetDiff, old: Dataset, new: Dataset, path: str | Path, fmt: str = "html",
                      lang: str = "nl", roles_only: bool = False) -> Path:
    """Write the report as ``html`` or ``md`` to ``path``; return the path."""
    path = Path(path)
    blocks = diff_blocks(diff, old, new, lang, roles_only)
    text = render_html(blocks, lang) if fmt == "html" else render_markdown(blocks)
    from netmap.io.safe import write_text

    return write_text(path, text, lang)


def snapshots_line(sources: tuple[str, str], as_of: list[str], lang: str = "nl",
                   dated: list[bool] | None = None) -> str:
    """Both snapshots by name, each with the date it is analysed as of when known (the diff map's subtitle).

    A date the data does not give (``dated`` False: the day of the analysis) is not put beside the snapshot's
    name as its 'stand'; the line ends by saying which day the analysis used instead.
    """
    from netmap.report.document import prettify

    dates = [date_text(d, lang) for d in as_of] if len(as_of) == 2 else ["", ""]
    given = dated if dated is not None and len(dated) == 2 else [True, True]
    old, new = (t("diff.snapshot_dated", lang, name=prettify(source), date=date) if date and ok
                else prettify(source) for source, date, ok in zip(sources, dates, given))
    line = t("diff.map_subtitle", lang, old=old, new=new)
    undated = sorted({date for date, ok in zip(dates, given) if date and not ok})
    if undated:
        line += t("diff.map_undated", lang, date=" / ".join(undated))
    return line


def write_diff_map(old: Dataset, new: Dataset, path: str | Path, lang: str = "nl", roles_only: bool = False,
                   view: str = "levels", diff: DatasetDiff | None = None) -> Path:
    """Write a map of old and new together, coloured by what is new, gone, changed and unchanged.

    Uses :func:`netmap.maps.write_map` on :func:`netmap.diff.union_graph`, coloured by the
    ``change`` attribute of every node (green new, red gone, amber changed, grey unchanged).
    ``diff`` (the comparison of the two) names both snapshots and their dates in the subtitle; without it
    the subtitle names them without dates.
    """
    from netmap.analysis import Settings
    from netmap.diff import union_graph
    from netmap.maps import write_map

    U = union_graph(old, new)
    title = t("diff.map_title", lang)
    subtitle = snapshots_line((old.source, new.source), diff.as_of if diff is not None else [], lang,
                              diff.dated if diff is not None else None)
    return write_map(U, path, view=view, lang=lang, roles_only=roles_only, color_by="change", title=title,
                     settings=Settings(title=subtitle))


def diff_json(diff: DatasetDiff, old: Dataset, new: Dataset, roles_only: bool = False,
              pseudonymous: bool = False) -> dict[str, Any]:
    """The diff as JSON-ready data, with privacy applied.

    Private nodes are always shown by role or type (their extra columns and the
    notes of their ties left out); with ``roles_only`` every person is too, and
    the ids of people and private nodes become pseudonyms (``persoon-1``, ...),
    numbered over both versions so the same person keeps one pseudonym.
    ``pseudonymous``: the ids of hidden nodes are pseudonyms without ``roles_only`` too
    (the web service, whose JSON is a link away from anyone, treats it as shared).
    """
    name = Namer(old, new, roles_only, "nl")
    ids = privacy.pseudonyms(name.nodes.items(), roles_only) if roles_only or pseudonymous else {}
    data = diff.to_dict()
    for state in ("added", "removed", "changed"):
        for table, records in data[state].items():
            for record in records:
                _mask_record(table, record, name)
    return privacy.pseudonymise(data, ids)


def _mask_record(table: str, record: dict[str, Any], name: Namer) -> None:
    """Blank what the policy hides: a hidden node's identifying fields, the notes of relations touching one."""
    if table == "nodes":
        hidden = name.masked(record["id"])
        fields = [f for f in privacy.HIDDEN_FIELDS if f != "id"] if hidden else []
    else:
        ends = [v for k, v in record.items() if k.endswith("_id") and isinstance(v, str)]
        fields = list(privacy.RELATION_HIDDEN_FIELDS) if any(name.masked(e) for e in ends) else []
    for field in fields:
        if field in record:
            record[field] = {} if isinstance(record[field], dict) else [] if isinstance(record[field], list) else ""
        record.get("changes", {}).pop(field, None)
    if table == "nodes" and fields:
        record["name"] = name(record["id"])

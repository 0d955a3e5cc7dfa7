"""The evidence browser: pages of the book, generated from the data at each build, never by hand.

Every claim and event appears with its locator and verbatim quote on the page of its source;
every conflict group has a section with its versions side by side and a small chart; places
and people have their own pages; one searchable table holds every claim and event. The pages
are MyST files written into book/evidence/ (not kept in git) before Sphinx reads its sources;
:func:`link_ids` then turns every id a page names in code into a link to its entry, and reports
an id-like name that is no id of the data, so a typo fails the build.

Text from the data is escaped (:func:`html.escape`): a quote holding markup or quotation marks
is shown as written, never as HTML.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path, PurePosixPath

import pandas as pd

from . import criticism
from .cite import cite
from .dates import period_label
from .evidence import claims, conflict_groups, conflicts, events, measures, people, person_names, places, sources
from .reader import number_text, unit_words

FOLDER = "evidence"  # under book/: the generated pages
ASSETS = "evidence-assets"  # at the site's root: DataTables, from the itables package
FIVE_PREFIX = "sources/"  # text_file of the five documents the project is built from
#: Prefixes of the ids of claims and events (claims.claim_id's description): a code name that
#: starts with one of them and is not an id of the data is a typo, and fails the build.
ID_PREFIXES = ("loc", "exh", "sht", "wiki", "yam", "ctx")
ID_LIKE = re.compile(rf"(?:{'|'.join(ID_PREFIXES)})_[a-z0-9][a-z0-9_]*")


def esc(value) -> str:
    """Data as HTML text: escaped, an empty cell as a dash."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return html.escape(str(value))


# --- where every id lives ---------------------------------------------------------------------------

def source_page(source_id: str) -> str:
    return f"{FOLDER}/source-{source_id}"


def targets() -> dict[str, tuple[str, str]]:
    """Every id of the data -> (page of the book, without suffix, relative to book/; anchor)."""
    out: dict[str, tuple[str, str]] = {}
    for sid in sources()["source_id"]:
        out[sid] = (source_page(sid), "")
    for table, key in ((claims(), "claim_id"), (events(), "event_id")):
        for row_id, sid in zip(table[key], table["source_id"]):
            out[row_id] = (source_page(sid), row_id)
    for group in conflicts()["conflict_group"].unique():
        out[group] = (f"{FOLDER}/conflicts", group)
    for pid in places()["place_id"]:
        out[pid] = (f"{FOLDER}/places", pid)
    for pid in people()["person_id"]:
        out[pid] = (f"{FOLDER}/people", pid)
    for mid in measures()["measure_id"]:  # a conflict group of the same name keeps its link
        out.setdefault(mid, (f"{FOLDER}/measures", mid))
    return out


# --- the pages ---------------------------------------------------------------------------------------

def _figure(row) -> str:
    """A claim's figure as the source states it, with its unit in words."""
    if pd.notna(row["value"]):
        figure = number_text(row["value"])
    elif pd.notna(row["value_low"]) or pd.notna(row["value_high"]):
        figure = f"{number_text(row['value_low'])} to {number_text(row['value_high'])}"
    else:
        figure = ""
    unit = "" if pd.isna(row["unit"]) else f" {unit_words(row['unit'])}"
    worded = "" if pd.isna(row["value_text"]) else f" (“{row['value_text']}”)"
    return (figure + unit + worded).strip()


def _entry(row_id: str, kind: str, head: str, row) -> str:
    """One claim or event: anchor, what it says, locator, quote, the citation line of kd.cite."""
    group = row.get("conflict_group")
    group_html = f' · conflict group <code>{esc(group)}</code>' if pd.notna(group) else ""
    return (f'<div class="kd-entry" id="{esc(row_id)}">'
            f'<p class="kd-entry-head"><code class="kd-self">{esc(row_id)}</code> · {kind} · {head}{group_html}</p>'
            f'<blockquote class="kd-quote">{esc(row["quote"])}</blockquote>'
            f'<p class="kd-cite">{esc(cite(row_id))}</p></div>')


def _claim_head(r) -> str:
    when = period_label(r["period_start"], r["period_end"], r["date_precision"])
    measure = f'<a class="kd-measure" href="measures.html#{esc(r["measure_id"])}" title="the codebook\'s measure ' \
              f'{esc(r["measure_id"])}">{esc(r["measure"])}</a>'
    return (f'{esc(r["topic"]).replace("_", " ")} · {measure} · {esc(r["entity"])} · {esc(when)} · '
            f'<strong>{esc(_figure(r))}</strong> · {esc(str(r["status"]).replace("_", " "))}')


def _event_head(e) -> str:
    when = period_label(e["date_start"], e["date_end"], e["date_precision"])
    return f'{esc(e["category"])} · <strong>{esc(when)}</strong> · {esc(e["event"])}'


def _raw(body: str) -> str:
    return f"```{{raw}} html\n{body}\n```\n"


def source_markdown(source_id: str) -> str:
    """The page of one source: its register entry, then every claim, event, place and name it gives."""
    src = sources().set_index("source_id").loc[source_id]
    c = claims()[claims()["source_id"].eq(source_id)]
    e = events()[events()["source_id"].eq(source_id)]
    pl = places()[places()["source_id"].eq(source_id)]
    pn = person_names()[person_names()["source_id"].eq(source_id)]
    register = "".join(f"<dt>{k}</dt><dd>{esc(src[k]).replace('_', ' ') if k == 'kind' else esc(src[k])}</dd>" for k in
                       ("author", "title", "year", "publisher", "address", "kind", "language", "licence", "notes"))
    parts = [f"# {src['citation_label']}\n",
             _raw(f'<p class="kd-cite">{esc(cite(source_id))}</p><dl class="kd-register">{register}</dl>'
                  f'<p>{len(c)} claims · {len(e)} events · {len(pl)} places · {len(pn)} names of people</p>')]
    if str(src["text_file"]).startswith(FIVE_PREFIX):
        parts.append(_raw(_topic_profile(source_id)))
    if len(c):
        parts += ["## Claims\n", _raw("".join(_entry(r["claim_id"], "claim", _claim_head(r), r)
                                              for _, r in c.iterrows()))]
    if len(e):
        parts += ["## Events\n", _raw("".join(_entry(r["event_id"], "event", _event_head(r), r)
                                              for _, r in e.sort_values("date_start").iterrows()))]
    if len(pl):
        parts += ["## Places\n", _raw("".join(
            f'<p><code>{esc(r["place_id"])}</code> {esc(r["name_1920s"])} ({esc(r["locator"])}): '
            f'<q>{esc(r["quote"])}</q></p>' for _, r in pl.iterrows()))]
    if len(pn):
        parts += ["## Names of people\n", _raw("".join(
            f'<p><code>{esc(r["person_id"])}</code> “{esc(r["name_as_written"])}” ({esc(r["locator"])}): '
            f'<q>{esc(r["quote"])}</q></p>' for _, r in pn.iterrows()))]
    return "\n".join(parts)


def _topic_profile(source_id: str) -> str:
    """For one of the five documents: figures per topic, and how often it agrees with the others."""
    topics = claims().loc[claims()["source_id"].eq(source_id), "topic"].value_counts()
    topics = topics[topics > 0].sort_index()
    v = criticism.verdicts()
    mine = v[v["source_a"].eq(source_id) | v["source_b"].eq(source_id)]
    mine = mine[mine["source_a"].ne(mine["source_b"])]
    counts = Counter(mine["verdict"])
    rows = "".join(f"<tr><td>{esc(t).replace('_', ' ')}</td><td class='kd-num'>{n}</td></tr>" for t, n in topics.items())
    return (f'<div class="kd-table"><table><caption>Figures per topic</caption><thead><tr><th>topic</th>'
            f'<th class="kd-num">claims</th></tr></thead><tbody>{rows}</tbody></table></div>'
            f'<p>Against the other sources, in the conflict groups where both give a version: '
            f'agrees {counts.get("agree", 0)} times, disagrees {counts.get("disagree", 0)} times, '
            f'not comparable {counts.get("not comparable", 0)} times.</p>')


def conflicts_markdown(uses: dict[str, list[str]]) -> str:
    """One section per conflict group: the versions side by side, a chart of them, the chapters using it."""
    cf = conflicts()
    label = dict(zip(sources()["source_id"], sources()["citation_label"]))
    counts = conflict_groups(cf).set_index("conflict_group")
    parts = ["# Conflict groups\n",
             f"Where the sources disagree, or give one figure or date more than once, the versions form a "
             f"conflict group. A version is one source's figure or date: where a source states it in "
             f"several places, each row is listed with its quote, and they count once. "
             f"{len(counts)} groups, {counts['versions'].sum()} versions in {len(cf)} rows.\n"]
    for group, g in cf.groupby("conflict_group", sort=True):
        n = counts.loc[group]
        repeated = f" in {n['rows']} rows" if n["rows"] > n["versions"] else ""
        rows = "".join(
            f"<tr><td>{esc(label[r['source_id']])}</td><td>{esc(_version(r))}</td><td>{esc(r['status'])}</td>"
            f"<td><q>{esc(_quote(r))}</q> <code>{esc(r['row_id'])}</code></td><td>{esc(r['notes'])}</td></tr>"
            for _, r in g.iterrows())
        used = ", ".join(f'<a href="../../{page}.html">{esc(PurePosixPath(page).name)}</a>' for page in uses.get(group, []))
        parts.append(_raw(
            f'<section class="kd-group" id="{esc(group)}"><h2>{esc(group)}</h2>'
            f'<p>{esc(g["subject"].iloc[0])} · {n["versions"]} versions{repeated} from {n["sources"]} sources</p>'
            f'{version_chart(g, label)}'
            f'<div class="kd-table"><table><thead><tr><th>source</th><th>version, as stated</th><th>status</th>'
            f'<th>quote</th><th>notes</th></tr></thead><tbody>{rows}</tbody></table></div>'
            f'<p>Used in: {used or "no chapter"}</p></section>'))
    return "\n".join(parts)


def _quote(r) -> str:
    table = claims().set_index("claim_id") if r["table"] == "claims" else events().set_index("event_id")
    return table.at[r["row_id"], "quote"]


def _version(r) -> str:
    if r["table"] == "events":
        return period_label(r["date_start"], r["date_end"], r["date_precision"])
    row = claims().set_index("claim_id").loc[r["row_id"]]
    return _figure(row)


def version_chart(g: pd.DataFrame, label: dict[str, str], width: int = 640) -> str:
    """A small SVG of a group's versions: one row each, a dot for a point, a bar for a span or range.

    Dates on a time axis for events; figures on one axis for claims of one unit (claims in
    several units are not drawn on one axis: the table says why they differ).
    """
    if g["table"].iloc[0] == "events":
        lo = g["date_start"].map(lambda d: d.toordinal() if pd.notna(d) else None)
        hi = g["date_end"].map(lambda d: d.toordinal() if pd.notna(d) else None)
        text = lambda x: pd.Timestamp.fromordinal(int(x)).strftime("%d %b %Y")
    else:
        if g["unit"].nunique() != 1:
            return '<p class="kd-note">The versions are in different units; no common chart.</p>'
        lo = g["value"].fillna(g["value_low"]).fillna(g["value_high"])
        hi = g["value"].fillna(g["value_high"]).fillna(g["value_low"])
        text = number_text
    known = [x for x in [*lo, *hi] if x is not None and pd.notna(x)]
    if not known:
        return ""
    left, right = min(known), max(known)
    span = (right - left) or 1
    x0, x1, step = 190, width - 20, 18

    def at(x):
        return x0 + (x - left) / span * (x1 - x0)
    marks = []
    for k, (r, a, b) in enumerate(zip(g.itertuples(), lo, hi)):
        y = 14 + k * step
        marks.append(f'<text x="{x0 - 8}" y="{y + 4}" text-anchor="end">{esc(label[r.source_id])}</text>')
        if a is None or pd.isna(a):
            marks.append(f'<text x="{x0}" y="{y + 4}" fill="#777">undated / no figure</text>')
        elif b is None or pd.isna(b) or a == b:
            marks.append(f'<circle cx="{at(a):.1f}" cy="{y}" r="4" fill="#0072b2"/>')
        else:
            marks.append(f'<rect x="{at(a):.1f}" y="{y - 4}" width="{max(at(b) - at(a), 2):.1f}" height="8" '
                         f'fill="#0072b2" fill-opacity="0.45"/>')
    h = 14 + len(g) * step + 14
    axis = (f'<line x1="{x0}" y1="{h - 18}" x2="{x1}" y2="{h - 18}" stroke="#999"/>'
            f'<text x="{x0}" y="{h - 4}">{esc(text(left))}</text>'
            f'<text x="{x1}" y="{h - 4}" text-anchor="end">{esc(text(right))}</text>')
    return (f'<svg class="kd-versions" viewBox="0 0 {width} {h}" width="100%" role="img" '
            f'aria-label="versions of {esc(g["conflict_group"].iloc[0])}" font-size="11">{"".join(marks)}{axis}</svg>')


def measures_markdown() -> str:
    """The codebook: every measure with its definition, units, the series it feeds, and its claims."""
    from .docs import series_kind_columns
    c = claims()
    rows = []
    for m in measures().to_dict("records"):
        feeds = "; ".join(f"{esc(series).replace('_', ' ')} ({esc(m[col])})"
                          for col, series in series_kind_columns().items() if isinstance(m[col], str)) or "none"
        units = ", ".join(esc(unit_words(u)) for u in m["unit_family"].split())
        ids = c.loc[c["measure_id"].eq(m["measure_id"]), "claim_id"]
        note = "" if pd.isna(m["notes"]) else f'<p class="kd-note">{esc(m["notes"])}</p>'
        rows.append(f'<section class="kd-measure-entry" id="{esc(m["measure_id"])}">'
                    f'<p class="kd-entry-head"><strong>{esc(m["label"])}</strong> · '
                    f'<code class="kd-self">{esc(m["measure_id"])}</code></p>'
                    f'<p>{esc(m["definition"])}</p>{note}'
                    f'<p class="kd-note">Stated in: {units}.<br>Series: {feeds}.</p>'
                    f'<details><summary>{len(ids)} claim{"s" if len(ids) != 1 else ""}</summary><p class="kd-ids">'
                    + " ".join(f"<code>{esc(i)}</code>" for i in ids) + "</p></details></section>")
    return ("# The codebook\n\nWhat each claim counts. Every claim names one measure of "
            "`data/measures.csv`; the series are built by joining the claims to this table, never from the "
            "sources' wording, which each claim keeps. Under each definition: the units a claim of the "
            "measure may be stated in, the series its claims feed and the kind of row they give there, "
            "and the claims themselves.\n\n" + _raw("".join(rows)))


def places_markdown() -> str:
    rows = "".join(
        f'<tr id="{esc(r["place_id"])}"><td><code class="kd-self">{esc(r["place_id"])}</code></td>'
        f'<td>{esc(r["name_1920s"])}</td><td>{esc(r["name_today"])}</td><td>{esc(r["name_variants"])}</td>'
        f'<td>{esc(r["kind"])}</td><td class="kd-num">{esc(r["lat"])}, {esc(r["lon"])}</td>'
        f'<td><code>{esc(r["source_id"])}</code> {esc(r["locator"])}: <q>{esc(r["quote"])}</q></td></tr>'
        for _, r in places().iterrows())
    return ("# Gazetteer\n\nEvery place the data names, with the spellings the sources use; coordinates are the "
            "project's approximate placement (decimal degrees).\n\n" + _raw(
                f'<div class="kd-table"><table><thead><tr><th>id</th><th>name in the 1920s</th><th>name today</th>'
                f'<th>spellings</th><th>kind</th><th>latitude, longitude</th><th>source</th></tr></thead>'
                f'<tbody>{rows}</tbody></table></div>'))


def people_markdown() -> str:
    names = person_names()
    label = dict(zip(sources()["source_id"], sources()["citation_label"]))
    blocks = []
    for _, p in people().iterrows():
        spellings = "".join(
            f'<li>“{esc(n["name_as_written"])}”: {esc(label[n["source_id"]])}, {esc(n["locator"])} '
            f'<code>{esc(n["source_id"])}</code></li>'
            for _, n in names[names["person_id"].eq(p["person_id"])].iterrows())
        blocks.append(f'<section class="kd-person" id="{esc(p["person_id"])}"><h2>{esc(p["name"])}</h2>'
                      f'<p><code class="kd-self">{esc(p["person_id"])}</code> · {esc(p["roles"]).replace(";", "; ")}'
                      f' · origin: {esc(p["origin"])}</p><ul>{spellings}</ul><p class="kd-note">{esc(p["notes"])}</p>'
                      f'</section>')
    return "# People\n\nEvery person the data names, with every spelling and its source.\n\n" + _raw("".join(blocks))


def search_markdown() -> str:
    """Every claim and event in one table: sortable, filterable, searchable offline; a plain table without JavaScript."""
    label = dict(zip(sources()["source_id"], sources()["citation_label"]))
    rows = []
    for _, r in claims().iterrows():
        rows.append(("claim", r["claim_id"], r["topic"], r["source_id"], r["status"],
                     period_label(r["period_start"], r["period_end"], r["date_precision"]),
                     f'{r["measure"]}: {_figure(r)}', r["conflict_group"], r["quote"]))
    for _, e in events().iterrows():
        rows.append(("event", e["event_id"], e["category"], e["source_id"], "dated",
                     period_label(e["date_start"], e["date_end"], e["date_precision"]),
                     e["event"], e["conflict_group"], e["quote"]))
    body = "".join(
        f'<tr><td>{kind}</td><td><code>{esc(i)}</code></td><td>{esc(t).replace("_", " ")}</td>'
        f'<td>{esc(label[s])}</td><td>{esc(st).replace("_", " ")}</td><td>{esc(when)}</td><td>{esc(what)}</td>'
        f'<td>{"" if pd.isna(g) else f"<code>{esc(g)}</code>"}</td><td>{esc(q)}</td></tr>'
        for kind, i, t, s, st, when, what, g, q in rows)
    head = "".join(f"<th>{h}</th>" for h in ("kind", "id", "topic", "source", "status", "date or period",
                                               "what", "conflict group", "quote"))
    return ("# Every claim and event\n\n"
            f"{len(claims())} claims and {len(events())} events. Type in the search box to search every column, "
            "quotes included; choose a topic, source, status or conflict group to filter; click a header to "
            "sort. Each id leads to its entry on its source's page.\n\n"
            + _raw(f'<div class="kd-table"><table id="kd-evidence" class="kd-evidence display">'
                   f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
                   f'<link rel="stylesheet" href="../../{ASSETS}/dt_bundle.css">'
                   f'<script src="../../{ASSETS}/kd-datatables.js"></script>'
                   f'<script src="../../_static/kd-evidence.js"></script>'))


def index_markdown() -> str:
    label = sources().set_index("source_id")
    five = label[label["text_file"].str.startswith(FIVE_PREFIX)]
    outside = label.drop(five.index)
    link = lambda sid: f"- [{label.at[sid, 'citation_label']}](source-{sid}.md)"
    return "\n".join([
        "# The evidence\n",
        "Every figure, date and name in this book comes from a source, with a locator and a verbatim quote. "
        "These pages are generated from the data at each build.\n",
        "```{toctree}\n:maxdepth: 1\n\nsearch\nconflicts\nmeasures\nplaces\npeople\n```\n",
        "## The five documents\n", *[link(s) for s in five.index], "",
        "## Outside sources of context figures\n", *[link(s) for s in outside.index], "",
        "```{toctree}\n:hidden:\n\n" + "\n".join(f"source-{s}" for s in label.index) + "\n```\n"])


def chapter_uses(notebooks: list[Path], root: Path) -> dict[str, list[str]]:
    """Which pages (relative to root, without suffix) name each conflict group."""
    groups = set(conflicts()["conflict_group"])
    uses: dict[str, list[str]] = {}
    for nb in notebooks:
        text = nb.read_text(encoding="utf-8")
        page = nb.relative_to(root).with_suffix("").as_posix()
        for g in sorted(groups):
            if re.search(rf"(?<![\w]){re.escape(g)}(?![\w])", text):
                uses.setdefault(g, []).append(page)
    return uses


def write_pages(book: Path, notebooks: list[Path], root: Path) -> list[Path]:
    """Write every evidence page into ``book/evidence`` (emptied first); return the files written."""
    folder = book / FOLDER
    if folder.exists():
        for old in folder.glob("*.md"):
            old.unlink()
    folder.mkdir(exist_ok=True)
    pages = {"index": index_markdown(), "search": search_markdown(),
             "conflicts": conflicts_markdown(chapter_uses(notebooks, root)),
             "measures": measures_markdown(), "places": places_markdown(), "people": people_markdown()}
    for sid in sources()["source_id"]:
        pages[f"source-{sid}"] = source_markdown(sid)
    written = []
    for name, text in pages.items():
        path = folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def write_assets(target: Path) -> list[Path]:
    """DataTables for the search page, offline: itables' bundle, as a classic script that holds it in base64."""
    import base64
    from importlib.resources import files
    bundle = files("itables") / "html"
    target.mkdir(parents=True, exist_ok=True)
    js = base64.b64encode((bundle / "dt_bundle.js").read_bytes()).decode("ascii")
    (target / "kd-datatables.js").write_text(f'window.KD_DATATABLES = "{js}";\n', encoding="ascii")
    (target / "dt_bundle.css").write_bytes((bundle / "dt_bundle.css").read_bytes())
    return [target / "kd-datatables.js", target / "dt_bundle.css"]


# --- ids become links -------------------------------------------------------------------------------

# An inline literal as docutils writes it, a <code> element of an output, or the quote id of a row
# of a reader table (shown as a short "quote" link); <code class="kd-self"> marks an entry's own
# id, which stays plain.
CODE = re.compile(r'<code class="docutils literal notranslate"><span class="pre">([^<]+)</span></code>'
                  r'|<code>([^<]+)</code>|<code class="kd-qid">([^<]+)</code>')


def link_ids(page_html: str, page: str, where: dict[str, tuple[str, str]]) -> tuple[str, list[str]]:
    """Link every id a page shows in code to its entry; return the page and the unknown id-like names.

    ``page`` is the HTML page's path relative to the site root ('notebooks/02-coal-and-coke.html').
    """
    unknown: list[str] = []
    depth = PurePosixPath(page).parent

    def replace(m: re.Match) -> str:
        name = m.group(1) or m.group(2) or m.group(3)
        if name not in where:
            if ID_LIKE.fullmatch(name):
                unknown.append(name)
            return m.group(0)
        target, anchor = where[name]
        href = _relative(PurePosixPath(f"book/{target}.html"), depth) + (f"#{anchor}" if anchor else "")
        if m.group(3):  # a row's quote in a reader table: a short link, the id in its tooltip
            return f'<a class="kd-id kd-qid" href="{href}" title="{name}">quote</a>'
        return f'<a class="kd-id" href="{href}">{m.group(0)}</a>'
    return CODE.sub(replace, page_html), unknown


def _relative(target: PurePosixPath, start: PurePosixPath) -> str:
    up = [".."] * len([p for p in start.parts if p not in (".", "")])
    return "/".join([*up, *target.parts])

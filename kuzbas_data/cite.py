"""Citation lines for sources and for the rows that quote them."""

from __future__ import annotations

import pandas as pd

from .evidence import claims, events, sources


def cite(row_id: str) -> str:
    """A citation line for a source, claim or event id.

    A source gives author, year, title, publisher and address; a claim or event adds the
    locator, the verbatim quote and its own id, so a reader can check it.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> print(kd.cite("yamanouchi2025"))
    Akito Yamanouchi (2025). Was It a Failure of Idealism? The Autonomous Industrial Colony “Kuzbas” and S.J. Rutgers. Kyushu University. https://doi.org/10.15017/7390867
    """
    src = sources().set_index("source_id")
    if row_id in src.index:
        return _source_line(src.loc[row_id])
    for table, key in ((claims(), "claim_id"), (events(), "event_id")):
        hit = table[table[key] == row_id]
        if len(hit):
            row = hit.iloc[0]
            return (f"{_source_line(src.loc[row['source_id']]).removesuffix('.')}, {row['locator']}: "
                    f"“{row['quote']}” [{key.removesuffix('_id')} {row_id}]")
    raise KeyError(f"{row_id!r} is not a source_id, claim_id or event_id in data/; "
                   "check the spelling, or list ids with kd.sources(), kd.claims(), kd.events()")


def _source_line(s: pd.Series) -> str:
    year = f"({s['year']})" if pd.notna(s["year"]) else "(n.d.)"
    if s["author"] == "unknown":  # an anonymous work is cited by its title
        parts = [f"{s['title']} {year}."]
    else:
        parts = [f"{s['author']} {year}. {s['title']}."]
    if pd.notna(s["publisher"]):
        parts.append(f"{s['publisher']}.")
    if pd.notna(s["address"]):
        parts.append(str(s["address"]))
    return " ".join(parts)

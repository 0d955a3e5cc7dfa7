"""Money: sums kept in their own currency, and the labels of chapter 05's charts.

No source gives an exchange rate, so sums in dollars, rubles, gold rubles and silver rubles
are never added or compared across currencies; :func:`distinct_sums` groups the claims that
state one sum more than once.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from .dates import period_labels

CURRENCY = {"usd": "US dollars", "rubles": "rubles", "gold_rubles": "gold rubles", "silver_rubles": "silver rubles"}


def source_names(ids: str, labels: dict[str, str]) -> str:
    """'a;b' (source ids) -> 'Label A; Label B'."""
    return "; ".join(labels[s] for s in ids.split(";"))


def periods(frame: pd.DataFrame) -> list[str]:
    """Each row's period as a short text (dates.period_label): '1923', 'Nov 1925', 'undated'."""
    return period_labels(frame)


def distinct_sums(money: pd.DataFrame) -> pd.DataFrame:
    """One row per sum (currency, measure, entity, value, source), with how many claims state it."""
    return (money.groupby(["kind", "measure", "entity", "value", "source"], observed=True, sort=False)
            .agg(when=("when", "first"), value_text=("value_text", "first"), basis=("basis", "first"),
                 status=("status", "first"), times_stated=("claim_ids", "size"), claim_ids=("claim_ids", ";".join))
            .reset_index().sort_values(["kind", "value", "measure"], kind="stable"))


def compact(v, _=None) -> str:
    """A tick label: 300k, 1.5M, 10."""
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            return f"{v / size:g}{suffix}"
    return f"{v:g}"


def two_lines(first: str, second: str, width: int = 52) -> str:
    """A tick label: what it is, then its entity, period and source, each wrapped."""
    return textwrap.fill(first, width) + "\n" + textwrap.fill(second, width + 8)

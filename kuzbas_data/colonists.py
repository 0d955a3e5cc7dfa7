"""The foreign colonists: what a breakdown's parts are called, and the rows of the migration chart (chapter 04)."""

from __future__ import annotations

import re

import pandas as pd

from .dates import period_label


def part_name(measure: str) -> str:
    """The part of the colonists a measure names: 'colonists (men)' -> 'men',
    'count of carpenters among colonists' -> 'carpenters'; anything else as it is."""
    found = re.search(r"\((.+)\)$", measure) or re.search(r"^count of (.+?)(?: among colonists| colonists)?$", measure)
    return found.group(1) if found else measure


#: Event wordings of going away from the colony (the events table has no direction column).
GOING = r"leaves? (?:Kuzbass|Kemerovo)|left Kemerovo|return (?:home|to the US)|away from Russia"


def comings_and_goings(events: pd.DataFrame, flows: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Migration events and arrival/departure figures as one list: id, what, dates, direction, source.

    ``flows`` are rows of series.colonists() of the kinds 'arrivals: groups and routes' and
    'departures and attrition'; their direction follows their kind, an event's its wording.
    """
    items = pd.concat([
        pd.DataFrame({"row_id": events["event_id"], "what": events["event"], "start": events["date_start"],
                      "end": events["date_end"], "record": "event", "source": events["source_id"].map(labels),
                      "direction": events["event"].str.contains(GOING).map({True: "away", False: "towards"})}),
        pd.DataFrame({"row_id": flows["claim_ids"], "what": flows["measure"] + ": " + flows["value_text"],
                      "start": flows["period_start"], "end": flows["period_end"], "record": "figure",
                      "source": flows["source_ids"].map(labels),
                      "direction": flows["kind"].str.startswith("departures").map({True: "away", False: "towards"})})],
        ignore_index=True)
    items["dating"] = [period_label(a, b) for a, b in zip(items["start"], items["end"])]
    return items.sort_values(["start", "end", "row_id"], na_position="last").reset_index(drop=True)

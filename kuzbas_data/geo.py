"""Distances between the places the sources name, and the colonists' routes from America.

Coordinates come from ``kd.places()``: they are the project's approximate placement (two
decimals, about 1 km), not figures from the sources. Distances are great-circle (haversine)
distances on a sphere: the shortest path between two placed points, so a lower bound on any
journey between them by rail or sea.

The routes are the two ways to Kemerovo that the web exhibition describes in its section
"It's a long way to Kuzbass": across the Atlantic from New York to Rotterdam or Libava, on to
Petrograd by smaller steamers and by a special train to Kemerovo; or from San Francisco across
the Pacific to Japan, to Vladivostok and by train to Kemerovo. Which places form each route is
the project's reading (:data:`ROUTE_STOPS`); each stop names the row whose quote attests it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .evidence import claims, events, places
from .units import km_to_versts

#: Mean Earth radius in km (IUGG R1 of the WGS84 ellipsoid). A geodetic convention, not a
#: figure from any source; a sphere is good to about 0.5 %, finer than the placements.
EARTH_RADIUS_KM = 6371.0

#: The basis of every distance this module computes.
ROUTE_BASIS = ("derived (great-circle between the project's approximate coordinates; "
               "the real route by rail or sea was longer)")

#: route_id -> (label, stops in travel order); a stop is (place_id, table, row_id), the row of
#: claims, events or places whose quote names the stop. The Atlantic crossing went "from New
#: York to Rotterdam or from New York to Libava", so it is kept as two variants.
#: - New York: the first group's departure on the steamer Adriatic (8 April 1922).
#: - Rotterdam, Libava, Petrograd, Vladivostok: the places rows quoting the route section.
#: - Kemerovo, Atlantic: the event quoting "A special train took them from there to Kemerovo".
#: - San Francisco, Japan: the claim on the groups that took the Pacific route.
#: - Kemerovo, Pacific: the vladivostok row ("... and from there by train to Kemerovo").
#: Japan has no coordinates (no port is named): :func:`route_legs` passes it by.
ROUTE_STOPS: dict[str, tuple[str, tuple[tuple[str, str, str], ...]]] = {
    "atlantic_rotterdam": ("Atlantic, via Rotterdam", (
        ("new_york", "events", "exh_first_group_departed_new_york_1922_04_08"),
        ("rotterdam", "places", "rotterdam"),
        ("petrograd", "places", "petrograd"),
        ("kemerovo", "events", "exh_special_train_petrograd_kemerovo_1922_1926"),
    )),
    "atlantic_libava": ("Atlantic, via Libava", (
        ("new_york", "events", "exh_first_group_departed_new_york_1922_04_08"),
        ("libava", "places", "libava"),
        ("petrograd", "places", "petrograd"),
        ("kemerovo", "events", "exh_special_train_petrograd_kemerovo_1922_1926"),
    )),
    "pacific": ("Pacific, via Japan and Vladivostok", (
        ("san_francisco", "claims", "exh_pacific_route_groups_several"),
        ("japan", "claims", "exh_pacific_route_groups_several"),
        ("vladivostok", "places", "vladivostok"),
        ("kemerovo", "places", "vladivostok"),
    )),
}

_TABLES = {"claims": (claims, "claim_id"), "events": (events, "event_id"), "places": (places, "place_id")}


def great_circle_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two points, by the haversine formula.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float or array-like
        Latitudes (°N) and longitudes (°E) in decimal degrees; arrays broadcast.

    Returns
    -------
    float or numpy.ndarray
        Distance along the sphere of radius :data:`EARTH_RADIUS_KM`, in km.

    Examples
    --------
    >>> round(great_circle_km(0.0, 0.0, 1.0, 0.0), 2)  # one degree of latitude
    111.19
    """
    phi1, phi2 = np.radians(np.asarray(lat1, float)), np.radians(np.asarray(lat2, float))
    dlmb = np.radians(np.asarray(lon2, float) - np.asarray(lon1, float))
    h = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    d = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return float(d) if np.ndim(d) == 0 else d


def destination(lat, lon, bearing_deg, distance_km):
    """The point reached from (lat, lon) along a great circle, by initial bearing and distance.

    Parameters
    ----------
    lat, lon : float
        The start, decimal degrees.
    bearing_deg : float or array-like
        Initial bearing, degrees clockwise from north (90 = due east).
    distance_km : float or array-like
        Distance along the sphere of radius :data:`EARTH_RADIUS_KM`, in km.

    Returns
    -------
    (lat2, lon2) : tuple of float or numpy.ndarray
        Decimal degrees (longitude not wrapped).
    """
    phi1, lmb1 = np.radians(lat), np.radians(lon)
    delta = np.asarray(distance_km, dtype=float) / EARTH_RADIUS_KM
    theta = np.radians(bearing_deg)
    phi2 = np.arcsin(np.sin(phi1) * np.cos(delta) + np.cos(phi1) * np.sin(delta) * np.cos(theta))
    lmb2 = lmb1 + np.arctan2(np.sin(theta) * np.sin(delta) * np.cos(phi1),
                             np.cos(delta) - np.sin(phi1) * np.sin(phi2))
    lat2, lon2 = np.degrees(phi2), np.degrees(lmb2)
    return (float(lat2), float(lon2)) if np.ndim(lat2) == 0 else (lat2, lon2)


def circle_around(lat: float, lon: float, radius_km: float, n: int = 181) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points at great-circle distance ``radius_km`` round a centre, to draw a radius.

    Bearings run from 0° to 360°, so the first point (due north) is repeated at the end and
    the ring is closed. Returns ``(lats, lons)`` in decimal degrees.
    """
    return destination(lat, lon, np.linspace(0.0, 360.0, n), radius_km)


def wrap_lon(lon, west: float = -180.0):
    """Longitudes shifted by whole turns into [west, west + 360).

    Lets a map run on across the 180th meridian: with ``west=-90``, San Francisco
    (-122.42 °E) is drawn at 237.58, east of Vladivostok (131.89 °E).
    """
    return (np.asarray(lon, dtype=float) - west) % 360.0 + west


def evidence_row(table: str, row_id: str) -> pd.Series:
    """One row of the claims, events or places table, by its id.

    Raises
    ------
    KeyError
        When the table is not one of the three, or has no row with that id.
    """
    if table not in _TABLES:
        raise KeyError(f"table must be one of {sorted(_TABLES)}, not {table!r}")
    load, id_column = _TABLES[table]
    frame = load()
    hit = frame[frame[id_column] == row_id]
    if len(hit) != 1:
        raise KeyError(f"{row_id!r} is not a {id_column} in data/{table}.csv")
    return hit.iloc[0]


def routes() -> pd.DataFrame:
    """The colonists' routes from America to Kemerovo, one row per stop (:data:`ROUTE_STOPS`).

    Returns
    -------
    pandas.DataFrame
        ``route_id``, ``route`` (label), ``stop`` (1, 2, ... in travel order), ``place_id``,
        ``name`` (name_1920s), ``lat``, ``lon`` (float, NaN where the place is not placed),
        ``attested_table`` and ``attested_by`` (the row whose quote names the stop), and that
        row's ``source_id`` and ``quote``. Sorted by route_id and stop.
    """
    pl = places().set_index("place_id")
    lat = pl["lat"].to_numpy("float64", na_value=np.nan)
    lon = pl["lon"].to_numpy("float64", na_value=np.nan)
    where = {p: (lat[i], lon[i]) for i, p in enumerate(pl.index)}
    rows = []
    for route_id, (label, stops) in ROUTE_STOPS.items():
        for order, (place_id, table, row_id) in enumerate(stops, start=1):
            row = evidence_row(table, row_id)
            rows.append({"route_id": route_id, "route": label, "stop": order, "place_id": place_id,
                         "name": pl.at[place_id, "name_1920s"],
                         "lat": where[place_id][0], "lon": where[place_id][1],
                         "attested_table": table, "attested_by": row_id,
                         "source_id": row["source_id"], "quote": row["quote"]})
    return pd.DataFrame(rows).sort_values(["route_id", "stop"]).reset_index(drop=True)


def route_legs(place_ids) -> pd.DataFrame:
    """Consecutive legs of a route through placed stops, with great-circle distances.

    Parameters
    ----------
    place_ids : sequence of str
        Ids from ``kd.places()`` in travel order. A stop without coordinates (Japan) is passed
        by and named in the ``via`` column of the leg that spans it: by the triangle
        inequality the direct distance is still a lower bound on the way through it.

    Returns
    -------
    pandas.DataFrame
        ``leg`` (1, 2, ...), ``from_id``, ``from_name``, ``to_id``, ``to_name`` (name_1920s),
        ``via`` (``""`` if none), ``km``, ``versts`` (:func:`kuzbas_data.units.km_to_versts`)
        and ``basis`` (:data:`ROUTE_BASIS`).

    Raises
    ------
    KeyError
        When an id is not in the places table.
    ValueError
        When fewer than two of the stops have coordinates.
    """
    pl = places().set_index("place_id")
    place_ids = list(place_ids)
    unknown = [p for p in place_ids if p not in pl.index]
    if unknown:
        raise KeyError(f"not place ids in data/places.csv: {unknown}")
    placed = [p for p in place_ids if pd.notna(pl.at[p, "lat"]) and pd.notna(pl.at[p, "lon"])]
    if len(placed) < 2:
        raise ValueError(f"a route needs at least two placed stops, got {placed}")
    rows, skipped, previous = [], [], None
    for p in place_ids:
        if p not in placed:
            if previous is not None:  # an unplaced stop before the first placed one is on no leg
                skipped.append(str(pl.at[p, "name_1920s"]))
            continue
        if previous is not None:
            a, b = pl.loc[previous], pl.loc[p]
            km = great_circle_km(a["lat"], a["lon"], b["lat"], b["lon"])
            rows.append({"leg": len(rows) + 1, "from_id": previous, "from_name": a["name_1920s"],
                         "to_id": p, "to_name": b["name_1920s"], "via": "; ".join(skipped),
                         "km": km, "versts": float(km_to_versts(km)), "basis": ROUTE_BASIS})
        previous, skipped = p, []
    return pd.DataFrame(rows)


def place_sources(place_ids) -> list[str]:
    """The source ids of the places rows ``place_ids``, in first-seen order (for a source line)."""
    pl = places().set_index("place_id")
    return list(dict.fromkeys(str(pl.at[p, "source_id"]) for p in place_ids))

"""Tests of kuzbas_data.geo: great-circle distances, route legs and the attested routes.

Expected values are worked by hand (or with a different formula than the code's haversine,
the spherical law of cosines, cos c = sin φ1 sin φ2 + cos φ1 cos φ2 cos Δλ), from the
coordinates in data/places.csv; the working is in the comments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kuzbas_data as kd
from kuzbas_data import geo, units

# One degree of arc on the sphere of radius 6371.0 km: 6371.0 * pi / 180 = 111.19493 km
ONE_DEGREE_KM = 111.19493


def test_one_degree_of_latitude_anywhere_on_a_meridian():
    assert geo.great_circle_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(ONE_DEGREE_KM, rel=1e-6)
    assert geo.great_circle_km(55.0, 86.0, 56.0, 86.0) == pytest.approx(ONE_DEGREE_KM, rel=1e-6)


def test_quarter_of_the_equator_and_across_the_date_line():
    # 90 degrees of the equator: pi / 2 * 6371.0 = 10007.543 km
    assert geo.great_circle_km(0.0, 0.0, 0.0, 90.0) == pytest.approx(10007.543, rel=1e-6)
    # 179 °E to 179 °W on the equator is 2 degrees of arc the short way, not 358
    assert geo.great_circle_km(0.0, 179.0, 0.0, -179.0) == pytest.approx(2 * ONE_DEGREE_KM, rel=1e-6)


def test_distance_is_symmetric_zero_on_the_spot_and_vectorised():
    assert geo.great_circle_km(55.36, 86.11, 55.36, 86.11) == 0.0
    a = geo.great_circle_km(40.71, -74.01, 59.94, 30.31)
    assert a == pytest.approx(geo.great_circle_km(59.94, 30.31, 40.71, -74.01))
    out = geo.great_circle_km(np.array([0.0, 0.0]), 0.0, np.array([1.0, 0.0]), np.array([0.0, 90.0]))
    assert out == pytest.approx([ONE_DEGREE_KM, 10007.543], rel=1e-6)


def test_petrograd_to_kemerovo_by_the_law_of_cosines():
    # places.csv: petrograd 59.94 N 30.31 E, kemerovo 55.38 N 86.08 E; Δλ = 55.77 degrees.
    #   sin 59.94 = 0.865501, sin 55.38 = 0.822938, cos 59.94 = 0.500907, cos 55.38 = 0.568131,
    #   cos 55.77 = 0.562516
    #   cos c = 0.865501 * 0.822938 + 0.500907 * 0.568131 * 0.562516 = 0.712254 + 0.160081 = 0.872335
    #   c = arccos 0.872335 = 0.510838 rad; 0.510838 * 6371.0 = 3254.55 km
    legs = geo.route_legs(["petrograd", "kemerovo"])
    assert legs.at[0, "km"] == pytest.approx(3254.55, abs=0.05)
    # in versts: 3254.55 / 1.06678 (claim ctx_granat_km_per_verst) = 3050.82
    assert legs.at[0, "versts"] == pytest.approx(3050.82, abs=0.05)


def test_new_york_to_rotterdam_by_the_law_of_cosines():
    # new_york 40.71 N -74.01 E, rotterdam 51.92 N 4.48 E; Δλ = 78.49 degrees.
    #   cos c = 0.652231 * 0.787150 + 0.758021 * 0.616761 * 0.199539 = 0.513404 + 0.093288 = 0.606692
    #   c = 0.918904 rad; * 6371.0 = 5854.34 km
    assert geo.great_circle_km(40.71, -74.01, 51.92, 4.48) == pytest.approx(5854.34, abs=0.05)


def test_route_legs_on_one_meridian():
    # kemerovo 55.38 N and kemerovo_mine 55.37 N, both at 86.08 E: 0.01 degree of latitude,
    # 0.01 * 111.19493 = 1.1119 km each way
    legs = geo.route_legs(["kemerovo", "kemerovo_mine", "kemerovo"])
    assert legs["leg"].tolist() == [1, 2]
    assert legs["from_id"].tolist() == ["kemerovo", "kemerovo_mine"]
    assert legs["to_name"].tolist() == ["Kemerovo Mine", "Kemerovo"]
    assert legs["km"].tolist() == pytest.approx([1.1119493, 1.1119493], rel=1e-5)
    assert legs["via"].tolist() == ["", ""]
    assert (legs["basis"] == geo.ROUTE_BASIS).all() and geo.ROUTE_BASIS.startswith("derived")


def test_route_legs_versts_follow_the_granat_factor():
    # 1 verst = 1.06678 km (claim ctx_granat_km_per_verst): 1.1119493 / 1.06678 = 1.04234 versts
    assert kd.claims().set_index("claim_id").at["ctx_granat_km_per_verst", "value"] == 1.06678
    legs = geo.route_legs(["kemerovo", "kemerovo_mine"])
    assert legs.at[0, "versts"] == pytest.approx(1.04234, rel=1e-5)
    pacific = geo.route_legs(["san_francisco", "japan", "vladivostok", "kemerovo"])
    assert units.versts_to_km(pacific["versts"]).tolist() == pytest.approx(pacific["km"].tolist(), rel=1e-12)


def test_the_pacific_leg_passes_japan_by():
    # japan has no coordinates: the first leg runs San Francisco -> Vladivostok and names Japan.
    # sf 37.77 N -122.42 E, vladivostok 43.12 N 131.89 E; Δλ = 254.31 degrees, cos = -0.270432
    #   cos c = 0.612493 * 0.683529 + 0.790476 * 0.729924 * (-0.270432) = 0.418657 - 0.156036 = 0.262621
    #   c = 1.305059 rad; * 6371.0 = 8314.53 km (the short way, across the Pacific)
    legs = geo.route_legs(["san_francisco", "japan", "vladivostok", "kemerovo"])
    assert legs[["from_id", "to_id", "via"]].values.tolist() == [
        ["san_francisco", "vladivostok", "Japan"], ["vladivostok", "kemerovo", ""]]
    assert legs.at[0, "km"] == pytest.approx(8314.53, abs=0.05)


def test_route_legs_errors():
    with pytest.raises(KeyError, match="not_a_place"):
        geo.route_legs(["kemerovo", "not_a_place"])
    with pytest.raises(ValueError, match="two placed stops"):
        geo.route_legs(["japan", "kemerovo"])


def test_routes_are_the_exhibitions_two_ways():
    r = geo.routes()
    stops = r.groupby("route_id")["place_id"].apply(list).to_dict()
    # "from New York to Rotterdam or from New York to Libava ... went to Petrograd by smaller
    # steamers" and "from San Francisco across the Pacific to Japan, then to Vladivostok, and
    # from there by train to Kemerovo"
    assert stops == {"atlantic_libava": ["new_york", "libava", "petrograd", "kemerovo"],
                     "atlantic_rotterdam": ["new_york", "rotterdam", "petrograd", "kemerovo"],
                     "pacific": ["san_francisco", "japan", "vladivostok", "kemerovo"]}
    assert r.groupby("route_id")["stop"].apply(list).map(lambda s: s == [1, 2, 3, 4]).all()
    # Japan is the only stop without coordinates
    assert r.loc[r["lat"].isna(), "place_id"].unique().tolist() == ["japan"]
    # all from the exhibition's section "It's a long way to Kuzbass" or its events
    assert set(r["source_id"]) == {"aic_exhibition"}


def test_every_stop_is_named_in_its_attesting_quote():
    pl = kd.places().set_index("place_id")
    for row in geo.routes().itertuples():
        assert geo.evidence_row(row.attested_table, row.attested_by)["quote"] == row.quote
        names = {pl.at[row.place_id, "name_1920s"]}
        if pd.notna(pl.at[row.place_id, "name_variants"]):
            names |= set(pl.at[row.place_id, "name_variants"].split(";"))
        assert any(n in row.quote for n in names), (row.route_id, row.place_id, row.attested_by)


def test_evidence_row_errors():
    with pytest.raises(KeyError):
        geo.evidence_row("people", "rutgers")
    with pytest.raises(KeyError, match="nowhere"):
        geo.evidence_row("places", "nowhere")


def test_wrap_lon():
    # San Francisco, -122.42 E, is -122.42 + 360 = 237.58 in a frame that starts at 90 W
    assert float(geo.wrap_lon(-122.42, west=-90.0)) == pytest.approx(237.58)
    assert geo.wrap_lon([-74.01, 131.89], west=-90.0).tolist() == pytest.approx([-74.01, 131.89])
    assert float(geo.wrap_lon(190.0)) == pytest.approx(-170.0)


def test_destination_and_circle_around():
    # due east along the equator by one degree's worth of km is one degree of longitude
    assert geo.destination(0.0, 0.0, 90.0, ONE_DEGREE_KM) == pytest.approx((0.0, 1.0), abs=1e-6)
    # due south by two degrees' worth from 55 N stays on the meridian, at 53 N
    assert geo.destination(55.0, 86.0, 180.0, 2 * ONE_DEGREE_KM) == pytest.approx((53.0, 86.0), abs=1e-6)
    # a ring of 5 points: north, east, south, west, north again; the first is one degree north
    lats, lons = geo.circle_around(55.35, 86.09, ONE_DEGREE_KM, n=5)
    assert (lats[0], lons[0]) == pytest.approx((56.35, 86.09), abs=1e-6)
    assert (lats[2], lons[2]) == pytest.approx((54.35, 86.09), abs=1e-6)
    assert (lats[-1], lons[-1]) == pytest.approx((lats[0], lons[0]))
    # every point of the 15 versts ring is 15 * 1.06678 = 16.0017 km from the centre
    lats, lons = geo.circle_around(55.35, 86.09, 16.0017)
    assert geo.great_circle_km(55.35, 86.09, lats, lons) == pytest.approx(np.full(181, 16.0017), rel=1e-9)


def test_place_sources_in_first_seen_order():
    # places.csv: kemerovo is read from loc2000, shcheglovsk and kemerovo_mine from the exhibition
    assert geo.place_sources(["kemerovo", "shcheglovsk", "kemerovo_mine"]) == ["loc2000", "aic_exhibition"]

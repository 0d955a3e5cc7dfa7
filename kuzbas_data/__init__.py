"""Evidence and series for the Autonomous Industrial Colony "Kuzbass" (Kemerovo, 1921-1927).

Every table is described in data/datapackage.json and loaded with the types it declares::

    import kuzbas_data as kd
    kd.claims()           # every quantitative statement, with its quote
    kd.measures()         # the codebook: what each claim counts, and the series it feeds
    kd.cite("exh_farm_area")
    kd.conflicts()        # competing versions of disputed figures and dates
    kd.conflict_groups()  # per group: rows, distinct versions, sources
"""

from .cite import cite
from .datapackage import descriptor, read_table, table_names
from .errors import DataError
from . import series, units
from .evidence import (claims, conflict_groups, conflicts, events, measures, nationality_evidence, people, periods,
                       person_names, places, sources)
from .validation import check, validate

__all__ = ["DataError", "check", "cite", "claims", "conflict_groups", "conflicts", "descriptor", "events", "measures", "people",
           "nationality_evidence", "periods", "person_names", "places", "read_table", "sources", "series", "table_names", "units", "validate"]
__version__ = "0.1.0"

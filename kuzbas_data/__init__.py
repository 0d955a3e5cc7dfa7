"""Evidence and series for the Autonomous Industrial Colony "Kuzbass" (Kemerovo, 1921-1927).

Every table is described in data/datapackage.json and loaded with the types it declares::

    import kuzbas_data as kd
    kd.sources()          # the source documents
"""

from .errors import DataError
from .datapackage import descriptor, read_table, table_names
from .evidence import sources

__all__ = ["DataError", "descriptor", "read_table", "sources", "table_names"]
__version__ = "0.1.0"

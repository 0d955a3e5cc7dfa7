"""Loaders for the evidence tables: what the sources say, as they say it."""

from __future__ import annotations

import pandas as pd

from .datapackage import read_table


def sources() -> pd.DataFrame:
    """The source documents, one row per source.

    Returns
    -------
    pandas.DataFrame
        Columns as described in data/datapackage.json: ``source_id``, ``author``,
        ``title``, ``year`` (nullable integer), ``publisher``, ``address``, ``kind``
        (ordered categorical), ``language``, ``licence``, ``text_file``, ``notes``.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> kd.sources().set_index("source_id").loc["yamanouchi2025", "year"]
    np.int64(2025)
    """
    return read_table("sources")

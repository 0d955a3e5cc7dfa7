"""The one exception the package raises for bad data, with the place and the fix."""

from __future__ import annotations


class DataError(ValueError):
    """A data file breaks the schema or a cross-table rule.

    The message names the file, the row (counted as a spreadsheet does: the header is
    row 1), the column, what is wrong and how to fix it. The same parts are kept as
    attributes so that tools and tests can use them.
    """

    def __init__(self, file: str, problem: str, fix: str, *, row: int | None = None,
                 column: str | None = None, row_id: str | None = None):
        self.file, self.row, self.column, self.row_id = file, row, column, row_id
        self.problem, self.fix = problem, fix
        where = file
        if row is not None:
            where += f", row {row}"
            if row_id:
                where += f" ({row_id})"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem} — {fix}")

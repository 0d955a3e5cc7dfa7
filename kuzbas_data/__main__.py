"""Command line: ``python -m kuzbas_data validate [DATA_DIR]``."""

from __future__ import annotations

import argparse
import sys

from .errors import DataError
from .validate import check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kuzbas_data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check every table against the schema and the rules")
    val.add_argument("data_dir", nargs="?", help="a folder with edited copies of the CSV files")
    args = parser.parse_args(argv)
    if args.command == "validate":
        report = check(data_dir=args.data_dir)
        for note in report.skipped:
            print(f"skipped: {note}")
        for problem in report.problems:
            print(problem)
        print(f"{len(report.problems)} problem(s)")
        return 1 if report.problems else 0
    return 2


if __name__ == "__main__":
    sys.exit(main())

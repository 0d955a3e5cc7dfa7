"""Command line: ``python -m kuzbas_data validate [DATA_DIR]`` and ``python -m kuzbas_data series``."""

from __future__ import annotations

import argparse
import sys

from .errors import DataError
from .validation import check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kuzbas_data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check every table against the schema and the rules")
    val.add_argument("data_dir", nargs="?", help="a folder with edited copies of the CSV files")
    ser = sub.add_parser("series", help="write every series to data/series/*.csv")
    ser.add_argument("--to", help="another folder to write them to")
    doc = sub.add_parser("docs", help="regenerate the README's data dictionary from the schema")
    doc.add_argument("readme", nargs="?", default="README.md")
    stu = sub.add_parser("student", help="write student versions (and handouts) of the seminar notebooks")
    stu.add_argument("folder", nargs="?", default="notebooks/seminar")
    stu.add_argument("--handouts", help="also write print-ready HTML handouts to this folder")
    stm = sub.add_parser("stamp", help="record in each freshly executed notebook what its outputs were computed from")
    stm.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "stamp":
        from .freshness import stamp
        for path in args.notebooks:
            print(f"{'stamped' if stamp(path) else 'already current'}: {path}")
        return 0
    if args.command == "student":
        from pathlib import Path
        from .teaching import write_handouts, write_student_versions
        for path in write_student_versions(Path(args.folder)):
            print(f"wrote {path}")
        if args.handouts:
            for path in write_handouts(Path(args.folder), Path(args.handouts)):
                print(f"wrote {path}")
        return 0
    if args.command == "docs":
        from pathlib import Path
        from .docs import update_readme
        print("README data dictionary", "updated" if update_readme(Path(args.readme)) else "already current")
        return 0
    if args.command == "series":
        from .series import write_all
        for name in write_all(args.to):
            print(f"wrote {name}")
        return 0
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

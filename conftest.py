"""Root pytest configuration: give nbval its sanitize file by absolute path.

nbval opens the file named by --nbval-sanitize-with relative to the working directory, so
setting it here lets ``pytest`` run from any directory.
"""

from pathlib import Path

SANITIZE = Path(__file__).parent / "tests" / "nbval_sanitize.cfg"
# Student versions have no stored outputs to compare; tests/test_seminar.py runs them instead.
collect_ignore_glob = ["notebooks/seminar/student/*"]


def pytest_configure(config):
    if config.option.nbval_sanitize_with is None:
        config.option.nbval_sanitize_with = str(SANITIZE)

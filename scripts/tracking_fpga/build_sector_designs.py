"""Split the test events' graphs into eta/phi sectors (phi local to the sector when
sectors.local_phi) and pad/truncate every sector graph to each design; designs.json reports the
edges lost per design."""

from trigml.cli import json_arg, log_to, parser, snakemake_argv


def main(argv: list[str] | None = None) -> None:
    p = parser(__doc__)
    p.add_argument("--graphs", nargs="+", required=True, help="event graph files (tracking study)")
    p.add_argument("--events", nargs="+", type=int, required=True, help="event number of each graph file")
    p.add_argument("--designs", type=json_arg, required=True, help="JSON [[n_nodes, n_edges], ...]")
    p.add_argument("--sectors", type=json_arg, required=True, help="JSON of the tracking_fpga.sectors block")
    p.add_argument("--design-files", nargs="+", required=True, help="one npz per design")
    p.add_argument("--summary", required=True, help="designs.json")
    args = p.parse_args(argv)
    with log_to(args.log):
        from trigml.tracking_fpga.steps import build_sector_designs

        build_sector_designs(args.graphs, args.events, args.designs, args.sectors, args.design_files, args.summary)


if "snakemake" in globals():  # run by Snakemake's script: (where __name__ is also "__main__")
    main(snakemake_argv(snakemake, json_params=("designs", "sectors")))  # noqa: F821
elif __name__ == "__main__":
    main()

# tracking study (DeZoort et al. 2021), per pT threshold {pt}:
#   TrackML events -> filter_hits -> build_graphs -> summarize_graphs (-> plot_graph_summary)
#                                                 -> train_in -> plot_training
#                                                 -> evaluate_edges -> plot_roc
#                                                 -> build_tracks -> plot_efficiency
# Events are split by position in data.trackml.events: train, then n_val, then the last n_test.

from trigml.tracking.split import graph_cuts, subset_events, subset_graphs  # noqa: E402

TRK = config["tracking"]
TRK_PTS = [patterns.tracking.pt_label(p) for p in TRK["pt_thresholds"]]
TRK_PARTS = ["hits", "particles", "truth"]
# event ids of a subset, and graph files of a subset at a threshold (input functions use these)
TRK_EVENTS = lambda subset: subset_events(trackml_event_ids(), subset, **TRK["split"])
TRK_GRAPHS = lambda subset: (
    lambda wc: subset_graphs(trackml_event_ids(), wc.pt, subset, **TRK["split"])
)


wildcard_constraints:
    pt=r"\d+\.\d+",


rule filter_hits:
    """Pixel hits of particles with pT >= {pt} GeV (noise dropped, one hit per particle and layer,
    the innermost) of every event, one parquet file per event."""
    input:
        expand(patterns.data.trackml_event(), event=trackml_event_ids(), part=TRK_PARTS),
    output:
        [patterns.tracking.filtered_hits(event=e) for e in trackml_event_ids()],
    log:
        patterns.log("tracking", "filter_hits", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "filter_hits", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 3000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        pt_min=lambda wc: float(wc.pt),
        prefixes=[
            f"{patterns.data.trackml_dir()}/event{e}" for e in trackml_event_ids()
        ],
    script:
        "../../scripts/tracking/filter_hits.py"


rule build_graphs:
    """Geometric graphs at pT threshold {pt}: edges on the 23 layer pairs passing the paper's
    phi-slope and z0 cuts (phi-sorted window search), features and truth labels."""
    input:
        rules.filter_hits.output,
    output:
        [patterns.tracking.graph_file(event=e) for e in trackml_event_ids()],
    log:
        patterns.log("tracking", "build_graphs", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "build_graphs", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        pt_min=lambda wc: float(wc.pt),
        phi_slope_max=lambda wc: graph_cuts(TRK["graph"]["cuts"], wc.pt)[
            "phi_slope_max"
        ],
        z0_max=lambda wc: graph_cuts(TRK["graph"]["cuts"], wc.pt)["z0_max"],
    script:
        "../../scripts/tracking/build_graphs.py"


rule summarize_graphs:
    """Edge efficiency and purity, mean nodes and edges per event of the graphs at {pt}."""
    input:
        rules.build_graphs.output,
    output:
        patterns.tracking.graph_summary(),
    log:
        patterns.log("tracking", "summarize_graphs", "pt{pt}"),
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        pt_min=lambda wc: float(wc.pt),
        phi_slope_max=lambda wc: graph_cuts(TRK["graph"]["cuts"], wc.pt)[
            "phi_slope_max"
        ],
        z0_max=lambda wc: graph_cuts(TRK["graph"]["cuts"], wc.pt)["z0_max"],
    script:
        "../../scripts/tracking/summarize_graphs.py"


rule plot_graph_summary:
    """Graph efficiency, purity, nodes and edges vs pT threshold, DeZoort et al.'s values beside."""
    input:
        expand(patterns.tracking.graph_summary(), pt=TRK_PTS),
    output:
        report(
            patterns.tracking.graph_summary_png(),
            caption="../report/tracking_graphs.rst",
            category="Tracking",
            subcategory="Graphs",
        ),
    log:
        patterns.log("tracking", "plot_graph_summary"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../../scripts/tracking/plot_graph_summary.py"


rule train_in:
    """Train the interaction network on the graphs at {pt} (training events; validation events
    for the best epoch, early stopping and the TPR = TNR threshold). The checkpoint is not
    protected() so that reruns in tests work; see trigml.tracking.train for its format.
    """
    input:
        train=TRK_GRAPHS("train"),
        val=TRK_GRAPHS("val"),
    output:
        model=patterns.tracking.in_checkpoint(),
        history=patterns.tracking.in_history(),
    log:
        patterns.log("tracking", "train_in", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "train_in", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 120 * attempt,
        gpu=1,
    params:
        hidden_size=TRK["train"]["hidden_size"],
        settings={k: v for k, v in TRK["train"].items() if k != "hidden_size"},
        seed=config["seed"],
    script:
        "../../scripts/tracking/train_in.py"


rule plot_training:
    """Loss and accuracy curves of the training at {pt}."""
    input:
        rules.train_in.output.history,
    output:
        report(
            patterns.tracking.training_png(),
            caption="../report/tracking_training.rst",
            category="Tracking",
            subcategory="Training",
        ),
    log:
        patterns.log("tracking", "plot_training", "pt{pt}"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../../scripts/tracking/plot_training.py"


rule evaluate_edges:
    """Edge metrics of the IN at {pt} on the test events, at the validation TPR = TNR threshold;
    also writes the test events' edge scores for track building."""
    input:
        model=rules.train_in.output.model,
        val=TRK_GRAPHS("val"),
        test=TRK_GRAPHS("test"),
    output:
        metrics=patterns.tracking.edge_metrics(),
        scores=patterns.tracking.edge_scores(),
    log:
        patterns.log("tracking", "evaluate_edges", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "evaluate_edges", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    script:
        "../../scripts/tracking/evaluate_edges.py"


rule plot_roc:
    """ROC curve of the edge classifier at {pt}."""
    input:
        rules.evaluate_edges.output.metrics,
    output:
        report(
            patterns.tracking.roc_png(),
            caption="../report/tracking_roc.rst",
            category="Tracking",
            subcategory="Edge classification",
        ),
    log:
        patterns.log("tracking", "plot_roc", "pt{pt}"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../../scripts/tracking/plot_roc.py"


rule build_tracks:
    """Tracks from the classified edges at {pt} (connected components and sparse DBSCAN) on the
    test events; efficiencies (perfect, double-majority, LHC), fake rates, TrackML score.
    """
    input:
        graphs=TRK_GRAPHS("test"),
        scores=rules.evaluate_edges.output.scores,
        metrics=rules.evaluate_edges.output.metrics,
        truth=lambda wc: expand(
            patterns.data.trackml_event(), event=TRK_EVENTS("test"), part="truth"
        ),
    output:
        patterns.tracking.track_metrics(),
    log:
        patterns.log("tracking", "build_tracks", "pt{pt}"),
    benchmark:
        patterns.benchmark("tracking", "build_tracks", "pt{pt}")
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=lambda wc, attempt: 4000 * attempt,
        runtime=lambda wc, attempt: 30 * attempt,
    params:
        prefixes=lambda wc: [
            f"{patterns.data.trackml_dir()}/event{e}" for e in TRK_EVENTS("test")
        ],
        tracks=TRK["tracks"],
    script:
        "../../scripts/tracking/build_tracks.py"


rule plot_efficiency:
    """Tracking efficiency vs particle pT and eta at {pt}, both building methods."""
    input:
        rules.build_tracks.output,
    output:
        pt=report(
            patterns.tracking.efficiency_png(var="pt"),
            caption="../report/tracking_efficiency.rst",
            category="Tracking",
            subcategory="Tracks",
        ),
        eta=report(
            patterns.tracking.efficiency_png(var="eta"),
            caption="../report/tracking_efficiency.rst",
            category="Tracking",
            subcategory="Tracks",
        ),
    log:
        patterns.log("tracking", "plot_efficiency", "pt{pt}"),
    localrule: True
    conda:
        "../../envs/torch.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    script:
        "../../scripts/tracking/plot_efficiency.py"


rule all_tracking:
    """Final targets of the tracking study."""
    input:
        patterns.tracking.graph_summary_png(),
        expand(patterns.tracking.graph_summary(), pt=TRK_PTS),
        expand(patterns.tracking.training_png(), pt=TRK_PTS),
        expand(patterns.tracking.roc_png(), pt=TRK_PTS),
        expand(patterns.tracking.efficiency_png(), pt=TRK_PTS, var=["pt", "eta"]),

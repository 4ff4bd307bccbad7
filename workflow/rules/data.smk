# TrackML-format data: simulated (default), downloaded, or read from a local folder.
# Every source ends in the same files, patterns.data.trackml_event(), so the studies never know which.
# Config-derived lists: trigml.data.inputs (tested).

from trigml.data import inputs as data_inputs

if TRACKML["source"] == "simulate":

    rule simulate_trackml:
        """Simulate the configured events (Pythia8 tt̄ + Poisson pileup through the TrackML-like
        detector) in the challenge's CSV format; one job for all events so Pythia initialises once.
        """
        output:
            csv=data_inputs.event_csvs(config),
        log:
            patterns.log("data", "simulate_trackml"),
        benchmark:
            patterns.benchmark("data", "simulate_trackml")
        retries: 1
        conda:
            "../../envs/sim.yaml"
        resources:
            mem_mb=scaled(4000),
        params:
            event_ids=TRACKML["events"],
            settings=TRACKML["simulation"],
            seed=config["seed"],
            outdir=data_inputs.output_dir,
        script:
            "../../scripts/data/simulate_trackml.py"

elif TRACKML["source"] == "download":

    rule download_trackml:
        """Download the TrackML archive (streamed to a temporary name, resumed, retried, checked
        against download.sha256 or the sha256 lock file recorded beside it, renamed when whole),
        extract the configured events, check them against the challenge format, and write them.
        """
        output:
            csv=ensure(data_inputs.event_csvs(config), non_empty=True),
        log:
            patterns.log("data", "download_trackml"),
        benchmark:
            patterns.benchmark("data", "download_trackml")
        retries: 2
        localrule: True
        conda:
            "../../envs/sim.yaml"
        resources:
            runtime=scaled(240),
        params:
            url=TRACKML["download"]["url"],
            sha256=TRACKML["download"]["sha256"],
            retries=TRACKML["download"]["retries"],
            event_ids=TRACKML["events"],
            download_dir=patterns.data.trackml_download_dir(),
            outdir=data_inputs.output_dir,
        script:
            "../../scripts/data/fetch_trackml.py"

else:

    rule import_trackml:
        """Read the configured events from an existing folder or zip (data.trackml.local_dir),
        check them, and copy them into the results tree."""
        input:
            local=repo_path(
                TRACKML["local_dir"] or "MISSING: set data.trackml.local_dir"
            ),
        output:
            csv=ensure(data_inputs.event_csvs(config), non_empty=True),
        log:
            patterns.log("data", "import_trackml"),
        benchmark:
            patterns.benchmark("data", "import_trackml")
        localrule: True
        conda:
            "../../envs/sim.yaml"
        params:
            event_ids=TRACKML["events"],
            outdir=data_inputs.output_dir,
        script:
            "../../scripts/data/fetch_trackml.py"


rule validate_simulation:
    """Compare simulated μ=200 events with the real particle table of TrackML event 1000:
    particle counts, pT and η spectra, nhits; writes the numbers and a figure."""
    input:
        reference=repo_path(TRACKML["validation"]["reference"]),
    output:
        json=patterns.data.validation_json(),
        png=report(
            patterns.data.validation_png(),
            caption="../report/data_validation.rst",
            category="1 data",
            labels={
                "study": "data",
                "figure": "simulation vs real event 1000",
                "sample": "mu = 200",
            },
        ),
    log:
        patterns.log("data", "validate_simulation"),
    benchmark:
        patterns.benchmark("data", "validate_simulation")
    conda:
        "../../envs/sim.yaml"
    resources:
        mem_mb=scaled(6000),
    params:
        settings=TRACKML["simulation"],
        mu=TRACKML["validation"]["mu"],
        n_events=TRACKML["validation"]["n_events"],
        seed=config["seed"],
    script:
        "../../scripts/data/validate_simulation.py"


rule all_data:
    """The data study's final targets: the events and the validation against real data."""
    input:
        data_inputs.event_csvs(config),
        patterns.data.validation_json(),
        patterns.data.validation_png(),

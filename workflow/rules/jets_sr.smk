# jets_sr study (Tsoi et al. 2023): jet data -> NN baseline -> symbolic regression -> hls4ml.
# The jet dataset, patterns.jets_dataset(), is shared with logic_warp; where it comes from is
# decided by jets_sr.data.source, like data.smk does for TrackML.

JETS = config["jets_sr"]
JET_CLASSES = ["g", "q", "t", "w", "z"]


wildcard_constraints:
    jet_class="|".join(JET_CLASSES),
    precision="float|quantized",


if JETS["data"]["source"] == "simulate":

    rule simulate_jets:
        """Simulate the jets of one class ({jet_class}: g, q, t, w, z) with Pythia8 at 13 TeV,
        cluster them with FastJet (anti-kT R = 0.8) and compute the 16 groomed-jet features.
        """
        output:
            parquet=temp(patterns.jets_class_sim()),
            stats=patterns.jets_class_stats(),
        log:
            patterns.log("jets_sr", "simulate_jets", "{jet_class}"),
        benchmark:
            patterns.benchmark("jets_sr", "simulate_jets", "{jet_class}")
        retries: 1
        conda:
            "../../envs/sim.yaml"
        threads: 1
        resources:
            mem_mb=lambda wc, attempt: 2000 * attempt,
            runtime=lambda wc, attempt: 60 * attempt,
        params:
            sim=JETS["data"]["simulation"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/simulate_jets.py"

    rule merge_jets:
        """Merge the five classes into the jet dataset (shuffled) and sum up the simulation speed."""
        input:
            parquets=expand(patterns.jets_class_sim(), jet_class=JET_CLASSES),
            stats=expand(patterns.jets_class_stats(), jet_class=JET_CLASSES),
        output:
            parquet=patterns.jets_dataset(),
            stats=patterns.jets_sim_stats(),
        log:
            patterns.log("jets_sr", "merge_jets"),
        conda:
            "../../envs/sim.yaml"
        threads: 1
        resources:
            mem_mb=2000,
            runtime=10,
        params:
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/merge_jets.py"

elif JETS["data"]["source"] == "download":

    rule download_jets:
        """Download the hls4ml LHC jet dataset (OpenML 42468; streamed, resumed, sha256-checked)
        and store it as parquet with the dataset's column names."""
        output:
            parquet=ensure(patterns.jets_dataset(), non_empty=True),
        log:
            patterns.log("jets_sr", "download_jets"),
        benchmark:
            patterns.benchmark("jets_sr", "download_jets")
        retries: 2
        localrule: True
        conda:
            "../../envs/sim.yaml"
        threads: 1
        resources:
            mem_mb=8000,
            runtime=120,
        params:
            url=JETS["data"]["download"]["url"],
            sha256=JETS["data"]["download"]["sha256"],
            retries=JETS["data"]["download"]["retries"],
            download_dir=patterns.jets_download_dir(),
            max_jets=JETS["data"]["max_jets"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/fetch_jets.py"

else:

    rule import_jets:
        """Read an existing OpenML 42468 file (jets_sr.data.local_path), check it, store it as parquet."""
        input:
            repo_path(
                JETS["data"]["local_path"] or "MISSING: set jets_sr.data.local_path"
            ),
        output:
            parquet=patterns.jets_dataset(),
        log:
            patterns.log("jets_sr", "import_jets"),
        localrule: True
        conda:
            "../../envs/sim.yaml"
        threads: 1
        resources:
            mem_mb=8000,
            runtime=30,
        params:
            max_jets=JETS["data"]["max_jets"],
            seed=config["seed"],
        script:
            "../../scripts/jets_sr/fetch_jets.py"


rule all_jets_sr:
    """Final targets of the jets_sr study."""
    input:
        patterns.jets_dataset(),

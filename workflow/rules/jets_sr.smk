# jets_sr study: rules are added here.


rule all_jets_sr:
    """Final targets of the jets_sr study."""
    input:
        [],

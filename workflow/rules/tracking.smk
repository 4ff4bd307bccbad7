# tracking study: rules are added here.


rule all_tracking:
    """Final targets of the tracking study."""
    input:
        [],

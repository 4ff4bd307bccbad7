# logic_warp study: rules are added here.


rule all_logic_warp:
    """Final targets of the logic_warp study."""
    input:
        [],

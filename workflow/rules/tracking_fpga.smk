# tracking_fpga study: rules are added here.


rule all_tracking_fpga:
    """Final targets of the tracking_fpga study."""
    input:
        [],

# anomaly_kd_l1 study: rules are added here.


rule all_anomaly_kd_l1:
    """Final targets of the anomaly_kd_l1 study."""
    input:
        [],

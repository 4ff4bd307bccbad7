# anomaly_kd study: rules are added here.


rule all_anomaly_kd:
    """Final targets of the anomaly_kd study."""
    input:
        [],

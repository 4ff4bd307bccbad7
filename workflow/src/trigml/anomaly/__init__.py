"""Anomaly detection with knowledge distillation (Pol et al. 2023): the paper's one-class
image study (``trigml.anomaly.paper``) and the L1-trigger application (``trigml.anomaly.l1``).

Framework-neutral pieces shared by both live here: the distillation target (``distill``) and
the metrics (``metrics``).
"""

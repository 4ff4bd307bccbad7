"""Tracking on FPGAs (Elabd et al. 2021, Heintz et al. 2020): fixed-size sector graphs, the
interaction network in hls4ml through its extension API, fixed-point scans, C simulation,
synthesis where the tools exist, and OpenCL matrix-form kernels run through PoCL."""

"""Tracking study (DeZoort et al. 2021): hit filtering, graphs, interaction network, track building."""

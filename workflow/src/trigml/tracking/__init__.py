"""Tracking study (DeZoort et al. 2021): hit filtering, graphs, interaction network, track building.

Modules: ``geometry`` (pixel layers, layer pairs, feature scale), ``filtering`` (hit selection per
pT threshold), ``graph`` (fast exact graph construction, graph files), ``model`` (the interaction
network), ``train`` (training, checkpoint format, ``load_model``), ``metrics`` (edge metrics),
``tracks`` (track building and efficiency definitions), ``split`` (event split and cuts for the
workflow), ``pipeline`` (one function per rule), ``plots``, ``toy`` (toy events for tests),
``bench`` (``make bench``).
"""

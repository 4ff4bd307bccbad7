"""The logic_warp study (Gerlach et al. 2026): WARP logic neural networks (node arity k = 2, 4, 6)
vs difflogic, their export to Verilog, bit-exact simulation and open-source synthesis.

``steps`` holds one function per rule, ``summary`` the metrics and the ablation table, ``settings``
the typed settings built from the validated config, ``inputs`` the rule files' input helpers.
"""

"""The hardware subsystem: one design → back-ends → one ``hardware.json`` schema (issue 14).

* :mod:`trigml.hardware.design` — :class:`~trigml.hardware.design.Design` (a study's fixed-point model:
  traced da4ml logic or external Verilog, its software fixed-point reference ``predict(X)``, the float
  model's scores, test inputs and labels, a precision description);
* :mod:`trigml.hardware.schema` — the ``hardware.json`` fields, ``validate``/``write``/``read``
  (validated, written atomically, never half-written) and ``not_synthesized(...)``;
* :mod:`trigml.hardware.rtl` — the open RTL back-end: ``write_project`` (da4ml ``VerilogModel``),
  ``simulate`` (Verilator, bit-exact on ≥ ``n_checked`` inputs, raises ``BitMismatch`` naming the
  design and the first differing input), ``synthesize`` (Yosys ``synth_xilinx -flatten -noiopad``,
  ``synthesized: false`` + reason for a missing tool, a failure, a time-out or a design over the
  limits) and ``hardware_record``;
* :mod:`trigml.hardware.settings` — ``RtlSettings`` from the ``hardware:`` config block;
* :mod:`trigml.hardware.designs` — builders: ``dense`` (QKeras / Keras / PyTorch MLPs), ``symbolic``
  (SymPy expressions, LUT functions), ``logicnet`` (logic_warp's Verilog), ``interaction_network``
  (tracking_fpga's IN);
* :mod:`trigml.hardware.studies` — one builder per study design (study files → Design), called by name
  from ``convert_rtl``; :mod:`trigml.hardware.steps` — the three rules' functions;
  :mod:`trigml.hardware.inputs` — the rule file's config-derived design lists and input functions;
* ``trigml.hardware.hls4ml`` — the hls4ml back-end (conversion, C simulation, Vivado/Vitis).

A study makes a Design with a builder, the rule chain ``convert_rtl → simulate_rtl → synth_rtl``
(``workflow/rules/hardware.smk``) writes ``results/<study>/hardware/<design>/hardware.json``.
"""

"""The interaction network in mainline hls4ml, through its public extension API (no fork).

What is registered by :func:`register` (idempotent; hls4ml's registries are process-global):

* IR layers ``TrigmlINEdgeBlock``, ``TrigmlINAggregate``, ``TrigmlINNodeBlock``
  (:func:`hls4ml.model.layers.register_layer`);
* PyTorch parser handlers for the twin's blocks ``EdgeBlock``, ``Aggregate``, ``NodeBlock``
  (:func:`hls4ml.converters.register_pytorch_layer_handler`); they read the live modules' weights;
* config and function-call templates for the Vivado and Vitis backends, and the C++ header
  ``nnet_utils/nnet_trigml_in.h`` shipped with this package (``backend.register_source``).

The sigmoid is hls4ml's own activation layer. :func:`convert` builds an hls4ml model of one
design (graph size, precision, reuse factor, design style) from an :class:`~.twin.INTwin`.
"""

from __future__ import annotations

import importlib.resources
import logging
import math
from pathlib import Path
from typing import Any

import numpy as np
from torch import nn

from .twin import Aggregate, EdgeBlock, INTwin, NodeBlock

log = logging.getLogger(__name__)

BACKENDS = ("Vivado", "Vitis")
HEADER = "nnet_trigml_in.h"
DESIGN_STYLES = ("pipeline", "dataflow")

_registered = False


def header_path() -> Path:
    """Absolute path of the C++ header shipped as package data."""
    ref = importlib.resources.files("trigml.tracking_fpga") / "nnet_utils" / HEADER
    with importlib.resources.as_file(ref) as p:
        return Path(p).resolve()


def index_precision(n_nodes: int) -> str:
    """Unsigned integer wide enough for node indices 0..n_nodes (n_nodes = padding sentinel)."""
    return f"ap_uint<{max(1, math.ceil(math.log2(n_nodes + 1)))}>"


# ------------------------------------------------------------------------------------------------
# IR layers and templates (defined lazily so importing this module does not import hls4ml's backends)
def _build_extension() -> dict[str, Any]:
    import hls4ml
    from hls4ml.backends.template import FunctionCallTemplate, LayerConfigTemplate
    from hls4ml.model.attributes import Attribute, ConfigurableAttribute, TypeAttribute
    from hls4ml.model.layers import Layer

    mlp_types = ("hidden", "concat", "weight", "bias")

    class _MLPLayer(Layer):
        """Common part of the two MLP blocks: three dense layers' weights and the internal types."""

        def _add_mlp(self) -> None:
            for t in mlp_types:
                self._set_type_t(t)
            wprec, wname = self.model.config.get_precision(self, "weight")
            bprec, bname = self.model.config.get_precision(self, "bias")
            for k in range(3):
                self.add_weights_variable(
                    name=f"w{k}", var_name=f"w{k}_{{index}}", type_name=wname, precision=wprec, data=f"w{k}"
                )
                self.add_weights_variable(
                    name=f"b{k}", var_name=f"b{k}_{{index}}", type_name=bname, precision=bprec, data=f"b{k}"
                )

    mlp_attributes = [
        Attribute("n_hidden"),
        ConfigurableAttribute("reuse_factor", default=1),
        TypeAttribute("accum"),
        *[TypeAttribute(t) for t in mlp_types],
    ]

    class TrigmlINEdgeBlock(_MLPLayer):
        """Edge MLP over a padded graph: inputs (node features, edge features, edge index)."""

        _expected_attributes = [
            Attribute("n_node"),
            Attribute("n_edge"),
            Attribute("node_dim"),
            Attribute("edge_dim"),
            Attribute("out_dim"),
            *mlp_attributes,
        ]

        def initialize(self) -> None:
            self._add_mlp()
            self.add_output_variable([self.get_attr("n_edge"), self.get_attr("out_dim")])

    class TrigmlINAggregate(Layer):
        """Sum of edge messages at their target: inputs (messages, edge index)."""

        _expected_attributes = [
            Attribute("n_node"),
            Attribute("n_edge"),
            Attribute("dim"),
            ConfigurableAttribute("reuse_factor", default=1),
            TypeAttribute("accum"),
        ]

        def initialize(self) -> None:
            self.add_output_variable([self.get_attr("n_node"), self.get_attr("dim")])

    class TrigmlINNodeBlock(_MLPLayer):
        """Node MLP: inputs (node features, aggregated messages)."""

        _expected_attributes = [
            Attribute("n_node"),
            Attribute("node_dim"),
            Attribute("aggr_dim"),
            Attribute("out_dim"),
            *mlp_attributes,
        ]

        def initialize(self) -> None:
            self._add_mlp()
            self.add_output_variable([self.get_attr("n_node"), self.get_attr("out_dim")])

    # --- config templates ---------------------------------------------------------------------
    dense_template = """struct config{index}_{tag} : nnet::dense_config {{
    static const unsigned n_in = {n_in};
    static const unsigned n_out = {n_out};
    static const unsigned io_type = nnet::io_parallel;
    static const unsigned strategy = nnet::latency;
    static const unsigned reuse_factor = {reuse};
    static const unsigned n_zeros = {n_zeros};
    static const unsigned n_nonzeros = {n_nonzeros};
    static const unsigned multiplier_limit = DIV_ROUNDUP(n_in * n_out, reuse_factor) - n_zeros / reuse_factor;
    static const bool store_weights_in_bram = false;
    typedef {accum_t} accum_t;
    typedef {bias_t} bias_t;
    typedef {weight_t} weight_t;
    typedef ap_uint<1> index_t;
    template<class data_T, class res_T, class CONFIG_T>
    using kernel = nnet::DenseLatency<data_T, res_T, CONFIG_T>;
    template<class x_T, class y_T>
    using product = nnet::product::{product}<x_T, y_T>;
}};
"""
    mlp_template = """struct config{index}_relu : nnet::activ_config {{
    static const unsigned n_in = {n_hidden};
    static const unsigned table_size = 1024;
    static const unsigned io_type = nnet::io_parallel;
    static const unsigned reuse_factor = {reuse};
    typedef ap_fixed<18,8> table_t;
}};
struct config{index}_mlp : nnet::trigml_mlp_config {{
    static const unsigned n_in = {n_in};
    static const unsigned n_hidden = {n_hidden};
    static const unsigned n_out = {n_out};
    typedef {hidden_t} hidden_t;
    typedef config{index}_dense0 dense0_config;
    typedef config{index}_dense1 dense1_config;
    typedef config{index}_dense2 dense2_config;
    typedef config{index}_relu relu_config;
}};
"""

    def style_params(node: Any, n_items: int) -> dict[str, Any]:
        dataflow = node.model.config.pipeline_style == "dataflow"
        reuse = int(node.get_attr("reuse_factor"))
        return {
            "dataflow": "true" if dataflow else "false",
            # pipeline style: the reuse factor acts inside each dense layer (hls4ml's meaning);
            # dataflow style: it bounds how many edges/nodes are processed per clock.
            "dense_reuse": 1 if dataflow else reuse,
            "n_parallel": max(1, math.ceil(n_items / reuse)) if dataflow else n_items,
        }

    def mlp_configs(node: Any, n_in: int, n_out: int, dense_reuse: int) -> str:
        from hls4ml.backends import get_backend

        vivado = get_backend("vivado")
        n_hidden = int(node.get_attr("n_hidden"))
        sizes = [(n_in, n_hidden), (n_hidden, n_hidden), (n_hidden, n_out)]
        in_prec = [
            node.get_attr("concat_t").precision,
            node.get_attr("hidden_t").precision,
            node.get_attr("hidden_t").precision,
        ]
        out = ""
        for k, (a, b) in enumerate(sizes):
            w = node.get_weights(f"w{k}")
            out += dense_template.format(
                index=node.index,
                tag=f"dense{k}",
                n_in=a,
                n_out=b,
                reuse=min(dense_reuse, a * b),
                n_zeros=w.nzeros,
                n_nonzeros=w.nonzeros,
                accum_t=node.get_attr("accum_t").name,
                bias_t=node.get_weights(f"b{k}").type.name,
                weight_t=w.type.name,
                product=vivado.product_type(in_prec[k], w.type.precision),
            )
        out += mlp_template.format(
            index=node.index,
            n_in=n_in,
            n_hidden=n_hidden,
            n_out=n_out,
            reuse=dense_reuse,
            hidden_t=node.get_attr("hidden_t").name,
        )
        return out

    edge_config = """struct config{index} : nnet::trigml_in_edge_config {{
    static const unsigned n_node = {n_node};
    static const unsigned n_edge = {n_edge};
    static const unsigned node_dim = {node_dim};
    static const unsigned edge_dim = {edge_dim};
    static const unsigned out_dim = {out_dim};
    static const unsigned reuse_factor = {reuse};
    static const unsigned n_parallel = {n_parallel};
    static const bool dataflow = {dataflow};
    typedef {concat_t} concat_t;
    typedef config{index}_mlp mlp_config;
}};
"""

    class EdgeBlockConfigTemplate(LayerConfigTemplate):
        def __init__(self) -> None:
            super().__init__(TrigmlINEdgeBlock)

        def format(self, node: Any) -> str:
            p = self._default_config_params(node)
            p.update(style_params(node, int(p["n_edge"])))
            p["concat_t"] = node.get_attr("concat_t").name
            n_in = 2 * int(p["node_dim"]) + int(p["edge_dim"])
            return mlp_configs(node, n_in, int(p["out_dim"]), p["dense_reuse"]) + edge_config.format(**p)

    aggr_config = """struct config{index} : nnet::trigml_in_aggregate_config {{
    static const unsigned n_node = {n_node};
    static const unsigned n_edge = {n_edge};
    static const unsigned dim = {dim};
    static const unsigned reuse_factor = {reuse};
    static const bool dataflow = {dataflow};
    typedef {accum} accum_t;
}};
"""

    class AggregateConfigTemplate(LayerConfigTemplate):
        def __init__(self) -> None:
            super().__init__(TrigmlINAggregate)

        def format(self, node: Any) -> str:
            p = self._default_config_params(node)
            p.update(style_params(node, int(p["n_edge"])))
            p["accum"] = node.get_attr("accum_t").name
            return aggr_config.format(**p)

    node_config = """struct config{index} : nnet::trigml_in_node_config {{
    static const unsigned n_node = {n_node};
    static const unsigned node_dim = {node_dim};
    static const unsigned aggr_dim = {aggr_dim};
    static const unsigned out_dim = {out_dim};
    static const unsigned reuse_factor = {reuse};
    static const unsigned n_parallel = {n_parallel};
    static const bool dataflow = {dataflow};
    typedef {concat_t} concat_t;
    typedef config{index}_mlp mlp_config;
}};
"""

    class NodeBlockConfigTemplate(LayerConfigTemplate):
        def __init__(self) -> None:
            super().__init__(TrigmlINNodeBlock)

        def format(self, node: Any) -> str:
            p = self._default_config_params(node)
            p.update(style_params(node, int(p["n_node"])))
            p["concat_t"] = node.get_attr("concat_t").name
            n_in = int(p["node_dim"]) + int(p["aggr_dim"])
            return mlp_configs(node, n_in, int(p["out_dim"]), p["dense_reuse"]) + node_config.format(**p)

    # --- function-call templates --------------------------------------------------------------
    include = [f"nnet_utils/{HEADER}"]
    weights = "{w0}, {b0}, {w1}, {b1}, {w2}, {b2}"

    def input_params(node: Any, names: tuple[str, ...]) -> dict[str, str]:
        p: dict[str, str] = {}
        for name, inp in zip(names, node.inputs, strict=True):
            var = node.get_input_variable(inp)
            p[name] = var.name
            p[f"{name}_t"] = var.type.name
        for k in range(3):
            p[f"w{k}"] = node.get_weights(f"w{k}").name if f"w{k}" in node.weights else ""
            p[f"b{k}"] = node.get_weights(f"b{k}").name if f"b{k}" in node.weights else ""
        return p

    class EdgeBlockFunctionTemplate(FunctionCallTemplate):
        def __init__(self) -> None:
            super().__init__(TrigmlINEdgeBlock, include_header=include)
            self.template = (
                "nnet::trigml_in_edge_block<{node_t}, {edge_t}, {index_t}, {output_t}, {config}>"
                "({node}, {edge}, {index}, {output}, " + weights + ");"
            )

        def format(self, node: Any) -> str:
            p = self._default_function_params(node)
            p.update(input_params(node, ("node", "edge", "index")))
            return self.template.format(**p)

    class AggregateFunctionTemplate(FunctionCallTemplate):
        def __init__(self) -> None:
            super().__init__(TrigmlINAggregate, include_header=include)
            self.template = "nnet::trigml_in_aggregate<{msg_t}, {index_t}, {output_t}, {config}>({msg}, {index}, {output});"

        def format(self, node: Any) -> str:
            p = self._default_function_params(node)
            p.update(input_params(node, ("msg", "index")))
            return self.template.format(**p)

    class NodeBlockFunctionTemplate(FunctionCallTemplate):
        def __init__(self) -> None:
            super().__init__(TrigmlINNodeBlock, include_header=include)
            self.template = (
                "nnet::trigml_in_node_block<{node_t}, {aggr_t}, {output_t}, {config}>"
                "({node}, {aggr}, {output}, " + weights + ");"
            )

        def format(self, node: Any) -> str:
            p = self._default_function_params(node)
            p.update(input_params(node, ("node", "aggr")))
            return self.template.format(**p)

    return {
        "layers": {
            "TrigmlINEdgeBlock": TrigmlINEdgeBlock,
            "TrigmlINAggregate": TrigmlINAggregate,
            "TrigmlINNodeBlock": TrigmlINNodeBlock,
        },
        "templates": [
            EdgeBlockConfigTemplate,
            EdgeBlockFunctionTemplate,
            AggregateConfigTemplate,
            AggregateFunctionTemplate,
            NodeBlockConfigTemplate,
            NodeBlockFunctionTemplate,
        ],
        "hls4ml": hls4ml,
    }


# ------------------------------------------------------------------------------------------------
# PyTorch parser handlers: read the live twin blocks into hls4ml layer dicts
def _mlp_weights(mlp: nn.Sequential) -> dict[str, np.ndarray]:
    linears = [m for m in mlp if isinstance(m, nn.Linear)]
    out = {}
    for k, lin in enumerate(linears):
        # nnet::dense indexes weights[i_in * n_out + i_out]: the transpose of torch's (out, in)
        out[f"w{k}_data"] = lin.weight.detach().cpu().numpy().T.copy()
        out[f"b{k}_data"] = lin.bias.detach().cpu().numpy().copy()
    return out


def _check_inputs(
    layer_name: str, input_shapes: list[list[int | None]], expected: list[tuple[int, ...]]
) -> None:
    got = [tuple(s[1:]) if s and s[0] is None else tuple(s) for s in input_shapes]
    if got != expected:
        raise ValueError(f"{layer_name}: input shapes {got} do not match the design {expected}")


def parse_edge_block(
    operation, layer_name, input_names, input_shapes, node, class_object, data_reader, config
):
    """hls4ml PyTorch handler of EdgeBlock (R1, R2) (the signature is hls4ml's): layer dict, output shape."""
    assert operation == "EdgeBlock"
    blk: EdgeBlock = class_object
    lin = [m for m in blk.mlp if isinstance(m, nn.Linear)]
    node_dim = input_shapes[0][-1]
    edge_dim = input_shapes[1][-1]
    _check_inputs(
        layer_name, input_shapes, [(blk.n_nodes, node_dim), (blk.n_edges, edge_dim), (2, blk.n_edges)]
    )
    if lin[0].in_features != 2 * node_dim + edge_dim:
        raise ValueError(
            f"{layer_name}: MLP takes {lin[0].in_features} inputs, graph gives 2*{node_dim}+{edge_dim}"
        )
    layer = {
        "class_name": "TrigmlINEdgeBlock",
        "name": layer_name,
        "inputs": input_names,
        "n_node": blk.n_nodes,
        "n_edge": blk.n_edges,
        "node_dim": node_dim,
        "edge_dim": edge_dim,
        "out_dim": lin[-1].out_features,
        "n_hidden": lin[0].out_features,
        **_mlp_weights(blk.mlp),
    }
    return layer, [None, blk.n_edges, lin[-1].out_features]


def parse_aggregate(
    operation, layer_name, input_names, input_shapes, node, class_object, data_reader, config
):
    """hls4ml PyTorch handler of Aggregate (the signature is hls4ml's): layer dict, output shape."""
    assert operation == "Aggregate"
    blk: Aggregate = class_object
    dim = input_shapes[0][-1]
    _check_inputs(layer_name, input_shapes, [(blk.n_edges, dim), (2, blk.n_edges)])
    layer = {
        "class_name": "TrigmlINAggregate",
        "name": layer_name,
        "inputs": input_names,
        "n_node": blk.n_nodes,
        "n_edge": blk.n_edges,
        "dim": dim,
    }
    return layer, [None, blk.n_nodes, dim]


def parse_node_block(
    operation, layer_name, input_names, input_shapes, node, class_object, data_reader, config
):
    """hls4ml PyTorch handler of NodeBlock (O) (the signature is hls4ml's): layer dict, output shape."""
    assert operation == "NodeBlock"
    blk: NodeBlock = class_object
    lin = [m for m in blk.mlp if isinstance(m, nn.Linear)]
    node_dim = input_shapes[0][-1]
    aggr_dim = input_shapes[1][-1]
    _check_inputs(layer_name, input_shapes, [(blk.n_nodes, node_dim), (blk.n_nodes, aggr_dim)])
    if lin[0].in_features != node_dim + aggr_dim:
        raise ValueError(
            f"{layer_name}: MLP takes {lin[0].in_features} inputs, graph gives {node_dim}+{aggr_dim}"
        )
    layer = {
        "class_name": "TrigmlINNodeBlock",
        "name": layer_name,
        "inputs": input_names,
        "n_node": blk.n_nodes,
        "node_dim": node_dim,
        "aggr_dim": aggr_dim,
        "out_dim": lin[-1].out_features,
        "n_hidden": lin[0].out_features,
        **_mlp_weights(blk.mlp),
    }
    return layer, [None, blk.n_nodes, lin[-1].out_features]


HANDLERS = {"EdgeBlock": parse_edge_block, "Aggregate": parse_aggregate, "NodeBlock": parse_node_block}


def register() -> None:
    """Register the IN layers, parsers, templates and header with hls4ml; safe to call repeatedly."""
    global _registered
    if _registered:
        return
    ext = _build_extension()
    hls4ml = ext["hls4ml"]
    from hls4ml.converters.pytorch_to_hls import get_supported_pytorch_layers
    from hls4ml.model.optimizer.optimizer import optimizer_map

    supported = set(get_supported_pytorch_layers())
    for torch_name, fn in HANDLERS.items():
        if torch_name not in supported:
            hls4ml.converters.register_pytorch_layer_handler(torch_name, fn)
    for name, cls in ext["layers"].items():
        hls4ml.model.layers.register_layer(name, cls)
    header = header_path()
    if not header.is_file():
        raise FileNotFoundError(f"{header}: the IN's C++ header is missing from the trigml package")
    for backend_id in BACKENDS:
        backend = hls4ml.backends.get_backend(backend_id)
        for tmpl in ext["templates"]:
            if f"{backend_id.lower()}:{tmpl().get_name()}" not in optimizer_map:
                backend.register_template(tmpl)
        backend.register_source(header)
    _registered = True


# ------------------------------------------------------------------------------------------------
def hls_config(
    twin: INTwin,
    *,
    precision: str = "ap_fixed<14,7>",
    reuse_factor: int = 1,
    style: str = "pipeline",
    layer_precision: dict[str, dict[str, str]] | None = None,
    sigmoid_table_size: int = 1024,
) -> dict[str, Any]:
    """The hls4ml config of one design: one default precision, per-layer overrides, the edge
    index as an unsigned integer, the design style as hls4ml's ``PipelineStyle``."""
    if style not in DESIGN_STYLES:
        raise ValueError(f"unknown design style {style!r}; expected one of {DESIGN_STYLES}")
    if reuse_factor < 1:
        raise ValueError(f"reuse_factor must be >= 1, got {reuse_factor}")
    node_dim = twin.o.mlp[-1].out_features
    edge_dim = twin.r1.mlp[-1].out_features
    layers: dict[str, dict[str, Any]] = {
        "edge_index": {"Precision": {"result": index_precision(twin.n_nodes)}},
        "sigmoid": {"table_size": sigmoid_table_size},
    }
    for name, precs in (layer_precision or {}).items():
        layers.setdefault(name, {}).setdefault("Precision", {}).update(precs)
    return {
        "Model": {
            "Precision": {"default": precision},
            "ReuseFactor": int(reuse_factor),
            "Strategy": "Latency",
            "PipelineStyle": style,
            "ChannelsLastConversion": "off",
            "TransposeOutputs": False,
            "BramFactor": 1_000_000_000,
            "TraceOutput": False,
        },
        "LayerName": layers,
        "InputShape": [(twin.n_nodes, node_dim), (twin.n_edges, edge_dim), (2, twin.n_edges)],
    }


def convert(
    twin: INTwin,
    output_dir: str | Path,
    *,
    backend: str = "Vitis",
    part: str = "xcvu9p-flga2104-2L-e",
    clock_period: float = 5,
    **config: Any,
) -> Any:
    """hls4ml model of ``twin`` (not compiled); ``config`` goes to :func:`hls_config`."""
    import hls4ml

    register()
    cfg = hls_config(twin, **config)
    return hls4ml.converters.convert_from_pytorch_model(
        twin,
        output_dir=str(output_dir),
        project_name="trigml_in",
        backend=backend,
        part=part,
        clock_period=clock_period,
        io_type="io_parallel",
        hls_config=cfg,
    )


def predict(hls_model: Any, x: np.ndarray, edge_attr: np.ndarray, edge_index: np.ndarray) -> np.ndarray:
    """C-simulation scores of a batch of padded graphs: (B, n_edges) from (B, N, 3), (B, E, 4), (B, 2, E)."""
    if x.ndim == 2:
        return predict(hls_model, x[None], edge_attr[None], edge_index[None])[0]
    inputs = [
        np.ascontiguousarray(a, dtype=np.float64).reshape(len(a), -1) for a in (x, edge_attr, edge_index)
    ]
    out = hls_model.predict(inputs)
    return np.asarray(out, dtype=np.float64).reshape(len(x), -1)

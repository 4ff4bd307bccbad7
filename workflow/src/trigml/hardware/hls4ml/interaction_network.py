"""The interaction network in mainline hls4ml through its public extension API (no fork).

Module-level extension classes, registered by :func:`register` (idempotent; hls4ml's registries are
process-global):

* IR layers :class:`TrigmlINEdgeBlock`, :class:`TrigmlINAggregate`, :class:`TrigmlINNodeBlock`;
* PyTorch parser handlers for torch modules named ``EdgeBlock``, ``Aggregate``, ``NodeBlock`` (the
  padded twin of :mod:`trigml.tracking_fpga.twin`); they read the live modules' weights;
* config and function-call templates for the Vivado and Vitis backends, and the C++ header
  ``nnet_utils/nnet_trigml_in.h`` shipped with this package (``backend.register_source``).

The sigmoid is hls4ml's own activation layer. :func:`hls_config` is the hls4ml config of one design.
"""

from __future__ import annotations

import importlib.resources
import math
from pathlib import Path
from typing import Any

import numpy as np
from torch import nn

from .tools import quiet_tensorflow

quiet_tensorflow()  # hls4ml imports TensorFlow when present: legacy Keras, no CUDA chatter

import hls4ml  # noqa: E402
from hls4ml.backends.template import FunctionCallTemplate, LayerConfigTemplate  # noqa: E402
from hls4ml.model.attributes import Attribute, ConfigurableAttribute, TypeAttribute  # noqa: E402
from hls4ml.model.layers import Layer  # noqa: E402

BACKENDS = ("Vivado", "Vitis")
HEADER = "nnet_trigml_in.h"
DESIGN_STYLES = ("pipeline", "dataflow")
MLP_TYPES = ("hidden", "concat", "weight", "bias")


def header_path() -> Path:
    """Absolute path of the C++ header shipped as package data."""
    ref = importlib.resources.files("trigml.hardware.hls4ml") / "nnet_utils" / HEADER
    with importlib.resources.as_file(ref) as p:
        return Path(p).resolve()


def index_precision(n_nodes: int) -> str:
    """Unsigned integer wide enough for node indices 0..n_nodes (n_nodes = padding sentinel)."""
    return f"ap_uint<{max(1, math.ceil(math.log2(n_nodes + 1)))}>"


# ------------------------------------------------------------------------------------------- IR layers
MLP_ATTRIBUTES = [
    Attribute("n_hidden"),
    ConfigurableAttribute("reuse_factor", default=1),
    TypeAttribute("accum"),
    *[TypeAttribute(t) for t in MLP_TYPES],
]


class TrigmlINMLPLayer(Layer):
    """Common part of the two MLP blocks: three dense layers' weights and the internal types."""

    def _add_mlp(self) -> None:
        for t in MLP_TYPES:
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


class TrigmlINEdgeBlock(TrigmlINMLPLayer):
    """Edge MLP over a padded graph: inputs (node features, edge features, edge index)."""

    _expected_attributes = [
        Attribute("n_node"),
        Attribute("n_edge"),
        Attribute("node_dim"),
        Attribute("edge_dim"),
        Attribute("out_dim"),
        *MLP_ATTRIBUTES,
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


class TrigmlINNodeBlock(TrigmlINMLPLayer):
    """Node MLP: inputs (node features, aggregated messages)."""

    _expected_attributes = [
        Attribute("n_node"),
        Attribute("node_dim"),
        Attribute("aggr_dim"),
        Attribute("out_dim"),
        *MLP_ATTRIBUTES,
    ]

    def initialize(self) -> None:
        self._add_mlp()
        self.add_output_variable([self.get_attr("n_node"), self.get_attr("out_dim")])


LAYERS = {cls.__name__: cls for cls in (TrigmlINEdgeBlock, TrigmlINAggregate, TrigmlINNodeBlock)}

# ------------------------------------------------------------------------------------ config templates
DENSE_CONFIG = """struct config{index}_{tag} : nnet::dense_config {{
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
MLP_CONFIG = """struct config{index}_relu : nnet::activ_config {{
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


def _mlp_block_config(kind: str, dims: tuple[str, ...]) -> str:
    """The config struct of an MLP block (edge or node): its sizes, reuse, parallelism, types."""
    body = [f"    static const unsigned {d} = {{{d}}};" for d in dims]
    body += ["    static const unsigned reuse_factor = {reuse};", "    static const unsigned n_parallel = {n_parallel};",
             "    static const bool dataflow = {dataflow};", "    typedef {concat_t} concat_t;",
             "    typedef config{index}_mlp mlp_config;"]  # fmt: skip
    head = "struct config{index} : nnet::trigml_in_" + kind + "_config {{"
    return "\n".join([head, *body, "}};", ""])


EDGE_CONFIG = _mlp_block_config("edge", ("n_node", "n_edge", "node_dim", "edge_dim", "out_dim"))
NODE_CONFIG = _mlp_block_config("node", ("n_node", "node_dim", "aggr_dim", "out_dim"))
AGGREGATE_CONFIG = """struct config{index} : nnet::trigml_in_aggregate_config {{
    static const unsigned n_node = {n_node};
    static const unsigned n_edge = {n_edge};
    static const unsigned dim = {dim};
    static const unsigned reuse_factor = {reuse};
    static const bool dataflow = {dataflow};
    typedef {accum} accum_t;
}};
"""


def style_params(node: Any, n_items: int) -> dict[str, Any]:
    """Design-style parameters: pipeline = reuse inside each dense layer (hls4ml's meaning);
    dataflow = the reuse factor bounds how many edges/nodes are processed per clock."""
    dataflow = node.model.config.pipeline_style == "dataflow"
    reuse = int(node.get_attr("reuse_factor"))
    return {
        "dataflow": "true" if dataflow else "false",
        "dense_reuse": 1 if dataflow else reuse,
        "n_parallel": max(1, math.ceil(n_items / reuse)) if dataflow else n_items,
    }


def mlp_configs(node: Any, n_in: int, n_out: int, dense_reuse: int) -> str:
    """The three dense configs and the MLP config of one block."""
    vivado = hls4ml.backends.get_backend("vivado")
    n_hidden = int(node.get_attr("n_hidden"))
    sizes = [(n_in, n_hidden), (n_hidden, n_hidden), (n_hidden, n_out)]
    hidden = node.get_attr("hidden_t").precision
    in_prec = [node.get_attr("concat_t").precision, hidden, hidden]
    out = ""
    for k, (a, b) in enumerate(sizes):
        w = node.get_weights(f"w{k}")
        out += DENSE_CONFIG.format(
            index=node.index, tag=f"dense{k}", n_in=a, n_out=b, reuse=min(dense_reuse, a * b),
            n_zeros=w.nzeros, n_nonzeros=w.nonzeros, accum_t=node.get_attr("accum_t").name,
            bias_t=node.get_weights(f"b{k}").type.name, weight_t=w.type.name,
            product=vivado.product_type(in_prec[k], w.type.precision),
        )  # fmt: skip
    return out + MLP_CONFIG.format(
        index=node.index, n_in=n_in, n_hidden=n_hidden, n_out=n_out, reuse=dense_reuse,
        hidden_t=node.get_attr("hidden_t").name,
    )  # fmt: skip


class MLPBlockConfigTemplate(LayerConfigTemplate):
    """Config of a block with an MLP: ``n_items`` edges or nodes, MLP input ``2*node + edge`` or ``node + aggr``."""

    layer_class: type[Layer] = Layer
    n_items = ""
    inputs: tuple[tuple[str, int], ...] = ()
    template = ""

    def __init__(self) -> None:
        super().__init__(self.layer_class)

    def format(self, node: Any) -> str:
        p = self._default_config_params(node)
        p.update(style_params(node, int(p[self.n_items])))
        p["concat_t"] = node.get_attr("concat_t").name
        n_in = sum(k * int(p[name]) for name, k in self.inputs)
        return mlp_configs(node, n_in, int(p["out_dim"]), p["dense_reuse"]) + self.template.format(**p)


class EdgeBlockConfigTemplate(MLPBlockConfigTemplate):
    layer_class = TrigmlINEdgeBlock
    n_items = "n_edge"
    inputs = (("node_dim", 2), ("edge_dim", 1))
    template = EDGE_CONFIG


class AggregateConfigTemplate(LayerConfigTemplate):
    def __init__(self) -> None:
        super().__init__(TrigmlINAggregate)

    def format(self, node: Any) -> str:
        p = self._default_config_params(node)
        p.update(style_params(node, int(p["n_edge"])))
        p["accum"] = node.get_attr("accum_t").name
        return AGGREGATE_CONFIG.format(**p)


class NodeBlockConfigTemplate(MLPBlockConfigTemplate):
    layer_class = TrigmlINNodeBlock
    n_items = "n_node"
    inputs = (("node_dim", 1), ("aggr_dim", 1))
    template = NODE_CONFIG


# ---------------------------------------------------------------------------- function-call templates
INCLUDE = [f"nnet_utils/{HEADER}"]
WEIGHTS = "{w0}, {b0}, {w1}, {b1}, {w2}, {b2}"


def input_params(node: Any, names: tuple[str, ...]) -> dict[str, str]:
    """Names and types of a block's several inputs (hls4ml's defaults cover one), and its weights."""
    p: dict[str, str] = {}
    for name, inp in zip(names, node.inputs, strict=True):
        var = node.get_input_variable(inp)
        p[name] = var.name
        p[f"{name}_t"] = var.type.name
    for k in range(3):
        for w in (f"w{k}", f"b{k}"):
            p[w] = node.get_weights(w).name if w in node.weights else ""
    return p


class INFunctionTemplate(FunctionCallTemplate):
    """A function call whose inputs are named by ``input_names``."""

    layer_class: type[Layer] = Layer
    input_names: tuple[str, ...] = ()
    call = ""

    def __init__(self) -> None:
        super().__init__(self.layer_class, include_header=INCLUDE)
        self.template = self.call

    def format(self, node: Any) -> str:
        p = self._default_function_params(node)
        p.update(input_params(node, self.input_names))
        return self.template.format(**p)


class EdgeBlockFunctionTemplate(INFunctionTemplate):
    layer_class = TrigmlINEdgeBlock
    input_names = ("node", "edge", "index")
    call = (
        "nnet::trigml_in_edge_block<{node_t}, {edge_t}, {index_t}, {output_t}, {config}>"
        "({node}, {edge}, {index}, {output}, " + WEIGHTS + ");"
    )


class AggregateFunctionTemplate(INFunctionTemplate):
    layer_class = TrigmlINAggregate
    input_names = ("msg", "index")
    call = "nnet::trigml_in_aggregate<{msg_t}, {index_t}, {output_t}, {config}>({msg}, {index}, {output});"


class NodeBlockFunctionTemplate(INFunctionTemplate):
    layer_class = TrigmlINNodeBlock
    input_names = ("node", "aggr")
    call = (
        "nnet::trigml_in_node_block<{node_t}, {aggr_t}, {output_t}, {config}>"
        "({node}, {aggr}, {output}, " + WEIGHTS + ");"
    )


TEMPLATES = (
    EdgeBlockConfigTemplate,
    EdgeBlockFunctionTemplate,
    AggregateConfigTemplate,
    AggregateFunctionTemplate,
    NodeBlockConfigTemplate,
    NodeBlockFunctionTemplate,
)


# ----------------------------------------------------------------------------- PyTorch parser handlers
def _linears(mlp: nn.Sequential) -> list[nn.Linear]:
    return [m for m in mlp if isinstance(m, nn.Linear)]


def _mlp_weights(mlp: nn.Sequential) -> dict[str, np.ndarray]:
    out = {}
    for k, lin in enumerate(_linears(mlp)):
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


def _check_mlp_inputs(layer_name: str, mlp: nn.Sequential, n_in: int) -> None:
    if _linears(mlp)[0].in_features != n_in:
        raise ValueError(
            f"{layer_name}: MLP takes {_linears(mlp)[0].in_features} inputs, the graph gives {n_in}"
        )


def parse_edge_block(
    operation, layer_name, input_names, input_shapes, node, class_object, data_reader, config
):
    """hls4ml PyTorch handler of EdgeBlock (R1, R2) (the signature is hls4ml's): layer dict, output shape."""
    blk = class_object
    node_dim, edge_dim = input_shapes[0][-1], input_shapes[1][-1]
    _check_inputs(
        layer_name, input_shapes, [(blk.n_nodes, node_dim), (blk.n_edges, edge_dim), (2, blk.n_edges)]
    )
    _check_mlp_inputs(layer_name, blk.mlp, 2 * node_dim + edge_dim)
    lin = _linears(blk.mlp)
    layer = {
        "class_name": "TrigmlINEdgeBlock", "name": layer_name, "inputs": input_names, "n_node": blk.n_nodes,
        "n_edge": blk.n_edges, "node_dim": node_dim, "edge_dim": edge_dim, "out_dim": lin[-1].out_features,
        "n_hidden": lin[0].out_features, **_mlp_weights(blk.mlp),
    }  # fmt: skip
    return layer, [None, blk.n_edges, lin[-1].out_features]


def parse_aggregate(
    operation, layer_name, input_names, input_shapes, node, class_object, data_reader, config
):
    """hls4ml PyTorch handler of Aggregate (the signature is hls4ml's): layer dict, output shape."""
    blk = class_object
    dim = input_shapes[0][-1]
    _check_inputs(layer_name, input_shapes, [(blk.n_edges, dim), (2, blk.n_edges)])
    layer = {
        "class_name": "TrigmlINAggregate", "name": layer_name, "inputs": input_names,
        "n_node": blk.n_nodes, "n_edge": blk.n_edges, "dim": dim,
    }  # fmt: skip
    return layer, [None, blk.n_nodes, dim]


def parse_node_block(
    operation, layer_name, input_names, input_shapes, node, class_object, data_reader, config
):
    """hls4ml PyTorch handler of NodeBlock (O) (the signature is hls4ml's): layer dict, output shape."""
    blk = class_object
    node_dim, aggr_dim = input_shapes[0][-1], input_shapes[1][-1]
    _check_inputs(layer_name, input_shapes, [(blk.n_nodes, node_dim), (blk.n_nodes, aggr_dim)])
    _check_mlp_inputs(layer_name, blk.mlp, node_dim + aggr_dim)
    lin = _linears(blk.mlp)
    layer = {
        "class_name": "TrigmlINNodeBlock", "name": layer_name, "inputs": input_names, "n_node": blk.n_nodes,
        "node_dim": node_dim, "aggr_dim": aggr_dim, "out_dim": lin[-1].out_features,
        "n_hidden": lin[0].out_features, **_mlp_weights(blk.mlp),
    }  # fmt: skip
    return layer, [None, blk.n_nodes, lin[-1].out_features]


HANDLERS = {"EdgeBlock": parse_edge_block, "Aggregate": parse_aggregate, "NodeBlock": parse_node_block}


def register() -> None:
    """Register the IN layers, parsers, templates and header with hls4ml; safe to call repeatedly
    (each registry is checked first: hls4ml raises on a second registration of a parser)."""
    from hls4ml.converters.pytorch_to_hls import get_supported_pytorch_layers
    from hls4ml.model.layers import layer_map
    from hls4ml.model.optimizer.optimizer import optimizer_map

    supported = set(get_supported_pytorch_layers())
    for torch_name, fn in HANDLERS.items():
        if torch_name not in supported:
            hls4ml.converters.register_pytorch_layer_handler(torch_name, fn)
    for name, cls in LAYERS.items():
        if layer_map.get(name) is not cls:
            hls4ml.model.layers.register_layer(name, cls)
    header = header_path()
    if not header.is_file():
        raise FileNotFoundError(f"{header}: the IN's C++ header is missing from the trigml package")
    for backend_id in BACKENDS:
        backend = hls4ml.backends.get_backend(backend_id)
        for tmpl in TEMPLATES:
            if f"{backend_id.lower()}:{tmpl().get_name()}" not in optimizer_map:
                backend.register_template(tmpl)
        if header not in map(Path, backend.get_custom_source().values()):
            backend.register_source(header)


def hls_config(
    twin: nn.Module, *, precision: str, reuse_factor: int, style: str, sigmoid_table_size: int,
    layer_precision: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:  # fmt: skip
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
    model = {
        "Precision": {"default": precision}, "ReuseFactor": int(reuse_factor), "Strategy": "Latency",
        "PipelineStyle": style, "ChannelsLastConversion": "off", "TransposeOutputs": False,
        "BramFactor": 1_000_000_000, "TraceOutput": False,
    }  # fmt: skip
    shapes = [(twin.n_nodes, node_dim), (twin.n_edges, edge_dim), (2, twin.n_edges)]
    return {"Model": model, "LayerName": layers, "InputShape": shapes}

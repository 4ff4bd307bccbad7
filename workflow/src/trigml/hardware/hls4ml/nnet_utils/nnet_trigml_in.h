// Interaction network blocks for hls4ml (trigml.tracking_fpga), in the style of hls4ml's nnet_utils.
//
// One padded sector graph: n_node nodes, n_edge edges. An edge (source j -> target i) whose source
// or target index is >= n_node is a padding edge: its message is zero, it adds to no node.
//
//   trigml_in_edge_block   e'_ij = MLP([x_i, x_j, e_ij])     (R1 and R2)
//   trigml_in_aggregate    a_i   = sum_{j->i} e'_ij
//   trigml_in_node_block   x'_i  = MLP([x_i, a_i])           (O)
//
// Every MLP is Dense-ReLU-Dense-ReLU-Dense built from hls4ml's own nnet::dense and nnet::relu, so
// the dense configs (reuse factor, multiplier limit, product) follow hls4ml's conventions.
//
// Two design styles (CONFIG_T::dataflow):
//   false  fully pipelined: the top function carries `#pragma HLS PIPELINE`, which unrolls every
//          loop here; edges and nodes are processed in parallel, the aggregation is a compare-and-
//          add network (no data-dependent addressing); the reuse factor acts inside the dense layers.
//   true   dataflow / throughput: the top function carries `#pragma HLS DATAFLOW`; each block is a
//          process whose edge (node) loop is unrolled by n_parallel = ceil(n / reuse_factor) and
//          pipelined with II=1, i.e. bounded parallelism; the aggregation scatters into an
//          accumulator array.
// Both styles compute identical bits (fixed-point sums are exact in accum_t; order does not matter).

#ifndef NNET_TRIGML_IN_H_
#define NNET_TRIGML_IN_H_

#include "nnet_activation.h"
#include "nnet_common.h"
#include "nnet_dense.h"

namespace nnet {

// ---------------------------------------------------------------------------------------------
// Three-layer MLP: Dense(n_in -> n_hidden) ReLU Dense(n_hidden -> n_hidden) ReLU Dense(-> n_out)
struct trigml_mlp_config {
    static const unsigned n_in = 10;
    static const unsigned n_hidden = 8;
    static const unsigned n_out = 4;
    typedef ap_fixed<16, 6> hidden_t;
    typedef dense_config dense0_config;
    typedef dense_config dense1_config;
    typedef dense_config dense2_config;
    typedef activ_config relu_config;
};

template <class data_T, class res_T, typename CONFIG_T>
void trigml_mlp(data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
                typename CONFIG_T::dense0_config::weight_t w0[CONFIG_T::n_in * CONFIG_T::n_hidden],
                typename CONFIG_T::dense0_config::bias_t b0[CONFIG_T::n_hidden],
                typename CONFIG_T::dense1_config::weight_t w1[CONFIG_T::n_hidden * CONFIG_T::n_hidden],
                typename CONFIG_T::dense1_config::bias_t b1[CONFIG_T::n_hidden],
                typename CONFIG_T::dense2_config::weight_t w2[CONFIG_T::n_hidden * CONFIG_T::n_out],
                typename CONFIG_T::dense2_config::bias_t b2[CONFIG_T::n_out]) {
    #pragma HLS INLINE
    typename CONFIG_T::hidden_t h0[CONFIG_T::n_hidden];
    typename CONFIG_T::hidden_t a0[CONFIG_T::n_hidden];
    typename CONFIG_T::hidden_t h1[CONFIG_T::n_hidden];
    typename CONFIG_T::hidden_t a1[CONFIG_T::n_hidden];
    #pragma HLS ARRAY_PARTITION variable=h0 complete
    #pragma HLS ARRAY_PARTITION variable=a0 complete
    #pragma HLS ARRAY_PARTITION variable=h1 complete
    #pragma HLS ARRAY_PARTITION variable=a1 complete

    dense<data_T, typename CONFIG_T::hidden_t, typename CONFIG_T::dense0_config>(data, h0, w0, b0);
    relu<typename CONFIG_T::hidden_t, typename CONFIG_T::hidden_t, typename CONFIG_T::relu_config>(h0, a0);
    dense<typename CONFIG_T::hidden_t, typename CONFIG_T::hidden_t, typename CONFIG_T::dense1_config>(a0, h1, w1, b1);
    relu<typename CONFIG_T::hidden_t, typename CONFIG_T::hidden_t, typename CONFIG_T::relu_config>(h1, a1);
    dense<typename CONFIG_T::hidden_t, res_T, typename CONFIG_T::dense2_config>(a1, res, w2, b2);
}

// ---------------------------------------------------------------------------------------------
// Edge block: per edge, MLP on [x_target, x_source, e].
struct trigml_in_edge_config {
    static const unsigned n_node = 28;
    static const unsigned n_edge = 56;
    static const unsigned node_dim = 3;
    static const unsigned edge_dim = 4;
    static const unsigned out_dim = 4;
    static const unsigned reuse_factor = 1;
    static const unsigned n_parallel = 56; // edges per clock in the dataflow style
    static const bool dataflow = false;
    typedef ap_fixed<16, 6> concat_t; // the MLP input [x_i, x_j, e_ij]
    typedef trigml_mlp_config mlp_config;
};

template <class node_T, class edge_T, class index_T, class res_T, typename CONFIG_T>
void trigml_in_edge_block(node_T node_attr[CONFIG_T::n_node * CONFIG_T::node_dim],
                          edge_T edge_attr[CONFIG_T::n_edge * CONFIG_T::edge_dim],
                          index_T edge_index[2 * CONFIG_T::n_edge], res_T res[CONFIG_T::n_edge * CONFIG_T::out_dim],
                          typename CONFIG_T::mlp_config::dense0_config::weight_t w0[],
                          typename CONFIG_T::mlp_config::dense0_config::bias_t b0[],
                          typename CONFIG_T::mlp_config::dense1_config::weight_t w1[],
                          typename CONFIG_T::mlp_config::dense1_config::bias_t b1[],
                          typename CONFIG_T::mlp_config::dense2_config::weight_t w2[],
                          typename CONFIG_T::mlp_config::dense2_config::bias_t b2[]) {
    static const unsigned n_in = 2 * CONFIG_T::node_dim + CONFIG_T::edge_dim;
EdgeLoop:
    for (unsigned e = 0; e < CONFIG_T::n_edge; e++) {
        #pragma HLS UNROLL factor=CONFIG_T::n_parallel
        #pragma HLS PIPELINE II=1
        const unsigned src = edge_index[e];
        const unsigned tgt = edge_index[CONFIG_T::n_edge + e];
        const bool valid = (src < CONFIG_T::n_node) && (tgt < CONFIG_T::n_node);

        typename CONFIG_T::concat_t m[n_in];
        #pragma HLS ARRAY_PARTITION variable=m complete
        res_T out[CONFIG_T::out_dim];
        #pragma HLS ARRAY_PARTITION variable=out complete
    Gather:
        for (unsigned d = 0; d < CONFIG_T::node_dim; d++) {
            m[d] = valid ? (typename CONFIG_T::concat_t)node_attr[tgt * CONFIG_T::node_dim + d]
                         : (typename CONFIG_T::concat_t)0;
            m[CONFIG_T::node_dim + d] = valid ? (typename CONFIG_T::concat_t)node_attr[src * CONFIG_T::node_dim + d]
                                              : (typename CONFIG_T::concat_t)0;
        }
        for (unsigned d = 0; d < CONFIG_T::edge_dim; d++) {
            m[2 * CONFIG_T::node_dim + d] = (typename CONFIG_T::concat_t)edge_attr[e * CONFIG_T::edge_dim + d];
        }
        trigml_mlp<typename CONFIG_T::concat_t, res_T, typename CONFIG_T::mlp_config>(m, out, w0, b0, w1, b1, w2, b2);
    Scatter:
        for (unsigned d = 0; d < CONFIG_T::out_dim; d++) {
            res[e * CONFIG_T::out_dim + d] = valid ? out[d] : (res_T)0;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Aggregation: a_i = sum of the messages of the valid edges whose target is i.
struct trigml_in_aggregate_config {
    static const unsigned n_node = 28;
    static const unsigned n_edge = 56;
    static const unsigned dim = 4;
    static const unsigned reuse_factor = 1;
    static const bool dataflow = false;
    typedef ap_fixed<24, 12> accum_t;
};

template <class msg_T, class index_T, class res_T, typename CONFIG_T>
void trigml_in_aggregate(msg_T messages[CONFIG_T::n_edge * CONFIG_T::dim], index_T edge_index[2 * CONFIG_T::n_edge],
                         res_T res[CONFIG_T::n_node * CONFIG_T::dim]) {
    typename CONFIG_T::accum_t acc[CONFIG_T::n_node * CONFIG_T::dim];
    if (CONFIG_T::dataflow) {
    // scatter form: one pass over the edges, data-dependent address into the accumulator
    ResetScatter:
        for (unsigned k = 0; k < CONFIG_T::n_node * CONFIG_T::dim; k++) {
            acc[k] = 0;
        }
    ScatterLoop:
        for (unsigned e = 0; e < CONFIG_T::n_edge; e++) {
            #pragma HLS PIPELINE II=1
            const unsigned src = edge_index[e];
            const unsigned tgt = edge_index[CONFIG_T::n_edge + e];
            if (src < CONFIG_T::n_node && tgt < CONFIG_T::n_node) {
                for (unsigned d = 0; d < CONFIG_T::dim; d++) {
                    acc[tgt * CONFIG_T::dim + d] += messages[e * CONFIG_T::dim + d];
                }
            }
        }
    } else {
    // compare form: every node sums every edge whose target it is (fully parallel adder trees)
        #pragma HLS ARRAY_PARTITION variable=acc complete
    NodeCompare:
        for (unsigned i = 0; i < CONFIG_T::n_node; i++) {
            for (unsigned d = 0; d < CONFIG_T::dim; d++) {
                typename CONFIG_T::accum_t s = 0;
            EdgeCompare:
                for (unsigned e = 0; e < CONFIG_T::n_edge; e++) {
                    const unsigned src = edge_index[e];
                    const unsigned tgt = edge_index[CONFIG_T::n_edge + e];
                    const bool hit = (tgt == i) && (src < CONFIG_T::n_node);
                    s += hit ? (typename CONFIG_T::accum_t)messages[e * CONFIG_T::dim + d]
                             : (typename CONFIG_T::accum_t)0;
                }
                acc[i * CONFIG_T::dim + d] = s;
            }
        }
    }
Cast:
    for (unsigned k = 0; k < CONFIG_T::n_node * CONFIG_T::dim; k++) {
        res[k] = (res_T)acc[k];
    }
}

// ---------------------------------------------------------------------------------------------
// Node block: per node, MLP on [x_i, a_i].
struct trigml_in_node_config {
    static const unsigned n_node = 28;
    static const unsigned node_dim = 3;
    static const unsigned aggr_dim = 4;
    static const unsigned out_dim = 3;
    static const unsigned reuse_factor = 1;
    static const unsigned n_parallel = 28; // nodes per clock in the dataflow style
    static const bool dataflow = false;
    typedef ap_fixed<16, 6> concat_t;
    typedef trigml_mlp_config mlp_config;
};

template <class node_T, class aggr_T, class res_T, typename CONFIG_T>
void trigml_in_node_block(node_T node_attr[CONFIG_T::n_node * CONFIG_T::node_dim],
                          aggr_T aggr[CONFIG_T::n_node * CONFIG_T::aggr_dim],
                          res_T res[CONFIG_T::n_node * CONFIG_T::out_dim],
                          typename CONFIG_T::mlp_config::dense0_config::weight_t w0[],
                          typename CONFIG_T::mlp_config::dense0_config::bias_t b0[],
                          typename CONFIG_T::mlp_config::dense1_config::weight_t w1[],
                          typename CONFIG_T::mlp_config::dense1_config::bias_t b1[],
                          typename CONFIG_T::mlp_config::dense2_config::weight_t w2[],
                          typename CONFIG_T::mlp_config::dense2_config::bias_t b2[]) {
    static const unsigned n_in = CONFIG_T::node_dim + CONFIG_T::aggr_dim;
NodeLoop:
    for (unsigned i = 0; i < CONFIG_T::n_node; i++) {
        #pragma HLS UNROLL factor=CONFIG_T::n_parallel
        #pragma HLS PIPELINE II=1
        typename CONFIG_T::concat_t m[n_in];
        #pragma HLS ARRAY_PARTITION variable=m complete
        for (unsigned d = 0; d < CONFIG_T::node_dim; d++) {
            m[d] = (typename CONFIG_T::concat_t)node_attr[i * CONFIG_T::node_dim + d];
        }
        for (unsigned d = 0; d < CONFIG_T::aggr_dim; d++) {
            m[CONFIG_T::node_dim + d] = (typename CONFIG_T::concat_t)aggr[i * CONFIG_T::aggr_dim + d];
        }
        trigml_mlp<typename CONFIG_T::concat_t, res_T, typename CONFIG_T::mlp_config>(
            m, &res[i * CONFIG_T::out_dim], w0, b0, w1, b1, w2, b2);
    }
}

} // namespace nnet

#endif

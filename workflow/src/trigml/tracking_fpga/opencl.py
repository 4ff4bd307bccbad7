"""The interaction network in matrix form as OpenCL kernels (Heintz et al. 2020), run through PoCL.

Matrix form of DeZoort et al.: with the incidence matrices R_s, R_r (N x E; R_s[j, e] = 1 when
edge e leaves node j, R_r[i, e] = 1 when it enters node i) and R_a the edge features,

    B  = [R_r^T X, R_s^T X, R_a]      E1 = phi_R1(B)           A = R_r E1
    C  = [X, A]                       X1 = phi_O(C)
    B2 = [R_r^T X1, R_s^T X1, E1]     w  = sigmoid(phi_R2(B2))

Kernel variants, from the authors' single work item to register tiling (their FPGA timings went
from 0.80 s to 0.011 s per event; here the same code runs on PoCL's CPU device, so only the
*relative* speed of the variants is comparable):

* ``single_work_item``: one work item runs the whole network (loops over everything);
* ``ndrange``: one kernel per stage, one work item per output element, sizes as kernel arguments;
* ``ndrange_unrolled``: sizes as compile-time constants, each MLP fused into one work item per
  row with ``#pragma unroll`` on the fixed-size loops;
* ``register_tiled``: as ``ndrange_unrolled``, and the incidence products computed by work items
  that each own ``TILE`` output rows and keep the shared operand in registers;
* ``gather`` (beyond the paper): the sparse form, edge indices instead of incidence matrices.

All variants compute in float32 (the authors' "32-bit" design) and are checked against PyTorch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

log = logging.getLogger(__name__)

VARIANTS = ("single_work_item", "ndrange", "ndrange_unrolled", "register_tiled", "gather")
TILE = 4

_COMMON = r"""
inline float act(float v, int kind) { return kind == 1 ? fmax(v, 0.0f) : (kind == 2 ? 1.0f / (1.0f + exp(-v)) : v); }
"""

# generic, sizes as arguments -----------------------------------------------------------------
_NDRANGE = (
    _COMMON
    + r"""
// out[e, off + k] = sum_n R[n, e] X[n, k]      (R is N x E, row-major)
__kernel void incidence_t(__global const float *R, __global const float *X, __global float *out,
                          int N, int E, int K, int ld, int off) {
    int e = get_global_id(0), k = get_global_id(1);
    float s = 0.0f;
    for (int n = 0; n < N; n++) s += R[n * E + e] * X[n * K + k];
    out[e * ld + off + k] = s;
}
// out[n, off + k] = sum_e R[n, e] M[e, k]
__kernel void incidence(__global const float *R, __global const float *M, __global float *out,
                        int N, int E, int K, int ld, int off) {
    int n = get_global_id(0), k = get_global_id(1);
    float s = 0.0f;
    for (int e = 0; e < E; e++) s += R[n * E + e] * M[e * K + k];
    out[n * ld + off + k] = s;
}
__kernel void copy_cols(__global const float *M, __global float *out, int K, int ld, int off) {
    int r = get_global_id(0), k = get_global_id(1);
    out[r * ld + off + k] = M[r * K + k];
}
// out[r, j] = act(b[j] + sum_i in[r, i] W[j, i])   (W as torch: n_out x n_in)
__kernel void linear(__global const float *in, __global const float *W, __global const float *b,
                     __global float *out, int n_in, int n_out, int kind) {
    int r = get_global_id(0), j = get_global_id(1);
    float s = b[j];
    for (int i = 0; i < n_in; i++) s += in[r * n_in + i] * W[j * n_in + i];
    out[r * n_out + j] = act(s, kind);
}
"""
)

# compile-time sizes, fused MLPs --------------------------------------------------------------
_FIXED_MLP = (
    _COMMON
    + r"""
// DN, DE, H, NN, NE, TILE are -D defines
inline void mlp(const float *in, int n_in, int n_out, __global const float *W0, __global const float *b0,
                __global const float *W1, __global const float *b1, __global const float *W2,
                __global const float *b2, float *out, int last) {
    float h0[H], h1[H];
    #pragma unroll
    for (int j = 0; j < H; j++) {
        float s = b0[j];
        for (int i = 0; i < n_in; i++) s += in[i] * W0[j * n_in + i];
        h0[j] = fmax(s, 0.0f);
    }
    #pragma unroll
    for (int j = 0; j < H; j++) {
        float s = b1[j];
        #pragma unroll
        for (int i = 0; i < H; i++) s += h0[i] * W1[j * H + i];
        h1[j] = fmax(s, 0.0f);
    }
    for (int j = 0; j < n_out; j++) {
        float s = b2[j];
        #pragma unroll
        for (int i = 0; i < H; i++) s += h1[i] * W2[j * H + i];
        out[j] = act(s, last);
    }
}
#define MLP_ARGS __global const float *W0, __global const float *b0, __global const float *W1, \
                 __global const float *b1, __global const float *W2, __global const float *b2
// one work item per edge: B row -> MLP; B row = [R_r^T X, R_s^T X, M]
__kernel void edge_mlp(__global const float *B, __global float *out, int n_out, int last, MLP_ARGS) {
    int e = get_global_id(0);
    float in[2 * DN + DE], o[DE];
    #pragma unroll
    for (int i = 0; i < 2 * DN + DE; i++) in[i] = B[e * (2 * DN + DE) + i];
    mlp(in, 2 * DN + DE, n_out, W0, b0, W1, b1, W2, b2, o, last);
    for (int j = 0; j < n_out; j++) out[e * n_out + j] = o[j];
}
__kernel void node_mlp(__global const float *C, __global float *out, MLP_ARGS) {
    int n = get_global_id(0);
    float in[DN + DE], o[DN];
    #pragma unroll
    for (int i = 0; i < DN + DE; i++) in[i] = C[n * (DN + DE) + i];
    mlp(in, DN + DE, DN, W0, b0, W1, b1, W2, b2, o, 0);
    #pragma unroll
    for (int j = 0; j < DN; j++) out[n * DN + j] = o[j];
}
// unrolled incidence products with compile-time sizes
__kernel void incidence_t_fixed(__global const float *R, __global const float *X, __global float *out,
                                int K, int ld, int off) {
    int e = get_global_id(0);
    float s[DE];
    #pragma unroll
    for (int k = 0; k < DE; k++) s[k] = 0.0f;
    for (int n = 0; n < NN; n++) {
        float r = R[n * NE + e];
        for (int k = 0; k < K; k++) s[k] += r * X[n * K + k];
    }
    for (int k = 0; k < K; k++) out[e * ld + off + k] = s[k];
}
__kernel void incidence_fixed(__global const float *R, __global const float *M, __global float *out,
                              int K, int ld, int off) {
    int n = get_global_id(0);
    float s[DE];
    #pragma unroll
    for (int k = 0; k < DE; k++) s[k] = 0.0f;
    for (int e = 0; e < NE; e++) {
        float r = R[n * NE + e];
        for (int k = 0; k < K; k++) s[k] += r * M[e * K + k];
    }
    for (int k = 0; k < K; k++) out[n * ld + off + k] = s[k];
}
// register tiling: each work item owns TILE output rows; the shared operand row stays in registers
__kernel void incidence_t_tiled(__global const float *R, __global const float *X, __global float *out,
                                int K, int ld, int off) {
    int e0 = get_global_id(0) * TILE;
    float s[TILE][DE];
    #pragma unroll
    for (int t = 0; t < TILE; t++)
        #pragma unroll
        for (int k = 0; k < DE; k++) s[t][k] = 0.0f;
    for (int n = 0; n < NN; n++) {
        float x[DE];
        for (int k = 0; k < K; k++) x[k] = X[n * K + k];
        #pragma unroll
        for (int t = 0; t < TILE; t++) {
            float r = (e0 + t < NE) ? R[n * NE + e0 + t] : 0.0f;
            for (int k = 0; k < K; k++) s[t][k] += r * x[k];
        }
    }
    for (int t = 0; t < TILE; t++)
        if (e0 + t < NE)
            for (int k = 0; k < K; k++) out[(e0 + t) * ld + off + k] = s[t][k];
}
__kernel void incidence_tiled(__global const float *R, __global const float *M, __global float *out,
                              int K, int ld, int off) {
    int n0 = get_global_id(0) * TILE;
    float s[TILE][DE];
    #pragma unroll
    for (int t = 0; t < TILE; t++)
        #pragma unroll
        for (int k = 0; k < DE; k++) s[t][k] = 0.0f;
    for (int e = 0; e < NE; e++) {
        float m[DE];
        for (int k = 0; k < K; k++) m[k] = M[e * K + k];
        #pragma unroll
        for (int t = 0; t < TILE; t++) {
            float r = (n0 + t < NN) ? R[(n0 + t) * NE + e] : 0.0f;
            for (int k = 0; k < K; k++) s[t][k] += r * m[k];
        }
    }
    for (int t = 0; t < TILE; t++)
        if (n0 + t < NN)
            for (int k = 0; k < K; k++) out[(n0 + t) * ld + off + k] = s[t][k];
}
__kernel void copy_cols(__global const float *M, __global float *out, int K, int ld, int off) {
    int r = get_global_id(0), k = get_global_id(1);
    out[r * ld + off + k] = M[r * K + k];
}
// sparse form: edge indices instead of incidence matrices
__kernel void gather_edges(__global const float *X, __global const int *src, __global const int *tgt,
                           __global const float *M, __global float *B, int K) {
    int e = get_global_id(0);
    int ld = 2 * DN + DE;
    for (int k = 0; k < DN; k++) {
        B[e * ld + k] = X[tgt[e] * DN + k];
        B[e * ld + DN + k] = X[src[e] * DN + k];
    }
    for (int k = 0; k < K; k++) B[e * ld + 2 * DN + k] = M[e * K + k];
}
__kernel void sum_at_target(__global const float *M, __global const int *tgt, __global const float *X,
                            __global float *C) {
    int n = get_global_id(0);
    float s[DE];
    #pragma unroll
    for (int k = 0; k < DE; k++) s[k] = 0.0f;
    for (int e = 0; e < NE; e++)
        if (tgt[e] == n)
            #pragma unroll
            for (int k = 0; k < DE; k++) s[k] += M[e * DE + k];
    for (int k = 0; k < DN; k++) C[n * (DN + DE) + k] = X[n * DN + k];
    #pragma unroll
    for (int k = 0; k < DE; k++) C[n * (DN + DE) + DN + k] = s[k];
}
"""
)

_SINGLE = (
    _COMMON
    + r"""
// the whole network in one work item; DN, DE, H, NN, NE are -D defines
inline void mlp1(const float *in, int n_in, int n_out, __global const float *W, int kind_last, float *out) {
    // W packs [W0 (H x n_in), b0 (H), W1 (H x H), b1 (H), W2 (n_out x H), b2 (n_out)]
    __global const float *W0 = W, *b0 = W0 + H * n_in, *W1 = b0 + H, *b1 = W1 + H * H, *W2 = b1 + H,
                         *b2 = W2 + n_out * H;
    float h0[H], h1[H];
    for (int j = 0; j < H; j++) { float s = b0[j]; for (int i = 0; i < n_in; i++) s += in[i] * W0[j * n_in + i]; h0[j] = fmax(s, 0.0f); }
    for (int j = 0; j < H; j++) { float s = b1[j]; for (int i = 0; i < H; i++) s += h0[i] * W1[j * H + i]; h1[j] = fmax(s, 0.0f); }
    for (int j = 0; j < n_out; j++) { float s = b2[j]; for (int i = 0; i < H; i++) s += h1[i] * W2[j * H + i]; out[j] = act(s, kind_last); }
}
__kernel void in_single(__global const float *X, __global const float *Ra, __global const float *Rs,
                        __global const float *Rr, __global const float *P1, __global const float *PO,
                        __global const float *P2, __global float *E1, __global float *X1, __global float *w) {
    float in[2 * DN + DE], o[DE];
    for (int e = 0; e < NE; e++) {
        for (int k = 0; k < DN; k++) {
            float a = 0.0f, b = 0.0f;
            for (int n = 0; n < NN; n++) { a += Rr[n * NE + e] * X[n * DN + k]; b += Rs[n * NE + e] * X[n * DN + k]; }
            in[k] = a; in[DN + k] = b;
        }
        for (int k = 0; k < DE; k++) in[2 * DN + k] = Ra[e * DE + k];
        mlp1(in, 2 * DN + DE, DE, P1, 0, o);
        for (int k = 0; k < DE; k++) E1[e * DE + k] = o[k];
    }
    for (int n = 0; n < NN; n++) {
        for (int k = 0; k < DN; k++) in[k] = X[n * DN + k];
        for (int k = 0; k < DE; k++) { float s = 0.0f; for (int e = 0; e < NE; e++) s += Rr[n * NE + e] * E1[e * DE + k]; in[DN + k] = s; }
        mlp1(in, DN + DE, DN, PO, 0, o);
        for (int k = 0; k < DN; k++) X1[n * DN + k] = o[k];
    }
    for (int e = 0; e < NE; e++) {
        for (int k = 0; k < DN; k++) {
            float a = 0.0f, b = 0.0f;
            for (int n = 0; n < NN; n++) { a += Rr[n * NE + e] * X1[n * DN + k]; b += Rs[n * NE + e] * X1[n * DN + k]; }
            in[k] = a; in[DN + k] = b;
        }
        for (int k = 0; k < DE; k++) in[2 * DN + k] = E1[e * DE + k];
        mlp1(in, 2 * DN + DE, 1, P2, 2, o);
        w[e] = o[0];
    }
}
"""
)


def _mlp_params(seq: torch.nn.Sequential) -> list[np.ndarray]:
    lin = [m for m in seq if isinstance(m, torch.nn.Linear)]
    out = []
    for layer in lin:
        out += [
            layer.weight.detach().cpu().numpy().astype(np.float32),
            layer.bias.detach().cpu().numpy().astype(np.float32),
        ]
    return out


def incidence(edge_index: np.ndarray, mask: np.ndarray, n_nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Dense R_s, R_r (n_nodes x E, float32) of the real edges of one padded graph."""
    e = np.flatnonzero(mask)
    rs = np.zeros((n_nodes, edge_index.shape[1]), np.float32)
    rr = np.zeros_like(rs)
    rs[edge_index[0, e], e] = 1.0
    rr[edge_index[1, e], e] = 1.0
    return rs, rr


class _Kernels:
    """A built program's kernels, each retrieved once (pyopencl warns on repeated retrieval)."""

    def __init__(self, program: Any) -> None:
        import pyopencl as cl

        self._k = {
            k.function_name: k for k in (cl.Kernel(program, n) for n in program.kernel_names.split(";") if n)
        }

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_k"][name]
        except KeyError:
            raise AttributeError(name) from None


class OpenCLIN:
    """An interaction network's weights on an OpenCL device, for graphs of one design (N, E)."""

    def __init__(self, model: torch.nn.Module, *, n_nodes: int, n_edges: int, ctx: Any = None) -> None:
        import pyopencl as cl

        self.cl = cl
        self.ctx = ctx or create_context()
        self.queue = cl.CommandQueue(self.ctx)
        self.N, self.E = int(n_nodes), int(n_edges)
        self.H = int(model.hidden_size)
        self.DN, self.DE = int(model.node_dim_in), int(model.edge_dim_in)
        if self.DE < self.DN:
            raise ValueError("the kernels size their private buffers with edge_dim >= node_dim")
        mf = cl.mem_flags
        self.params = {
            name: [
                cl.Buffer(self.ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=a)
                for a in _mlp_params(getattr(model, name).layers)
            ]
            for name in ("R1", "O", "R2")
        }
        self.packed = {
            name: cl.Buffer(
                self.ctx,
                mf.READ_ONLY | mf.COPY_HOST_PTR,
                hostbuf=np.concatenate([a.ravel() for a in _mlp_params(getattr(model, name).layers)]),
            )
            for name in ("R1", "O", "R2")
        }
        defines = f"-DDN={self.DN} -DDE={self.DE} -DH={self.H} -DNN={self.N} -DNE={self.E} -DTILE={TILE}"
        self.prg_nd = _Kernels(cl.Program(self.ctx, _NDRANGE).build())
        self.prg_fixed = _Kernels(cl.Program(self.ctx, _FIXED_MLP).build(options=defines))
        self.prg_single = _Kernels(cl.Program(self.ctx, _SINGLE).build(options=defines))

    def _buf(self, a: np.ndarray, write: bool = False) -> Any:
        mf = self.cl.mem_flags
        if write:
            return self.cl.Buffer(self.ctx, mf.READ_WRITE, size=max(4, a.nbytes))
        return self.cl.Buffer(self.ctx, mf.READ_ONLY | mf.COPY_HOST_PTR, hostbuf=np.ascontiguousarray(a))

    def upload(
        self, x: np.ndarray, edge_attr: np.ndarray, edge_index: np.ndarray, mask: np.ndarray
    ) -> dict[str, Any]:
        """Device buffers of one padded graph (padding edges have zero incidence columns)."""
        rs, rr = incidence(edge_index, mask, self.N)
        src = np.where(mask, edge_index[0], 0).astype(np.int32)
        tgt = np.where(mask, edge_index[1], -1).astype(np.int32)  # -1: adds to no node
        N, E, DN, DE = self.N, self.E, self.DN, self.DE
        f = np.float32
        return {
            "X": self._buf(x.astype(f)),
            "Ra": self._buf((edge_attr * mask[:, None]).astype(f)),
            "Rs": self._buf(rs),
            "Rr": self._buf(rr),
            "src": self._buf(src),
            "tgt": self._buf(tgt),
            "B": self._buf(np.zeros((E, 2 * DN + DE), f), True),
            "E1": self._buf(np.zeros((E, DE), f), True),
            "C": self._buf(np.zeros((N, DN + DE), f), True),
            "X1": self._buf(np.zeros((N, DN), f), True),
            "B2": self._buf(np.zeros((E, 2 * DN + DE), f), True),
            "h0": self._buf(np.zeros((max(N, E), self.H), f), True),
            "h1": self._buf(np.zeros((max(N, E), self.H), f), True),
            "w": self._buf(np.zeros(E, f), True),
        }

    def run(self, variant: str, g: dict[str, Any]) -> None:
        """Enqueue the whole network for one graph (asynchronous; call ``finish``)."""
        q, N, E, DN, DE, H = self.queue, self.N, self.E, self.DN, self.DE, self.H
        i32 = np.int32
        if variant == "single_work_item":
            self.prg_single.in_single(
                q, (1,), (1,), g["X"], g["Ra"], g["Rs"], g["Rr"], self.packed["R1"], self.packed["O"],
                self.packed["R2"], g["E1"], g["X1"], g["w"],
            )  # fmt: skip
            return
        if variant == "ndrange":
            p = self.prg_nd
            ldb = i32(2 * DN + DE)

            def mlp(inp: Any, rows: int, n_in: int, n_out: int, name: str, out: Any, last: int) -> None:
                W0, b0, W1, b1, W2, b2 = self.params[name]
                p.linear(q, (rows, H), None, inp, W0, b0, g["h0"], i32(n_in), i32(H), i32(1))
                p.linear(q, (rows, H), None, g["h0"], W1, b1, g["h1"], i32(H), i32(H), i32(1))
                p.linear(q, (rows, n_out), None, g["h1"], W2, b2, out, i32(H), i32(n_out), i32(last))

            p.incidence_t(q, (E, DN), None, g["Rr"], g["X"], g["B"], i32(N), i32(E), i32(DN), ldb, i32(0))
            p.incidence_t(q, (E, DN), None, g["Rs"], g["X"], g["B"], i32(N), i32(E), i32(DN), ldb, i32(DN))
            p.copy_cols(q, (E, DE), None, g["Ra"], g["B"], i32(DE), ldb, i32(2 * DN))
            mlp(g["B"], E, 2 * DN + DE, DE, "R1", g["E1"], 0)
            p.copy_cols(q, (N, DN), None, g["X"], g["C"], i32(DN), i32(DN + DE), i32(0))
            p.incidence(
                q, (N, DE), None, g["Rr"], g["E1"], g["C"], i32(N), i32(E), i32(DE), i32(DN + DE), i32(DN)
            )
            mlp(g["C"], N, DN + DE, DN, "O", g["X1"], 0)
            p.incidence_t(q, (E, DN), None, g["Rr"], g["X1"], g["B2"], i32(N), i32(E), i32(DN), ldb, i32(0))
            p.incidence_t(q, (E, DN), None, g["Rs"], g["X1"], g["B2"], i32(N), i32(E), i32(DN), ldb, i32(DN))
            p.copy_cols(q, (E, DE), None, g["E1"], g["B2"], i32(DE), ldb, i32(2 * DN))
            mlp(g["B2"], E, 2 * DN + DE, 1, "R2", g["w"], 2)
            return
        p = self.prg_fixed
        ldb = i32(2 * DN + DE)
        if variant == "gather":
            p.gather_edges(q, (E,), None, g["X"], g["src"], g["tgt"], g["Ra"], g["B"], i32(DE))
            p.edge_mlp(q, (E,), None, g["B"], g["E1"], i32(DE), i32(0), *self.params["R1"])
            p.sum_at_target(q, (N,), None, g["E1"], g["tgt"], g["X"], g["C"])
            p.node_mlp(q, (N,), None, g["C"], g["X1"], *self.params["O"])
            p.gather_edges(q, (E,), None, g["X1"], g["src"], g["tgt"], g["E1"], g["B2"], i32(DE))
            p.edge_mlp(q, (E,), None, g["B2"], g["w"], i32(1), i32(2), *self.params["R2"])
            return
        if variant == "ndrange_unrolled":
            inc_t, inc, ge, gn = p.incidence_t_fixed, p.incidence_fixed, (E,), (N,)
        elif variant == "register_tiled":
            inc_t, inc = p.incidence_t_tiled, p.incidence_tiled
            ge, gn = (-(-E // TILE),), (-(-N // TILE),)
        else:
            raise ValueError(f"unknown OpenCL variant {variant!r}; expected one of {VARIANTS}")
        inc_t(q, ge, None, g["Rr"], g["X"], g["B"], i32(DN), ldb, i32(0))
        inc_t(q, ge, None, g["Rs"], g["X"], g["B"], i32(DN), ldb, i32(DN))
        p.copy_cols(q, (E, DE), None, g["Ra"], g["B"], i32(DE), ldb, i32(2 * DN))
        p.edge_mlp(q, (E,), None, g["B"], g["E1"], i32(DE), i32(0), *self.params["R1"])
        p.copy_cols(q, (N, DN), None, g["X"], g["C"], i32(DN), i32(DN + DE), i32(0))
        inc(q, gn, None, g["Rr"], g["E1"], g["C"], i32(DE), i32(DN + DE), i32(DN))
        p.node_mlp(q, (N,), None, g["C"], g["X1"], *self.params["O"])
        inc_t(q, ge, None, g["Rr"], g["X1"], g["B2"], i32(DN), ldb, i32(0))
        inc_t(q, ge, None, g["Rs"], g["X1"], g["B2"], i32(DN), ldb, i32(DN))
        p.copy_cols(q, (E, DE), None, g["E1"], g["B2"], i32(DE), ldb, i32(2 * DN))
        p.edge_mlp(q, (E,), None, g["B2"], g["w"], i32(1), i32(2), *self.params["R2"])

    def scores(self, g: dict[str, Any]) -> np.ndarray:
        out = np.empty(self.E, np.float32)
        self.cl.enqueue_copy(self.queue, out, g["w"])
        self.queue.finish()
        return out


def create_context() -> Any:
    """A context on the first OpenCL CPU device (PoCL from PyPI provides one); clear error if none."""
    import pyopencl as cl

    try:
        platforms = cl.get_platforms()
    except cl.Error as err:
        raise RuntimeError(f"no OpenCL platform found ({err}); install pyopencl[pocl]") from err
    for p in platforms:
        devs = p.get_devices(device_type=cl.device_type.CPU) or p.get_devices()
        if devs:
            return cl.Context(devices=[devs[0]])
    raise RuntimeError("no OpenCL device found; install pyopencl[pocl] for a CPU device")


def opencl_available() -> tuple[bool, str]:
    """Whether an OpenCL device can be opened here, and why not."""
    try:
        import pyopencl  # noqa: F401

        create_context()
    except Exception as err:  # noqa: BLE001 - any failure means: skip with this reason
        return False, f"{type(err).__name__}: {err}"
    return True, ""


def benchmark(
    model: torch.nn.Module,
    padded: Any,
    *,
    variants: Sequence[str] = VARIANTS,
    max_graphs: int = 32,
    repeats: int = 3,
    reference: np.ndarray | None = None,
) -> dict[str, Any]:
    """Per variant: max |delta| against PyTorch on the real edges and the best time per graph."""
    from .reference import torch_scores

    n = min(len(padded.x), max_graphs)
    sub = type(padded)(**{k: getattr(padded, k)[:n] for k in padded.__dataclass_fields__})
    ref = torch_scores(model, sub) if reference is None else reference[:n]
    N, E = sub.x.shape[1], sub.edge_index.shape[2]
    ocl = OpenCLIN(model, n_nodes=N, n_edges=E)
    graphs = [ocl.upload(sub.x[b], sub.edge_attr[b], sub.edge_index[b], sub.mask[b]) for b in range(n)]
    device = ocl.ctx.devices[0]
    out: dict[str, Any] = {"n_nodes": int(N), "n_edges": int(E), "n_graphs": n, "device": device.name.strip(),
                           "platform": device.platform.name.strip(), "variants": {}}  # fmt: skip
    for v in variants:
        diffs = []
        for b, g in enumerate(graphs):
            ocl.run(v, g)
            s = ocl.scores(g)
            m = sub.mask[b]
            diffs.append(np.abs(s[m] - ref[b][m]).max() if m.any() else 0.0)
        best = np.inf
        for _ in range(repeats):
            t0 = time.perf_counter()
            for g in graphs:
                ocl.run(v, g)
            ocl.queue.finish()
            best = min(best, (time.perf_counter() - t0) / n)
        out["variants"][v] = {"max_abs_diff": float(max(diffs)), "seconds_per_graph": float(best),
                              "graphs_per_s": float(1.0 / best)}  # fmt: skip
        log.info("OpenCL %s %dx%d: %.3g s/graph, max |d| %.2g", v, N, E, best, max(diffs))
    base = out["variants"].get("single_work_item", {}).get("seconds_per_graph")
    if base:
        for v in out["variants"].values():
            v["speedup_vs_single_work_item"] = base / v["seconds_per_graph"]
    return out


def run_designs(
    model: torch.nn.Module,
    design_files: Sequence[str],
    *,
    variants: Sequence[str] = VARIANTS,
    max_graphs: int = 32,
    repeats: int = 3,
) -> dict[str, Any]:
    """:func:`benchmark` on every design file; ``available: false`` with the reason when no
    OpenCL device opens (the result says so instead of failing the workflow)."""
    from .sectors import Padded

    unknown = set(variants) - set(VARIANTS)
    if unknown:
        raise ValueError(f"unknown OpenCL variant(s) {sorted(unknown)}; expected {VARIANTS}")
    ok, reason = opencl_available()
    if not ok:
        log.warning("OpenCL skipped: %s", reason)
        return {"available": False, "reason": reason, "results": []}
    results = [
        benchmark(model, Padded.load(f), variants=variants, max_graphs=max_graphs, repeats=repeats)
        for f in design_files
    ]
    return {"available": True, "precision": "float32", "results": results}

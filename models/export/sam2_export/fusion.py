"""Fuses the attentions of exported graphs into ONNX Runtime's MultiHeadAttention (com.microsoft), which computes
Softmax(Q K^T * scale) V in one kernel, without the [L, L'] score matrix.

Two patterns, both the exporter's; inputs, outputs and weight placeholders are unchanged:

- memory attention (fuse): Softmax(Mul(MatMul(Q, Transpose(K, 0 1 3 2)), scale)) followed by MatMul(., V),
  Transpose(0 2 1 3) and Reshape, with Q, K, V as [B, H, L, d] and H = 1 (SAM 2.1's memory attention has one
  head per attention): Q, K and V lose their head axis, which is the layout MultiHeadAttention reads fastest.
- image encoder (fuse_encoder): Hiera's attention, Softmax(Mul(MatMul(Transpose(Q, 0 2 1 3), Transpose(K,
  0 2 3 1)), scale)), its float casts, MatMul(., Transpose(V, 0 2 1 3)), Transpose(0 2 1 3) and Reshape, with
  Q, K, V as [B, L, H, d] before their transposes: they are MultiHeadAttention's [B, L, H * d] once reshaped.
  The global attentions of the coarse stage hold H x L x L scores (268 MB per call for tiny at 1024 px, twice
  that for large), which the fused kernel never holds whole.

In both, MultiHeadAttention's output [B, L, H * d] takes the shape the unfused output was reshaped to.
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper


class _Graph:
    """An ONNX graph with its producers and consumers by value name, and the nodes being replaced."""

    def __init__(self, src):
        self.model = onnx.load(src, load_external_data=False)
        self.g = self.model.graph
        self.prod = {o: n for n in self.g.node for o in n.output}
        self.cons = {}
        for n in self.g.node:
            for i in n.input:
                self.cons.setdefault(i, []).append(n)
        self.inits = {t.name: t for t in self.g.initializer}
        self.removed, self.added = set(), []

    def const_value(self, name):
        n = self.prod.get(name)
        if n is not None and n.op_type == "Constant":
            return numpy_helper.to_array(n.attribute[0].t)
        if name in self.inits:
            return numpy_helper.to_array(self.inits[name])
        return None

    def initializer(self, name, value):
        if name not in self.inits:
            t = numpy_helper.from_array(value, name)
            self.g.initializer.append(t)
            self.inits[name] = t
        return name

    def only_use(self, node):
        """Whether node's output feeds nothing else (so that it may go with the nodes it fed)."""
        return len(self.cons.get(node.output[0], [])) == 1

    def save(self, dst):
        keep = [n for n in self.g.node if id(n) not in self.removed]
        # Topological order: nodes after those that make their inputs.
        made = {i.name for i in self.g.input} | set(self.inits)
        ordered, pending = [], keep + self.added
        while pending:
            rest = []
            for n in pending:
                if all(i == "" or i in made for i in n.input):
                    ordered.append(n)
                    made |= set(n.output)
                else:
                    rest.append(n)
            if len(rest) == len(pending):
                raise SystemExit("cannot order the fused graph: " + str([p.name for p in rest][:5]))
            pending = rest
        del self.g.node[:]
        self.g.node.extend(ordered)
        if not any(o.domain == "com.microsoft" for o in self.model.opset_import):
            self.model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
        onnx.save(self.model, dst)


def _perm(node):
    return list(node.attribute[0].ints) if node.op_type == "Transpose" and node.attribute else None


def _scores(graph, softmax):
    """(MatMul of Q and K^T, its Mul, the scale) under a Softmax, or None where it is not that."""
    mul = graph.prod.get(softmax.input[0])
    if mul is None or mul.op_type != "Mul":
        return None
    mm = graph.prod.get(mul.input[0])
    scale = graph.const_value(mul.input[1])
    if mm is None or mm.op_type != "MatMul" or scale is None or scale.size != 1:
        return None
    return mm, mul, float(np.asarray(scale).reshape(-1)[0])


def _weighted(graph, softmax):
    """(the float casts after a Softmax, MatMul by V, its Transpose(0 2 1 3), the Reshape), or None."""
    casts, n = [], softmax
    while True:
        after = graph.cons.get(n.output[0], [])
        if len(after) != 1:
            return None
        n = after[0]
        if n.op_type != "Cast":
            break
        casts.append(n)
    pv = n
    if pv.op_type != "MatMul" or pv.input[0] != (casts[-1] if casts else softmax).output[0]:
        return None
    after = graph.cons.get(pv.output[0], [])
    if len(after) != 1 or _perm(after[0]) != [0, 2, 1, 3]:
        return None
    tr = after[0]
    after = graph.cons.get(tr.output[0], [])
    if len(after) != 1 or after[0].op_type != "Reshape":
        return None
    return casts, pv, tr, after[0]


def _attention(graph, tag, inputs, heads, scale, reshape):
    """MultiHeadAttention on [B, L, H * d] inputs, its output given the shape the unfused one was reshaped to."""
    graph.added.append(helper.make_node("MultiHeadAttention", inputs, [tag + "_o"], domain="com.microsoft",
                                        num_heads=heads, scale=scale, name=tag))
    graph.added.append(helper.make_node("Reshape", [tag + "_o", reshape.input[1]], [reshape.output[0]],
                                        name=tag + "_out"))


def fuse(src, dst):
    """Fuses the attentions of a memory-attention graph; returns how many."""
    graph = _Graph(src)
    fused = 0
    for sm in [n for n in graph.g.node if n.op_type == "Softmax"]:
        found, weighted = _scores(graph, sm), _weighted(graph, sm)
        if found is None or weighted is None:
            continue
        mm, mul, scale = found
        casts, pv, tr, reshape = weighted
        kt = graph.prod.get(mm.input[1])
        if kt is None or _perm(kt) != [0, 1, 3, 2] or casts:
            continue
        q, k, v = mm.input[0], kt.input[0], pv.input[1]
        tag = f"fused{fused}"
        # [B, 1, L, d] is [B, L, d] without its head axis.
        axis = graph.initializer(tag + "_axis", np.array([1], np.int64))
        squeezed = []
        for name, part in ((q, "q"), (k, "k"), (v, "v")):
            graph.added.append(helper.make_node("Squeeze", [name, axis], [tag + "_" + part], name=tag + "_" + part))
            squeezed.append(tag + "_" + part)
        _attention(graph, tag, squeezed, 1, scale, reshape)
        graph.removed |= {id(mm), id(mul), id(sm), id(pv), id(tr), id(reshape)}
        if graph.only_use(kt):
            graph.removed.add(id(kt))
        fused += 1
    graph.save(dst)
    return fused


def fuse_encoder(src, dst, heads_per_attention):
    """Fuses the attentions of a Hiera image-encoder graph, whose blocks have heads_per_attention heads in graph
    order (one entry per block); returns how many. Every attention must match, or nothing is written."""
    graph = _Graph(src)
    softmaxes = [n for n in graph.g.node if n.op_type == "Softmax"]
    if len(softmaxes) != len(heads_per_attention):
        raise SystemExit(f"{src}: {len(softmaxes)} softmaxes for {len(heads_per_attention)} attention blocks")
    rows = graph.initializer("fused_rows", np.array([0, 0, -1], np.int64))  # [B, L, H, d] -> [B, L, H * d]
    for i, (sm, heads) in enumerate(zip(softmaxes, heads_per_attention)):
        found, weighted = _scores(graph, sm), _weighted(graph, sm)
        qt = graph.prod.get(found[0].input[0]) if found else None
        kt = graph.prod.get(found[0].input[1]) if found else None
        vt = graph.prod.get(weighted[1].input[1]) if weighted else None
        if (found is None or weighted is None or qt is None or kt is None or vt is None or _perm(qt) != [0, 2, 1, 3]
                or _perm(kt) != [0, 2, 3, 1] or _perm(vt) != [0, 2, 1, 3]):
            raise SystemExit(f"{src}: attention {i} ({sm.name}) is not Hiera's pattern; nothing fused")
        mm, mul, scale = found
        casts, pv, tr, reshape = weighted
        tag = f"fused_encoder{i}"
        inputs = []
        for t, part in ((qt, "q"), (kt, "k"), (vt, "v")):
            graph.added.append(helper.make_node("Reshape", [t.input[0], rows], [tag + "_" + part],
                                                name=tag + "_" + part))
            inputs.append(tag + "_" + part)
            if graph.only_use(t):
                graph.removed.add(id(t))
        _attention(graph, tag, inputs, heads, scale, reshape)
        graph.removed |= {id(n) for n in [mm, mul, sm, pv, tr, reshape, *casts]}
    graph.save(dst)
    return len(softmaxes)


def hiera_heads(blocks_per_stage, heads_per_stage):
    """The heads of each of a Hiera encoder's attention blocks, in order."""
    return [h for blocks, h in zip(blocks_per_stage, heads_per_stage) for _ in range(blocks)]

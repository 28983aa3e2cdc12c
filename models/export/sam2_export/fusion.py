"""Fuses the attentions of an exported memory-attention graph into ONNX Runtime's MultiHeadAttention
(com.microsoft), which computes Softmax(Q K^T * scale) V in one kernel, without the [L, L'] score matrix.

The pattern is the exporter's: Softmax(Mul(MatMul(Q, Transpose(K, 0 1 3 2)), scale)) followed by MatMul(., V),
Transpose(0 2 1 3) and Reshape, with Q, K, V as [B, H, L, d] and H = 1 (SAM 2.1's memory attention has one head
per attention): Q, K and V lose their head axis for MultiHeadAttention, whose output [B, L, d] takes the shape
the unfused output was reshaped to. Inputs, outputs and weight placeholders are unchanged.
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper


def fuse(src, dst):
    model = onnx.load(src, load_external_data=False)
    g = model.graph
    prod = {o: n for n in g.node for o in n.output}
    cons = {}
    for n in g.node:
        for i in n.input:
            cons.setdefault(i, []).append(n)
    inits = {t.name: t for t in g.initializer}

    def const_value(name):
        n = prod.get(name)
        if n is not None and n.op_type == "Constant":
            return numpy_helper.to_array(n.attribute[0].t)
        if name in inits:
            return numpy_helper.to_array(inits[name])
        return None

    removed, added, fused = set(), [], 0
    for sm in [n for n in g.node if n.op_type == "Softmax"]:
        mul = prod[sm.input[0]]
        mm = prod[mul.input[0]] if mul.op_type == "Mul" else None
        if mm is None or mm.op_type != "MatMul":
            continue
        scale = const_value(mul.input[1])
        kt = prod[mm.input[1]]
        if kt.op_type != "Transpose" or list(kt.attribute[0].ints) != [0, 1, 3, 2] or scale is None:
            continue
        pv = cons[sm.output[0]][0]
        after = cons[pv.output[0]]
        if pv.op_type != "MatMul" or len(after) != 1 or after[0].op_type != "Transpose":
            continue
        tr = after[0]
        reshape = cons[tr.output[0]][0]
        if list(tr.attribute[0].ints) != [0, 2, 1, 3] or reshape.op_type != "Reshape":
            continue
        q, k, v = mm.input[0], kt.input[0], pv.input[1]
        tag = f"fused{fused}"
        # Q [B, H, L, d] -> [B, L, H*d]: the same Transpose and Reshape the output already goes through.
        # SAM 2.1's memory attention has one head in each attention: [B, 1, L, d] is [B, L, d] without its head
        # axis, which is the layout MultiHeadAttention reads fastest.
        axis = numpy_helper.from_array(np.array([1], np.int64), tag + "_axis")
        g.initializer.append(axis)
        inits[axis.name] = axis
        squeezed = []
        for name, part in ((q, "q"), (k, "k"), (v, "v")):
            added.append(helper.make_node("Squeeze", [name, axis.name], [tag + "_" + part], name=tag + "_" + part))
            squeezed.append(tag + "_" + part)
        mha = helper.make_node("MultiHeadAttention", squeezed, [tag + "_o"], domain="com.microsoft", num_heads=1,
                               scale=float(np.asarray(scale).reshape(-1)[0]), name=tag)
        # The output [B, L, d] takes the shape the unfused output was given.
        out = helper.make_node("Reshape", [tag + "_o", reshape.input[1]], [reshape.output[0]], name=tag + "_out")
        added += [mha, out]
        removed |= {id(mm), id(mul), id(sm), id(pv), id(tr), id(reshape)}
        if len(cons[kt.output[0]]) == 1:
            removed.add(id(kt))
        fused += 1
    keep = [n for n in g.node if id(n) not in removed]
    del g.node[:]
    g.node.extend(keep + added)
    # Topological order: nodes after those that make their inputs.
    made = {i.name for i in g.input} | set(inits)
    ordered, pending = [], list(g.node)
    while pending:
        progress = False
        for n in list(pending):
            if all(i == "" or i in made for i in n.input):
                ordered.append(n)
                made |= set(n.output)
                pending.remove(n)
                progress = True
        if not progress:
            raise SystemExit("cannot order the fused graph: " + str([p.name for p in pending][:5]))
    del g.node[:]
    g.node.extend(ordered)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, dst)
    return fused

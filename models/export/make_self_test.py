"""Writes src/main/resources/org/sam2tracker/model/self-test.onnx: the small graph (MatMul, Add, Softmax on a 4 x 16
input) that the GPU self-test runs on CUDA and on the CPU before tracking, to compare the two.

    ../shared/tools/refenv run python3 models/export/make_self_test.py
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)
W = rng.standard_normal((16, 16)).astype(np.float32) * 0.25
b = rng.standard_normal((16,)).astype(np.float32) * 0.1
x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 16])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [4, 16])
nodes = [helper.make_node("MatMul", ["x", "W"], ["h"]), helper.make_node("Add", ["h", "b"], ["a"]),
         helper.make_node("Softmax", ["a"], ["y"], axis=-1)]
graph = helper.make_graph(nodes, "self_test", [x], [y], [numpy_helper.from_array(W, "W"), numpy_helper.from_array(b, "b")])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="sam2-tracker")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, "src/main/resources/org/sam2tracker/model/self-test.onnx")

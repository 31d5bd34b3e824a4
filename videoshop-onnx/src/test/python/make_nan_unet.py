"""Writes src/test/resources/broken/nan_unet.onnx: a graph with random-tiny's UNet signature whose output is
finite while timestep <= 0 (sigma <= 1) and NaN above it, so an edit fails at a known inversion step.

    out_sample = sample[:, :, 0:4] + 0 * sqrt(-timestep) + 0 * (sum(encoder_hidden_states) + sum(added_time_ids))

Needs only the onnx package:  /usr/bin/python3 videoshop-onnx/src/test/python/make_nan_unet.py
"""
import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "broken", "nan_unet.onnx")


def main():
    inputs = [
        helper.make_tensor_value_info("sample", TensorProto.FLOAT, ["B", "T", 8, "h", "w"]),
        helper.make_tensor_value_info("timestep", TensorProto.FLOAT, [1]),
        helper.make_tensor_value_info("encoder_hidden_states", TensorProto.FLOAT, ["B", 1, 64]),
        helper.make_tensor_value_info("added_time_ids", TensorProto.FLOAT, ["B", 3]),
    ]
    outputs = [helper.make_tensor_value_info("out_sample", TensorProto.FLOAT, ["B", "T", 4, "h", "w"])]
    consts = [
        helper.make_tensor("starts", TensorProto.INT64, [1], [0]),
        helper.make_tensor("ends", TensorProto.INT64, [1], [4]),
        helper.make_tensor("axes", TensorProto.INT64, [1], [2]),
        helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
    ]
    nodes = [
        helper.make_node("Slice", ["sample", "starts", "ends", "axes"], ["noisy"]),
        helper.make_node("Neg", ["timestep"], ["neg_t"]),
        helper.make_node("Sqrt", ["neg_t"], ["nan_above_zero"]),
        helper.make_node("ReduceSum", ["encoder_hidden_states"], ["sum_ehs"], keepdims=0),
        helper.make_node("ReduceSum", ["added_time_ids"], ["sum_ids"], keepdims=0),
        helper.make_node("Add", ["sum_ehs", "sum_ids"], ["sum_cond"]),
        helper.make_node("Add", ["nan_above_zero", "sum_cond"], ["poison"]),
        helper.make_node("Mul", ["poison", "zero"], ["poison0"]),
        helper.make_node("Add", ["noisy", "poison0"], ["out_sample"]),
    ]
    graph = helper.make_graph(nodes, "nan_unet", inputs, outputs, initializer=consts)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="videoshop-tests")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    onnx.save(model, OUT)
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()

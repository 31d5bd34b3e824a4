"""ONNX graph tools of scripts/svd/export_svd.py: the torch export workarounds applied while it traces (each only
where the running torch needs it), and two rewrites of a loaded graph that name no network (short names; a
float32 graph as float16). torch and onnx are imported inside the functions, so export_svd.py --manifest-only
still needs neither."""
import contextlib


def torch_major_minor():
    import torch
    return tuple(int(p) for p in torch.__version__.split("+")[0].split(".")[:2])


@contextlib.contextmanager
def export_workarounds():
    """Graph-level fixes for exporting diffusers' SVD classes, each applied only where the running torch needs it,
    and undone afterwards:
    - torch < 2.0 has no ONNX symbolic for aten::broadcast_to (TransformerSpatioTemporalModel uses it): register
      it as Expand, which is what broadcast_to means.
    - torch's repeat_interleave symbolic (opset 13) splits the input by its traced static sizes, which bakes the
      example's batch into later Reshapes (the UNet then runs only at the traced batch): during the export,
      Tensor.repeat_interleave(n, dim=0) with a scalar n is computed as unsqueeze + expand + flatten instead, the
      same values with every size taken from the graph."""
    import torch
    undo = []
    if torch_major_minor() < (2, 0):
        from torch.onnx import symbolic_opset9 as s9
        if not hasattr(s9, "broadcast_to"):
            torch.onnx.register_custom_op_symbolic("aten::broadcast_to",
                                                   lambda g, x, size: s9.expand(g, x, size, None), 9)
    original = torch.Tensor.repeat_interleave

    def repeat_interleave(self, repeats, dim=None, output_size=None):
        scalar = isinstance(repeats, int) or (torch.is_tensor(repeats) and repeats.dim() == 0)
        if scalar and dim == 0:
            return self.unsqueeze(1).expand(-1, repeats, *self.shape[1:]).flatten(0, 1)
        return original(self, repeats, dim=dim, output_size=output_size)

    torch.Tensor.repeat_interleave = repeat_interleave
    undo.append(lambda: setattr(torch.Tensor, "repeat_interleave", original))
    try:
        yield
    finally:
        for u in reversed(undo):
            u()


def compact_names(model):
    """Short names for nodes, intermediate tensors and weights, no doc strings: the same graph, smaller files
    (torch names every node after its module path; on a small model the names outweigh the weights)."""
    g = model.graph
    if any(a.type in (5, 10) for n in g.node for a in n.attribute):  # GRAPH / GRAPHS: keep subgraphs' names
        raise SystemExit("compact_names does not handle subgraphs (If/Loop nodes)")
    external = {i.name for i in g.input} | {o.name for o in g.output}
    rename = {}
    for k, init in enumerate(g.initializer):
        if init.name not in external:
            rename[init.name] = "w%x" % k
    for k, n in enumerate(g.node):
        for j, o in enumerate(n.output):
            if o and o not in external:
                rename[o] = "t%x_%d" % (k, j)
    for init in g.initializer:
        init.name = rename.get(init.name, init.name)
        init.doc_string = ""
    for k, n in enumerate(g.node):
        n.name, n.doc_string = "n%x" % k, ""
        n.input[:] = [rename.get(i, i) for i in n.input]
        n.output[:] = [rename.get(o, o) for o in n.output]
    for vi in g.value_info:
        vi.name = rename.get(vi.name, vi.name)
    model.doc_string = ""
    return model


def to_float16(model, keep_float32=("timestep",)):
    """A float32 graph as float16: weights, constants, casts, inputs and outputs (inputs named in keep_float32 stay
    float32 and are cast on entry, as a float16 trace keeps SVD's timestep). For machines that cannot trace in
    float16 (torch's CPU kernels have no float16 convolution); on CUDA, tracing in float16 is used instead.
    Resize's scales stay float32, as ONNX requires."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper
    g = model.graph
    F32, F16 = TensorProto.FLOAT, TensorProto.FLOAT16
    keep = set()
    for n in g.node:
        if n.op_type == "Resize" and len(n.input) > 2:
            keep.add(n.input[2])
        if n.op_type == "Upsample" and len(n.input) > 1:
            keep.add(n.input[1])

    def half(t):
        return numpy_helper.from_array(numpy_helper.to_array(t).astype(np.float16), t.name)

    for i, init in enumerate(g.initializer):
        if init.data_type == F32 and init.name not in keep:
            g.initializer[i].CopyFrom(half(init))
    for n in g.node:
        for a in n.attribute:
            if n.op_type == "Constant" and a.name == "value" and a.t.data_type == F32 and n.output[0] not in keep:
                a.t.CopyFrom(half(a.t))
            elif n.op_type == "ConstantOfShape" and a.name == "value" and a.t.data_type == F32:
                a.t.CopyFrom(half(a.t))
            elif n.op_type == "Cast" and a.name == "to" and a.i == F32:
                a.i = F16
    entry = []
    for inp in g.input:
        if inp.type.tensor_type.elem_type != F32:
            continue
        if inp.name in keep_float32:
            inner = inp.name + "_f16"
            for n in g.node:
                n.input[:] = [inner if x == inp.name else x for x in n.input]
            entry.append(helper.make_node("Cast", [inp.name], [inner], to=F16, name=inp.name + "_to_f16"))
        else:
            inp.type.tensor_type.elem_type = F16
    for out in g.output:
        if out.type.tensor_type.elem_type == F32:
            out.type.tensor_type.elem_type = F16
    nodes = entry + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    del g.value_info[:]
    return model

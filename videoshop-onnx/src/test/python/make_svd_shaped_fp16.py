"""Make the test bundle bundles/svd-shaped-fp16: SVD's interfaces at 64x64 with random weights.

It is the trainer's bundles/svd-shaped-random (tiny-model/export.py --random svd-shaped: 4 latent
channels, 8-channel UNet input,
1024-d image embedding, 224 px CLIP-normalised embedder input, downscale 8, 14 frames, temporal
decoder taking num_frames) with the same weights, the UNet turned into what scripts/export_svd.py writes for real
SVD: float16 `sample`, `encoder_hidden_states`, `added_time_ids` and output, float32 `timestep`,
weights in an external data file (unet.onnx.data) listed in the manifest's externalData.
Because the weights are shared, the tests compare the float16 UNet with svd-shaped-random's float32 one.

  /usr/bin/python3 videoshop-onnx/src/test/python/make_svd_shaped_fp16.py
"""
import json, os, shutil, subprocess, sys, tempfile
import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
BUNDLES = os.path.join(REPO, "videoshop-onnx", "src", "test", "resources", "bundles")
SRC = os.path.join(BUNDLES, "svd-shaped-random")
OUT = os.path.join(BUNDLES, "svd-shaped-fp16")
HALF_INPUTS = ["sample", "encoder_hidden_states", "added_time_ids"]
OUTPUT = "out_sample"


def to_fp16_io(path_in, folder_out):
    m = onnx.load(path_in)
    g = m.graph
    casts = []
    for inp in g.input:
        if inp.name in HALF_INPUTS:
            inner = inp.name + "_f32"
            for node in g.node:
                node.input[:] = [inner if x == inp.name else x for x in node.input]
            casts.append(helper.make_node("Cast", [inp.name], [inner], to=TensorProto.FLOAT))
            inp.type.tensor_type.elem_type = TensorProto.FLOAT16
    for out in g.output:
        if out.name == OUTPUT:
            inner = OUTPUT + "_f32"
            for node in g.node:
                node.output[:] = [inner if x == OUTPUT else x for x in node.output]
                node.input[:] = [inner if x == OUTPUT else x for x in node.input]
            out.type.tensor_type.elem_type = TensorProto.FLOAT16
            tail = helper.make_node("Cast", [inner], [OUTPUT], to=TensorProto.FLOAT16)
    nodes = casts + list(g.node) + [tail]
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save_model(m, os.path.join(folder_out, "unet.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="unet.onnx.data", size_threshold=0)
    onnx.checker.check_model(os.path.join(folder_out, "unet.onnx"))


def main():
    tmp = tempfile.mkdtemp()
    try:
        if os.path.exists(os.path.join(SRC, "videoshop-model.json")):
            for f in os.listdir(SRC):
                shutil.copy(os.path.join(SRC, f), tmp)
        else:
            subprocess.check_call([sys.executable, os.path.join(REPO, "tiny-model", "export.py"),
                                   "--random", "svd-shaped", "--out", tmp])
        if os.path.exists(OUT):
            shutil.rmtree(OUT)
        os.makedirs(OUT)
        for f in ("image_embedder.onnx", "vae_encoder.onnx", "vae_decoder.onnx"):
            shutil.copy(os.path.join(tmp, f), OUT)
        to_fp16_io(os.path.join(tmp, "unet.onnx"), OUT)
        with open(os.path.join(tmp, "videoshop-model.json")) as fh:
            manifest = json.load(fh)
        manifest["name"] = "svd-shaped-fp16"
        manifest["description"] = ("Random weights, SVD-shaped interfaces at 64x64, float16 UNet with "
                                   "external data; for tests of the runtime only (outputs are meaningless).")
        manifest["networks"]["unet"]["dtype"] = "float16"
        manifest["networks"]["unet"]["externalData"] = ["unet.onnx.data"]
        with open(os.path.join(OUT, "videoshop-model.json"), "w") as fh:
            json.dump(manifest, fh, indent=2)
            fh.write("\n")
        print("wrote", OUT, sorted(os.listdir(OUT)))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

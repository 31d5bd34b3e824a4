"""Makes local checkouts of diffusers, transformers and huggingface_hub importable without PyPI, for the reference
tool and export_svd.py on machines with only a system torch (README.md says which versions and how to fetch them).

Call setup() before importing diffusers or transformers. The checkouts are found under $SVD_CHECKOUTS (default
/work/ext) as diffusers/, transformers/, huggingface_hub/ and videoshop/ (the authors' repository). What the
libraries import but a random-weight model saved as .bin never uses (the Rust extensions safetensors and
tokenizers) is replaced by inert modules, and package metadata is written so their version checks pass.
Nothing is installed; everything lives in a temporary folder for this process."""
import importlib.machinery
import importlib.util
import os
import sys
import tempfile
import types

VERSIONS = {"diffusers": "0.25.1", "huggingface_hub": "0.23.5", "transformers": "4.45.0.dev0",
            "safetensors": "0.4.3"}


def checkouts():
    return os.environ.get("SVD_CHECKOUTS", "/work/ext")


def _module(name):
    mod = types.ModuleType(name)
    mod.__spec__ = importlib.machinery.ModuleSpec(name, None)
    return mod


def _inert_module(name):
    mod = _module(name)

    def __getattr__(attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return type(attr, (), {"__init__": lambda self, *a, **k: None})

    mod.__getattr__ = __getattr__
    return mod


def _install_safetensors_stand_in():
    if importlib.util.find_spec("safetensors") is not None:
        return
    st = _module("safetensors")
    st.__version__ = VERSIONS["safetensors"]

    class SafetensorError(Exception):
        pass

    def unavailable(*a, **k):
        raise NotImplementedError("safetensors is not installed: save and load models as .bin")

    st.SafetensorError = SafetensorError
    st.safe_open = unavailable
    stt = _module("safetensors.torch")
    for n in ("load_file", "save_file", "load", "save", "save_model", "load_model"):
        setattr(stt, n, unavailable)

    def storage_ptr(t):
        try:
            return t.untyped_storage().data_ptr()
        except Exception:
            return t.storage().data_ptr()

    def storage_size(t):
        try:
            return t.untyped_storage().nbytes()
        except Exception:
            return t.storage().size() * t.element_size()

    stt.storage_ptr, stt.storage_size = storage_ptr, storage_size
    st.torch = stt
    sys.modules["safetensors"], sys.modules["safetensors.torch"] = st, stt


def _install_tokenizers_stand_in():
    if importlib.util.find_spec("tokenizers") is not None:
        return
    sys.modules["tokenizers"] = _inert_module("tokenizers")
    for sub in ("decoders", "models", "normalizers", "pre_tokenizers", "processors", "trainers"):
        sys.modules["tokenizers." + sub] = _inert_module("tokenizers." + sub)


def setup(threads=1):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("DIFFUSERS_OFFLINE", "1")
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    import torch
    torch.set_num_threads(threads)
    root = checkouts()
    meta = tempfile.mkdtemp(prefix="svd-env-")
    for name in ("diffusers", "huggingface_hub", "transformers"):
        src = os.path.join(root, name, "src")
        if importlib.util.find_spec(name) is None:
            if not os.path.isdir(os.path.join(src, name)):
                raise SystemExit("Expected a %s checkout at %s (see scripts/svd/reference/README.md) but found none"
                                 % (name, src))
            sys.path.insert(0, src)
            info = os.path.join(meta, "%s-%s.dist-info" % (name, VERSIONS[name]))
            os.makedirs(info)
            with open(os.path.join(info, "METADATA"), "w") as fh:
                fh.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, VERSIONS[name]))
    if importlib.util.find_spec("safetensors") is None:
        info = os.path.join(meta, "safetensors-%s.dist-info" % VERSIONS["safetensors"])
        os.makedirs(info)
        with open(os.path.join(info, "METADATA"), "w") as fh:
            fh.write("Metadata-Version: 2.1\nName: safetensors\nVersion: %s\n" % VERSIONS["safetensors"])
    sys.path.insert(0, meta)
    _install_safetensors_stand_in()
    _install_tokenizers_stand_in()


def authors_repo():
    path = os.path.join(checkouts(), "videoshop")
    if not os.path.isfile(os.path.join(path, "model_utils.py")):
        raise SystemExit("Expected the authors' repository (sfanxiang/videoshop) at %s but found none" % path)
    return path

"""Metadata of an exported IceDet ONNX file (names, imgsz), read with the onnx package."""
import ast


def metadata(model):
    return {p.key: p.value for p in model.metadata_props}


def read_metadata(path):
    import onnx
    return metadata(onnx.load(path, load_external_data=False))


def class_names(meta):
    d = ast.literal_eval(meta["names"]) if "names" in meta else None
    return [d[k] for k in sorted(d)] if d else None


def image_size(meta, default=None):
    """`imgsz` is written as "[h, w]" or one number; the models are square."""
    if "imgsz" not in meta:
        return default
    v = ast.literal_eval(meta["imgsz"])
    return int(v[0] if isinstance(v, (list, tuple)) else v)

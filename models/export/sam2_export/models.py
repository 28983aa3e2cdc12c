"""Loading a SAM 2.1 video model: real weights from the hub or a folder, or seeded random weights."""

from __future__ import annotations

import os

import torch

from .configs import ARCHITECTURES, HUB_IDS, build_config
from .export import ExportError

MIN_VERSIONS = {"transformers": "5.0", "torch": "2.4", "onnx": "1.16", "onnxruntime": "1.18"}


def check_versions():
    """One clear line when an installed package is too old for the exporter."""
    import importlib

    for package, minimum in MIN_VERSIONS.items():
        try:
            module = importlib.import_module(package)
        except ImportError:
            raise ExportError(f"{package} is not installed: pip install 'transformers>={MIN_VERSIONS['transformers']}'"
                              f" torch onnx onnxruntime")
        if _version_tuple(module.__version__) < _version_tuple(minimum):
            raise ExportError(f"{package} {module.__version__} is too old: the exporter needs {package} >= {minimum}")
    try:
        from transformers import Sam2VideoModel  # noqa: F401
    except ImportError:
        raise ExportError("this transformers has no Sam2VideoModel: install transformers >= "
                          f"{MIN_VERSIONS['transformers']}")


def _version_tuple(text):
    parts = []
    for piece in text.split("+")[0].split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def load_pretrained(model_id_or_folder: str):
    """Real weights: a hub id such as facebook/sam2.1-hiera-tiny (or just 'tiny'), or a local folder."""
    from transformers import Sam2VideoModel

    model_id = HUB_IDS.get(model_id_or_folder, model_id_or_folder)
    if os.path.isdir(model_id):
        if not any(f.endswith((".safetensors", ".bin")) for f in os.listdir(model_id)):
            raise ExportError(f"{model_id} holds no weights (model.safetensors): download the model folder first")
    elif not model_id.startswith("facebook/sam2"):
        raise ExportError(f"unknown model '{model_id_or_folder}': use tiny, small, base-plus, large, "
                          f"a facebook/sam2.1-hiera-* id, or a folder with config.json and model.safetensors")
    try:
        model = Sam2VideoModel.from_pretrained(model_id, attn_implementation="eager")
    except OSError as e:
        raise ExportError(f"cannot load {model_id}: {str(e).splitlines()[0]}")
    return model.eval().float()


# Plain random weights put every object's score a hair below 0 (absent everywhere: masks all -1024, nothing to
# compare). These knobs of random_model make objects present with masks of moderate size, and make what an object
# remembers weigh on its masks, as in the fixture.
OBJECTS_PRESENT = {"score_gain": 20.0, "score_bias": 3.0, "mask_bias": -0.3, "memory_gain": 20.0}


def random_model(architecture: str, seed: int, scale: float = 1.0, score_gain: float = 1.0, score_bias: float = 0.0,
                 mask_bias: float = 0.0, memory_gain: float = 1.0, image_size: int | None = None):
    """The architecture with seeded random weights.

    The model's own initialisation leaves many tensors at zero or one (biases, LayerNorm, the no-object
    and no-memory embeddings); every tensor gets seeded noise on top, so that each one matters to the
    outputs and is told apart from the others in the checkpoint map. `scale` multiplies that noise.
    `score_gain` and `score_bias` act on the last layer of the object-score head, so that fixtures can
    have objects present on some frames and absent on others; `mask_bias` shifts the decoder's hypernetwork
    outputs, which moves mask logits in proportion to the upscaled image features (so masks can be neither
    empty nor full); `memory_gain` scales the memory cross-attention's output projection, so that what an
    object remembers weighs on its masks as it does in a trained model. `image_size` replaces the
    architecture's input size (a multiple of 64); the weights' shapes do not depend on it.
    """
    from transformers import Sam2VideoModel

    if architecture not in ARCHITECTURES:
        raise ExportError(f"unknown architecture '{architecture}': choose from {', '.join(ARCHITECTURES)}")
    arch = dict(ARCHITECTURES[architecture])
    if image_size is not None:
        if image_size <= 0 or image_size % 64:
            raise ExportError(f"input size {image_size} is not a positive multiple of 64")
        arch["image_size"] = image_size
    config = build_config(arch)
    config._attn_implementation = "eager"
    torch.manual_seed(seed)
    model = Sam2VideoModel(config).eval()
    generator = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for name, p in model.named_parameters():
            spread = p.std().item() if p.numel() > 1 and p.std().item() > 0 else 0.02
            p.add_(torch.randn(p.shape, generator=generator) * spread * 0.1 * scale + 0.02 * scale
                   * torch.randn(p.shape, generator=generator))
        head = model.mask_decoder.pred_obj_score_head.proj_out
        head.weight.mul_(score_gain)
        head.bias.mul_(score_gain).add_(score_bias)
        for mlp in model.mask_decoder.output_hypernetworks_mlps:
            mlp.proj_out.bias.add_(mask_bias)
        for layer in model.memory_attention.layers:
            layer.cross_attn_image.o_proj.weight.mul_(memory_gain)
    return model

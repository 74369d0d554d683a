"""vision: dermoscopic skin-lesion classifiers (nevus / pigmented benign keratosis / melanoma).

* ``create_model("cnd")`` -- CND, the paper's convolution + max-pooling network with a fully
  connected head; ``create_model("cnd_inception_v3", weights="imagenet")`` -- torchvision's
  InceptionV3 with a new head and a freeze policy.
* ``python -m vision train|evaluate|predict|export``; ``vision.load_run(run_dir)`` gives
  probabilities and embeddings for other tools (multimodal).
"""

from .inference import VisionRun, load_run
from .models import CND, CNDInceptionV3, create_model, list_models, register_model

__all__ = ["create_model", "list_models", "register_model", "CND", "CNDInceptionV3", "load_run", "VisionRun"]

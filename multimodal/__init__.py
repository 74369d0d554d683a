"""multimodal: the late-fusion "hybrid model" over lab values, clinical data and image backbones.

* :class:`LabFeaturizer`, :class:`ClinicalFeaturizer` -- scikit-learn transformers;
* :class:`SampleFeaturizer` -- samples → [image | labs | clinical], fitted per fold in the ablation;
* :class:`ImageFeatureCache` -- probabilities or embeddings of a ``vision`` run, cached on disk;
* :class:`LateFusionClassifier` -- per-modality models, calibrated, combined by weighted
  averaging or stacking, robust to a missing modality;
* :class:`HybridClassifier` -- intermediate fusion (embedding + tabular MLP, trained jointly);
* ``python -m multimodal train|evaluate`` -- the ablation image-only / tabular-only / fused.
"""

from .features import ClinicalFeaturizer, LabFeaturizer, SampleFeaturizer
from .fusion import LateFusionClassifier, image_estimator, tabular_estimator
from .hybrid import HybridClassifier
from .image_features import ImageFeatureCache

__all__ = ["LabFeaturizer", "ClinicalFeaturizer", "SampleFeaturizer", "LateFusionClassifier", "HybridClassifier",
           "ImageFeatureCache", "image_estimator", "tabular_estimator"]

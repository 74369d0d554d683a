"""scikit-learn transformers from reports and clinical records to numeric matrices."""

from .clinical import ClinicalFeaturizer
from .labs import LabFeaturizer
from .samples import SampleFeaturizer

__all__ = ["LabFeaturizer", "ClinicalFeaturizer", "SampleFeaturizer"]

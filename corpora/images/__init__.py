"""Image datasets as users download them: HAM10000, ISIC 2019, class folders, ISIC archive exports."""

from .labels import CLASSES, map_diagnosis
from .layouts import LAYOUTS, detect_layout, load_dataset, register_layout
from .records import DatasetIssue, ImageDataset, ImageRecord
from .sites import SITES, harmonise_site

__all__ = ["CLASSES", "map_diagnosis", "LAYOUTS", "detect_layout", "load_dataset", "register_layout",
           "DatasetIssue", "ImageDataset", "ImageRecord", "SITES", "harmonise_site"]

"""multimodal: the late-fusion "hybrid model" over lab values, clinical data and image backbones.

Will hold scikit-learn featurizers for reportparse reports and clinical data, and a
LateFusionClassifier robust to a missing modality.  Not implemented yet: see the multimodal issue.
"""

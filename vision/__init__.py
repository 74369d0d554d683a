"""vision: dermoscopic skin-lesion classifiers (nevus / pigmented benign keratosis / melanoma).

Will hold CND, the paper's custom CNN (convolution + max-pooling blocks and a fully
connected head), and CND-InceptionV3 (torchvision InceptionV3 with transfer learning),
with training, evaluation, prediction and export.  Not implemented yet: see the vision issue.
"""

"""Trained entity recognition beside the rules: labels, training data, the spaCy and transformers backends."""

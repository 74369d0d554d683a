"""Placeholder: filled in by the work on issue 10 (registered by import from the base module)."""

"""spaCy components of the report pipeline (registered in :mod:`.factories`)."""

"""Paired cohorts: lesion images and blood reports of the same (pseudonymous) patient.

Public data pairing the two does not exist.  :mod:`.manifest` defines how a team links
its own images and reports; :mod:`.synthetic` builds a clearly labelled SYNTHETIC cohort
from a real image dataset, with generated reports whose lab values depend on the label
through documented effect sizes (:mod:`.effects`), so fusion can be tested end to end.
"""

from .effects import DEFAULT_EFFECTS, effects_for
from .manifest import Cohort, CohortPatient, load_cohort, write_manifest
from .synthetic import make_synthetic_cohort

__all__ = ["DEFAULT_EFFECTS", "effects_for", "Cohort", "CohortPatient", "load_cohort", "write_manifest",
           "make_synthetic_cohort"]

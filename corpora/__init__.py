"""corpora: every dataset dermalab touches is read, split or made here.

* :mod:`corpora.reports` -- a seeded generator of Italian and English blood-analysis reports
  (native PDF, text, markdown) with gold annotations, and the bundled samples in
  ``corpora/samples/reports``.
* Image dataset loaders (HAM10000, ISIC 2019, class folders, ISIC archive exports),
  lesion-grouped splits and paired image/report cohorts arrive with the corpora issue.

Nothing here downloads data: loaders read what the user already has on disk.
"""

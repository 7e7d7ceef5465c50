"""Dutch and English labels for every member of the enums we ship.

The same names as :mod:`resultframe.report.labels`, where the labels live: they
are what reports show, and the report layer may import every layer that has
enums (model, evaluation, steering), while those layers never import labels.

>>> from resultframe.labels import label
>>> from resultframe.model.enums import Level
>>> label(Level.MICRO, "nl")
'microniveau'
"""

from resultframe.report.labels import LABELS, LANGUAGES, label

__all__ = ["LABELS", "LANGUAGES", "label"]

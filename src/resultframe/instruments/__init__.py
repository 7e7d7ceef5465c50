"""Ready-made measurement instruments (meetinstrumenten) for micro-level results.

- :mod:`resultframe.instruments.zrm`: the Self-Sufficiency Matrix
  (Zelfredzaamheid-Matrix) of GGD Amsterdam, versions 2013 and 2017;
- :mod:`resultframe.instruments.gas`: Goal Attainment Scaling and its T-score;
- :mod:`resultframe.instruments.positive_health`: the six dimensions of Positive
  Health (Positieve Gezondheid).

Each module makes ordinary :class:`~resultframe.Indicator` objects, so what it
measures evaluates, rolls up and serializes like any other indicator. Only names
of scale points, domains and dimensions are shipped; the instruments' copyrighted
texts (cell texts, questionnaire items) are not. Import the module you need::

    from resultframe.instruments import zrm
"""

__all__: list[str] = []

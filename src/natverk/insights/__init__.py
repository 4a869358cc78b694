"""natverk.insights: pure analytics (never imports Django).

- :mod:`natverk.insights.talk`: talk-time shares, turns and fairness (Gini, quietest share).
- :mod:`natverk.insights.anonymity`: which aggregates of anonymous answers may be shown
  (minimum reporting group k, no differencing: every atom of the shown cells has k answers).
"""

"""Meeting pages, split by who uses them when: the series, a meeting, the run view, notes."""

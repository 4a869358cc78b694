"""Feedback: meeting pulses, program evaluations and exit surveys, answered anonymously,
and insights shown only over groups of at least k respondents (natverk.insights)."""

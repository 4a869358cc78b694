"""Colleague pairing: coffee and lunch across departments, round after round."""

"""Fixtures of feedback: the demo program (tests/programs/conftest.py)."""

from tests.programs.conftest import program

__all__ = ["program"]

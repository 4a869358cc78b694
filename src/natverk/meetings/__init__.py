"""Meetings: the meeting series of a program's groups and their calendar files."""

"""Small Django helpers shared by every app: validators of text that people type."""

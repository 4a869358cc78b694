"""natverk: open-source platform for professional networking programs."""

__version__ = "0.1.0"

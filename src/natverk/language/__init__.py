"""natverk.language: pure core package (never imports Django)."""

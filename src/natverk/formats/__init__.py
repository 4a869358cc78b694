"""natverk.formats: pure core package (never imports Django)."""

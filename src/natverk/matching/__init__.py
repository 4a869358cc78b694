"""natverk.matching: pure core package (never imports Django)."""

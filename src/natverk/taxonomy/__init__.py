"""natverk.taxonomy: pure core package (never imports Django)."""

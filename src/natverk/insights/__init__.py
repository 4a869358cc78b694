"""natverk.insights: pure core package (never imports Django)."""

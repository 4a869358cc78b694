"""Programs: a network leader's program, its intake, matching runs and groups."""

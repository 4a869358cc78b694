"""Every write of the live app, one named function each (polls, rounds, talk, events)."""


class LiveError(ValueError):
    """A change that cannot be made; the text says why (translated)."""

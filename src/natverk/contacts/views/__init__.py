"""Contact pages, split by what they are for: the card, tending, importing."""

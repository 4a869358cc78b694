"""natverk.networks: a member's own list of networks, their quarterly review, and advice."""

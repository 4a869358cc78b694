"""natverk.live: running a meeting or an open event live: talk time, polls, breakout rounds,
and open themed events."""

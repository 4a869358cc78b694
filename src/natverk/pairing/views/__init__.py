"""Pairing views: HR's pages (admin) and the colleagues' own pages (people)."""

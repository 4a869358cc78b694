"""Accounts: people (e-mail login), organisations and their memberships with roles."""

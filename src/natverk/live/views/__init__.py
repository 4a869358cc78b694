"""Views of the live app, one module per tool."""

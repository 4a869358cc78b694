"""Program pages: leaders' program and matching pages, and the public application."""

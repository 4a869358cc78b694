"""The outbox: every e-mail natverk sends is a row first, delivered by the task queue.

A mail is queued in the same transaction as the change it reports, delivered after
commit by the worker, retried on transient SMTP failures, never sent twice (a key per
mail), and kept as a log that leaders and the person can read.
"""

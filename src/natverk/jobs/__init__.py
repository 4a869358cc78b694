"""Periodic jobs: work that runs by itself on a cadence, exactly once per period.

Apps declare a periodic task with ``@periodic(name, every=...)``; ``natverk worker`` runs
the task queue and, beside it, enqueues each job when it is due. The due time is a row
claimed under a lock, so two workers never enqueue the same period twice.
"""

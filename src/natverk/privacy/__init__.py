"""Privacy: consent, a person's data export, erasure, retention and the audit trail.

Apps never import each other for privacy work; each fills the registry in
``natverk.privacy.registry`` from its own ``privacy.py`` (loaded in ``AppConfig.ready``).
"""

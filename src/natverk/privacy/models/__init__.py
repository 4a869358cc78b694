"""Privacy models, split by concept."""

from natverk.privacy.models.audit import AuditEntry
from natverk.privacy.models.notice import ConsentRecord, Notice, PrivacySettings
from natverk.privacy.models.requests import DataRequest
from natverk.privacy.models.retention import InactivityWarning, RetentionRun

__all__ = [
    "AuditEntry",
    "ConsentRecord",
    "DataRequest",
    "InactivityWarning",
    "Notice",
    "PrivacySettings",
    "RetentionRun",
]

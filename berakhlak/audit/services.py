from __future__ import annotations

from typing import Any

from berakhlak.audit.models import AuditEvent


def audit_record(*, actor, action: str, agency=None, obj: Any = None, object_type: str = "", object_id: str = "",
                 before: dict | None = None, after: dict | None = None) -> AuditEvent:
    """Write one audit row. Call it inside the service's ``transaction.atomic`` block."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        agency=agency,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
    )

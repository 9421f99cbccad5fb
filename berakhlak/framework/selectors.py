from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from berakhlak.framework.models import Behaviour, CoreValue, FrameworkVersion


def framework_for_agency(*, agency) -> FrameworkVersion | None:
    """The framework version active for ``agency`` (the platform default when none was chosen)."""
    if agency is not None and agency.framework_version_id:
        return agency.framework_version
    return FrameworkVersion.objects.filter(is_default=True).first()


def values_with_behaviours(*, version: FrameworkVersion) -> QuerySet[CoreValue]:
    """The 7 values of ``version`` in order, each with its 3 behaviours prefetched (2 queries)."""
    return CoreValue.objects.filter(version=version).order_by("order").prefetch_related(
        Prefetch("behaviours", queryset=Behaviour.objects.order_by("number"))
    )

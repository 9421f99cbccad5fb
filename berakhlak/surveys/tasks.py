"""Background work of the culture survey (Django Tasks API; ``berakhlak worker`` runs them, tests run
them immediately)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_invitations(wave_id: int, reminder: bool = False) -> int:
    from berakhlak.surveys.services import invitations_send

    return invitations_send(wave_id=wave_id, reminder=reminder)


@task()
def compute_index(wave_id: int) -> int:
    """Compute and store the indices of a closed wave; returns its respondent count."""
    from berakhlak.surveys.indexing import index_compute
    from berakhlak.surveys.models import Wave

    return index_compute(wave=Wave.objects.get(pk=wave_id)).respondents

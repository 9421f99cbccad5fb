"""Background work of the organisation (Django Tasks API; ``berakhlak worker`` runs them, tests and the
demo's ``TASKS_IMMEDIATE`` run them at once, inside the request)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_job(job_id: int) -> str:
    """Check and import the file of an import job uploaded through the web page; returns its final status."""
    from berakhlak.org.services import import_job_run

    job = import_job_run(job_id=job_id)
    return job.status if job is not None else "MISSING"

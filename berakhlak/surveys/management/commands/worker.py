"""``berakhlak worker``: run queued background tasks (invitations, index runs) from the database queue."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Jalankan tugas latar (undangan survei, perhitungan indeks) / run background tasks"

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="keluar bila antrean kosong / exit when the queue is empty")

    def handle(self, *args, batch=False, **options):
        call_command("db_worker", *(["--batch"] if batch else []), verbosity=options.get("verbosity", 1))

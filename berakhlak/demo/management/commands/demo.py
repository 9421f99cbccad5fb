"""``berakhlak demo [--no-serve] [--port N]``: migrate, load the demo agency, serve on 127.0.0.1."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from berakhlak.demo.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Siapkan basis data, muat instansi demo, lalu jalankan di 127.0.0.1 / set up and serve the demo"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="muat data saja, jangan jalankan server")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve=False, port=8000, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Memuat instansi demo (Badan Kepegawaian Negara, ±2.400 pegawai)…")
        logins = demo_load()
        self.stdout.write("")
        self.stdout.write(f"Login demo (kata sandi semua akun: {DEMO_PASSWORD}):")
        width = max(len(login.role) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.role:<{width}}  {login.username:<20}  {login.who}")
        if no_serve:
            return
        self.stdout.write(f"\nBuka http://127.0.0.1:{port}/  (Ctrl+C untuk berhenti)\n")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

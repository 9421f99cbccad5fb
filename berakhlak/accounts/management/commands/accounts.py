"""``berakhlak accounts provision [--agency CODE]``: an account for every employee who has none."""

import sys

from django.core.management.base import BaseCommand

from berakhlak.accounts.services import accounts_provision
from berakhlak.org.models import Agency
from berakhlak.org.services import agency_get


class Command(BaseCommand):
    help = "Kelola akun pegawai / manage employee accounts"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, metavar="provision")
        provision = sub.add_parser("provision", help="buat akun (username = NIP) untuk pegawai yang belum punya")
        provision.add_argument("--agency", default=None, help="kode instansi (boleh kosong bila hanya ada satu)")

    def handle(self, *args, what, agency=None, **options):
        try:
            target = agency_get(agency)
        except Agency.DoesNotExist as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        created = accounts_provision(agency=target)
        self.stdout.write(
            f"{target.code}: {created} akun baru; pegawai mengatur kata sandi lewat /akun/aktivasi/ "
            f"/ {created} new account(s)"
        )

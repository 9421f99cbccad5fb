"""Shared steps of the SKP tests."""

from __future__ import annotations

from berakhlak.performance.services import (
    indicator_save,
    result_save,
    skp_approve,
    skp_create,
    skp_submit,
)
from tests.commands import run_command


def approved_skp(org, who="analis"):
    """The SKP of ``org[who]`` (the ``skp_org`` fixture; ``who`` may also be an employee), planned, submitted
    and approved by its rater."""
    emp = org[who] if isinstance(who, str) else who
    skp = skp_create(actor=emp.user, employee=emp, py=org["year"])
    r = result_save(actor=emp.user, skp=skp, kind="UTAMA", text="Terlaksananya analisis jabatan")
    indicator_save(actor=emp.user, result=r, aspect="KUANTITAS", text="Jumlah dokumen anjab", target="12 dokumen")
    skp_submit(actor=emp.user, skp=skp)
    skp_approve(actor=skp.rater.user, skp=skp)
    skp.refresh_from_db()
    return skp


def run_skp(*args) -> tuple[int, str, str]:
    """``berakhlak skp …``: (exit status, standard output, standard error)."""
    return run_command("skp", *args)

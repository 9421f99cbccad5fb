"""factory_boy factories. Units get a correct materialised path from their parent."""

from __future__ import annotations

import itertools

import factory

from berakhlak.accounts.models import User
from berakhlak.org.models import Agency, Employee, Position, PositionKind, Unit
from berakhlak.org.services import unit_closure_refresh

_nip_seq = itertools.count(1)


def make_nip(sex: str = "1", kind: str = "PNS") -> str:
    """A valid, unique NIP (birth 1985-01-01 + n days, CPNS 2010-03)."""
    n = next(_nip_seq)
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    seq = 1 + n % 999
    year = 1975 + (n // 336) % 20
    if kind == "PPPK":
        return f"{year}{month:02d}{day:02d}2021" + "21" + sex + f"{seq:03d}"
    return f"{year}{month:02d}{day:02d}201003{sex}{seq:03d}"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"AG{n}")
    name = factory.Sequence(lambda n: f"Instansi Uji {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.LazyAttribute(lambda o: o.parent.agency if o.parent else AgencyFactory())
    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    parent = None
    path = "/pending/"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["path"] = f"/pending-{kwargs['code']}-{kwargs['agency'].pk}/"
        unit = super()._create(model_class, *args, **kwargs)
        parent = unit.parent
        unit.path = (parent.path if parent else "/") + f"{unit.pk}/"
        unit.depth = parent.depth + 1 if parent else 0
        unit.save(update_fields=["path", "depth"])
        unit_closure_refresh(units=[(unit.pk, unit.path)])
        return unit


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("agency", "name", "kind")

    agency = factory.SubFactory(AgencyFactory)
    name = "Analis SDM Aparatur Ahli Muda"
    kind = PositionKind.FUNGSIONAL


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    unit = factory.SubFactory(UnitFactory)
    agency = factory.LazyAttribute(lambda o: o.unit.agency)
    nip = factory.LazyFunction(make_nip)
    name = factory.Sequence(lambda n: f"Pegawai {n:04d}")
    sex = factory.LazyAttribute(lambda o: "L" if o.nip[14] == "1" else "P")
    birth_date = factory.LazyAttribute(lambda o: f"{o.nip[:4]}-{o.nip[4:6]}-{o.nip[6:8]}")
    employment_type = "PNS"
    position = factory.LazyAttribute(lambda o: PositionFactory(agency=o.agency))
    email = ""


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

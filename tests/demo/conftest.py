"""The demo agency, loaded once for the whole ``tests/demo`` package (``demo_load()`` takes ~20 s), in a
transaction rolled back at the end; the tests of each module read it."""

import pytest
from django.db import transaction

from berakhlak.demo.services import DEMO_AGENCY, demo_load
from berakhlak.org.models import Agency


@pytest.fixture(scope="package")
def demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        logins = demo_load()
        yield {"logins": logins, "agency": Agency.objects.get(code=DEMO_AGENCY)}
        transaction.set_rollback(True)

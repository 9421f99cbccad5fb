"""Writes to accounts: users linked to employees, roles, passwords. Each audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from berakhlak.accounts.identity import normalise_login
from berakhlak.accounts.models import RateCounter, Role, RoleAssignment, User
from berakhlak.audit.services import audit_record


def user_create(*, username: str, password: str | None, employee=None, is_superuser: bool = False,
                actor=None, first_name: str = "", email: str = "") -> User:
    """Create a user (password ``None`` = unusable until set); a platform admin is also Django staff."""
    with transaction.atomic():
        user = User(username=username, employee=employee, is_superuser=is_superuser, is_staff=is_superuser,
                    first_name=first_name[:150], email=email or (employee.email if employee else ""))
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        if is_superuser:
            RoleAssignment.objects.create(user=user, role=Role.PLATFORM_ADMIN)
        audit_record(actor=actor, action="accounts.user_create", agency=employee.agency if employee else None,
                     obj=user, after={"username": username, "employee": employee.nip if employee else None,
                                      "superuser": is_superuser})
    return user


def user_create_for_employee(*, employee, password: str | None, actor=None) -> User:
    """An account whose username is the employee's NIP."""
    return user_create(username=employee.nip, password=password, employee=employee, actor=actor,
                       first_name=employee.name)


def role_assign(*, user: User, role: str, agency=None, unit=None, actor=None) -> RoleAssignment:
    with transaction.atomic():
        if unit is not None and agency is None:
            agency = unit.agency
        assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, agency=agency, unit=unit)
        if created:
            audit_record(actor=actor, action="accounts.role_assign", agency=agency, obj=assignment,
                         after={"user": user.username, "role": role, "unit": unit.code if unit else None})
    return assignment


def password_change(*, user: User, new_password: str) -> None:
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_record(actor=user, action="accounts.password_change", obj=user)


def accounts_provision(*, agency, actor=None) -> int:
    """Create an account (username = NIP, no usable password yet) for every active employee of
    ``agency`` who has none. People then set their password through the activation link
    (``/akun/aktivasi/``). Set-based: one query to find them, bulk inserts. Returns how many."""
    from django.contrib.auth.hashers import make_password

    from berakhlak.org.models import Employee

    with transaction.atomic():
        missing = list(
            Employee.objects.filter(agency=agency, is_active=True, user__isnull=True)
            .exclude(nip__in=User.objects.values("username"))
            .values_list("id", "nip", "name", "email")
        )
        User.objects.bulk_create(
            [User(username=nip, employee_id=pk, first_name=name[:150], email=email, password=make_password(None))
             for pk, nip, name, email in missing],
            batch_size=2000,
        )
        if missing:
            audit_record(actor=actor, action="accounts.provision", agency=agency, object_type="accounts.user",
                         after={"created": len(missing)})
    return len(missing)


def activation_user(*, identifier: str) -> User | None:
    """The active account an activation or reset link may be sent for: by NIP, username or e-mail.
    ``None`` when there is none or it is ambiguous (callers answer the same either way)."""
    from django.db.models import Q

    login = normalise_login(identifier)  # username or NIP, read as the login reads them
    email = identifier.strip()
    if not login or not email:
        return None
    users = list(
        User.objects.filter(Q(username__iexact=login) | Q(employee__nip=login) | Q(email__iexact=email))
        .select_related("employee")[:2]
    )
    if len(users) != 1:
        return None
    from berakhlak.accounts.backends import NipOrUsernameBackend

    # the same rule as at login: an active user whose linked employee (if any) is active
    return users[0] if NipOrUsernameBackend().user_can_authenticate(users[0]) else None


# --- rate limits of public forms -------------------------------------------------------------------

def rate_limit_hit(*, scope: str, key: str, limit: int, window: timedelta, count_refused: bool = True,
                   now: datetime | None = None) -> bool:
    """Count one request of ``key`` (a client address, an account id …) in ``scope``; ``False`` when it
    is over ``limit`` requests per ``window``, counted as a sliding window (the current fixed window plus
    the previous one weighted by how much of it still overlaps), so a burst across a window boundary gets
    no double allowance. With ``count_refused`` (per client address) refused requests count too, so
    hammering never waits the limit out; without it (per account) they do not, so that nobody can keep
    an account's own requests refused for ever. Exact under
    concurrency: the increment is one ``UPDATE`` of the row (row lock on PostgreSQL, one writer on
    SQLite). ``key`` is stored only as a keyed hash."""
    now = now or timezone.now()
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    start = datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)
    previous_start = start - window
    digest = salted_hmac("berakhlak.accounts.rate_limit", f"{scope}\n{key}", algorithm="sha256").hexdigest()
    row = RateCounter.objects.filter(scope=scope, key=digest, window_start=start)
    with transaction.atomic():
        if not row.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(scope=scope, key=digest, window_start=start, count=1)
            except IntegrityError:  # created meanwhile by a concurrent request
                row.update(count=F("count") + 1)
        current = row.values_list("count", flat=True).get()
        previous = (RateCounter.objects.filter(scope=scope, key=digest, window_start=previous_start)
                    .values_list("count", flat=True).first() or 0)
        RateCounter.objects.filter(scope=scope, window_start__lt=previous_start).delete()  # this scope's window
        overlap = 1 - (now - start) / window
        allowed = current + previous * overlap <= limit
        if not allowed and not count_refused:
            row.update(count=F("count") - 1)
    return allowed


def activation_link_request(*, identifier: str, language: str | None = None) -> None:
    """Someone asked for an activation or password-reset link for ``identifier`` (NIP, username or
    e-mail). If it means one active account with an e-mail address, and that account has had fewer than
    ``ACTIVATION_LIMIT_PER_ACCOUNT`` requests in the last hour, the link is mailed by a background task
    (the task makes the token: no token is stored in the task queue). Returns nothing either way, so the
    caller answers the same whether or not an account exists or is over its limit."""
    from berakhlak.accounts.tasks import send_activation_email

    user = activation_user(identifier=identifier)
    if user is None or not user.email:
        return
    if not rate_limit_hit(scope="activation-account", key=str(user.pk), limit=settings.ACTIVATION_LIMIT_PER_ACCOUNT,
                          window=timedelta(hours=1), count_refused=False):
        return
    send_activation_email.enqueue(user.pk, language or settings.LANGUAGE_CODE)


def activation_link(*, user: User) -> str:
    """The absolute link to set ``user``'s password: built on ``settings.SITE_URL``, never on the Host
    header of a request (a forged Host would otherwise reach the person's mailbox)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse("accounts:set_password", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    return settings.SITE_URL.rstrip("/") + path

"""Writes to accounts: users linked to employees, roles, passwords. Each audited."""

from __future__ import annotations

from django.db import transaction

from berakhlak.accounts.models import Role, RoleAssignment, User
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

    identifier = identifier.strip()
    if not identifier:
        return None
    users = list(
        User.objects.filter(Q(username__iexact=identifier) | Q(employee__nip=identifier) | Q(email__iexact=identifier))
        .select_related("employee")[:2]
    )
    if len(users) != 1:
        return None
    from berakhlak.accounts.backends import NipOrUsernameBackend

    # the same rule as at login: an active user whose linked employee (if any) is active
    return users[0] if NipOrUsernameBackend().user_can_authenticate(users[0]) else None

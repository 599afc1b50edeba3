"""Accounts: signing up, proving an email address, and belonging to a company.

Writes here follow the services style (keyword-only, named <entity>_<action>); reads that
views need (``membership_of``, ``can_decide_membership``) sit beside them because they are the
access rules the writes enforce.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from companies.selectors import company_named
from companies.services import company_name_lock
from listings.emails import email_send
from listings.links import site_url
from listings.recruiters.models import Membership, VerifiedEmail

# The salt it had in companies.accounts, so verification links already sent still work.
VERIFY_SALT = "companies.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 60 * 60  # a verification link works for three days


class MembershipError(Exception):
    """A membership request or decision that cannot be made; the message says why."""


def email_verification_send(*, user: AbstractBaseUser) -> str:
    """Mail the account a signed link that proves it owns its address; returns the link."""
    token = signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)
    link = site_url(reverse("verify_email", args=[token]))
    email_send(event="verify_email", to=user.email, context={"user": user, "link": link})
    return link


def email_verify(*, user: AbstractBaseUser, token: str) -> VerifiedEmail:
    """Mark the account's address verified if ``token`` was minted for it and is fresh."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise MembershipError("This link has expired. Send yourself a new one.") from exc
    except signing.BadSignature as exc:
        raise MembershipError("This link is not valid. Send yourself a new one.") from exc
    if data.get("user") != user.pk or data.get("email") != user.email:
        raise MembershipError("This link was sent to another account.")
    verified, _ = VerifiedEmail.objects.update_or_create(
        user=user, defaults={"email": user.email, "verified_at": timezone.now()}
    )
    return verified


def email_is_verified(*, user: AbstractBaseUser) -> bool:
    """Whether the account proved its current address."""
    return VerifiedEmail.objects.filter(user=user, email=user.email).exists()


def account_sign_up(*, email: str, password: str) -> None:
    """Create an account for ``email`` and mail it a verification link, or, if the address has
    an account already, mail its owner that. Callers answer the same either way, as password
    reset does, so sign-up never tells whether an address has an account."""
    users = get_user_model().objects
    user = users.model(username=email, email=email)
    user.set_password(password)  # hashed either way, so the time taken tells nothing either
    owner = users.filter(username__iexact=email).first()
    if owner is None:
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same address signed up a moment ago
            owner = users.get(username__iexact=email)
    if owner is None:
        email_verification_send(user=user)
        return
    email_send(
        event="signup_existing",
        to=email,
        context={
            "login_link": site_url(reverse("login")),
            "reset_link": site_url(reverse("password_reset")),
        },
    )


def membership_of(*, user: AbstractBaseUser) -> Membership | None:
    """The account's membership with its company loaded, or None."""
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("company").filter(user=user).first()


@transaction.atomic
def company_create_for_recruiter(*, user: AbstractBaseUser, name: str, **facts) -> Membership:
    """Create a company with the recruiter as its first, approved member."""
    _forget_refused(user)
    if Membership.objects.filter(user=user).exists():
        raise MembershipError("Your account already belongs to a company.")
    company_name_lock(name)
    existing = company_named(name=name)
    if existing is not None:  # created a moment ago by someone else
        raise MembershipError(f"{existing.name} is on Payline already: ask to join it instead.")
    company = Company.objects.create(name=name, **facts)
    return Membership.objects.create(
        user=user,
        company=company,
        status=Membership.Status.APPROVED,
        decided_at=timezone.now(),
    )


def membership_request(*, user: AbstractBaseUser, company: Company) -> Membership:
    """Ask to join ``company``; an admin or an approved member of it decides."""
    _forget_refused(user)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, company=company)
    except IntegrityError as exc:
        raise MembershipError("Your account already belongs to a company.") from exc
    colleagues = company.memberships.filter(status=Membership.Status.APPROVED)
    for colleague in colleagues.select_related("user"):
        email_send(
            event="membership_requested",
            to=colleague.user.email,
            context={
                "membership": membership,
                "link": site_url(reverse("recruiters:members")),
            },
        )
    return membership


def _forget_refused(user: AbstractBaseUser) -> None:
    """A refused request does not lock the account out: it may create or ask again."""
    Membership.objects.filter(user=user, status=Membership.Status.REFUSED).delete()


def can_decide_membership(*, user: AbstractBaseUser, membership: Membership) -> bool:
    """Admins with the right permission, or approved members of the same company."""
    if user.has_perm("companies.change_membership"):
        return True
    own = membership_of(user=user)
    return (
        own is not None
        and own.is_approved
        and own.company_id == membership.company_id
        and own.pk != membership.pk
    )


@transaction.atomic
def membership_decide(*, membership: Membership, by: AbstractBaseUser, approve: bool) -> Membership:
    """Approve or refuse a pending request to join a company."""
    if not can_decide_membership(user=by, membership=membership):
        raise PermissionDenied("Only an admin or a member of this company can decide.")
    if membership.status != Membership.Status.PENDING:
        raise MembershipError("This request was already decided.")
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REFUSED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    link = site_url(reverse("recruiters:start"))
    transaction.on_commit(
        lambda: email_send(
            event="membership_decided",
            to=membership.user.email,
            context={"membership": membership, "link": link},
        )
    )
    return membership

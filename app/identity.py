"""Who is signed in, as an `Actor`: from a local account, or from an OpenID Connect sign-in
(`st.login`) whose claims name the role, or whose e-mail address is in the users file.
And when a sign-in expires. No Streamlit here: ui/auth.py asks and shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.permissions import PUBLIC, ROLES, Actor
from nla_data.accounts import Accounts, User

ROLE_CLAIM = "wijkperspectief_rol"
WIJKEN_CLAIM = "wijkperspectief_wijken"
CORPORATIE_CLAIM = "wijkperspectief_corporatie"


def actor_of(user: User | None) -> Actor:
    """The actor of an account; a disabled or removed account is the public."""
    if user is None or not user.active:
        return PUBLIC
    return Actor(username=user.username, name=user.name, role=user.role, wijken=frozenset(user.wijken),
                 corporatie=user.corporatie)


@dataclass(frozen=True)
class ClaimMapping:
    """Which claims of the identity provider carry the role, the wijken and the corporation
    (`[wijkperspectief]` in secrets.toml: role_claim, wijken_claim, corporatie_claim)."""

    role_claim: str = ROLE_CLAIM
    wijken_claim: str = WIJKEN_CLAIM
    corporatie_claim: str = CORPORATIE_CLAIM


def actor_from_claims(claims: dict, accounts: Accounts, mapping: ClaimMapping = ClaimMapping()) -> Actor:
    """An OIDC sign-in: the role from a claim when the provider sends one, else the account in the users
    file with the same e-mail address; without either, the person is signed in without a role (public)."""
    email = str(claims.get("email") or "").strip().lower()
    name = str(claims.get("name") or email or "").strip()
    role = _first(claims.get(mapping.role_claim))
    if role in ROLES:
        wijken = frozenset(_list(claims.get(mapping.wijken_claim)))
        username = f"oidc:{claims.get('sub') or email}"
        return Actor(username=username, name=name, role=role, wijken=wijken,
                     corporatie=_first(claims.get(mapping.corporatie_claim)))
    return actor_of(accounts.by_email(email)) if email else PUBLIC


def expired(signed_in_at: dt.datetime, last_seen: dt.datetime, now: dt.datetime, session_minutes: int,
            idle_minutes: int) -> bool:
    """A sign-in ends after `session_minutes`, or after `idle_minutes` without a click."""
    return (now - signed_in_at > dt.timedelta(minutes=session_minutes)
            or now - last_seen > dt.timedelta(minutes=idle_minutes))


def _first(value) -> str | None:
    values = _list(value)
    return values[0] if values else None


def _list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]

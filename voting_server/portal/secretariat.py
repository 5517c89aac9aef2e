"""The secretary's administration: assemblies, parties, people, meetings.

A secretary administers their own assembly; a person with the ``admin`` role
administers all of them and may create new ones. Roles come from a fixed
list, and only an administrator grants or takes away ``admin`` or
``secretary``. Every change is written to the security log (``audit``),
which the administrator reads.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from ..domain.bodies import BodyKind, BodyRuleError, body_kind, substitute_orders
from ..store.models import (
    PERSON_ROLES,
    AssemblyRow,
    MembershipRow,
    PartyRow,
    PersonRow,
    role_list,
    role_set,
    settings_of,
)
from ..store.places import places_in, places_of
from ..store.portal_models import PortalAccountRow
from ..store.seed import import_roster
from . import audit
from .errors import PortalError, forbidden, not_found

KINDS = ("member", "substitute", "official")
#: A body's kind and its ersättarordning (party -> the parties whose substitutes serve).
BodyRules = tuple[str, dict[str, list[str]]]
ROLES = PERSON_ROLES
#: The roles only an administrator grants or takes away.
ADMIN_GRANTS = frozenset({"admin", "secretary"})


def roles_of(person: PersonRow) -> set[str]:
    return role_set(person.roles)


def set_roles_as_operator(engine: Engine, person_id: str, text: str) -> str:
    """``ordet admin set-roles``: how the first administrator is made; logged as the operator."""
    try:
        roles = role_list(text)
    except ValueError as bad:
        raise SystemExit(str(bad)) from None
    with Session(engine) as s:
        row = s.get(PersonRow, person_id)
        if row is None:
            raise SystemExit(f"no person {person_id!r}")
        before, row.roles = row.roles, roles
        after = row.roles
        s.add(row)
        s.commit()
    change = f"roles {before or '-'} -> {after or '-'}"
    audit.record(engine, "person.save", actor="operator", subject=person_id, reason=change)
    return f"{person_id}: {change}"


class Secretariat:
    """Administration as one person may do it."""

    def __init__(self, engine: Engine, person_id: str) -> None:
        self.engine = engine
        with Session(engine) as s:
            person = s.get(PersonRow, person_id)
            places = places_of(s, person_id)
        if person is None:
            raise forbidden()
        self.person = person_id
        self.everywhere = "admin" in roles_of(person)
        #: The bodies this person is a secretary of.
        self.bodies = {p.assembly_id for p in places if "secretary" in p.role_set}
        if not self.everywhere and not self.bodies:
            raise forbidden("auth.not_secretary", "only the secretary may do this")

    def log(self, action: str, subject: str, details: str = "") -> None:
        audit.record(self.engine, action, actor=self.person, subject=subject, reason=details)

    def checked_roles(self, text: str, before: str = "") -> str:
        """The roles as stored (sorted, from the list), if this person may grant them."""
        try:
            stored = role_list(text)
        except ValueError as bad:
            raise PortalError("person.bad_role", str(bad)) from None
        if (role_set(stored) ^ role_set(before)) & ADMIN_GRANTS and not self.everywhere:
            raise forbidden("auth.not_admin", "only an administrator grants admin or secretary")
        return stored

    def check(self, assembly: str) -> None:
        if not self.everywhere and assembly not in self.bodies:
            raise forbidden("auth.other_assembly", "not your assembly")
        with Session(self.engine) as s:
            if s.get(AssemblyRow, assembly) is None:
                raise not_found("assembly.unknown", "no such assembly")

    def check_person(self, person_id: str) -> PersonRow:
        with Session(self.engine) as s:
            person = s.get(PersonRow, person_id)
        if person is None:
            raise not_found("person.unknown", "no such person")
        self.check(person.assembly_id)
        return person

    # --- assemblies -----------------------------------------------------------------
    def assemblies(self) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            rows = s.exec(select(AssemblyRow).order_by(col(AssemblyRow.id))).all()
        return [_assembly_view(a) for a in rows if self.everywhere or a.id in self.bodies]

    def save_assembly(
        self,
        assembly: str,
        name: str,
        links: list[dict[str, str]],
        rules: BodyRules | None = None,
    ) -> None:
        """Create or change a body: its name, link tiles and, when given, kind and order."""
        with Session(self.engine) as s:
            row = s.get(AssemblyRow, assembly)
            if row is None and not self.everywhere:
                raise forbidden("auth.not_admin", "only an administrator creates assemblies")
            if row is not None:
                self.check(assembly)
            row = row or AssemblyRow(id=assembly, name=name)
            settings = settings_of(row.settings)
            settings["links"] = links
            change = ""
            if rules is not None:
                parties = s.exec(select(PartyRow.id).where(PartyRow.assembly_id == assembly))
                change = _apply_rules(settings, rules, set(parties))
            row.name = name
            row.settings = json.dumps(settings)
            s.add(row)
            s.commit()
        self.log("assembly.save", assembly, "; ".join(filter(None, [name, change])))

    # --- parties and people ---------------------------------------------------------
    def parties(self, assembly: str) -> list[dict[str, Any]]:
        self.check(assembly)
        with Session(self.engine) as s:
            rows = s.exec(
                select(PartyRow)
                .where(PartyRow.assembly_id == assembly)
                .order_by(col(PartyRow.position), col(PartyRow.id))
            ).all()
        return [
            {"id": p.id, "name": p.name, "color": p.color, "position": p.position} for p in rows
        ]

    def save_party(self, assembly: str, party: str, name: str, color: str, position: int) -> None:
        self.check(assembly)
        with Session(self.engine) as s:
            s.merge(
                PartyRow(id=party, assembly_id=assembly, name=name, color=color, position=position)
            )
            s.commit()
        self.log("party.save", party, f"{assembly}: {name}")

    def people(self, assembly: str) -> list[dict[str, Any]]:
        """Everyone with a place in the body; ``home`` is the body of a person's own row."""
        self.check(assembly)
        with Session(self.engine) as s:
            places = places_in(s, assembly)
            homes = {
                p.id: p
                for p in s.exec(
                    select(PersonRow).where(col(PersonRow.id).in_([p.person_id for p in places]))
                )
            }
            accounts = {
                a.person_id: a.enrolled
                for a in s.exec(
                    select(PortalAccountRow).where(col(PortalAccountRow.person_id).in_(list(homes)))
                )
            }
        return [
            {
                "id": p.person_id,
                "name": p.name,
                "kind": p.kind,
                "party": p.party_id,
                "seat": p.seat,
                "order": p.sub_order,
                "gender": p.gender,
                "roles": p.roles,
                "home": homes[p.person_id].assembly_id,
                "email": homes[p.person_id].email,  # the person's own, whichever body asks
                "account": (
                    "none"
                    if p.person_id not in accounts
                    else "enrolled"
                    if accounts[p.person_id]
                    else "pending"
                ),
            }
            for p in places
        ]

    def save_person(self, assembly: str, fields: dict[str, Any]) -> None:
        """Add or change a person; a person of another body gets a place in this one too.

        A place in a further body keeps the person's name and gender as their own
        body has them: only that body's secretary changes those.
        """
        self.check(assembly)
        if fields["kind"] not in KINDS:
            raise PortalError("person.bad_kind", "kind: member, substitute or official")
        with Session(self.engine) as s:
            row = s.get(PersonRow, fields["id"])
            party = fields.get("party") or None
            if (
                party is not None
                and s.get(PartyRow, {"id": party, "assembly_id": assembly}) is None
            ):
                raise PortalError("party.unknown", "no such party in this assembly")
            if row is not None and row.assembly_id != assembly:
                membership = s.get(MembershipRow, (assembly, row.id))
                before = membership.roles if membership is not None else ""
                roles = self.checked_roles(fields.get("roles") or "", before)
                s.merge(
                    MembershipRow(
                        assembly_id=assembly,
                        person_id=row.id,
                        kind=fields["kind"],
                        party_id=party,
                        seat=fields.get("seat"),
                        sub_order=fields.get("order"),
                        roles=roles,
                    )
                )
                place = f"{assembly}: a place as {fields['kind']} (own body {row.assembly_id})"
            else:
                before = row.roles if row is not None else ""
                roles = self.checked_roles(fields.get("roles") or "", before)
                s.merge(
                    PersonRow(
                        id=fields["id"],
                        assembly_id=assembly,
                        name=fields["name"],
                        kind=fields["kind"],
                        party_id=party,
                        seat=fields.get("seat"),
                        sub_order=fields.get("order"),
                        gender=fields.get("gender") or "",
                        roles=roles,
                        email=_email(fields.get("email"), row),
                    )
                )
                place = assembly
            s.commit()
        change = f"roles {before or '-'} -> {roles or '-'}" if roles != before else ""
        self.log("person.save", fields["id"], "; ".join(filter(None, [place, change])))

    def remove_place(self, assembly: str, person_id: str) -> None:
        """Take away a person's place in a further body (their own body's row stays)."""
        self.check(assembly)
        with Session(self.engine) as s:
            membership = s.get(MembershipRow, (assembly, person_id))
            if membership is None:
                own = s.get(PersonRow, person_id)
                if own is not None and own.assembly_id == assembly:
                    raise PortalError(
                        "person.own_body", "this is the person's own body: change their kind", 409
                    )
                raise not_found("person.unknown", "no such person in this body")
            self.checked_roles("", membership.roles)  # only an administrator takes secretary
            s.delete(membership)
            s.commit()
        self.log("person.remove_place", person_id, assembly)

    def import_csv(self, assembly: str, name: str, people_csv: str) -> int:
        """The roster from CSV text (columns id,name,kind,party,seat,order,gender,roles)."""
        with Session(self.engine) as s:
            exists = s.get(AssemblyRow, assembly) is not None
        if exists:
            self.check(assembly)
        elif not self.everywhere:
            raise forbidden("auth.not_admin", "only an administrator creates assemblies")
        self._refuse_foreign_ids(assembly, people_csv)
        self._check_csv_roles(people_csv)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "people.csv"
            path.write_text(people_csv, encoding="utf-8")
            try:
                count = import_roster(self.engine, assembly, name or assembly, path, None)
            except (KeyError, ValueError, TypeError, AttributeError, csv.Error) as err:
                raise PortalError(
                    "roster.invalid", f"the CSV is not a roster ({_plain(err)})"
                ) from None
        self.log("roster.import", assembly, f"{count} people")
        return count

    def _check_csv_roles(self, people_csv: str) -> None:
        """Each row's roles from the list, and admin or secretary only from an administrator."""
        rows = list(csv.DictReader(io.StringIO(people_csv)))
        with Session(self.engine) as s:
            for row in rows:
                known = s.get(PersonRow, str(row.get("id") or "").strip())
                self.checked_roles(str(row.get("roles") or ""), known.roles if known else "")

    def _refuse_foreign_ids(self, assembly: str, people_csv: str) -> None:
        """Person ids are global: an import must not move another assembly's people."""
        try:
            rows = list(csv.DictReader(io.StringIO(people_csv)))
        except csv.Error:
            raise PortalError("roster.invalid", "the CSV is not a roster") from None
        people = {str(r.get("id") or "").strip() for r in rows}
        with Session(self.engine) as s:
            for row in s.exec(select(PersonRow).where(col(PersonRow.id).in_(people))):
                if row.assembly_id != assembly:
                    raise PortalError("person.taken", f"{row.id} is in another assembly", 409)


def _email(given: str | None, row: PersonRow | None) -> str:
    """The address given, or the one the person has when none was given."""
    if given is not None:
        return given
    return row.email if row is not None else ""


def _assembly_view(row: AssemblyRow) -> dict[str, Any]:
    settings = settings_of(row.settings)
    seating = settings.get("seating")
    order = seating.get("substitute_order", {}) if isinstance(seating, dict) else {}
    return {
        "id": row.id,
        "name": row.name,
        "links": settings.get("links", []),
        "kind": settings.get("body") or BodyKind.FULLMAKTIGE,
        "substitute_order": order,
    }


def _apply_rules(settings: dict[str, Any], rules: BodyRules, parties: set[str]) -> str:
    """Put a body's kind and ersättarordning into its settings, checked; says what changed."""
    try:
        kind = body_kind(rules[0])
        checked = substitute_orders(kind, rules[1], parties)
    except BodyRuleError as refused:
        raise PortalError(refused.code, refused.message) from None
    seating = settings.get("seating")
    seating = seating if isinstance(seating, dict) else {}
    before = (settings.get("body"), seating.get("substitute_order"))
    settings["body"] = kind
    seating["substitute_order"] = {o.party: [o.party, *o.then] for o in checked}
    settings["seating"] = seating
    after = (kind, seating["substitute_order"])
    if before == after:
        return ""
    orders = ", ".join(f"{p}: {' '.join(ps)}" for p, ps in seating["substitute_order"].items())
    return f"kind {kind}; ersättarordning {orders or '-'}"


def _plain(err: Exception) -> str:
    """What went wrong in the roster, in words: a missing column, a bad value; no internals."""
    if isinstance(err, KeyError):
        return f"missing column {err.args[0]!r}" if err.args else "a column is missing"
    if isinstance(err, ValueError) and err.args and isinstance(err.args[0], str):
        return err.args[0][:200]
    return "a row could not be read"

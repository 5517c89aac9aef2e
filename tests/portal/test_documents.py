"""Handlingar: PDFs uploaded by the secretary, filed by SHA-256 with every version,
read by the body's members and refused to everyone else."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import httpx
from minio import Minio
from sqlalchemy.engine import Engine

from tests.portal.test_http import security_log
from tests.portal.web import enrolled_session
from tests.support.actors import connect_as
from tests.support.hubs import HubProcess, hub_env
from tests.support.services import object_store
from voting_server.audit.minutes_report import pairs_of, render
from voting_server.domain.meeting.events import DocumentsFiled, FiledDocument
from voting_server.portal.documents import MAX_DOCUMENT
from voting_server.store.archive import Archive

UPLOAD = "/portal/api/admin/meetings/demo/documents"
MEETINGS = "/portal/api/admin/assemblies/demo/meetings"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SECOND = PDF.replace(b"Catalog", b"Catalog /Lang (sv)")


async def upload(
    http: httpx.AsyncClient, data: bytes, kind: str = "application/pdf", **query: str
) -> httpx.Response:
    params = {"title": "Budgetförslag", "item": "3", **query}
    return await http.post(UPLOAD, params=params, content=data, headers={"content-type": kind})


async def test_a_document_is_uploaded_versioned_read_and_kept_from_others(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, tmp_path: Path
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    member, _ = await enrolled_session(hub.url, demo_engine, "m2")
    outsider, _ = await enrolled_session(hub.url, demo_engine, "n1")  # the nämnd's, not ours
    anonymous = httpx.AsyncClient(base_url=hub.url)
    try:
        first = await upload(secretary, PDF, filename="budget.pdf")
        again = await upload(secretary, PDF)
        not_pdf = await upload(secretary, b"<html>not a pdf</html>")
        wrong_type = await upload(secretary, PDF, kind="text/html")
        too_large = await upload(secretary, PDF + b"0" * MAX_DOCUMENT)
        no_item = await upload(secretary, SECOND, item="99")
        by_member = await upload(member, SECOND)
        listed = (await member.get("/portal/api/me")).json()["meetings"][0]["documents"]
        series = next(d["series"] for d in listed if d.get("id") == first.json()["id"])
        second = await upload(secretary, SECOND, replaces=series)
        documents = (await member.get("/portal/api/me")).json()["meetings"][0]["documents"]
        url = f"/portal/documents/{first.json()['id']}"
        read = await member.get(url)
        newest = await member.get(f"/portal/documents/{second.json()['id']}")
        refused = await outsider.get(url)
        logged_out = await anonymous.get(url)
        public = await upload(secretary, PDF + b"%public\n", title="Kungörelse", public="true")
        public_read = await anonymous.get(f"/portal/documents/{public.json()['id']}")
    finally:
        for http in (secretary, member, outsider, anonymous):
            await http.aclose()

    assert first.status_code == 200, first.text
    assert [r.status_code for r in (again, not_pdf, wrong_type, too_large, no_item)] == [
        409,
        415,
        415,
        413,
        404,
    ]
    assert [r.json()["error"] for r in (again, not_pdf, wrong_type, too_large, no_item)] == [
        "document.duplicate",
        "document.not_pdf",
        "document.not_pdf",
        "document.too_large",
        "agenda.unknown_item",
    ]
    assert by_member.status_code == 403
    # One document listed, at its second version; the first stays readable.
    [budget] = [d for d in documents if d.get("series") == series]
    assert (budget["version"], budget["sha256"]) == (2, hashlib.sha256(SECOND).hexdigest())
    assert (read.status_code, read.content) == (200, PDF)
    assert read.headers["content-type"] == "application/pdf"
    assert "budget.pdf" in read.headers["content-disposition"]
    assert newest.content == SECOND
    assert refused.status_code == 403 and logged_out.status_code == 401
    assert (public_read.status_code, public_read.content) == (200, PDF + b"%public\n")
    # Filed under its digest in the data directory, and logged with it.
    digest = hashlib.sha256(PDF).hexdigest()
    assert (tmp_path / "documents" / digest[:2] / digest).read_bytes() == PDF
    uploads = [e for e in security_log(demo_engine) if e[0] == "document.upload"]
    assert any(digest in reason and "version 1" in reason for *_, reason in uploads)


async def test_a_changed_file_is_refused_rather_than_served(
    start_hub: Callable[..., HubProcess], demo_engine: Engine, tmp_path: Path
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    try:
        made = await upload(secretary, PDF)
        digest = hashlib.sha256(PDF).hexdigest()
        (tmp_path / "documents" / digest[:2] / digest).write_bytes(PDF.replace(b"1.7", b"1.4"))
        served = await secretary.get(f"/portal/documents/{made.json()['id']}")
    finally:
        await secretary.aclose()
    assert served.status_code == 500
    assert served.json()["error"] == "document.corrupt"


async def test_documents_live_in_an_object_store_when_one_is_named(
    sqlite_url: str, redis_url: str, tmp_path: Path, demo_engine: Engine
) -> None:
    with object_store() as endpoint:
        env = hub_env(sqlite_url, redis_url, tmp_path)
        env.update(
            ORDET_DOCUMENTS=f"s3+http://{endpoint}/ordet-handlingar/rf",
            ORDET_DOCUMENTS_ACCESS_KEY="ordet",
            ORDET_DOCUMENTS_SECRET_KEY="ordet-secret",
        )
        hub = HubProcess(env).start()
        secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
        try:
            made = await upload(secretary, PDF)
            again = await upload(secretary, PDF)
            read = await secretary.get(f"/portal/documents/{made.json()['id']}")
            store = Minio(endpoint, "ordet", "ordet-secret", secure=False)
            digest = hashlib.sha256(PDF).hexdigest()
            stored = store.get_object("ordet-handlingar", f"rf/{digest}")
            kept = stored.read()
            stored.close()
            stored.release_conn()
            changed = PDF.replace(b"1.7", b"1.4")
            store.put_object("ordet-handlingar", f"rf/{digest}", io.BytesIO(changed), len(changed))
            tampered = await secretary.get(f"/portal/documents/{made.json()['id']}")
        finally:
            await secretary.aclose()
            hub.stop()
    assert made.status_code == 200, made.text
    assert again.json()["error"] == "document.duplicate"
    assert (read.status_code, read.content) == (200, PDF)
    assert kept == PDF
    assert not (tmp_path / "documents").exists()  # nothing on the local disk
    assert tampered.json()["error"] == "document.corrupt"


async def test_the_opening_records_each_document_by_its_digest_and_the_minutes_list_them(
    start_hub: Callable[..., HubProcess], demo_engine: Engine
) -> None:
    hub = start_hub()
    secretary, _ = await enrolled_session(hub.url, demo_engine, "sekr")
    try:
        meetings = (await secretary.get(MEETINGS)).json()
        demo = next(m for m in meetings if m["id"] == "demo")
        items = [
            {**i, "proposal": "Fullmäktige fastställer budgeten."} if i["id"] == "3" else i
            for i in demo["items"]
        ]
        saved = await secretary.post(MEETINGS, json={**demo, "items": items})
        budget = await upload(secretary, PDF)
        notice = await upload(secretary, SECOND, item="", title="Kallelse")
    finally:
        await secretary.aclose()
    assert saved.status_code == 200 and budget.status_code == notice.status_code == 200
    chair = await connect_as(hub.url, demo_engine, "m1", role="chair")
    try:
        await chair.command("attendance.check_in")
        await chair.command("agenda.start_item", item="3")
        await chair.command("agenda.finish_item")
    finally:
        await chair.close()

    pairs = pairs_of(Archive(demo_engine).read("demo"))
    [filed] = [e for e, _ in pairs if isinstance(e, DocumentsFiled)]
    assert filed.documents == (
        FiledDocument("3", "Budgetförslag", 1, hashlib.sha256(PDF).hexdigest()),
        FiledDocument("", "Kallelse", 1, hashlib.sha256(SECOND).hexdigest()),
    )
    minutes = render(pairs).document.decode()
    paragraph = minutes.split('id="p-3"', 1)[1].split("</section>", 1)[0]
    assert "Förslag till beslut: Fullmäktige fastställer budgeten." in paragraph
    assert f"Budgetförslag, version 1, SHA-256 <code>{hashlib.sha256(PDF).hexdigest()}" in paragraph
    assert hashlib.sha256(SECOND).hexdigest() in minutes.split('class="handlingar-sammantradet"')[1]

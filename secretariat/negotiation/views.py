"""Pages of negotiation: the documents of a format, the document page, a revision diff.

Every change is a POST to `document_action`, which parses the form with the command's
schema (`commands.PAGE_ACTIONS`, the API's own), runs the command and answers htmx requests
with the re-rendered document body (no full reload), others with a redirect. A refusal
comes back as a clear message with its status (403, 409, 422); nothing is saved then.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from secretariat.core.commands import REFUSALS, refusal_message, refusal_status
from secretariat.formats.selectors import format_get, member_delegations
from secretariat.negotiation import policy, rendering, selectors
from secretariat.negotiation.commands import PAGE_ACTIONS, commands, format_commands
from secretariat.negotiation.models import (
    Document,
    DocumentKind,
    PositionStance,
    ProposalKind,
    ProvisionKind,
)
from secretariat.negotiation.rendering import attach_cards
from secretariat.negotiation.text import brackets
from secretariat.negotiation.text.diff import render_diff_html

T = TypeVar("T")

# --- list -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def document_list(request: HttpRequest, slug: str) -> HttpResponse:
    fmt = format_get(slug)
    may_create = policy.can_create_document(request.user, fmt)
    error, status = "", 200
    if request.method == "POST":
        if not may_create:
            raise Http404

        done, error, status = _page_command(
            lambda: format_commands.execute(
                "create",
                actor=request.user,
                target=fmt,
                data=format_commands.parse_form("create", request.POST),
            )
        )
        if done is not None:
            doc, notice = done
            messages.success(request, notice)
            return redirect("negotiation:document", fmt.slug, cast(Document, doc).slug)
    return render(
        request,
        "negotiation/document_list.html",
        {
            "fmt": fmt,
            "rows": selectors.document_list(fmt, request.user),
            "may_create": may_create,
            "kinds": DocumentKind.choices,
            "error": error,
            "form": request.POST if request.method == "POST" else {},
        },
        status=status,
    )


# --- the document page ----------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _page_context(
    request: HttpRequest, doc: Document, query: QueryDict | None = None, **extra: Any
) -> dict[str, Any]:
    """What the document page shows; `query` (default: the request's) says which
    revision, language and view."""
    params = request.GET if query is None else query
    view = params.get("view", "full")
    page = selectors.document_page(
        doc,
        request.user,
        revision=_int(params.get("rev")),
        language=params.get("lang", ""),
        closed_proposals=params.get("closed") == "1",
    )
    context = {
        "fmt": doc.format,
        "doc": doc,
        "page": page,
        "view": view if view in ("full", "clean") else "full",
        "query": params.urlencode(),
        "stances": PositionStance.choices,
        "kinds": ProvisionKind.choices,
        "proposal_kinds": ProposalKind.choices,
        "now": timezone.now(),
        **_url_bases(doc),
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        "act_on": _int(params.get("act_on")),
        "viewer": request.user,
        **extra,
    }
    attach_cards(context)
    return context


def _url_bases(doc: Document) -> dict[str, Any]:
    """Action and fragment URLs reversed once per page, not once per provision/proposal."""
    args = [doc.format.slug, doc.slug]
    fragment = reverse("negotiation:provision_fragment", args=[*args, 0, "edit"])
    return {
        "act": {name: reverse("negotiation:action", args=[*args, name]) for name in PAGE_ACTIONS},
        "frag_base": fragment.removesuffix("0/edit/"),
    }


@require_GET
def document_detail(request: HttpRequest, slug: str, doc_slug: str) -> HttpResponse:
    doc = selectors.document_get(slug, doc_slug, request.user)
    return render(request, "negotiation/document_detail.html", _page_context(request, doc))


@require_GET
def document_diff(request: HttpRequest, slug: str, doc_slug: str) -> HttpResponse:
    doc = selectors.document_get(slug, doc_slug, request.user)
    if not policy.can_view_drafting(request.user, doc):
        raise Http404
    new = _int(request.GET.get("to")) or doc.current_revision
    old = _int(request.GET.get("from")) or max(new - 1, 1)
    if not (1 <= old <= doc.current_revision and 1 <= new <= doc.current_revision):
        raise Http404
    diff = selectors.revision_diff(doc, old, new)
    changes = [
        {"change": c, "html": render_diff_html(c.ops)}
        for c in diff.changes
        if c.status != "unchanged" or request.GET.get("all") == "1"
    ]
    return render(
        request,
        "negotiation/document_diff.html",
        {
            "fmt": doc.format,
            "doc": doc,
            "diff": diff,
            "changes": changes,
            "revisions": selectors.revision_list(doc),
        },
    )


@require_GET
def provision_fragment(
    request: HttpRequest, slug: str, doc_slug: str, provision_id: int, what: str
) -> HttpResponse:
    """Forms loaded on demand beside one provision (keeps the page light): edit (pen-holder),
    propose (a delegation), translate (pen-holder)."""
    doc = selectors.document_get(slug, doc_slug, request.user)
    if not policy.can_view_negotiation(request.user, doc):
        raise Http404
    rows = selectors.revision_rows(doc, doc.current_revision)
    row = next((r for r in rows if r.provision_id == provision_id), None)
    if row is None or what not in ("edit", "propose", "translate", "brackets", "proposals"):
        raise Http404
    if what == "proposals":
        return _proposals_fragment(request, doc, row, rows)
    language = request.GET.get("lang", "")
    if what == "translate":
        selectors.attach_translations(doc, [row], language)
    members = member_delegations(doc.format_id)
    speaking = set(policy.speaking_delegations(request.user, doc))
    parsed = brackets.parse(row.markup)
    selection = _selection(brackets.plain_text(parsed), request.GET)
    return render(
        request,
        f"negotiation/includes/provision_{what}.html",
        {
            **_url_bases(doc),
            "fmt": doc.format,
            "doc": doc,
            "row": row,
            "rows": rows,
            "bracket_list": brackets.brackets(parsed),
            "kinds": ProvisionKind.choices,
            "proposal_kinds": ProposalKind.choices,
            "speaking_for": [d for d in members if d.pk in speaking],
            "member_codes": [d.state.iso2 for d in members],
            "may_hold_pen": policy.can_hold_pen(request.user, doc),
            "editable": policy.is_text_editable(doc),
            "selection": selection,
            "language": language,
        },
    )


def _proposals_fragment(
    request: HttpRequest, doc: Document, row: Any, rows: list[Any]
) -> HttpResponse:
    """The proposals beside one provision with the actions this person may take on them
    (the page leaves the actions out when it carries hundreds of proposals)."""
    speaking = set(policy.speaking_delegations(request.user, doc))
    row.proposals = selectors.proposal_rows(
        doc, rows, include_closed=request.GET.get("closed") == "1", provision_id=row.provision_id
    )
    page = SimpleNamespace(
        is_current=True,
        rows=[row],
        unplaced_proposals=[],
        speaking_for=[d for d in member_delegations(doc.format_id) if d.pk in speaking],
        may_hold_pen=policy.can_hold_pen(request.user, doc),
    )
    bases = _url_bases(doc)
    context = {
        "page": page,
        "doc": doc,
        "act": bases["act"],
        "query": request.GET.urlencode(),
        "labels": rendering.labels(),
        "inline_actions": True,
        "viewer": request.user,
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
    }
    kit = rendering.CardKit(context)
    for item in row.proposals:
        item.html = rendering.proposal_card(item, kit)
    return HttpResponse(
        rendering.proposals_aside(row, kit, frag=bases["frag_base"], query=context["query"])
    )


def _selection(plain: str, query: Any) -> dict[str, Any] | None:
    """The span a pen-holder selected on the page (offsets into the plain rendering,
    computed by negotiation.js), if it fits the current text."""
    start, end = _int(query.get("start")), _int(query.get("end"))
    if start is None or end is None or not 0 <= start < end <= len(plain):
        return None
    return {"start": start, "end": end, "text": plain[start:end]}


@require_GET
def document_export(request: HttpRequest, slug: str, doc_slug: str, fmt: str) -> HttpResponse:
    from secretariat.core.exports import UnprintableText
    from secretariat.core.exports.responses import export_refused
    from secretariat.negotiation.exports import EXPORT_FORMATS, ExportFormat
    from secretariat.negotiation.exports import render as render_export

    doc = selectors.document_get(slug, doc_slug, request.user)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    export_format = cast(ExportFormat, fmt)  # checked just above
    revision = _int(request.GET.get("rev")) if policy.can_view_drafting(request.user, doc) else None
    language = request.GET.get("lang") or doc.language
    if language not in doc.languages:
        raise Http404("No such language version.")
    try:
        # Labels (status, kind) in the language of the export, not of the page it came from.
        with translation.override(language):
            data = selectors.document_export_data(doc, language=language, revision=revision)
            body, content_type, filename = render_export(data, export_format)
    except UnprintableText as exc:
        return export_refused(request, exc)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- actions --------------------------------------------------------------------------------


def _page_command(run: Callable[[], T]) -> tuple[T | None, str, int]:
    """Run a page's command: (its result, "", 200), or for a refusal of the service (or of
    the input schema) (None, its message, its 4xx status); nothing was saved then."""
    try:
        return run(), "", 200
    except REFUSALS as exc:
        return None, refusal_message(exc), refusal_status(exc)


def _run_page_action(request: HttpRequest, doc: Document, action: str) -> str:
    page_action = PAGE_ACTIONS[action]
    data = page_action.parse(doc, request.POST)
    _result, message = commands.execute(
        page_action.command, actor=request.user, target=doc, data=data
    )
    return page_action.success(message)


@require_POST
def document_action(request: HttpRequest, slug: str, doc_slug: str, action: str) -> HttpResponse:
    doc = selectors.document_get(slug, doc_slug, request.user)
    if not policy.can_view_drafting(request.user, doc) or action not in PAGE_ACTIONS:
        raise Http404
    notice, error, status = _page_command(lambda: _run_page_action(request, doc, action))
    notice = notice or ""
    back = request.POST.get("back", "")
    if not getattr(request, "htmx", False):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, notice)
        url = reverse("negotiation:document", args=[slug, doc.slug])
        return redirect(f"{url}?{back}" if back else url)
    doc = selectors.document_get(slug, doc_slug, request.user)
    params = request.GET.copy()
    for key, value in _parse_query(back).items():
        params[key] = value  # the page the form was on: its revision, language, view
    context = _page_context(request, doc, params, error=error, notice=notice)
    return render(request, "negotiation/includes/document_main.html", context, status=status)


def _parse_query(query: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(query))


def query_with(query: str, **changes: Any) -> str:
    params = _parse_query(query)
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    return urlencode(params)

"""Pages of negotiation: the documents of a format, the document page, a revision diff.

Every change is a POST to `document_action`, which parses the form, asks the service and
answers htmx requests with the re-rendered document body (no full reload), others with a
redirect. Errors of the service come back as a clear message; nothing is saved then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.timezones import parse_local
from secretariat.formats.models import Delegation
from secretariat.formats.selectors import format_get, member_delegations
from secretariat.negotiation import policy, rendering, selectors, services
from secretariat.negotiation.models import (
    Document,
    DocumentKind,
    PositionStance,
    Proposal,
    ProposalKind,
    Provision,
    ProvisionKind,
)
from secretariat.negotiation.rendering import attach_cards
from secretariat.negotiation.text import brackets
from secretariat.negotiation.text.diff import render_diff_html

# --- list -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def document_list(request: HttpRequest, slug: str) -> HttpResponse:
    fmt = format_get(slug)
    may_create = policy.can_create_document(request.user, fmt)
    error = ""
    if request.method == "POST":
        if not may_create:
            raise Http404
        try:
            doc = services.document_create(
                actor=request.user,
                fmt=fmt,
                kind=request.POST.get("kind", ""),
                title=request.POST.get("title", ""),
                language=request.POST.get("language", "en"),
                authentic_languages=request.POST.getlist("authentic_languages"),
                text=request.POST.get("text", ""),
            )
        except (ValidationError, PermissionDenied, ConflictError) as exc:
            error = _message(exc)
        else:
            messages.success(request, _("Document started: %(title)s") % {"title": doc.title})
            return redirect("negotiation:document", fmt.slug, doc.slug)
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
        status=422 if error else 200,
    )


# --- the document page ----------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _page_context(request: HttpRequest, doc: Document, **extra: Any) -> dict[str, Any]:
    view = request.GET.get("view", "full")
    page = selectors.document_page(
        doc,
        request.user,
        revision=_int(request.GET.get("rev")),
        language=request.GET.get("lang", ""),
        closed_proposals=request.GET.get("closed") == "1",
    )
    context = {
        "fmt": doc.format,
        "doc": doc,
        "page": page,
        "view": view if view in ("full", "clean") else "full",
        "query": request.GET.urlencode(),
        "stances": PositionStance.choices,
        "kinds": ProvisionKind.choices,
        "proposal_kinds": ProposalKind.choices,
        "now": timezone.now(),
        **_url_bases(doc),
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        "act_on": _int(request.GET.get("act_on")),
        **extra,
    }
    attach_cards(context)
    return context


def _url_bases(doc: Document) -> dict[str, Any]:
    """Action and fragment URLs reversed once per page, not once per provision/proposal."""
    args = [doc.format.slug, doc.slug]
    fragment = reverse("negotiation:provision_fragment", args=[*args, 0, "edit"])
    return {
        "act": {name: reverse("negotiation:action", args=[*args, name]) for name in ACTIONS},
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


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _delegation(doc: Document, value: str | None) -> Delegation:
    delegation = (
        Delegation.objects.select_related("state")
        .filter(format_id=doc.format_id, pk=_int(value) or 0)
        .first()
    )
    if delegation is None:
        raise ValidationError(_("Choose the delegation you speak for."))
    return delegation


def _provision(doc: Document, value: str | None) -> Provision | None:
    if not value:
        return None
    return get_object_or_404(Provision, document=doc, pk=_int(value) or 0)


def _proposal(doc: Document, value: str | None) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("delegation__state"), document=doc, pk=_int(value) or 0
    )


def _deadline(value: str, zone: str) -> datetime:
    """A deadline typed as date and time in the zone chosen beside it (by default the
    viewer's own); a value with its own offset keeps it."""
    return parse_local(value, zone or None)


def _version(post: Any) -> int | None:
    return _int(post.get("version"))


def _actions() -> dict[str, Callable[[HttpRequest, Document], str]]:
    def p(request: HttpRequest) -> Any:
        return request.POST

    return {
        "open": lambda r, d: (
            services.document_open_negotiation(
                actor=r.user, document=d, expected_version=_version(p(r))
            ),
            _("Negotiations are open."),
        )[1],
        "finalise": lambda r, d: (
            services.document_finalise(actor=r.user, document=d, expected_version=_version(p(r))),
            _("The text is final and awaits adoption."),
        )[1],
        "reopen": lambda r, d: (
            services.document_reopen(
                actor=r.user,
                document=d,
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("Negotiations are reopened."),
        )[1],
        "withdraw": lambda r, d: (
            services.document_withdraw(
                actor=r.user,
                document=d,
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("The document is withdrawn."),
        )[1],
        "titles": lambda r, d: (
            services.document_update(
                actor=r.user,
                document=d,
                titles={code: p(r).get(f"title_{code}", "") for code in d.languages[1:]},
                expected_version=_version(p(r)),
            ),
            _("Titles saved."),
        )[1],
        "share": lambda r, d: (
            services.document_update(
                actor=r.user,
                document=d,
                shared_with_observers=p(r).get("shared") == "1",
                expected_version=_version(p(r)),
            ),
            _("Sharing with observers updated."),
        )[1],
        "adopt": lambda r, d: (
            services.document_adopt_by_consensus(
                actor=r.user,
                document=d,
                reference=p(r).get("reference", ""),
                expected_version=_version(p(r)),
            ),
            _("Adopted by consensus. The text is frozen."),
        )[1],
        "silence": lambda r, d: (
            services.silence_procedure_start(
                actor=r.user,
                document=d,
                deadline=_deadline(p(r).get("deadline", ""), p(r).get("deadline_zone", "")),
                expected_version=_version(p(r)),
            ),
            _("The text is circulated under silence procedure."),
        )[1],
        "break_silence": lambda r, d: (
            services.silence_break(
                actor=r.user,
                document=d,
                delegation=_delegation(d, p(r).get("delegation")),
                kind=p(r).get("kind", ""),
                reason=p(r).get("reason", ""),
            ),
            _("The silence is broken; the text returns to negotiation."),
        )[1],
        "position": lambda r, d: (
            services.position_record(
                actor=r.user,
                document=d,
                delegation=_delegation(d, p(r).get("delegation")),
                stance=p(r).get("stance", ""),
                reason=p(r).get("reason", ""),
            ),
            _("Position recorded."),
        )[1],
        "confirm": lambda r, d: (
            services.position_confirm(
                actor=r.user, document=d, delegation=_delegation(d, p(r).get("delegation"))
            ),
            _("Agreement confirmed."),
        )[1],
        "propose": lambda r, d: (
            services.proposal_create(
                actor=r.user,
                document=d,
                delegation=_delegation(d, p(r).get("delegation")),
                kind=p(r).get("kind", ""),
                provision=_provision(d, p(r).get("provision")),
                new_kind=p(r).get("new_kind", ""),
                old_text=p(r).get("old_text", ""),
                new_text=p(r).get("new_text", ""),
                rationale=p(r).get("rationale", ""),
                base_revision=_int(p(r).get("base_revision")),
            ),
            _("Proposal submitted."),
        )[1],
        "stance": lambda r, d: (
            services.proposal_stance_set(
                actor=r.user,
                proposal=_proposal(d, p(r).get("proposal")),
                delegation=_delegation(d, p(r).get("delegation")),
                stance=p(r).get("stance") or None,
            ),
            _("Stance recorded."),
        )[1],
        "incorporate": lambda r, d: (
            services.proposal_incorporate(
                actor=r.user,
                proposal=_proposal(d, p(r).get("proposal")),
                bracketed=p(r).get("bracketed") == "1",
                expected_version=_version(p(r)),
            ),
            _("Proposal incorporated in a new revision."),
        )[1],
        "set_aside": lambda r, d: (
            services.proposal_set_aside(
                actor=r.user,
                proposal=_proposal(d, p(r).get("proposal")),
                reason=p(r).get("reason", ""),
            ),
            _("Proposal set aside."),
        )[1],
        "withdraw_proposal": lambda r, d: (
            services.proposal_withdraw(actor=r.user, proposal=_proposal(d, p(r).get("proposal"))),
            _("Proposal withdrawn."),
        )[1],
        "rebase": lambda r, d: (
            services.proposal_rebase(
                actor=r.user,
                proposal=_proposal(d, p(r).get("proposal")),
                old_text=p(r).get("old_text"),
                new_text=p(r).get("new_text"),
            ),
            _("Proposal rebased on the current revision."),
        )[1],
        "insert": lambda r, d: (
            services.provision_insert(
                actor=r.user,
                document=d,
                after=_provision(d, p(r).get("after")),
                kind=p(r).get("kind", ""),
                text=p(r).get("text", ""),
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("Provision inserted."),
        )[1],
        "edit": lambda r, d: (
            services.provision_edit(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                text=p(r).get("text", ""),
                kind=p(r).get("kind") or None,
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("Provision changed."),
        )[1],
        "move": lambda r, d: (
            services.provision_move(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                after=_provision(d, p(r).get("after")),
                expected_version=_version(p(r)),
            ),
            _("Provision moved."),
        )[1],
        "delete": lambda r, d: (
            services.provision_delete(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("Provision deleted."),
        )[1],
        "resolve": lambda r, d: (
            services.bracket_resolve(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                index=_int(p(r).get("index")) or 0,
                choice=_int(p(r).get("choice")),
                drop=p(r).get("drop") == "1",
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("Bracket removed."),
        )[1],
        "bracket": lambda r, d: (
            services.bracket_add(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                start=_int(p(r).get("start")),
                end=_int(p(r).get("end")),
                span=p(r).get("span", ""),
                alternatives=[a for a in p(r).get("alternatives", "").splitlines() if a.strip()],
                holders=p(r).getlist("holders"),
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("Text bracketed."),
        )[1],
        "holders": lambda r, d: (
            services.bracket_set_holders(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                index=_int(p(r).get("index")) or 0,
                holders=p(r).getlist("holders"),
                expected_version=_version(p(r)),
            ),
            _("Holders of the bracket recorded."),
        )[1],
        "hold": lambda r, d: (
            services.bracket_holder_set_own(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                index=_int(p(r).get("index")) or 0,
                delegation=_delegation(d, p(r).get("delegation")),
                holds=p(r).get("holds") == "1",
                expected_version=_version(p(r)),
            ),
            _("Holders of the bracket recorded."),
        )[1],
        "paste": lambda r, d: (
            services.document_replace_text(
                actor=r.user,
                document=d,
                pasted=p(r).get("text", ""),
                reason=p(r).get("reason", ""),
                expected_version=_version(p(r)),
            ),
            _("Text replaced."),
        )[1],
        "translate": lambda r, d: (
            services.translation_set(
                actor=r.user,
                document=d,
                provision=_provision(d, p(r).get("provision")),  # type: ignore[arg-type]
                language=p(r).get("language", ""),
                text=p(r).get("text", ""),
            ),
            _("Translation saved."),
        )[1],
    }


ACTIONS = _actions()


@require_POST
def document_action(request: HttpRequest, slug: str, doc_slug: str, action: str) -> HttpResponse:
    doc = selectors.document_get(slug, doc_slug, request.user)
    if not policy.can_view_drafting(request.user, doc) or action not in ACTIONS:
        raise Http404
    error = notice = ""
    try:
        notice = ACTIONS[action](request, doc)
    except (ValidationError, PermissionDenied, ConflictError) as exc:
        error = _message(exc)
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
        params[key] = value
    request.GET = params  # type: ignore[assignment]
    context = _page_context(request, doc, error=error, notice=notice if not error else "")
    return render(request, "negotiation/includes/document_main.html", context)


def _parse_query(query: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(query))


def query_with(query: str, **changes: Any) -> str:
    params = _parse_query(query)
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    return urlencode(params)

"""HTML of a proposal card, built in Python.

A large document carries thousands of proposals; rendering each card through a template
include cost about a millisecond, which put the page of a 1,000-provision document with
2,000 proposals far above its 300 ms budget. The card is plain markup, so it is composed
here with `format_html` (every value escaped) and the template inserts it.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from secretariat.negotiation.selectors import ProposalRow


def _form(action: str, hidden: dict[str, int], body: str, *, csrf: str, query: str) -> str:
    """A small POST form (htmx, with a no-JS fallback); hidden values are integers."""
    fields = "".join(
        f'<input type="hidden" name="{name}" value="{int(value)}">'
        for name, value in hidden.items()
    )
    return (
        f'<form method="post" action="{action}" hx-post="{action}" hx-target="#doc-main" '
        f'hx-swap="outerHTML" class="inline">{csrf}'
        f'<input type="hidden" name="back" value="{escape(query)}">{fields}{body}</form>'
    )


def proposal_card(item: ProposalRow, ctx: dict[str, Any]) -> SafeString:
    """The card beside a provision: who, what, why, stances and the actions this person
    may take (support / oppose, withdraw / rebase, incorporate / set aside)."""
    p = item.proposal
    page = ctx["page"]
    act = ctx["act"]
    csrf = str(ctx["csrf_input"])
    labels = ctx["labels"]
    query = ctx["query"]
    doc = ctx["doc"]
    status = "" if p.is_open else f' <span class="badge">{labels[p.status]}</span>'
    kind = labels[p.kind]
    if p.kind == "insert":
        kind = f"{kind} ({labels[p.new_kind]}, {labels['after this']})"
    outdated = (
        format_html(
            ' <span class="flag-outdated">{}</span>',
            _("made on Rev.%(n)s: outdated") % {"n": p.base_revision},
        )
        if item.outdated
        else ""
    )
    parts: list[str] = [
        format_html(
            '<div class="proposal status-{}{}" id="proposal-{}">',
            p.status,
            " outdated" if item.outdated else "",
            p.pk,
        ),
        format_html(
            '<p class="proposal-head"><strong>{}</strong> · {}{}{}</p>',
            item.delegation_code,
            kind,
            status,
            outdated,
        ),
    ]
    if p.old_text:
        parts.append(format_html('<p class="proposal-old"><del>{}</del></p>', p.old_text))
    if p.new_text:
        parts.append(format_html('<p class="proposal-new"><ins>{}</ins></p>', p.new_text))
    parts.append(format_html('<p class="proposal-why">{}</p>', p.rationale))
    if item.supporters or item.opponents:
        plus = (
            format_html('<span class="ok">+ {}</span> ', ", ".join(item.supporters))
            if item.supporters
            else ""
        )
        minus = (
            format_html('<span class="no">− {}</span>', ", ".join(item.opponents))
            if item.opponents
            else ""
        )
        parts.append(format_html('<p class="proposal-stances">{}{}</p>', plus, minus))
    if p.decision_reason:
        parts.append(format_html('<p class="muted">{}</p>', p.decision_reason))
    if p.is_open and page.is_current:
        actions: list[str] = []
        for delegation in page.speaking_for:
            code = delegation.state.iso2
            if delegation.pk != p.delegation_id:
                body = format_html(
                    '<button class="btn btn-small btn-light" name="stance" value="support" '
                    'type="submit">{}</button> <button class="btn btn-small btn-light" '
                    'name="stance" value="oppose" type="submit">{}</button>',
                    _("%(s)s supports") % {"s": code},
                    _("%(s)s opposes") % {"s": code},
                )
                actions.append(
                    _form(
                        act["stance"],
                        {"proposal": p.pk, "delegation": delegation.pk},
                        body,
                        csrf=csrf,
                        query=query,
                    )
                )
            else:
                body = format_html(
                    '<button class="btn btn-small btn-light" type="submit">{}</button>',
                    _("Withdraw"),
                )
                actions.append(
                    _form(
                        act["withdraw_proposal"], {"proposal": p.pk}, body, csrf=csrf, query=query
                    )
                )
                if item.outdated:
                    actions.append(_rebase_form(item, act["rebase"], csrf=csrf, query=query))
        if page.may_hold_pen:
            if not item.outdated:
                body = format_html(
                    '<button class="btn btn-small" type="submit" name="bracketed" value="0">{}'
                    '</button> <button class="btn btn-small btn-light" type="submit" '
                    'name="bracketed" value="1">{}</button>',
                    _("Incorporate"),
                    _("As bracketed alternative"),
                )
                actions.append(
                    _form(
                        act["incorporate"],
                        {"proposal": p.pk, "version": doc.version},
                        body,
                        csrf=csrf,
                        query=query,
                    )
                )
            body = format_html(
                '<label for="aside-{0}">{1}</label> <input id="aside-{0}" name="reason" '
                'required> <button class="btn btn-small btn-light" type="submit">{2}</button>',
                p.pk,
                _("Reason"),
                _("Set aside"),
            )
            actions.append(
                format_html('<details class="inline"><summary>{}</summary>', _("Set aside"))
                + _form(act["set_aside"], {"proposal": p.pk}, body, csrf=csrf, query=query)
                + "</details>"
            )
        parts.append('<div class="proposal-actions">' + "".join(actions) + "</div>")
    parts.append("</div>")
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - parts are escaped


def _rebase_form(item: ProposalRow, action: str, *, csrf: str, query: str) -> str:
    """Restate an outdated proposal on the current text: the span it concerns as it now
    reads (a replace or delete of part of a provision) and, if need be, its new text."""
    p = item.proposal
    fields = ""
    if p.provision_id is not None and p.kind != "insert":
        fields += format_html(
            '<div class="field"><label for="rebase-old-{0}">{1}</label>'
            '<input id="rebase-old-{0}" name="old_text" value="{2}" class="mono"></div>',
            p.pk,
            _("Text concerned, as it now reads (empty: the whole provision)"),
            p.old_text,
        )
    if p.kind != "delete":
        fields += format_html(
            '<div class="field"><label for="rebase-new-{0}">{1}</label>'
            '<textarea id="rebase-new-{0}" name="new_text" rows="2" class="mono">{2}</textarea>'
            "</div>",
            p.pk,
            _("Proposed text"),
            p.new_text,
        )
    body = fields + format_html(
        '<button class="btn btn-small" type="submit">{}</button>',
        _("Rebase on the current revision"),
    )
    return (
        format_html(
            '<details class="rebase"><summary>{}</summary>', _("Rebase on the current revision")
        )
        + _form(action, {"proposal": p.pk}, body, csrf=csrf, query=query)
        + "</details>"
    )


def _labels() -> dict[str, str]:
    """Translated labels, escaped, looked up once per page rather than once per card."""
    from secretariat.negotiation.models import ProposalKind, ProposalStatus, ProvisionKind

    labels = {
        str(value): str(escape(label))
        for choices in (ProposalKind, ProposalStatus, ProvisionKind)
        for value, label in choices.choices
    }
    labels["after this"] = str(escape(_("after this")))
    return labels


def attach_cards(ctx: dict[str, Any]) -> None:
    """Give every proposal row of the page its rendered card (`item.html`)."""
    page = ctx["page"]
    ctx["labels"] = _labels()
    for row in page.rows:
        for item in row.proposals:
            item.html = proposal_card(item, ctx)
    for item in page.unplaced_proposals:
        item.html = proposal_card(item, ctx)

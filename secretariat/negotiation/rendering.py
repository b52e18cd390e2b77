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
from django_fsm import has_transition_perm

from secretariat.negotiation.selectors import ProposalRow

# Above this many proposals on a page their action forms (a few hundred bytes each, with
# a CSRF token) are loaded per provision on demand: the cards themselves stay in place.
INLINE_ACTIONS_MAX = 300


def _form(action: str, hidden: dict[str, int], body: str, *, csrf: str, back: str) -> str:
    """A small POST form (htmx, with a no-JS fallback); hidden values are integers."""
    fields = "".join(
        f'<input type="hidden" name="{name}" value="{int(value)}">'
        for name, value in hidden.items()
    )
    return (
        f'<form method="post" action="{action}" hx-post="{action}" hx-target="#doc-main" '
        f'hx-swap="outerHTML" class="inline">{csrf}{back}{fields}{body}</form>'
    )


class CardKit:
    """What every card of a page shares, escaped and translated once per page."""

    def __init__(self, ctx: dict[str, Any]) -> None:
        page = ctx["page"]
        self.page = page
        self.act = {name: escape(url) for name, url in ctx["act"].items()}
        self.csrf = str(ctx["csrf_input"])
        self.back = f'<input type="hidden" name="back" value="{escape(ctx["query"])}">'
        self.version = int(ctx["doc"].version)
        self.labels = ctx["labels"]
        self.outdated = str(escape(_("made on Rev.%(n)s: outdated")))
        self.stance_buttons = {
            d.pk: (
                '<button class="btn btn-small btn-light" name="stance" value="support" '
                f'type="submit">{escape(_("%(s)s supports") % {"s": d.state.iso2})}</button> '
                '<button class="btn btn-small btn-light" name="stance" value="oppose" '
                f'type="submit">{escape(_("%(s)s opposes") % {"s": d.state.iso2})}</button>'
            )
            for d in page.speaking_for
        }
        self.withdraw = (
            f'<button class="btn btn-small btn-light" type="submit">{escape(_("Withdraw"))}'
            "</button>"
        )
        self.rebase = str(escape(_("Rebase on the current revision")))
        self.incorporate = (
            '<button class="btn btn-small" type="submit" name="bracketed" value="0">'
            f'{escape(_("Incorporate"))}</button> <button class="btn btn-small btn-light" '
            'type="submit" name="bracketed" value="1">'
            f"{escape(_('As bracketed alternative'))}</button>"
        )
        self.reason = str(escape(_("Reason")))
        self.set_aside = str(escape(_("Set aside")))
        self.may_act = page.is_current and bool(page.speaking_for or page.may_hold_pen)
        shown = sum(len(row.proposals) for row in page.rows) + len(page.unplaced_proposals)
        self.inline = shown <= INLINE_ACTIONS_MAX or ctx.get("inline_actions", False)
        self.act_on = ctx.get("act_on")
        self.viewer = ctx["viewer"]

    def may(self, step: Any) -> bool:
        """May the viewer take this step of a proposal's lifecycle (its transition)?"""
        return bool(has_transition_perm(step, self.viewer))


def proposal_card(item: ProposalRow, kit: CardKit, *, actions: bool = True) -> SafeString:
    """The card beside a provision: who, what, why, stances and (with `actions`) the
    actions this person may take (support / oppose, withdraw / rebase, incorporate / set
    aside)."""
    p = item.proposal
    labels = kit.labels
    pk = int(p.pk)
    status = "" if p.is_open else f' <span class="badge">{labels[p.status]}</span>'
    kind = labels[p.kind]
    if p.kind == "insert":
        kind = f"{kind} ({labels[p.new_kind]}, {labels['after this']})"
    outdated = (
        f' <span class="flag-outdated">{kit.outdated % {"n": int(p.base_revision)}}</span>'
        if item.outdated
        else ""
    )
    parts = [
        f'<div class="proposal status-{escape(p.status)}{" outdated" if item.outdated else ""}" '
        f'id="proposal-{pk}"><p class="proposal-head"><strong>{escape(item.delegation_code)}'
        f"</strong> · {kind}{status}{outdated}</p>"
    ]
    if p.old_text:
        parts.append(f'<p class="proposal-old"><del>{escape(p.old_text)}</del></p>')
    if p.new_text:
        parts.append(f'<p class="proposal-new"><ins>{escape(p.new_text)}</ins></p>')
    parts.append(f'<p class="proposal-why">{escape(p.rationale)}</p>')
    if item.supporters or item.opponents:
        plus = (
            f'<span class="ok">+ {escape(", ".join(item.supporters))}</span> '
            if item.supporters
            else ""
        )
        minus = (
            f'<span class="no">− {escape(", ".join(item.opponents))}</span>'
            if item.opponents
            else ""
        )
        parts.append(f'<p class="proposal-stances">{plus}{minus}</p>')
    if p.decision_reason:
        parts.append(f'<p class="muted">{escape(p.decision_reason)}</p>')
    if actions and p.is_open and kit.page.is_current:
        parts.append(_card_actions(item, kit))
    parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _card_actions(item: ProposalRow, kit: CardKit) -> str:
    p = item.proposal
    pk = int(p.pk)
    act, csrf, back = kit.act, kit.csrf, kit.back
    actions: list[str] = []
    for delegation in kit.page.speaking_for:
        if delegation.pk != p.delegation_id:
            actions.append(
                _form(
                    act["stance"],
                    {"proposal": pk, "delegation": delegation.pk},
                    kit.stance_buttons[delegation.pk],
                    csrf=csrf,
                    back=back,
                )
            )
        elif kit.may(p.withdraw):
            actions.append(
                _form(
                    act["withdraw_proposal"], {"proposal": pk}, kit.withdraw, csrf=csrf, back=back
                )
            )
            if item.outdated:
                actions.append(_rebase_form(item, kit))
    if kit.may(p.set_aside):
        if not item.outdated and kit.may(p.incorporate):
            actions.append(
                _form(
                    act["incorporate"],
                    {"proposal": pk, "version": kit.version},
                    kit.incorporate,
                    csrf=csrf,
                    back=back,
                )
            )
        body = (
            f'<label for="aside-{pk}">{kit.reason}</label> <input id="aside-{pk}" name="reason" '
            f'required> <button class="btn btn-small btn-light" type="submit">{kit.set_aside}'
            "</button>"
        )
        actions.append(
            f'<details class="inline"><summary>{kit.set_aside}</summary>'
            + _form(act["set_aside"], {"proposal": pk}, body, csrf=csrf, back=back)
            + "</details>"
        )
    return '<div class="proposal-actions">' + "".join(actions) + "</div>"


def _rebase_form(item: ProposalRow, kit: CardKit) -> str:
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
    body = fields + f'<button class="btn btn-small" type="submit">{kit.rebase}</button>'
    return (
        f'<details class="rebase"><summary>{kit.rebase}</summary>'
        + _form(kit.act["rebase"], {"proposal": p.pk}, body, csrf=kit.csrf, back=kit.back)
        + "</details>"
    )


def labels() -> dict[str, str]:
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
    """Give every proposal row of the page its rendered card (`item.html`), and the page
    its provisions as one block of HTML (`rows_html`)."""
    page = ctx["page"]
    ctx["labels"] = labels()
    kit = CardKit(ctx)
    ctx["card_kit"] = kit
    for row in page.rows:
        inline = kit.inline or kit.act_on == row.provision_id
        for item in row.proposals:
            item.html = proposal_card(item, kit, actions=inline)
    for item in page.unplaced_proposals:
        item.html = proposal_card(item, kit)
    ctx["rows_html"] = provision_rows_html(ctx)


def proposals_aside(row: Any, kit: CardKit, *, frag: str, query: str) -> str:
    """The proposals beside a provision; when their actions are not inline, a control
    that loads them (htmx) or reloads the page with them (without JavaScript)."""
    label = escape(_("Proposals on %(label)s") % {"label": row.label})
    cards = "".join(str(item.html) for item in row.proposals)
    pid = int(row.provision_id)
    more = ""
    inline = kit.inline or kit.act_on == row.provision_id
    if kit.may_act and not inline and any(item.proposal.is_open for item in row.proposals):
        params = escape(f"{query}&" if query else "")
        more = (
            f'<a class="btn btn-small btn-light act-on" href="?{params}act_on={pid}#p{pid}" '
            f'hx-get="{frag}{pid}/proposals/?{escape(query)}" hx-target="#props-{pid}" '
            f'hx-swap="outerHTML">{escape(_("Act on these proposals"))}</a>'
        )
    return (
        f'<aside class="prov-proposals" id="props-{pid}" aria-label="{label}">{cards}{more}</aside>'
    )


class _RowKit:
    """What every provision row of a page shares, escaped and translated once per page."""

    BUTTON = (
        '<button type="button" class="btn btn-small btn-light" hx-get="{frag}{pid}/{what}/{q}" '
        'hx-target="#tools-{pid}"{extra}>{label}</button>'
    )

    def __init__(self, ctx: dict[str, Any]) -> None:
        page = ctx["page"]
        self.page = page
        self.language = page.language
        self.frag = escape(ctx["frag_base"])
        self.lang_attr = escape(ctx["doc"].language)
        self.bracket_title = escape(_("open brackets"))
        self.not_translated = format_html('<em class="muted">{}</em>', _("not translated"))
        self.older = format_html(' <span class="flag-outdated">{}</span>', _("older revision"))
        self.tools = (
            page.is_current and page.sees_negotiation and (page.may_hold_pen or page.speaking_for)
        )
        self.labels = {
            "edit": escape(_("Edit")),
            "translate": escape(_("Translate")),
            "brackets": escape(_("Brackets")),
            "propose": escape(_("Propose")),
        }
        self.translate_query = f"?lang={escape(self.language)}" if self.language else ""

    def button(self, pid: int, what: str, *, q: str = "", extra: str = "") -> str:
        label = self.labels[what]
        return self.BUTTON.format(frag=self.frag, pid=pid, what=what, q=q, extra=extra, label=label)


def _translation_html(row: Any, rk: _RowKit) -> str:
    if row.translation_status == "missing":
        translation = str(rk.not_translated)
    else:
        translation = str(row.translation_html)
        if row.translation_status == "outdated":
            translation += rk.older
    return (
        f'<p class="prov-trans tr-{escape(row.translation_status)}" '
        f'lang="{escape(rk.language)}">{translation}</p>'
    )


def _tools_html(row: Any, rk: _RowKit) -> str:
    """The buttons that load this person's forms beside the provision (edit, translate,
    brackets, propose) and the place they load into."""
    pid = int(row.provision_id)
    pen = rk.page.may_hold_pen
    buttons = []
    if pen:
        buttons.append(rk.button(pid, "edit"))
        if rk.language:
            buttons.append(rk.button(pid, "translate", q=rk.translate_query))
    if pen or row.open_brackets:
        buttons.append(rk.button(pid, "brackets", extra=f' data-brackets="{pid}"'))
    if rk.page.speaking_for:
        buttons.append(rk.button(pid, "propose"))
    return (
        f'<div class="prov-tools">{" ".join(buttons)}</div>'
        f'<div id="tools-{pid}" class="prov-form"></div>'
    )


def provision_rows_html(ctx: dict[str, Any]) -> SafeString:
    """The provisions of the page: label, open brackets, text (full or clean), the language
    beside it, the tools of this person and the proposal cards.

    Composed with string formatting: a template include or loop cost about 0.15 ms per
    provision, which is most of the page's budget at 1,000 provisions. Every value that is
    not already safe HTML goes through `escape`.
    """
    page = ctx["page"]
    kit = ctx["card_kit"]
    query = ctx["query"]
    clean = ctx["view"] == "clean"
    rk = _RowKit(ctx)
    parts: list[str] = []
    for row in page.rows:
        pid = int(row.provision_id)
        label = escape(row.label)
        count = (
            f' <span class="bracket-count" title="{rk.bracket_title}">'
            f"[{int(row.open_brackets)}]</span>"
            if row.open_brackets
            else ""
        )
        number = f'<span class="prov-num">{escape(row.number)}</span> ' if row.number else ""
        body = escape(row.clean) if clean else row.html
        parts.append(
            f'<article class="prov kind-{escape(row.kind)}" id="p{pid}" data-label="{label}">'
            f'<div class="prov-main"><div class="prov-head"><span class="prov-label">{label}'
            f'</span>{count}</div><div class="prov-cols"><p class="prov-body" '
            f'lang="{rk.lang_attr}">{number}<span class="prov-text" data-provision="{pid}">'
            f"{body}</span></p>"
        )
        if rk.language:
            parts.append(_translation_html(row, rk))
        parts.append("</div>")
        if rk.tools:
            parts.append(_tools_html(row, rk))
        parts.append("</div>")
        if row.proposals:
            parts.append(proposals_aside(row, kit, frag=rk.frag, query=query))
        parts.append("</article>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above

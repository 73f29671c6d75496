"""The Returns page (issue 5): generate a statutory return in the background, follow its
progress, read its validation summary by rule, and download its files.

Thin views over ``selectors``, ``services`` and ``forms``. Every view is for signed-in users
(anonymous users are sent to sign in); roles that may not use returns are refused with a 403
that is written to the access audit. Views are ``non_atomic_requests`` so a refusal's audit row
is never rolled back with the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseStopPolling

from hearth.access.decorators import acting_user
from hearth.access.models import User
from hearth.returns.base import ReturnType, RuleResult, ValidationSummary
from hearth.returns.forms import ReturnRequestForm, latest_collection_year
from hearth.returns.models import ReturnRun
from hearth.returns.registry import RETURNS, return_type
from hearth.returns.selectors import RECENT_RUNS, child_links, files_of, run_for, runs_for
from hearth.returns.services import (
    check_may_use_returns,
    return_file_download,
    return_run_request,
)

#: Children listed under each rule; the rest are counted ("and 120 more") and are in the files.
CHILDREN_PER_RULE = 30
#: What a downloaded file is, by its extension; the 903's CSV files are UTF-8 text, the CIN
#: census is XML and Annex A is an Excel workbook (Office Open XML's registered media type).
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: How often a page showing a run in progress asks how it is going (htmx ``every``).
POLL_SECONDS = 2
#: The GOV.UK date input's fields: name, label, width in characters.
DATE_PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))


@dataclass(frozen=True)
class ChildShown:
    la_child_id: str
    url: str | None


@dataclass(frozen=True)
class RuleShown:
    rule: RuleResult
    children: list[ChildShown]
    more: int


def _allowed_user(request: HttpRequest, detail: str) -> User:
    user = acting_user(request)
    check_may_use_returns(actor=user, request=request, detail=detail)
    return user


@transaction.non_atomic_requests
@login_required
@require_http_methods(["GET", "POST"])
def returns_home(request: HttpRequest) -> HttpResponse:
    """Choose a return and its period and generate it; the council's recent runs below."""
    user = _allowed_user(request, "the Returns page")
    form = ReturnRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.kind and form.period:
        run = return_run_request(actor=user, kind=form.kind, period=form.period,
                                 request=request)
        return redirect("returns:run", run_id=run.pk)
    status = 400 if form.is_bound else 200
    return render(request, "returns/returns.html", {
        "form": form,
        "runs": [_run_row(run, return_type(run.return_name))
                 for run in runs_for(user)[:RECENT_RUNS]],
        "example_year": latest_collection_year(),
        "period_kinds": {kind.period_kind.value for kind in RETURNS.values()},
        "date_parts": DATE_PARTS,
        "error_links": _error_links(form),
    }, status=status)


def _error_links(form: ReturnRequestForm) -> list[tuple[str, str]]:
    """Each error with the field it belongs to (the first radio for the choice of return)."""
    first_return = next(iter(RETURNS), "")
    links = []
    for name, errors in form.errors.items():
        href = f"#return-{first_return}" if name == "return_name" else f"#id_{name}"
        links += [(href, str(error)) for error in errors]
    return links


@dataclass(frozen=True)
class RunRow:
    run: ReturnRun
    title: str
    period: str


def _run_row(run: ReturnRun, kind: ReturnType | None) -> RunRow:
    if kind is None:
        return RunRow(run, run.return_name, f"to {run.period_end:%-d %B %Y}")
    return RunRow(run, kind.title, kind.period(run.period_end).label)


def _run_or_404(user: User, run_id: int) -> ReturnRun:
    run = run_for(user, run_id)
    if run is None:
        raise Http404("No such run of a return in your council.")
    return run


def _rules_shown(user: User, summary: ValidationSummary) -> list[RuleShown]:
    shown = {rule.code: rule.children[:CHILDREN_PER_RULE] for rule in summary.rules}
    links = child_links(user, {c for children in shown.values() for c in children})
    return [RuleShown(rule=rule,
                      children=[ChildShown(c, links.get(c)) for c in shown[rule.code]],
                      more=len(rule.children) - len(shown[rule.code]))
            for rule in summary.rules]


def _run_context(user: User, run: ReturnRun) -> dict[str, object]:
    row = _run_row(run, return_type(run.return_name))
    context: dict[str, object] = {"run": run, "row": row, "poll_seconds": POLL_SECONDS}
    if run.status == "done":
        context["files"] = list(files_of(run))
        if run.validation is not None:
            summary = ValidationSummary.from_json(run.validation)
            context["validation"] = summary
            context["rules"] = _rules_shown(user, summary)
    return context


@transaction.non_atomic_requests
@login_required
@require_GET
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run: its progress while it goes, then its validation summary and files."""
    user = _allowed_user(request, f"run {run_id} of a return")
    run = _run_or_404(user, run_id)
    return render(request, "returns/run.html", _run_context(user, run))


@transaction.non_atomic_requests
@login_required
@require_GET
def run_status(request: HttpRequest, run_id: int) -> HttpResponse:
    """The run's status panel, for htmx to poll; once the run is over the answer is htmx's
    "stop polling" (286), carrying the final panel with the summary and files."""
    user = _allowed_user(request, f"run {run_id} of a return")
    run = _run_or_404(user, run_id)
    response = render(request, "returns/_run_status.html", _run_context(user, run))
    if run.is_over:
        return HttpResponseStopPolling(response.content)
    return response


@transaction.non_atomic_requests
@login_required
@require_GET
def run_file(request: HttpRequest, run_id: int, name: str) -> HttpResponse:
    """One file of a run, as an attachment; the download is written to the access audit."""
    user = _allowed_user(request, f"download {name} of run {run_id}")
    run = _run_or_404(user, run_id)
    file = return_file_download(actor=user, run=run, name=name, request=request)
    if file is None:
        raise Http404("This run has no file of that name.")
    content_type = CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
    response = HttpResponse(bytes(file.content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    response["Cache-Control"] = "no-store"
    return response

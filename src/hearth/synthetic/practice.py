"""Practice records around the events: visits with case notes in the child's own words, and the
manager's oversight of assessments (requests and decisions as rows)."""

from __future__ import annotations

import datetime as dt

from hearth.assessment.models import Assessment
from hearth.practice.models import CaseNote, OversightDecision, OversightRequest, Visit
from hearth.synthetic.context import ChildInfo, Ctx

P_NOTE = 0.2
CHILDS_VOICE = (
    "I like living here, the dog is my favourite.",
    "I want to see my mum more often.",
    "School is OK but I don't like maths.",
    "I don't want to talk today.",
    "Can I stay here until I'm older?",
    "I miss my brother.",
    "I feel safe at home now.",
    "My carer helps me with homework.",
    "I got picked for the football team!",
    "I get scared when they shout.",
    "I want my own room.",
    "I don't like changing schools again.",
)
VISIT_SUBJECTS = {"cin": "Child in need visit", "cp": "Child protection visit",
                  "cla": "Statutory visit", "iro": "IRO contact"}
RETURN_COMMENTS = (
    "Please add the child's own views and who they live with.",
    "Analysis needs to say what the risks are and what will change.",
    "Please record the information from school and health before I sign this off.",
)


def record_visit(ctx: Ctx, child: ChildInfo, kind: str, day: dt.date, worker: int | None,
                 *, seen: bool = True, seen_alone: bool | None = None) -> None:
    """A visit; sometimes with a case note carrying what the child said."""
    visit = ctx.add(Visit, child_id=child.id, kind=kind, visit_date=day, worker_id=worker,
                    child_seen=seen, seen_alone=seen_alone)
    if (worker is not None and seen and day >= ctx.records_from and ctx.chance(P_NOTE)
            and (day - child.dob).days > 4 * 365):
        voice = ctx.choice(CHILDS_VOICE)
        ctx.add(CaseNote, child_id=child.id, author_id=worker, written_at=ctx.at(day),
                subject=VISIT_SUBJECTS[kind],
                body=f"Visited and saw {'the child alone' if seen_alone else 'the child'}.",
                childs_voice=voice)
        ctx.chron(child.id, day, "visit", VISIT_SUBJECTS[kind], Visit, visit, actor=worker)


def oversee_assessment(ctx: Ctx, child: ChildInfo, assessment: int, worker: int | None,
                       manager: int | None, completed: dt.date, authorised: dt.date) -> None:
    """The worker submits the assessment; the manager approves it, sometimes after returning it."""
    if worker is None or manager is None or authorised > ctx.end:
        return
    content_type = ctx.content_types[Assessment]
    submitted = completed
    if authorised > completed and ctx.chance(0.12):
        request = ctx.add(OversightRequest, child_id=child.id, kind="assessment",
                          subject_type_id=content_type, subject_id=assessment,
                          requested_by_id=worker, requested_at=ctx.at(completed, 9))
        returned = ctx.at(completed, 15)
        ctx.add(OversightDecision, request_id=request, outcome="returned", decided_by_id=manager,
                decided_at=returned, comment=ctx.choice(RETURN_COMMENTS))
        ctx.chron(child.id, returned, "oversight_returned", "Assessment returned by manager",
                  Assessment, assessment, actor=manager)
        submitted = authorised
    request = ctx.add(OversightRequest, child_id=child.id, kind="assessment",
                      subject_type_id=content_type, subject_id=assessment,
                      requested_by_id=worker, requested_at=ctx.at(submitted, 10))
    ctx.add(OversightDecision, request_id=request, outcome="approved", decided_by_id=manager,
            decided_at=ctx.at(authorised, 16), comment="")

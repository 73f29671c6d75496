"""Which records are about a child, and how each reaches its child: one map the change history,
subject access export and retention deletion share, so none of them can miss a table.

A model is a child record when it is ``people.Child`` or has a foreign key named ``child``, or
reaches one through a single foreign key (a CP review through its plan, a pathway plan through
its care leaver). Computed from the model registry, so a model added later is covered without
editing a list. The access app's own rows (reasons, named users, the audit) are not case content
and are handled by each caller explicitly.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from hearth.people.models import Child

#: Apps whose models hold case records (DESIGN.md layout), in no particular order.
CASE_APPS = frozenset({
    "people", "organisation", "frontdoor", "earlyhelp", "cin", "assessment", "protection",
    "care", "adoption", "leavingcare", "practice",
})


def _direct_child_field(model: type[models.Model]) -> str | None:
    for field in model._meta.concrete_fields:
        if field.name == "child" and field.is_relation and field.related_model is Child:
            return "child"
    return None


@cache
def child_paths() -> dict[type[models.Model], str]:
    """Every case-record model and its lookup path to the child (``"pk"`` for ``Child``)."""
    paths: dict[type[models.Model], str] = {}
    case_models = [m for m in apps.get_models() if m._meta.app_label in CASE_APPS]
    for model in case_models:
        if model is Child:
            paths[model] = "pk"
        elif (direct := _direct_child_field(model)) is not None:
            paths[model] = direct
    for model in case_models:
        if model in paths:
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if (isinstance(target, type) and target is not Child
                    and paths.get(target) == "child"):
                paths[model] = f"{field.name}__child"
                break
    return paths


def child_path(model: type[models.Model]) -> str | None:
    return child_paths().get(model)


def child_id_of(instance: models.Model) -> int | None:
    """The id of the child ``instance`` is about, or ``None`` for a record about no child.

    Reads the foreign-key ids on the instance, fetching at most the one parent row for a
    two-step path; a parent already deleted (a cascade) gives ``None`` rather than an error.
    """
    path = child_path(type(instance))
    if path is None:
        return None
    if path == "pk":
        return int(instance.pk) if instance.pk is not None else None
    *hops, last = path.split("__")
    target: models.Model | None = instance
    for hop in hops:
        try:
            target = getattr(target, hop)
        except ObjectDoesNotExist:
            return None
        if target is None:
            return None
    value = getattr(target, f"{last}_id")
    return int(value) if value is not None else None


def records_of(child: Child) -> list[tuple[type[models.Model], models.QuerySet[models.Model]]]:
    """Each case-record model with the queryset of its rows about ``child`` (``Child`` first)."""
    return [
        (model, model._default_manager.filter(**{path: child.pk}).order_by("pk"))
        for model, path in sorted(child_paths().items(),
                                  key=lambda item: (item[0] is not Child, item[0]._meta.label))
    ]

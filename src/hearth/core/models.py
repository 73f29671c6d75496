"""Base models and constraint helpers shared by every app."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class CaseRecord(models.Model):
    """A record that belongs to exactly one local authority.

    A hosted multi-council service would shard by LA; keeping the owning LA on every case record
    keeps that possible and lets selectors filter by it without a join. The column has no index
    of its own: within one council it does not narrow a search, and the tables that are searched
    by council and date have composite indexes that lead with it.
    """

    la = models.ForeignKey(
        "organisation.LocalAuthority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="local authority",
        db_index=False,
    )

    class Meta:
        abstract = True


def ordered(start: str, end: str, name: str, *, strict: bool = False) -> models.CheckConstraint:
    """``end`` is empty or not before ``start`` (after it, when ``strict``)."""
    later = Q(**{f"{end}__gt": F(start)}) if strict else Q(**{f"{end}__gte": F(start)})
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | later, name=name
    )


def one_open(field: str, name: str, end: str = "end_date") -> models.UniqueConstraint:
    """At most one row per ``field`` whose ``end`` is empty (e.g. one open CIN episode)."""
    return models.UniqueConstraint(
        fields=[field], condition=Q(**{f"{end}__isnull": True}), name=name
    )


def in_choices(field: str, choices: type[models.Choices], name: str,
               *, blank: bool = False) -> models.CheckConstraint:
    """The column holds one of the DfE codes (or is empty where ``blank``)."""
    condition = Q(**{f"{field}__in": list(choices.values)})
    if blank:
        condition |= Q(**{field: ""})
    return models.CheckConstraint(condition=condition, name=name)

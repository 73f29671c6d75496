"""Benchmark values: what a measure was for England, the council's statistical neighbours, a
region or another named council, in one reporting year.

Benchmarks come from published DfE local-authority tables (Characteristics of children in need;
Children looked after in England; Children's social work workforce) and are loaded with
``hearth benchmarks load FILE.csv`` (``performance.benchmarks``). They are reference figures,
not case records, but each row belongs to the council it was loaded for: statistical neighbours
are neighbours *of* a council, and a hosted service that shards by council keeps them with it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from hearth.core.models import CaseRecord, in_choices


class Comparator(models.TextChoices):
    """Who a benchmark describes. The values are stored and appear in benchmark files."""

    ENGLAND = "england", "England"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours (average)"
    REGION = "region", "Region"
    LOCAL_AUTHORITY = "local_authority", "Local authority"


#: Comparators that need a name (which region, which council); the others must have none.
NAMED_COMPARATORS = frozenset({Comparator.REGION, Comparator.LOCAL_AUTHORITY})


class Benchmark(CaseRecord):
    """One published (or, in the demo, illustrative) value of one measure for one comparator.

    ``year`` is the year in which the DfE reporting year ends: 2025 for 2024-25, the year to
    31 March 2025, whose counts are taken at 31 March 2025. ``measure_id`` is a stable id from
    ``performance.measures``; the loader refuses ids it does not know.
    """

    measure_id = models.CharField(max_length=80)
    comparator = models.CharField(max_length=30, choices=Comparator.choices)
    comparator_name = models.CharField(
        max_length=150, blank=True,
        help_text="The region or council named, for those comparators; blank otherwise.",
    )
    year = models.PositiveSmallIntegerField(
        help_text="The year the reporting year ends on 31 March (2025 for 2024-25).",
    )
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=300)
    loaded_from = models.CharField(max_length=300, help_text="The file it was loaded from.")
    loaded_at = models.DateTimeField()

    class Meta:
        constraints = [
            in_choices("comparator", Comparator, "benchmark_comparator_valid"),
            models.UniqueConstraint(
                fields=["la", "measure_id", "comparator", "comparator_name", "year"],
                name="benchmark_one_value_per_comparator_year",
            ),
            models.CheckConstraint(
                condition=Q(comparator__in=sorted(NAMED_COMPARATORS), comparator_name__gt="")
                | (~Q(comparator__in=sorted(NAMED_COMPARATORS)) & Q(comparator_name="")),
                name="benchmark_named_when_region_or_council",
            ),
            models.CheckConstraint(condition=~Q(source=""), name="benchmark_source_given"),
        ]
        indexes = [models.Index(fields=["la", "measure_id", "year"])]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.comparator_label} {self.period}: {self.value}"

    @property
    def period(self) -> str:
        """The reporting year as the DfE writes it: ``2024-25``."""
        return f"{self.year - 1}-{self.year % 100:02d}"

    @property
    def comparator_label(self) -> str:
        return self.comparator_name or Comparator(self.comparator).label

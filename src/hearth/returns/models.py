"""A statutory return generated from the Returns page, and the files it wrote.

Issue 5: a performance analyst chooses a return and its period and Hearth generates it in the
background (``tasks.generate_return``), showing progress, the validation summary by rule and
the files to download. A ``ReturnRun`` is that request and its outcome; ``ReturnFile`` holds
each file the run wrote. The files live in the database, not on disk, so a run and its files
are written, backed up and removed together on any number of web and worker hosts, and a file
is never served from a path someone could guess.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from hearth.core.models import in_choices


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ReturnRun(models.Model):
    """One request to generate a return for a period: who asked, when, how far it has got, and
    what it found (``validation``, the summary by rule as JSON) or why it failed (``error``).

    ``period_end`` is the last day the return covers: 31 March for a collection year (SSDA903,
    CIN census), the chosen date for an as-of-date return (Ofsted Annex A).
    """

    la = models.ForeignKey("organisation.LocalAuthority", on_delete=models.PROTECT,
                           related_name="+", verbose_name="local authority")
    return_name = models.CharField(max_length=30)
    period_end = models.DateField()
    requested_by = models.ForeignKey("access.User", on_delete=models.PROTECT,
                                     related_name="return_runs")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=RunStatus.choices,
                              default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done, 0 to 100.")
    stage = models.CharField(max_length=200, blank=True,
                             help_text="What the run is doing now, in words.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True,
                               help_text="What was generated: children, rows, warnings.")
    validation = models.JSONField(null=True, blank=True,
                                  help_text="The validation summary by rule; null if none ran.")
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            in_choices("status", RunStatus, "return_run_status_valid"),
            models.CheckConstraint(condition=Q(progress__lte=100),
                                   name="return_run_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("started_at")),
                name="return_run_finished_after_started"),
            models.CheckConstraint(
                condition=Q(status__in=[RunStatus.DONE, RunStatus.FAILED],
                            finished_at__isnull=False)
                | Q(status__in=[RunStatus.QUEUED, RunStatus.RUNNING], finished_at__isnull=True),
                name="return_run_finished_when_over"),
        ]
        indexes = [models.Index(fields=["la", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.return_name} to {self.period_end} ({self.status})"

    @property
    def is_over(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class ReturnFile(models.Model):
    """One file a run wrote, exactly as the DfE or Ofsted expects it."""

    run = models.ForeignKey(ReturnRun, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    rows = models.PositiveIntegerField(null=True, blank=True,
                                       help_text="Data rows (lines less the header) of a CSV.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "name"], name="return_file_name_unique"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

"""Reads: every query the views need, named in the domain's words."""

from django.db.models import Prefetch

from assessment.models import Framework, Principle, ScaleLevel


def framework_current() -> Framework | None:
    """The newest framework edition, with its principles and scale, for the public pages."""
    return (
        Framework.objects.prefetch_related(
            Prefetch("principles", queryset=Principle.objects.order_by("order")),
            Prefetch("levels", queryset=ScaleLevel.objects.order_by("order")),
        )
        .order_by("-version")
        .first()
    )

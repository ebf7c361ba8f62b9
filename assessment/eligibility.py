"""Whether a school may apply for the label in a call: from the school's own data."""

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import ngettext


class SchoolFigures(Protocol):
    """What the conditions read of a school: a `School`, or the figures a snapshot kept."""

    @property
    def etwinning_registered_on(self) -> datetime.date: ...
    @property
    def active_teachers(self) -> int: ...
    @property
    def quality_label_projects(self) -> int: ...


class CallThresholds(Protocol):
    """What the conditions read of a call: a `Call`, or the thresholds a snapshot kept."""

    @property
    def min_registration_years(self) -> int: ...
    @property
    def min_active_teachers(self) -> int: ...
    @property
    def min_quality_label_projects(self) -> int: ...


@dataclass(frozen=True)
class Condition:
    met: bool
    text: str


@dataclass(frozen=True)
class Eligibility:
    conditions: tuple[Condition, ...]

    @property
    def eligible(self) -> bool:
        return all(condition.met for condition in self.conditions)


def _years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def school_eligibility(*, school: SchoolFigures, call: CallThresholds, on: datetime.date) -> Eligibility:
    """The call's three conditions, each with the school's figure, as of the date `on`."""
    years = _years_between(school.etwinning_registered_on, on)
    return Eligibility(
        conditions=(
            Condition(
                met=years >= call.min_registration_years,
                text=ngettext(
                    "Registered in eTwinning for at least %(minimum)d year (the school: %(actual)d).",
                    "Registered in eTwinning for at least %(minimum)d years (the school: %(actual)d).",
                    call.min_registration_years,
                )
                % {"minimum": call.min_registration_years, "actual": years},
            ),
            Condition(
                met=school.active_teachers >= call.min_active_teachers,
                text=ngettext(
                    "At least %(minimum)d teacher active in eTwinning (the school: %(actual)d).",
                    "At least %(minimum)d teachers active in eTwinning (the school: %(actual)d).",
                    call.min_active_teachers,
                )
                % {"minimum": call.min_active_teachers, "actual": school.active_teachers},
            ),
            Condition(
                met=school.quality_label_projects >= call.min_quality_label_projects,
                text=ngettext(
                    "At least %(minimum)d project with a National Quality Label in the period set by the call "
                    "(the school: %(actual)d).",
                    "At least %(minimum)d projects with a National Quality Label in the period set by the call "
                    "(the school: %(actual)d).",
                    call.min_quality_label_projects,
                )
                % {"minimum": call.min_quality_label_projects, "actual": school.quality_label_projects},
            ),
        )
    )

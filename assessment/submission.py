"""What stands between a draft and its submission: the checklist the leader sees."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.eligibility import school_eligibility
from assessment.models import Assessment, EvidenceUse, Response, Statement
from assessment.selectors import principles_of


@dataclass(frozen=True)
class Problem:
    message: str
    url: str | None = None


def statements_missing_evidence(assessment: Assessment) -> list[Statement]:
    """Statements that expect evidence and have none (one marked not applicable needs none)."""
    supported = EvidenceUse.objects.filter(evidence__assessment=assessment).values("statement_id")
    not_applicable = Response.objects.filter(
        assessment=assessment, level=Response.Level.NOT_APPLICABLE
    ).values("statement_id")
    return list(
        Statement.objects.filter(principle__framework_id=assessment.call.framework_id, evidence_expected=True)
        .exclude(pk__in=supported)
        .exclude(pk__in=not_applicable)
    )


def submission_problems(
    assessment: Assessment, *, today: datetime.date, declaration_accepted: bool | None = None
) -> list[Problem]:
    """Everything missing before the leader can submit, each with a link to fix it.

    `declaration_accepted` is None while only showing the checklist, and the leader's
    answer when they try to submit.
    """
    problems: list[Problem] = []
    per_principle = {
        row["statement__principle_id"]: row
        for row in Response.objects.filter(assessment=assessment)
        .values("statement__principle_id")
        .annotate(
            unrated=Count("pk", filter=Q(level="")),
            to_recheck=Count("pk", filter=Q(needs_recheck=True)),
            unjustified=Count("pk", filter=~Q(level="") & Q(justification="")),
        )
    }
    actions = {
        row["principle_id"]: row
        for row in assessment.actions.values("principle_id").annotate(
            count=Count("pk"), to_recheck=Count("pk", filter=Q(needs_recheck=True))
        )
    }
    evidence_to_recheck = {
        row["statement__principle_id"]: row["count"]
        for row in EvidenceUse.objects.filter(evidence__assessment=assessment, evidence__needs_recheck=True)
        .values("statement__principle_id")
        .annotate(count=Count("evidence_id", distinct=True))
    }
    esafety_evidence = assessment.evidence.aggregate(
        count=Count("pk", filter=Q(supports_esafety=True)),
        to_recheck=Count("pk", filter=Q(supports_esafety=True, needs_recheck=True)),
    )
    missing_evidence: dict[int, list[str]] = {}
    for statement in statements_missing_evidence(assessment):
        missing_evidence.setdefault(statement.principle_id, []).append(statement.code)
    esafety_url = reverse("assessment_esafety", args=[assessment.pk])
    if assessment.esafety_answer == "":
        problems.append(Problem(_("Answer the eSafety policy question."), esafety_url))
    elif assessment.esafety_needs_recheck:
        problems.append(
            Problem(
                _("Check the eSafety answer copied from your previous self-assessment, then save it."),
                esafety_url,
            )
        )
    if not esafety_evidence["count"]:
        problems.append(
            Problem(_("Attach the school's eSafety policy, as a document or a link."), esafety_url)
        )
    elif esafety_evidence["to_recheck"]:
        problems.append(
            Problem(
                ngettext(
                    "eSafety policy: %(count)d copied piece of evidence is not checked yet.",
                    "eSafety policy: %(count)d copied pieces of evidence are not checked yet.",
                    esafety_evidence["to_recheck"],
                )
                % {"count": esafety_evidence["to_recheck"]},
                f"{esafety_url}#evidence-esafety",
            )
        )
    for principle in principles_of(assessment):
        url = reverse("assessment_principle", args=[assessment.pk, principle.code])
        counts = per_principle.get(principle.pk, {"unrated": 0, "unjustified": 0, "to_recheck": 0})
        name = principle.short_title
        if counts["unrated"]:
            problems.append(
                Problem(
                    ngettext(
                        "%(principle)s: %(count)d statement is not rated yet.",
                        "%(principle)s: %(count)d statements are not rated yet.",
                        counts["unrated"],
                    )
                    % {"principle": name, "count": counts["unrated"]},
                    url,
                )
            )
        if counts["to_recheck"]:
            problems.append(
                Problem(
                    ngettext(
                        "%(principle)s: %(count)d copied answer is not checked yet.",
                        "%(principle)s: %(count)d copied answers are not checked yet.",
                        counts["to_recheck"],
                    )
                    % {"principle": name, "count": counts["to_recheck"]},
                    url,
                )
            )
        if counts["unjustified"]:
            problems.append(
                Problem(
                    ngettext(
                        "%(principle)s: %(count)d rating has no justification.",
                        "%(principle)s: %(count)d ratings have no justification.",
                        counts["unjustified"],
                    )
                    % {"principle": name, "count": counts["unjustified"]},
                    url,
                )
            )
        if principle.pk in missing_evidence:
            codes = missing_evidence[principle.pk]
            problems.append(
                Problem(
                    ngettext(
                        "%(principle)s: statement %(codes)s needs evidence.",
                        "%(principle)s: statements %(codes)s need evidence.",
                        len(codes),
                    )
                    % {"principle": name, "codes": ", ".join(codes)},
                    f"{url}#statement-{codes[0]}",
                )
            )
        if evidence_to_recheck.get(principle.pk):
            problems.append(
                Problem(
                    ngettext(
                        "%(principle)s: %(count)d copied piece of evidence is not checked yet.",
                        "%(principle)s: %(count)d copied pieces of evidence are not checked yet.",
                        evidence_to_recheck[principle.pk],
                    )
                    % {"principle": name, "count": evidence_to_recheck[principle.pk]},
                    url,
                )
            )
        plan_url = reverse("action_plan", args=[assessment.pk]) + f"#principle-{principle.code}"
        planned = actions.get(principle.pk, {"count": 0, "to_recheck": 0})
        if not planned["count"]:
            problems.append(
                Problem(_("%(principle)s: plan at least one action.") % {"principle": name}, plan_url)
            )
        elif planned["to_recheck"]:
            problems.append(
                Problem(
                    ngettext(
                        "%(principle)s: %(count)d copied action is not checked yet.",
                        "%(principle)s: %(count)d copied actions are not checked yet.",
                        planned["to_recheck"],
                    )
                    % {"principle": name, "count": planned["to_recheck"]},
                    plan_url,
                )
            )
    if not school_eligibility(school=assessment.school, call=assessment.call, on=today).eligible:
        problems.append(
            Problem(
                _("The school does not meet the call's eligibility conditions."),
                reverse("school_dashboard", args=[assessment.school_id]),
            )
        )
    if not assessment.call.is_open_on(today):
        problems.append(Problem(_("The call is closed.")))
    if declaration_accepted is False:
        problems.append(Problem(_("Accept the declaration on honour.")))
    return problems

from assessment.models.accounts import User
from assessment.models.assessments import (
    ActionItem,
    Assessment,
    InternalNote,
    LabelStanding,
    PrincipleFeedback,
    Response,
    ReturnedSubmission,
    StatusChange,
)
from assessment.models.calls import Call
from assessment.models.credentials import Credential
from assessment.models.evidence import Evidence, EvidenceUse
from assessment.models.framework import ESafetyItem, Framework, Principle, ScaleLevel, Statement
from assessment.models.invitations import Invitation
from assessment.models.schools import CoordinatorAssignment, Country, Membership, School
from assessment.models.surveys import (
    Survey,
    SurveyAnswer,
    SurveyComment,
    SurveyDevice,
    SurveyGroup,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatement,
)

__all__ = [
    "ActionItem",
    "Assessment",
    "Call",
    "CoordinatorAssignment",
    "Country",
    "Credential",
    "ESafetyItem",
    "Evidence",
    "EvidenceUse",
    "Framework",
    "InternalNote",
    "LabelStanding",
    "Invitation",
    "Membership",
    "Principle",
    "PrincipleFeedback",
    "Response",
    "ReturnedSubmission",
    "ScaleLevel",
    "School",
    "Statement",
    "StatusChange",
    "Survey",
    "SurveyAnswer",
    "SurveyComment",
    "SurveyDevice",
    "SurveyGroup",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyStatement",
    "User",
]

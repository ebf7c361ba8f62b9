from assessment.models.accounts import User
from assessment.models.framework import ESafetyItem, Framework, Principle, ScaleLevel, Statement
from assessment.models.schools import CoordinatorAssignment, Country, Membership, School

__all__ = [
    "CoordinatorAssignment",
    "Country",
    "ESafetyItem",
    "Framework",
    "Membership",
    "Principle",
    "ScaleLevel",
    "School",
    "Statement",
    "User",
]

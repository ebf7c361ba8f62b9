"""Which model fields are translated (django-modeltranslation).

Every translated field is required in every language of settings.LANGUAGES: the English
fallback is a safety net, not the plan.
"""

from modeltranslation.translator import TranslationOptions, register

from assessment.languages import language_codes
from assessment.models import (
    Country,
    ESafetyItem,
    Framework,
    Principle,
    ScaleLevel,
    Statement,
    SurveyQuestion,
    SurveyStatement,
)


class AllLanguagesRequired(TranslationOptions):
    required_languages = language_codes()


@register(Framework)
class FrameworkTranslation(AllLanguagesRequired):
    fields = ("mission",)


@register(Principle)
class PrincipleTranslation(AllLanguagesRequired):
    fields = ("title", "short_title", "description")


@register(Statement)
class StatementTranslation(AllLanguagesRequired):
    fields = ("text", "guidance")


@register(ScaleLevel)
class ScaleLevelTranslation(AllLanguagesRequired):
    fields = ("label", "meaning")


@register(ESafetyItem)
class ESafetyItemTranslation(AllLanguagesRequired):
    fields = ("text", "guidance")


@register(Country)
class CountryTranslation(AllLanguagesRequired):
    fields = ("name",)


@register(SurveyStatement)
class SurveyStatementTranslation(AllLanguagesRequired):
    fields = ("text",)


@register(SurveyQuestion)
class SurveyQuestionTranslation(AllLanguagesRequired):
    fields = ("text",)

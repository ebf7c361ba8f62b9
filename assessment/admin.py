from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from assessment.models import (
    CoordinatorAssignment,
    Country,
    ESafetyItem,
    Framework,
    Membership,
    Principle,
    ScaleLevel,
    School,
    Statement,
    User,
)


@admin.register(User)
class AppUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, (_("Preferences"), {"fields": ("preferred_language",)}))
    list_display = ("username", "email", "first_name", "last_name", "preferred_language", "is_staff")


@admin.register(Framework)
class FrameworkAdmin(TabbedTranslationAdmin):
    list_display = ("version",)


@admin.register(Principle)
class PrincipleAdmin(TabbedTranslationAdmin):
    list_display = ("code", "short_title", "framework")
    list_filter = ("framework",)
    ordering = ("framework", "order")


@admin.register(Statement)
class StatementAdmin(TabbedTranslationAdmin):
    list_display = ("code", "text", "evidence_expected", "weight", "principle")
    list_filter = ("principle__framework", "principle", "evidence_expected")
    list_select_related = ("principle",)
    search_fields = ("code", "text")


@admin.register(ScaleLevel)
class ScaleLevelAdmin(TabbedTranslationAdmin):
    list_display = ("code", "label", "meaning", "framework")
    list_filter = ("framework",)


@admin.register(ESafetyItem)
class ESafetyItemAdmin(TabbedTranslationAdmin):
    list_display = ("framework", "text")


@admin.register(Country)
class CountryAdmin(TabbedTranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "region", "city")
    list_filter = ("country",)
    list_select_related = ("country",)
    search_fields = ("name", "city", "region")
    inlines = [MembershipInline]


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "country")
    list_filter = ("country",)
    list_select_related = ("user", "country")
    autocomplete_fields = ("user",)

import datetime

import factory
from django.utils import timezone

from assessment.models import CoordinatorAssignment, Country, Invitation, Membership, School, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "PL"
    name_en = "Poland"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"School {n}")
    country = factory.SubFactory(CountryFactory)
    region = "Małopolskie"
    city = "Kraków"
    etwinning_registered_on = datetime.date(2018, 9, 1)
    active_teachers = 5
    quality_label_projects = 1


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Membership.Role.TEACHER


class CoordinatorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatorAssignment

    user = factory.SubFactory(UserFactory)
    country = factory.SubFactory(CountryFactory)


# Accounts and membership


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation; pass `token=` to know the secret of its link."""

    class Meta:
        model = Invitation

    class Params:
        token = factory.Sequence(lambda n: f"invitation-token-{n}")

    school = factory.SubFactory(SchoolFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    token_hash = factory.LazyAttribute(lambda invitation: Invitation.hash_token(invitation.token))
    invited_by = None
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))

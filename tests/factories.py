import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from espportal.models import Membership, Provider, Role, User


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Provider {n}")
    region = "toronto"
    languages = factory.LazyFunction(lambda: ["en"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    kind = User.Kind.STAFF
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def with_totp(obj, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(obj, generate_totp_secret())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, with_totp=True)
    provider = factory.SubFactory(ProviderFactory)
    role = Role.COUNSELLOR


def staff_member(provider, role=Role.COUNSELLOR, **user_kwargs) -> User:
    user = UserFactory(with_totp=True, **user_kwargs)
    MembershipFactory(user=user, provider=provider, role=role)
    return user

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from espportal.demo import current_code
from espportal.models import User


class Command(BaseCommand):
    help = "Print the current TOTP code (and secret) of a demo account. Refuses to run in production."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if settings.PRODUCTION:
            raise CommandError("demo_totp is for the local demo only.")
        user = User.objects.filter(email=email.lower()).first()
        if user is None:
            raise CommandError(f"No account for {email}.")
        code = current_code(user)
        if code is None:
            raise CommandError(f"{email} has no authenticator.")
        secret = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
        self.stdout.write(f"code: {code}\nsecret: {secret}\n")

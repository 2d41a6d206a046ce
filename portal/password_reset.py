"""Password reset requests, limited: per client address and per e-mail address
(settings.PASSWORD_RESET_RATES), so that nobody floods an inbox or the mail
server. Known and unknown addresses count alike: the limit tells nothing about
who has an account."""

import math
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import ngettext

from core.clients import client_address
from core.ratelimit import spend_quota


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        rates = settings.PASSWORD_RESET_RATES
        email = form.cleaned_data["email"].strip().lower()
        waits = [
            spend_quota(
                f"password-reset:address:{client_address(self.request)}",
                rates["address"],
            ),
            spend_quota(f"password-reset:email:{email}", rates["email"]),
        ]
        wait = max((w for w in waits if w is not None), default=None)
        if wait is None:
            return super().form_valid(form)
        minutes = math.ceil(wait / 60)
        form.add_error(
            None,
            ngettext(
                "Too many password reset requests. Please try again in %(minutes)d "
                "minute.",
                "Too many password reset requests. Please try again in %(minutes)d "
                "minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = self.form_invalid(form)
        response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        response["Retry-After"] = str(wait)
        return response

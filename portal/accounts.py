"""Account pages beyond django.contrib.auth's: where a login lands, and the
page shown to a locked-out login (django-axes)."""

from http import HTTPStatus

from axes.conf import settings
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.views.generic import TemplateView

from members.models import Liaison


class AccountView(LoginRequiredMixin, TemplateView):
    """After login: staff to the admin, liaisons to the portal, anyone else to a
    page with the account's links."""

    template_name = "registration/account.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_staff:
            return redirect("admin:index")
        if Liaison.objects.filter(user=request.user).exists():
            return redirect("portal:dashboard")
        return super().get(request, *args, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the site's page, for the site's and the admin's
    login alike."""
    minutes = round(get_cool_off(request).total_seconds() / 60)
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


def axes_username(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the user name tried, as django-axes records it.

    Cut to the length of its column: a longer one (no user has it) would
    otherwise fail the failed login's record on PostgreSQL with a 500.
    """
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        return None
    return username[: AccessAttempt._meta.get_field("username").max_length]

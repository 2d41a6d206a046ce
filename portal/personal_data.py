"""A liaison's own data: everything the app holds about its user account, as
the JSON file the secretariat's export gives (privacy.collect.user_export)."""

from django.views import View

from portal.views import LiaisonRequiredMixin
from privacy.collect import export_filename, json_download, user_export


class PersonalDataView(LiaisonRequiredMixin, View):
    """GET only: the file of the logged-in liaison, never anyone else's (no
    id in the address)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        return json_download(
            user_export(request.user), export_filename("user", request.user.pk)
        )

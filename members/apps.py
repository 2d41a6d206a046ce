from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members.permissions import ensure_secretariat_group

        post_migrate.connect(ensure_secretariat_group, dispatch_uid="secretariat-group")

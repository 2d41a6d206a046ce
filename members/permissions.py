"""The secretariat's group and who counts as secretariat staff."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SECRETARIAT_GROUP = "Secretariat"
SECRETARIAT_APPS = (
    "members",
    "alliances",
    "news",
    "dues",
    "governance",
    "documents",
    "notifications",
    "webhooks",
    "privacy",
)
# Editors link liaisons to cities, so they may look users up (not change them);
# they see which translations are older than their source (core.translations).
EXTRA_PERMISSIONS = (("auth", "view_user"), ("core", "view_translationsource"))


def secretariat_permissions(using: str = "default"):
    extra = Q()
    for app_label, codename in EXTRA_PERMISSIONS:
        extra |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.using(using).filter(
        Q(content_type__app_label__in=SECRETARIAT_APPS) | extra
    )


def ensure_secretariat_group(sender, using="default", **kwargs):
    """post_migrate: the Secretariat group exists with every permission it needs.

    Runs after each app's migrations, because each app's permissions only exist
    once its own post_migrate has run; adding is idempotent.
    """
    if sender.label not in (*SECRETARIAT_APPS, "auth"):
        return
    group, _ = Group.objects.using(using).get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(*secretariat_permissions(using))


def is_secretariat(user) -> bool:
    """Staff in the Secretariat group, or a superuser. Uses the user's groups."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=SECRETARIAT_GROUP).exists()

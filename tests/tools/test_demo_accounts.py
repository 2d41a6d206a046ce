"""`manage.py load_demo --accounts`: two demo users whose passwords are printed
when they are created, and only then (or with --reset)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from members.models import Liaison, MemberCity
from members.permissions import is_secretariat
from tests.demo_utils import all_rows, load_demo, printed_passwords

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_without_accounts_no_user_is_created(demo):
    assert not get_user_model().objects.exists()


def test_accounts_are_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo("--accounts")
    assert not get_user_model().objects.exists()
    assert not MemberCity.objects.exists()


def test_accounts_create_a_secretariat_editor(debug):
    password = printed_passwords(load_demo("--accounts"))["editor"]
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff
    assert editor.groups.filter(name="Secretariat").exists()
    assert is_secretariat(editor)
    assert editor.check_password(password)


def test_accounts_create_a_guangzhou_liaison(debug):
    password = printed_passwords(load_demo("--accounts"))["guangzhou-liaison"]
    liaison = get_user_model().objects.get(username="guangzhou-liaison")
    assert liaison.liaison.member.slug == "guangzhou"
    assert not liaison.is_staff
    assert liaison.check_password(password)


def test_a_rerun_prints_no_password_and_keeps_the_first(debug):
    first = printed_passwords(load_demo("--accounts"))
    assert printed_passwords(load_demo("--accounts")) == {}
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(first["editor"])


def test_a_rerun_with_accounts_writes_nothing(debug):
    load_demo("--accounts")
    before = all_rows()
    load_demo("--accounts")
    assert all_rows() == before


def test_a_rerun_keeps_a_password_the_person_chose(debug):
    load_demo("--accounts")
    liaison = get_user_model().objects.get(username="guangzhou-liaison")
    liaison.set_password("chosen by the liaison")
    liaison.save()
    load_demo("--accounts")
    liaison.refresh_from_db()
    assert liaison.check_password("chosen by the liaison")


def test_a_deleted_account_is_created_again_with_its_password_printed(debug):
    load_demo("--accounts")
    get_user_model().objects.filter(username="editor").delete()
    passwords = printed_passwords(load_demo("--accounts"))
    assert list(passwords) == ["editor"]
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(passwords["editor"])
    assert is_secretariat(editor)


def test_reset_sets_new_printed_passwords(debug):
    first = printed_passwords(load_demo("--accounts"))
    second = printed_passwords(load_demo("--reset", "--accounts"))
    editor = get_user_model().objects.get(username="editor")
    assert not editor.check_password(first["editor"])
    assert editor.check_password(second["editor"])
    assert set(second) == {"editor", "guangzhou-liaison"}
    assert Liaison.objects.count() == 1
    assert get_user_model().objects.count() == 2


def test_reset_links_the_liaison_to_guangzhou_again(debug):
    load_demo("--accounts")
    other = MemberCity.objects.exclude(slug="guangzhou").first()
    Liaison.objects.update(member=other)
    load_demo("--reset", "--accounts")
    assert Liaison.objects.get().member.slug == "guangzhou"

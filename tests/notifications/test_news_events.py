"""News e-mails: a proposal to the editors, its return and its publication to
the proposing city's liaisons."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from news.services import news_propose, news_publish, news_resubmit, news_return
from notifications.models import Kind, Message, Preference
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return factories.CategoryFactory()


@pytest.fixture
def proposal(run_on_commit, member, liaison, editor, category):
    with run_on_commit():
        return news_propose(
            member=member,
            author=liaison,
            data={"title": "Green roofs", "category": category, "summary": "S."},
        )


def recipients(kind):
    return sorted(
        Message.objects.filter(kind=kind).values_list("recipient_email", flat=True)
    )


def test_proposal_goes_to_the_editors(proposal, editor, liaison):
    factories.UserFactory(username="not-staff")  # neither editor nor liaison
    assert recipients(Kind.POST_SUBMITTED) == ["editor@example.org"]
    (email,) = mail.outbox
    assert email.to == ["editor@example.org"]
    assert "Green roofs" in email.subject
    assert "Guangzhou" in email.body
    assert reverse("admin:news_newspost_change", args=[proposal.pk]) in email.body


def test_staff_outside_the_secretariat_is_not_an_editor(
    run_on_commit, member, liaison, category
):
    factories.UserFactory(username="staff", is_staff=True)
    with run_on_commit():
        news_propose(
            member=member, author=liaison, data={"title": "T", "category": category}
        )
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_return_goes_to_the_city_liaisons(
    run_on_commit, proposal, editor, liaison, other_liaison
):
    mail.outbox.clear()
    with run_on_commit():
        news_return(post=proposal, by=editor, comment="Add a photo credit.")
    assert recipients(Kind.POST_RETURNED) == ["liaison@example.org"]
    (email,) = mail.outbox
    assert "Add a photo credit." in email.body
    assert reverse("portal:proposal-detail", args=[proposal.pk]) in email.body


def test_each_round_of_review_is_told(
    run_on_commit, proposal, editor, liaison, category
):
    with run_on_commit():
        news_return(post=proposal, by=editor, comment="First.")
    with run_on_commit():
        news_resubmit(post=proposal, by=liaison, data={"title": "Green roofs 2"})
    with run_on_commit():
        news_return(post=proposal, by=editor, comment="Second.")
    assert recipients(Kind.POST_SUBMITTED) == ["editor@example.org"] * 2
    assert recipients(Kind.POST_RETURNED) == ["liaison@example.org"] * 2
    assert len(mail.outbox) == 4
    assert "Second." in mail.outbox[-1].body


def test_publication_goes_to_the_city_liaisons(
    run_on_commit, proposal, editor, liaison, other_liaison
):
    mail.outbox.clear()
    with run_on_commit():
        news_publish(post=proposal, by=editor)
    assert recipients(Kind.POST_PUBLISHED) == ["liaison@example.org"]
    (email,) = mail.outbox
    assert proposal.get_absolute_url() in email.body


def test_a_secretariat_post_tells_nobody(run_on_commit, editor):
    post = factories.NewsPostFactory(status="draft", published_at=None)
    with run_on_commit():
        news_publish(post=post, by=editor)
    assert not Message.objects.filter(kind=Kind.POST_PUBLISHED).exists()


def test_opted_out_liaison_is_not_told_of_publication(
    run_on_commit, proposal, editor, liaison
):
    Preference.objects.create(user=liaison, non_statutory=False)
    mail.outbox.clear()
    with run_on_commit():
        news_publish(post=proposal, by=editor)
    assert not Message.objects.filter(kind=Kind.POST_PUBLISHED).exists()
    assert mail.outbox == []


def test_a_publication_rolled_back_sends_nothing(
    run_on_commit, proposal, editor, liaison
):
    mail.outbox.clear()
    with run_on_commit(), transaction.atomic():
        news_publish(post=proposal, by=editor)
        transaction.set_rollback(True)
    assert not Message.objects.filter(kind=Kind.POST_PUBLISHED).exists()
    assert mail.outbox == []

"""A person named in every place the app can name one, and the helpers that
look for the name."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from alliances.models import AllianceSignatory
from members.models import BoardMandate
from notifications.models import Kind, Message
from partners.models import PartnerKey
from tests import factories
from webhooks.models import WebhookDelivery, WebhookEndpoint

# Distinctive values: found anywhere, they are the subject's.
NAME = "Zenobia Quillfeather"
OLD_NAME = "Zenobia Q. Featherstone"
EMAIL = "zenobia.quill@example.org"
PHONE = "+34 600 111 222"
SECRETS = (NAME, OLD_NAME, EMAIL, PHONE)


@pytest.fixture
def subject(member):
    """A public contact of `member`: contact and signatory (for the
    association) of an alliance `member` granted, and its regional
    secretary; once named OLD_NAME (the history keeps it); e-mailed; quoted
    in a webhook payload. `member` holds a board mandate."""
    person = factories.PersonFactory(
        name=OLD_NAME,
        email=EMAIL,
        phone=PHONE,
        organisation=member,
        position_title="Director of International Relations",
    )
    person.name = NAME
    person.save()
    alliance = factories.AllianceFactory(
        kind="granting_member",
        granting_member=member,
        contact=person,
        title="Guangzhou Innovation Alliance",
        slug="guangzhou-innovation",
    )
    factories.AllianceSignatoryFactory(
        alliance=alliance, person=person, side=AllianceSignatory.Side.ASSOCIATION
    )
    factories.RegionalSecretariatFactory(
        member=member,
        secretary=person,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    factories.BoardMandateFactory(member=member, role=BoardMandate.Role.TREASURER)
    Message.objects.create(
        kind=Kind.ALLIANCE_EXPIRING,
        recipient_email=EMAIL,
        content_type=ContentType.objects.get_for_model(alliance),
        object_id=str(alliance.pk),
        object_label=alliance.title,
        language="en",
        context={"contact": NAME},
        offset=90,
    )
    owner = factories.UserFactory(username="partner-owner")
    key, _ = PartnerKey.objects.create_key(name="partner", owner=owner, scope="read")
    endpoint = WebhookEndpoint.objects.create(
        key=key, url="https://partner.example.net/hook", events=["alliance.extended"]
    )
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="alliance.extended",
        payload={"data": {"contact": {"name": NAME, "email": EMAIL}}},
        status=WebhookDelivery.Status.DELIVERED,
    )
    return person


@pytest.fixture
def bystander(member):
    """Another contact of the same city, left alone by the subject's erasure."""
    return factories.PersonFactory(
        name="Bartholomew Ostrander", email="bart@example.org", organisation=member
    )


def names_in(text: str) -> list[str]:
    """The subject's values found in `text`, in any case."""
    return [value for value in SECRETS if value.lower() in text.lower()]

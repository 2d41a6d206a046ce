import pytest

from alliances.models import Alliance
from members.models import MemberCity
from tests.demo_utils import load_demo


@pytest.fixture
def demo():
    load_demo()


@pytest.fixture
def guangzhou(demo):
    return MemberCity.objects.get(slug="guangzhou")


@pytest.fixture
def alliance(demo):
    return Alliance.objects.get(counterpart="Guangzhou Foreign Affairs Office")

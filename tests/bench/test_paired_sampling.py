"""The bench samples each API request in turns with its baseline, and its p50
and p95 ratios are to the baseline so sampled: a machine whose speed drifts
during a run slows both alike."""

from argparse import Namespace

from bench.harness import Fetched
from bench.measure import Result, sample
from bench.targets import Target, compare


class Server:
    """Answers at once, noting each path asked for, in order."""

    def __init__(self, asked: list, status: int = 200):
        self.asked = asked
        self.status = status

    def fetch(self, path, headers=None):
        self.asked.append(path)
        return Fetched(self.status, 10, "")


def test_an_api_request_is_sampled_in_turns_with_its_baseline():
    asked = []
    result = Result("api members 100", "/api/v1/members/", api=True)
    args = Namespace(samples=4, max_sample_seconds=30)

    sample(
        Server(asked),
        Target(result.name, result.path),
        result,
        args,
        paired=(Server(asked), Target("baseline: members", "/")),
    )

    assert asked == ["/api/v1/members/", "/"] * 4
    assert set(result.paired_baseline_ms) == {"p50", "p95"}
    assert result.samples == 4


def test_the_ratios_are_to_the_baseline_sampled_in_turns():
    result = Result(
        "api members 100 cold",
        "/api/v1/members/",
        api=True,
        baseline="members",
        p50_ms=9.0,
        p95_ms=12.0,
        rps=100.0,
        paired_baseline_ms={"p50": 4.5, "p95": 6.0},
    )
    alone = Result("baseline: members", "/", p50_ms=3.0, p95_ms=4.0, rps=400.0)

    compare([result], {"members": alone})

    assert (result.p50_vs_baseline, result.p95_vs_baseline) == (2.0, 2.0)
    assert result.rps_vs_baseline == 0.25  # wrk's runs are one at a time

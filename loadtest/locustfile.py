"""The mixed workload of `make loadtest`, for locust (run by loadtest/run.py).

Four kinds of users, none pausing between requests:

- visitors read the public pages (home, directory with filters, member page,
  alliance page, news list, news post, Atom feed) and the API anonymously;
- partner systems with a read key page through the API with filters;
- partner systems with a write key create news posts and people, and update
  member cities with If-Match (GET, then PATCH with the ETag): a 412 is an
  acknowledged refusal, counted apart, never a failure;
- liaisons log in once each and propose news through the portal form and the
  API (session and CSRF token).

Every acknowledged write (201, 200, or the portal's redirect to the new
proposal) is appended to the writes file as one JSON line: the unique marker
it wrote, for run.py to find in the database. Requests are named by group, so
locust's statistics are per group; the count of each (group, status) goes to
the status file at the end. Any status a request does not expect is a locust
failure.

The data it uses (keys, accounts, slugs) is in the JSON file named by
LOADTEST_CONFIG, written by run.py.
"""

import csv
import datetime
import html
import itertools
import json
import os
import random
import re
import uuid
from collections import Counter
from pathlib import Path

from locust import FastHttpUser, constant, events, task
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

CONFIG = json.loads(Path(os.environ["LOADTEST_CONFIG"]).read_text())
STATUSES: Counter = Counter()
USERS: dict[str, int] = {}  # users of each kind, once all are running
LIAISON_ACCOUNTS = itertools.cycle(CONFIG["liaisons"])
# Open for the whole run; closed when locust quits.
_writes = Path(CONFIG["writes_file"]).open("a", buffering=1, encoding="utf-8")  # noqa: SIM115


def record(**write) -> None:
    """One acknowledged write, on its own line (gevent: one writer at a time)."""
    _writes.write(json.dumps(write) + "\n")


def marker() -> str:
    return uuid.uuid4().hex


@events.request.add_listener
def count_status(name, response, exception, **kwargs):
    status = getattr(response, "status_code", None) or 0
    STATUSES[f"{name}\t{status}"] += 1


@events.init.add_listener
def on_init(environment, **kwargs):
    @environment.events.spawning_complete.add_listener
    def count_users(user_count, **kwargs):
        USERS.update(environment.runner.user_classes_count)


@events.quitting.add_listener
def save_results(environment, **kwargs):
    """Once every user has stopped: the status counts, and locust's request
    statistics as its CSV writer makes them (its periodic --csv files can miss
    the last second)."""
    Path(CONFIG["status_file"]).write_text(
        json.dumps({"statuses": STATUSES, "users": USERS}, indent=1)
    )
    with Path(CONFIG["stats_file"]).open("w", newline="") as stats:
        StatsCSV(environment, PERCENTILES_TO_REPORT).requests_csv(csv.writer(stats))
    _writes.close()


def expect(response, *statuses: int) -> bool:
    """Marks the response failed unless its status is one of `statuses`."""
    if response.status_code in statuses:
        response.success()
        return True
    response.failure(f"status {response.status_code}, expected {statuses}")
    return False


class LoadUser(FastHttpUser):
    abstract = True
    # 32 users are 32 connections always busy: no think time.
    wait_time = constant(0)

    def get(self, path: str, name: str, **kwargs):
        """A GET that expects a 200."""
        with self.client.get(
            path, name=name, catch_response=True, **kwargs
        ) as response:
            expect(response, 200)
            return response


OLDER_NEWS = re.compile(r'href="(\?[^"]*)" rel="next"')


class Visitor(LoadUser):
    weight = 10

    @task(2)
    def home(self):
        self.get("/", "page: home")

    @task(3)
    def directory(self):
        query = random.choice(
            [
                "",
                f"?region={random.choice(CONFIG['regions'])}",
                "?megacity=true&ordering=-population",
                f"?region={random.choice(CONFIG['regions'])}&category=full",
                "?search=an&ordering=name",
                f"?page={random.randint(1, CONFIG['directory_pages'])}",
            ]
        )
        self.get(f"/members/{query}", "page: directory")

    @task(3)
    def member(self):
        self.get(f"/members/{random.choice(CONFIG['members'])}/", "page: member")

    @task(2)
    def alliance(self):
        self.get(f"/alliances/{random.choice(CONFIG['alliances'])}/", "page: alliance")

    @task(2)
    def news_list(self):
        """The latest news, then a few "Older news" links."""
        response = self.get("/news/", "page: news list")
        for _ in range(random.randint(0, 3)):
            older = OLDER_NEWS.search(response.text or "")
            if response.status_code != 200 or not older:
                return
            link = "/news/" + html.unescape(older[1])
            response = self.get(link, "page: news list")

    @task(3)
    def post(self):
        self.get(f"/news/{random.choice(CONFIG['posts'])}/", "page: news post")

    @task(1)
    def feed(self):
        self.get("/news/feed/", "page: feed")

    @task(3)
    def api(self):
        path = random.choice(
            [
                f"/api/v1/members/?region={random.choice(CONFIG['regions'])}",
                "/api/v1/posts/",
                "/api/v1/alliances/?status=active",
                f"/api/v1/members/{random.choice(CONFIG['members'])}/",
                "/api/v1/board-mandates/?current=true",
            ]
        )
        self.get(path, "api anon: read")


class ReadPartner(LoadUser):
    weight = 4

    def on_start(self):
        key = random.choice(CONFIG["read_keys"])
        self.headers = {"Authorization": f"Api-Key {key}"}

    def page_through(self, path: str, name: str, pages: int = 3):
        """The first `pages` pages of a list, following its `next` links."""
        for _ in range(pages):
            response = self.get(path, name, headers=self.headers)
            if response.status_code != 200:
                return
            path = response.json().get("next")
            if not path:
                return

    @task(3)
    def members(self):
        query = random.choice(
            [
                f"region={random.choice(CONFIG['regions'])}",
                "category=full&ordering=-population",
                "join_year_min=1995&join_year_max=2015",
                "megacity=false&status=active",
            ]
        )
        self.page_through(
            f"/api/v1/members/?page_size=50&{query}", "api read: members pages"
        )

    @task(3)
    def posts(self):
        year = random.randint(2015, datetime.date.today().year - 1)
        self.page_through(
            f"/api/v1/posts/?category={random.choice(CONFIG['categories'])['slug']}"
            f"&published_after={year}-01-01&published_before={year + 1}-12-31",
            "api read: posts pages",
        )

    @task(2)
    def alliances(self):
        query = random.choice(
            ["status=active", "expiring_within=365", "kind=partner", "status=expired"]
        )
        self.page_through(f"/api/v1/alliances/?{query}", "api read: alliances pages")

    @task(1)
    def mandates(self):
        self.page_through(
            "/api/v1/board-mandates/?role=board_member", "api read: mandates pages"
        )

    @task(1)
    def people(self):
        self.page_through("/api/v1/people/?page_size=100", "api read: people pages")


class WritePartner(LoadUser):
    weight = 3

    def on_start(self):
        key = random.choice(CONFIG["write_keys"])
        self.headers = {"Authorization": f"Api-Key {key}"}

    def send(self, method: str, path: str, name: str, data: dict, **headers):
        return getattr(self.client, method)(
            path,
            name=name,
            json=data,
            headers={**self.headers, **headers},
            catch_response=True,
        )

    @task(2)
    def create_post(self):
        mark = marker()
        data = {
            "title": f"Load test post {mark}",
            "slug": f"load-{mark}",
            "category_slug": random.choice(CONFIG["categories"])["slug"],
            "summary": "Written by the load test.",
            "body": f"A **load test** post.\n\n{mark}",
            "status": "published",
            "published_at": datetime.datetime.now(datetime.UTC).isoformat(),
        }
        with self.send("post", "/api/v1/posts/", "api write: POST post", data) as r:
            if expect(r, 201):
                record(kind="post", via="write key", marker=mark, id=r.json()["id"])

    @task(1)
    def create_person(self):
        mark = marker()
        data = {
            "name": f"Load person {mark}",
            "position_title": "Officer",
            "organisation_slug": random.choice(CONFIG["members"]),
            "email": f"{mark}@example.org",
            "is_public": True,
        }
        with self.send("post", "/api/v1/people/", "api write: POST person", data) as r:
            if expect(r, 201):
                record(kind="person", marker=mark, id=r.json()["id"])

    @task(3)
    def update_member(self):
        slug = random.choice(CONFIG["patch_targets"])
        path = f"/api/v1/members/{slug}/"
        read = self.get(path, "api write: GET member", headers=self.headers)
        if read.status_code != 200:
            return
        mark = marker()
        data = {"summary": f"Updated by the load test: {mark}"}
        name = "api write: PATCH member"
        with self.send(
            "patch", path, name, data, **{"If-Match": read.headers["ETag"]}
        ) as r:
            # 412: another writer got there first; the refusal is acknowledged.
            if expect(r, 200, 412) and r.status_code == 200:
                record(
                    kind="patch",
                    slug=slug,
                    value=data["summary"],
                    previous=read.json()["summary"],
                )


class Liaison(LoadUser):
    weight = 2

    def on_start(self):
        account = next(LIAISON_ACCOUNTS)
        self.get("/accounts/login/", "portal: login form")
        with self.client.post(
            "/accounts/login/",
            name="portal: login",
            data={
                "csrfmiddlewaretoken": self.csrf_token(),
                "username": account["username"],
                "password": account["password"],
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            expect(response, 302)

    def csrf_token(self) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    @task(2)
    def propose_in_portal(self):
        self.get("/portal/proposals/new/", "portal: proposal form")
        mark = marker()
        with self.client.post(
            "/portal/proposals/new/",
            name="portal: POST proposal",
            data={
                "csrfmiddlewaretoken": self.csrf_token(),
                "title": f"Load test proposal {mark}",
                "category": random.choice(CONFIG["categories"])["pk"],
                "summary": "Proposed by the load test.",
                "body": f"A proposal.\n\n{mark}",
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Saved, the form redirects to the new proposal's page.
            found = re.search(
                r"/portal/proposals/(\d+)/$", response.headers.get("Location", "")
            )
            if response.status_code == 302 and not found:
                response.failure("redirected elsewhere than to the new proposal")
            elif expect(response, 302):
                record(kind="post", via="portal", marker=mark, id=int(found[1]))

    @task(2)
    def propose_through_api(self):
        mark = marker()
        data = {
            "title": f"Load test proposal {mark}",
            "slug": f"load-{mark}",
            "category_slug": random.choice(CONFIG["categories"])["slug"],
            "summary": "Proposed through the API by the load test.",
            "body": f"A proposal.\n\n{mark}",
        }
        with self.client.post(
            "/api/v1/posts/",
            name="api liaison: POST proposal",
            json=data,
            headers={"X-CSRFToken": self.csrf_token()},
            catch_response=True,
        ) as response:
            if expect(response, 201):
                record(
                    kind="post",
                    via="liaison API",
                    marker=mark,
                    id=response.json()["id"],
                )

    @task(1)
    def proposals(self):
        self.get("/portal/proposals/", "portal: proposals")

"""Bulk news posts, with the cities and alliances they are about: a part of
tools.bulk.generator.Generator, which holds the state these methods use."""

import datetime
from collections.abc import Iterator

from django.utils.text import slugify

from news.markdown import render_markdown
from news.models import NewsPost
from tools.bulk import text
from tools.bulk.common import PREFIX

POST_HISTORY_YEARS = 25
Status = NewsPost.Status
# (status, in the future?) and weights: most posts are public.
POST_KINDS = (
    (Status.PUBLISHED, False),
    (Status.PUBLISHED, True),
    (Status.DRAFT, False),
    (Status.SUBMITTED, False),
    (Status.ARCHIVED, False),
)
POST_KIND_WEIGHTS = (90, 3, 4, 2, 1)
# A post's body is one of these many per topic, each rendered to HTML once:
# rendering every one of 200,000 bodies would add minutes to `large`.
BODIES_PER_TOPIC = 250
MEMBER_LINKS = (0, 1, 1, 1, 2, 2, 3)
ALLIANCE_LINKS = (0, 0, 0, 1, 1, 2)


class PostRows:
    """The news stages of the Generator."""

    def body(self, topic: str, number: int) -> tuple[str, str]:
        """Body `number` of `topic` and its HTML, as NewsPost.save() renders it.
        The same seed, topic and number give the same body, in any order."""
        key = (topic, number)
        if (body := self.bodies.get(key)) is None:
            rng = self.rng(f"body:{topic}:{number}")
            markdown = text.markdown_body(rng, self.pool, topic)
            body = self.bodies[key] = (markdown, render_markdown(markdown))
        return body

    def posts(self) -> Iterator[NewsPost]:
        rng = self.rng("posts")
        history = POST_HISTORY_YEARS * 365 * 24 * 3600
        for number in range(self.scale.posts):
            status, future = rng.choices(POST_KINDS, POST_KIND_WEIGHTS)[0]
            city = text.city_name(self.seed, rng.randrange(len(self.member_ids)))
            topic = rng.choice(text.TOPICS)
            title = f"{city} {rng.choice(text.VERBS)} {rng.choice(text.EVENTS)} {topic}"
            body, body_html = self.body(topic, rng.randrange(BODIES_PER_TOPIC))
            post = NewsPost(
                title=title,
                slug=f"{PREFIX}news-{number:06d}-{slugify(title)}"[:250],
                category_id=rng.choice(self.category_ids),
                status=status,
                summary=text.prose(rng, self.pool, rng.randint(1, 2)),
                body=body,
                body_html=body_html,
            )
            if future:
                post.published_at = self.now + datetime.timedelta(
                    seconds=rng.randint(3600, 60 * 24 * 3600)
                )
            elif status in (Status.PUBLISHED, Status.ARCHIVED):
                post.published_at = self.now - datetime.timedelta(
                    seconds=rng.randint(3600, history)
                )
            if rng.random() < 0.15:
                post.proposed_by_id = self.member_ids[
                    rng.randrange(len(self.member_ids))
                ]
            yield post

    def post_links(self, batch: list[NewsPost]) -> None:
        rng = self.links_rng
        members = NewsPost.related_members.through
        alliances = NewsPost.related_alliances.through
        member_links, alliance_links = [], []
        for post in batch:
            for index in rng.sample(
                range(len(self.member_ids)),
                min(rng.choice(MEMBER_LINKS), len(self.member_ids)),
            ):
                member_links.append(
                    members(newspost_id=post.pk, membercity_id=self.member_ids[index])
                )
            for index in rng.sample(
                range(len(self.alliance_ids)),
                min(rng.choice(ALLIANCE_LINKS), len(self.alliance_ids)),
            ):
                alliance_links.append(
                    alliances(newspost_id=post.pk, alliance_id=self.alliance_ids[index])
                )
        self.insert(members, member_links)
        self.insert(alliances, alliance_links)

from functools import cached_property

from django.db.models import Count, Min, Prefetch, Q

from core.api.cache import cached_list
from core.api.errors import Conflict
from core.api.pagination import CursorPagination
from core.api.slugs import GeneratedSlugMixin
from core.api.viewsets import RecordsTranslationsMixin
from core.content import stored_values
from core.images import store
from members.api.viewsets import ResourceViewSet
from members.models import MemberCity
from members.viewers import ANONYMOUS, get_viewer
from news.api import filters, serializers
from news.api.rows import post_columns, post_rows, with_related_lists
from news.models import Category, NewsPost
from news.services import (
    NOT_EDITABLE,
    NOT_THE_CITY_ALLIANCE,
    ProposalNotEditable,
    news_propose,
    news_resubmit,
    proposal_alliances,
)


class CategoryViewSet(RecordsTranslationsMixin, GeneratedSlugMixin, ResourceViewSet):
    """News categories, with how many posts of each are public now."""

    queryset = Category.objects.all()
    serializer_class = serializers.CategorySerializer
    lookup_field = "slug"
    search_fields = ["name"]
    ordering_fields = ["name", "post_count"]
    slug_source = "name"

    def get_queryset(self):
        public = NewsPost.objects.visible_to(ANONYMOUS)
        return (
            super()
            .get_queryset()
            .annotate(post_count=Count("posts", filter=Q(posts__in=public)))
        )


def store_upload(serializer) -> None:
    """A secretariat write: the validated upload's renditions stored (its
    key is already the post's lead_image)."""
    if prepared := serializer.validated_data.pop("lead_image_upload", None):
        store(prepared)


class NewsPostViewSet(RecordsTranslationsMixin, GeneratedSlugMixin, ResourceViewSet):
    """News posts. Visitors and read keys see public posts; a liaison also sees
    its city's proposals, and may propose posts, which wait for review, and
    change a proposal returned to it and submit it again (the portal's
    services: news_propose, news_resubmit)."""

    queryset = NewsPost.objects.select_related("category", "proposed_by")
    serializer_class = serializers.NewsPostSerializer
    filterset_class = filters.NewsPostFilter
    lookup_field = "slug"
    search_fields = ["title", "summary"]
    search_method = "search"
    ordering_fields = ["published_at", "title"]
    # The English title (core.content): one order in every language, and a
    # column that is never NULL for the cursor.
    ordering_aliases = {"title": "title_en"}
    ordering = ["-published_at"]
    # Years of news are read to the end by partner systems: cursor pages cost
    # the same however deep (see core.keyset).
    pagination_class = CursorPagination
    liaison_actions = ("create", "update", "partial_update")

    @cached_list
    def list(self, request, *args, **kwargs):
        # The page's posts as `.values()` rows through post_rows(), equal to
        # the serializer's output (tests/news/test_api_rows.py) without a
        # model object or the serializer's machinery per post; the related
        # lists are read in the page's query, not prefetched.
        author_shown = self.confidential_rows(self.get_viewer()) is True
        queryset = self.filter_queryset(self.visible_posts())
        queryset = stored_values(
            with_related_lists(queryset, self.readable_alliances),
            *post_columns(author_shown=author_shown),
        )
        page = self.paginate_queryset(queryset)
        data = post_rows(
            page, request=request, format=self.format_kwarg, author_shown=author_shown
        )
        return self.get_paginated_response(data)

    @cached_property
    def readable_alliances(self):
        """The alliances this caller may read, made once per request: the
        prefetch and the list's related alliances share it."""
        return filters.readable_alliances(self.request)

    def cached_list_until(self):
        # A scheduled post turns public at its time, with no write.
        scheduled = NewsPost.objects.scheduled()
        return scheduled.aggregate(next=Min("published_at"))["next"]

    def keyset_non_null(self):
        """Callers who see only public posts never meet a post without a
        publish time, and no post lacks its English title: the cursor can then
        bound them on any database."""
        viewer = get_viewer(self.request)
        if viewer.secretariat or viewer.is_liaison:
            return ("title_en",)
        return ("published_at", "title_en")

    def visible(self, queryset, viewer):
        return queryset.visible_to(viewer)

    def liaison_owner_id(self, obj):
        return obj.proposed_by_id

    def slug_generated_always(self) -> bool:
        # A liaison's proposal gets its slug as in the portal.
        return not self.get_viewer().secretariat

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        viewer = self.get_viewer()
        if viewer.is_liaison and not viewer.secretariat and "data" in kwargs:
            fields = serializer.fields
            # What the portal's form has not, the API ignores: the city is the
            # related member; review and publishing are the secretariat's.
            fields.pop("related_member_slugs", None)
            for name in ("status", "published_at"):
                fields[name].read_only = True
            # Only the alliances the city granted, with the portal's message.
            alliances = fields["related_alliance_slugs"].child_relation
            alliances.queryset = proposal_alliances(viewer.member_id)
            alliances.error_messages["does_not_exist"] = NOT_THE_CITY_ALLIANCE
        return serializer

    def perform_create(self, serializer):
        viewer = self.get_viewer()
        if viewer.secretariat:
            store_upload(serializer)
            return super().perform_create(serializer)
        serializer.instance = news_propose(
            member=MemberCity.objects.get(pk=viewer.member_id),
            author=self.request.user,
            data=serializer.validated_data,
        )
        self.read_back(serializer)

    def perform_update(self, serializer):
        if self.get_viewer().secretariat:
            store_upload(serializer)
            return super().perform_update(serializer)
        try:
            serializer.instance = news_resubmit(
                post=serializer.instance,
                by=self.request.user,
                data=serializer.validated_data,
            )
        except ProposalNotEditable:
            raise Conflict(NOT_EDITABLE, code="not_editable") from None
        self.read_back(serializer)

    def visible_posts(self):
        """The posts this caller may read, with the columns it may see: the
        list reads them as rows with their related lists (see list())."""
        return super().get_queryset()

    def get_queryset(self):
        return self.visible_posts().prefetch_related(
            # Lists, not managers: no queryset made per post to read them.
            Prefetch(
                "related_members",
                queryset=MemberCity.objects.order_by("name", "pk"),
                to_attr="member_list",
            ),
            Prefetch(
                "related_alliances",
                queryset=self.readable_alliances.order_by("title_en", "pk"),
                to_attr="alliance_list",
            ),
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "create":
            context["forced"] = self.forced_on_create()
        return context

    def forced_on_create(self) -> dict:
        """What the server sets on a new post whatever the caller sent."""
        forced = {"author": self.request.user}
        viewer = get_viewer(self.request)
        if not viewer.secretariat:
            # A liaison proposes; the secretariat reviews and publishes.
            forced |= {
                "status": NewsPost.Status.SUBMITTED,
                "published_at": None,
                "proposed_by_id": viewer.member_id,
            }
        return forced

    def confidential_rows(self, viewer):
        return viewer.secretariat  # the author

    def read_confidential(self, queryset, rows):
        # The author is a join, made only for those who see it.
        queryset = super().read_confidential(queryset, rows)
        return queryset.select_related("author") if rows is True else queryset

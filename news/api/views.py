from django.db.models import Count, Prefetch, Q

from core.api.pagination import CursorPagination
from members.api.viewsets import ResourceViewSet
from members.models import MemberCity
from members.viewers import get_viewer
from news.api import filters, serializers
from news.models import Category, NewsPost


class CategoryViewSet(ResourceViewSet):
    """News categories, with how many posts of each are public now."""

    queryset = Category.objects.all()
    serializer_class = serializers.CategorySerializer
    lookup_field = "slug"
    search_fields = ["name"]
    ordering_fields = ["name", "post_count"]

    def get_queryset(self):
        public = NewsPost.objects.published()
        return (
            super()
            .get_queryset()
            .annotate(post_count=Count("posts", filter=Q(posts__in=public)))
        )


class NewsPostViewSet(ResourceViewSet):
    """News posts. Visitors and read keys see public posts; a liaison also sees
    its city's proposals, and may propose posts, which wait for review."""

    queryset = NewsPost.objects.select_related("category", "proposed_by")
    serializer_class = serializers.NewsPostSerializer
    filterset_class = filters.NewsPostFilter
    lookup_field = "slug"
    search_fields = ["title", "summary"]
    search_method = "search"
    ordering_fields = ["published_at", "title"]
    ordering = ["-published_at"]
    # Years of news are read to the end by partner systems: cursor pages cost
    # the same however deep (see core.keyset).
    pagination_class = CursorPagination
    liaison_actions = ("create",)

    def keyset_non_null(self):
        """Callers who see only public posts never meet a post without a
        publish time: the cursor can then bound it on any database."""
        viewer = get_viewer(self.request)
        if viewer.secretariat or viewer.is_liaison:
            return ()
        return ("published_at",)

    def visible(self, queryset, viewer):
        if viewer.secretariat:
            return queryset
        if viewer.is_liaison:
            return queryset.published() | queryset.filter(
                proposed_by_id=viewer.member_id
            )
        return queryset.published()

    def get_queryset(self):
        alliances = filters.readable_alliances(self.request)
        return (
            super()
            .get_queryset()
            .prefetch_related(
                # Lists, not managers: no queryset made per post to read them.
                Prefetch(
                    "related_members",
                    queryset=MemberCity.objects.order_by("name"),
                    to_attr="member_list",
                ),
                Prefetch(
                    "related_alliances",
                    queryset=alliances.order_by("title"),
                    to_attr="alliance_list",
                ),
            )
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

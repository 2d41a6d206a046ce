from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, YearListFilter
from core.attention import Panel
from core.content import SourceLanguageModelForm, columns, translation_fieldset
from core.images import ImageUploadFormMixin, image_tag, upload_field
from core.translation_admin import (
    RecordsTranslationsAdminMixin,
    TranslationStatusMixin,
)
from news.models import Category, NewsPost
from news.services import (
    ProposalNotEditable,
    news_archive,
    news_publish,
    news_return,
    news_save,
)


@admin.register(Category)
class CategoryAdmin(
    RecordsTranslationsAdminMixin, TranslationStatusMixin, HistoryAdmin
):
    form = SourceLanguageModelForm
    list_display = ["name", "slug", "post_count"]
    search_fields = columns("name")
    fieldsets = [(None, {"fields": ["name", "slug"]}), translation_fieldset("name")]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # A subquery per category, not a join grouped by category: the
        # list's count then counts categories alone, not 200,000 posts.
        posts = (
            NewsPost.objects.filter(category=OuterRef("pk"))
            .order_by()
            .values("category")
            .annotate(count=Count("*"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(post_count=Coalesce(Subquery(posts), 0))
        )

    @admin.display(description=_("posts"), ordering="post_count")
    def post_count(self, obj):
        return obj.post_count


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the proposer"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("What the city should change before it submits the post again."),
    )


class NewsPostAdminForm(ImageUploadFormMixin, SourceLanguageModelForm):
    """The change form; "Save and return to the proposer" needs the comment.
    Title, summary and body are the English source; their translations have
    a fieldset of their own (core.content)."""

    returning = False  # set by NewsPostAdmin.get_form for that button
    image_uploads = {"lead_image_upload": "lead_image"}
    lead_image_upload = upload_field(_("lead image"))

    def clean(self):
        cleaned_data = super().clean()
        if self.returning and not cleaned_data.get("review_comment"):
            self.add_error(
                "review_comment",
                _("Write what the city should change: the post goes back with it."),
            )
        return cleaned_data


class VisibilityFilter(admin.SimpleListFilter):
    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("public", _("Public")), ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class PostChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The list shows no body: neither the Markdown nor its HTML is read.
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.without_bodies()


@admin.register(NewsPost)
class NewsPostAdmin(TranslationStatusMixin, HistoryAdmin):
    form = NewsPostAdminForm
    list_display = [
        "title",
        "category",
        "status",
        "published_at",
        "visibility",
        "author",
        "proposed_by",
    ]
    # Years in place of a date hierarchy, whose DISTINCT sorts every post.
    list_filter = [
        "status",
        VisibilityFilter,
        "category",
        ("published_at", YearListFilter),
    ]
    list_select_related = ["category", "author", "proposed_by"]
    # The order of news_newspost_order_idx, so that a page reads its rows
    # from the index (the model's order, created_at second, sorts every
    # draft).
    ordering = ["-published_at", "-id"]
    search_fields = [*columns("title"), *columns("summary")]
    autocomplete_fields = [
        "category",
        "author",
        "proposed_by",
        "related_members",
        "related_alliances",
    ]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at", "lead_image_preview"]
    actions = ["publish_posts", "return_posts", "archive_posts"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image_preview",
                    "lead_image_upload",
                    "lead_image_alt",
                    "lead_image_caption",
                ]
            },
        ),
        translation_fieldset(
            "title", "summary", "body", "lead_image_alt", "lead_image_caption"
        ),
        (_("Publishing"), {"fields": ["status", "published_at"]}),
        (_("Review"), {"fields": ["review_comment"]}),
        (
            _("People and links"),
            {
                "fields": [
                    "author",
                    "proposed_by",
                    "related_members",
                    "related_alliances",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_changelist(self, request, **kwargs):
        return PostChangeList

    def get_search_results(self, request, queryset, search_term):
        """Posts with every word starting a word of their title or summary,
        as the API's ?search= finds them (NewsPostQuerySet.search): on
        PostgreSQL through the full-text index, not a LIKE over every row."""
        return queryset.search(search_term), False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # modelform_factory made this class for this request alone.
        form.returning = change and "_return" in request.POST
        return form

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        """The change page's Publish and Return buttons, where they apply."""
        if obj is not None and self.has_change_permission(request, obj):
            context["can_publish"] = obj.status != NewsPost.Status.PUBLISHED
            context["can_return"] = obj.status == NewsPost.Status.SUBMITTED
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        """After the save, "_publish" and "_return" go through the services the
        bulk actions use, in the same transaction as the save."""
        if "_publish" in request.POST:
            news_publish(post=obj, by=request.user)
            self.message_user(
                request,
                _("“%(title)s” was saved and published.") % {"title": obj.title},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        if "_return" in request.POST:
            try:
                news_return(post=obj, by=request.user, comment=obj.review_comment)
            except ProposalNotEditable:
                self.message_user(
                    request,
                    _("“%(title)s” was saved, but it is not awaiting review.")
                    % {"title": obj.title},
                    messages.WARNING,
                )
            else:
                self.message_user(
                    request,
                    _("“%(title)s” was saved and returned to its proposer.")
                    % {"title": obj.title},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        # Through the service: the translations' sources are recorded.
        news_save(
            post=obj, by=request.user, lead_image=form.prepared_images.get("lead_image")
        )

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    @admin.display(description=_("current lead image"))
    def lead_image_preview(self, obj):
        return image_tag(obj.lead_image, alt=obj.lead_image_alt, sizes="320px")

    @admin.display(description=_("visibility"))
    def visibility(self, obj):
        # Text, not lazy text: the changelist compares a lazy cell with each
        # empty value (a translation looked up five times per row).
        if obj.is_public():
            return gettext("Public")
        if obj.status == NewsPost.Status.PUBLISHED:
            return gettext("Scheduled")
        return gettext("Not public")

    @admin.action(description=_("Publish selected posts"), permissions=["change"])
    def publish_posts(self, request, queryset):
        posts = queryset.exclude(status=NewsPost.Status.PUBLISHED)
        count = 0
        with transaction.atomic():
            for post in posts:
                news_publish(post=post, by=request.user)
                count += 1
        self.message_user(
            request,
            ngettext("%d post published.", "%d posts published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Return selected proposals to the proposer"),
        permissions=["change"],
    )
    def return_posts(self, request, queryset):
        """Ask for a comment, then send the submitted posts back as drafts."""
        posts = queryset.awaiting_review().select_related("proposed_by")
        if not posts:
            self.message_user(
                request,
                _("None of the selected posts is awaiting review."),
                messages.WARNING,
            )
            return None
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = 0
            with transaction.atomic():
                for post in posts:
                    try:
                        news_return(
                            post=post,
                            by=request.user,
                            comment=form.cleaned_data["comment"],
                        )
                    except ProposalNotEditable:
                        continue  # published or returned meanwhile by someone else
                    count += 1
            self.message_user(
                request,
                ngettext(
                    "%d proposal returned to its proposer.",
                    "%d proposals returned to their proposers.",
                    count,
                )
                % count,
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/news/newspost/return_posts.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Return proposals to their proposers"),
                "opts": self.model._meta,
                "posts": posts,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Archive selected posts"), permissions=["change"])
    def archive_posts(self, request, queryset):
        posts = queryset.exclude(status=NewsPost.Status.ARCHIVED)
        count = 0
        with transaction.atomic():
            for post in posts:
                news_archive(post=post, by=request.user)
                count += 1
        self.message_user(
            request,
            ngettext("%d post archived.", "%d posts archived.", count) % count,
            messages.SUCCESS,
        )


# The admin's front page: proposals waiting for the secretariat, oldest first.
admin.site.add_panel(
    Panel(
        key="news-proposals",
        title=_("Proposals awaiting review"),
        model=NewsPost,
        rows=lambda: (
            NewsPost.objects.awaiting_review()
            .without_bodies()
            .order_by("created_at", "pk")
        ),
        query=f"status__exact={NewsPost.Status.SUBMITTED}",
        order=10,
    )
)

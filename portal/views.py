"""The liaison portal: a member city's own data, for the city's liaisons.

Every lookup is filtered by the liaison's city, so another city's anything is a
404; a logged-in user who is no liaison gets 403.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import (
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)

from alliances.models import Alliance
from members.models import Liaison, MemberCity, Person
from members.services import member_save
from members.viewers import Viewer
from news.markdown import render_markdown
from news.models import NewsPost
from news.services import (
    NOT_EDITABLE,
    ProposalNotEditable,
    news_propose,
    news_resubmit,
)
from portal.completeness import profile_completeness
from portal.forms import ProfileForm, ProposalForm

DASHBOARD_PROPOSALS = 10
# The name of the submit button that previews a proposal instead of sending it.
PREVIEW = "preview"


def city_proposals(member: MemberCity):
    """The posts `member` proposed, the latest change first."""
    return (
        NewsPost.objects.visible_to(Viewer(member_id=member.pk))
        .filter(proposed_by=member)
        .select_related("category")
        .order_by("-updated_at", "-pk")
    )


class LiaisonRequiredMixin(LoginRequiredMixin):
    """A logged-in liaison, whose city is `self.member` and who reads as
    `self.viewer`. One query for both."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            liaison = (
                Liaison.objects.select_related("member")
                .filter(user=request.user)
                .first()
            )
            if liaison is None:
                raise PermissionDenied(_("Not a liaison of a member city."))
            self.member = liaison.member
            self.viewer = Viewer(member_id=liaison.member_id)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, section="portal", **kwargs)


class DashboardView(LiaisonRequiredMixin, TemplateView):
    template_name = "portal/dashboard.html"

    def get_context_data(self, **kwargs):
        member = self.member
        has_public_contact = Person.objects.filter(
            organisation=member, is_public=True
        ).exists()
        return super().get_context_data(
            completeness=profile_completeness(
                member, has_public_contact=has_public_contact
            ),
            agreements=Alliance.objects.visible_to(self.viewer).filter(
                granting_member=member
            ),
            proposals=city_proposals(member)[:DASHBOARD_PROPOSALS],
            today=timezone.localdate(),
            **kwargs,
        )


class ProfileView(LiaisonRequiredMixin, UpdateView):
    """The city's profile fields its liaison may change (the history records
    the liaison as the author: simple-history's middleware)."""

    form_class = ProfileForm
    template_name = "portal/profile_form.html"
    success_url = reverse_lazy("portal:dashboard")

    def get_object(self, queryset=None):
        return self.member

    def form_valid(self, form):
        if form.has_changed():
            # Only these columns: a change the secretariat makes meanwhile to
            # the city's other fields stays. The row and its history together.
            member_save(
                member=form.instance,
                fields=form.changed_columns(),
                images=form.image_changes(),
            )
            messages.success(
                self.request,
                _("The profile of %(name)s was saved.") % {"name": self.member.name},
            )
        else:
            messages.info(
                self.request, _("Nothing changed: there was nothing to save.")
            )
        return redirect(self.success_url)


class ContactListView(LiaisonRequiredMixin, ListView):
    """The city's contacts, public or not."""

    template_name = "portal/contact_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Person.objects.visible_to(self.viewer).filter(organisation=self.member)


class ProposalListView(LiaisonRequiredMixin, ListView):
    template_name = "portal/proposal_list.html"
    paginate_by = 20

    def get_queryset(self):
        return city_proposals(self.member)


class ProposalDetailView(LiaisonRequiredMixin, DetailView):
    template_name = "portal/proposal_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        return city_proposals(self.member).prefetch_related("related_alliances")


class ProposalFormMixin(LiaisonRequiredMixin):
    """Write a proposal; the "Preview" button shows it and saves nothing."""

    form_class = ProposalForm
    template_name = "portal/proposal_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "member": self.member}

    def form_valid(self, form):
        if PREVIEW in self.request.POST:
            preview = render_markdown(form.cleaned_data["body"])
            return self.render_to_response(
                self.get_context_data(form=form, preview=preview)
            )
        post = self.submit(
            {
                **form.cleaned_data,
                "lead_image_upload": form.prepared_images.get("lead_image"),
            }
        )
        messages.success(
            self.request,
            _(
                "“%(title)s” was submitted for review. The secretariat will "
                "publish it or return it to you with a comment."
            )
            % {"title": post.title},
        )
        return redirect("portal:proposal-detail", pk=post.pk)


class ProposalCreateView(ProposalFormMixin, FormView):
    def submit(self, data: dict) -> NewsPost:
        return news_propose(member=self.member, author=self.request.user, data=data)


class ProposalEditView(ProposalFormMixin, UpdateView):
    """A proposal returned to the city (a draft) is changed and submitted again;
    one with the editors, or published, cannot be changed."""

    context_object_name = "post"

    def get_queryset(self):
        return city_proposals(self.member)

    def get_object(self, queryset=None):
        post = super().get_object(queryset)
        if post.status != NewsPost.Status.DRAFT:
            raise ProposalNotEditable(post.status)
        return post

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ProposalNotEditable:
            messages.warning(request, NOT_EDITABLE)
            return redirect("portal:proposal-detail", pk=kwargs["pk"])

    def submit(self, data: dict) -> NewsPost:
        return news_resubmit(post=self.object, by=self.request.user, data=data)

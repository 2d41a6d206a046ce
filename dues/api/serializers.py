"""Dues in the API: stock ModelSerializers with explicit fields; writes go
through dues.services, as the admin's do. Money is a string with two
decimals ("1390.00"), never a JSON number with a fraction or exponent."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import SlugRelatedField, StrictCharField
from dues import services
from dues.models import CELL_KEYS, CURRENCY, FeeGrid, FeeGridCell, Invoice, Payment
from members.models import MemberCity


class MoneyField(serializers.DecimalField):
    """A positive amount in euros and cents. JSON numbers with a fraction or
    an exponent (1e3, 10.005) are binary floats once parsed: refused, so
    that no amount is ever rounded on the way in."""

    default_error_messages = {
        "float": _(
            'Send an amount as a string with at most two decimals, e.g. "1390.00" '
            "(or a whole number), not as a JSON number with a fraction or exponent."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, float | bool):
            self.fail("float")
        return super().to_internal_value(data)


def by(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def flat_messages(detail, where=""):
    """Nested serializer errors as plain messages naming where they are."""
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and any(isinstance(d, dict | list) for d in detail):
        items = ((index, d) for index, d in enumerate(detail) if d)
    else:
        for message in detail if isinstance(detail, list) else [detail]:
            yield f"{where}: {message}" if where else str(message)
        return
    for key, value in items:
        number = int(key) + 1 if str(key).isdigit() else None
        label = _("Cell %(number)s") % {"number": number} if number else str(key)
        yield from flat_messages(value, f"{where}, {label}" if where else label)


class FeeGridCellSerializer(serializers.ModelSerializer):
    amount = MoneyField()

    class Meta:
        model = FeeGridCell
        fields = ["income_band", "is_capital", "membership_type", "amount"]


class FeeGridSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:feegrid-detail")
    note = StrictCharField(max_length=300, required=False, allow_blank=True)
    cells = FeeGridCellSerializer(
        many=True,
        help_text=f"One amount per income band × capital or not × membership type: "
        f"{len(CELL_KEYS)} cells.",
    )

    class Meta:
        model = FeeGrid
        fields = [
            "id",
            "url",
            "first_year",
            "last_year",
            "approved_on",
            "note",
            "cells",
        ]

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, dict) and "cells" in exc.detail:
                # Every error body holds plain messages per field: "Cell 3,
                # amount: …" rather than {"2": {"amount": […]}}.
                exc.detail["cells"] = list(flat_messages(exc.detail["cells"]))
            raise

    def validate_cells(self, cells):
        keys = [
            (c["income_band"], c.get("is_capital", False), c["membership_type"])
            for c in cells
        ]
        if len(set(keys)) != len(keys):
            raise serializers.ValidationError(_("A cell is given twice."))
        return cells

    def create(self, validated_data):
        cells = validated_data.pop("cells")
        amounts = {
            (c["income_band"], c.get("is_capital", False), c["membership_type"]): c[
                "amount"
            ]
            for c in cells
        }
        return services.fee_grid_create(**validated_data, amounts=amounts, by=by(self))


class CellSummarySerializer(serializers.ModelSerializer):
    grid = serializers.CharField(source="grid.__str__", read_only=True)

    class Meta:
        model = FeeGridCell
        fields = ["grid", "income_band", "is_capital", "membership_type", "amount"]
        read_only_fields = fields


class InvoiceSerializer(serializers.ModelSerializer):
    """Status, paid and outstanding are today's (Europe/Madrid)."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:invoice-detail", lookup_field="number"
    )
    member = SlugRelatedField(slug_field="slug", queryset=MemberCity.objects.all())
    cell = CellSummarySerializer(read_only=True)
    status = serializers.ChoiceField(choices=Invoice.Status.choices, read_only=True)
    paid_amount = serializers.DecimalField(12, 2, read_only=True)
    outstanding = serializers.DecimalField(12, 2, read_only=True)
    credit_note = serializers.SlugRelatedField(
        slug_field="number", read_only=True, allow_null=True
    )
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = [
            "id",
            "url",
            "number",
            "member",
            "year",
            "cell",
            "grid_amount",
            "discount_percent",
            "amount",
            "currency",
            "issued_on",
            "due_on",
            "status",
            "paid_amount",
            "outstanding",
            "credit_note",
            "pdf_url",
        ]
        read_only_fields = [
            "number",
            "grid_amount",
            "discount_percent",
            "amount",
            "currency",
        ]
        extra_kwargs = {
            "issued_on": {"required": False},
            "due_on": {"required": False},
        }

    def get_pdf_url(self, invoice) -> str:
        path = reverse("dues:invoice-pdf", kwargs={"number": invoice.number})
        return self.context["request"].build_absolute_uri(path)

    def create(self, validated_data):
        return services.invoice_issue(**validated_data, by=by(self))


class InvoiceCancelSerializer(serializers.Serializer):
    reason = StrictCharField()


class PaymentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:payment-detail")
    invoice = SlugRelatedField(slug_field="number", queryset=Invoice.objects.all())
    reference = StrictCharField(max_length=100, required=False, allow_blank=True)
    amount = MoneyField()

    class Meta:
        model = Payment
        fields = [
            "id",
            "url",
            "invoice",
            "received_on",
            "amount",
            "method",
            "reference",
        ]

    def create(self, validated_data):
        with transaction.atomic():
            return services.payment_record(**validated_data, by=by(self))


class StandingSerializer(serializers.Serializer):
    member = serializers.SlugField()
    day = serializers.DateField()
    currency = serializers.CharField(default=CURRENCY)
    amount_due = serializers.DecimalField(12, 2)
    in_arrears = serializers.BooleanField()
    next_due_on = serializers.DateField(allow_null=True)
    entitled_to_vote = serializers.BooleanField(
        help_text="May vote at a General Assembly held on `day`."
    )
    vote_reason = serializers.CharField()
    fee_year = serializers.IntegerField(
        help_text="The year whose fee decides the right to vote."
    )

from django.urls import path

from dues import views

app_name = "dues"
urlpatterns = [
    path(
        "invoices/<slug:number>/",
        views.InvoiceDetailView.as_view(),
        name="invoice-detail",
    ),
    path(
        "invoices/<slug:number>/pdf/",
        views.InvoicePdfView.as_view(),
        name="invoice-pdf",
    ),
]

from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/", views.download_latest, name="download-latest"),
    path("<int:pk>/v<int:number>/", views.download, name="download"),
]

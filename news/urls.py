from django.urls import path

from news import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.PostListView.as_view(), name="post-list"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("category/<slug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="post-detail"),
]

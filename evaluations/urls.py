from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("new/", views.evaluation_create, name="create"),
    path("<int:pk>/", views.evaluation_detail, name="detail"),
    path("<int:pk>/bids/", views.bid_add, name="bid-add"),
    path("<int:pk>/bids/<int:bid_pk>/delete/", views.bid_delete, name="bid-delete"),
    path("<int:pk>/panel/", views.panel_add, name="panel-add"),
    path("<int:pk>/panel/<int:user_pk>/remove/", views.panel_remove, name="panel-remove"),
    path("<int:pk>/score/", views.score, name="score"),
    path("<int:pk>/result/", views.result, name="result"),
    path("<int:pk>/close/", views.evaluation_close, name="close"),
]

from django.urls import path

from . import views

app_name = "vendors"
urlpatterns = [
    path("", views.vendor_list, name="list"),
    path("compare/", views.vendor_compare, name="compare"),
    path("compare/export.xlsx", views.vendor_compare_xlsx, name="compare-xlsx"),
    path("<int:pk>/", views.vendor_detail, name="detail"),
]

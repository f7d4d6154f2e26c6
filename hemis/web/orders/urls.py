"""Student-order pages, included at /orders/ in the "web" namespace: route names start with "orders_"."""

from django.urls import path

from hemis.web.orders import views

urlpatterns = [
    path("", views.order_list, name="orders_list"),
    path("export/", views.order_export, name="orders_export"),
    path("new/", views.order_create, name="orders_create"),
    path("movements/", views.transitions, name="orders_transitions"),
    path("<int:pk>/", views.order_detail, name="orders_detail"),
    path("<int:pk>/edit/", views.order_edit, name="orders_edit"),
    path("<int:pk>/delete/", views.order_delete, name="orders_delete"),
    path("<int:pk>/students/new/", views.item_add, name="orders_item_add"),
    path("<int:pk>/students/<int:item_pk>/remove/", views.item_remove, name="orders_item_remove"),
    path("<int:pk>/apply/", views.order_apply, name="orders_apply"),
    path("<int:pk>/reverse/", views.order_reverse, name="orders_reverse"),
]

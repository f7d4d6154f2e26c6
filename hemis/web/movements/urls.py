"""Student orders ("orders_…") under /orders/ and admission ("admission_…") under /admission/, in the
"web" namespace; paths from the site root."""

from django.urls import include, path

from hemis.web.movements import admission, orders

urlpatterns = [
    path(
        "orders/",
        include(
            [
                path("", orders.order_list, name="orders_list"),
                path("export/", orders.order_export, name="orders_export"),
                path("new/", orders.order_create, name="orders_create"),
                path("movements/", orders.transitions, name="orders_transitions"),
                path("<int:pk>/", orders.order_detail, name="orders_detail"),
                path("<int:pk>/edit/", orders.order_edit, name="orders_edit"),
                path("<int:pk>/delete/", orders.order_delete, name="orders_delete"),
                path("<int:pk>/students/new/", orders.item_add, name="orders_item_add"),
                path(
                    "<int:pk>/students/<int:item_pk>/remove/", orders.item_remove, name="orders_item_remove"
                ),
                path("<int:pk>/apply/", orders.order_apply, name="orders_apply"),
                path("<int:pk>/reverse/", orders.order_reverse, name="orders_reverse"),
            ]
        ),
    ),
    path(
        "admission/",
        include(
            [
                path("", admission.admission_list, name="admission_list"),
                path("export/", admission.admission_export, name="admission_export"),
                path("new/", admission.admission_create, name="admission_create"),
                path("import/", admission.admission_import_new, name="admission_import_new"),
                path("import/template/", admission.admission_template, name="admission_template"),
                path("<int:pk>/", admission.admission_order, name="admission_order"),
                path("<int:pk>/add/", admission.admission_add, name="admission_add"),
                path("<int:pk>/import/", admission.admission_import_into, name="admission_import"),
                path(
                    "<int:pk>/people/<int:item_pk>/remove/",
                    admission.admission_remove,
                    name="admission_remove",
                ),
            ]
        ),
    ),
]

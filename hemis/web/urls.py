from django.urls import include, path

app_name = "web"

urlpatterns = [
    path("", include("hemis.web.core.urls")),
    path("", include("hemis.web.access.urls")),
    path("", include("hemis.web.audit.urls")),
    path("", include("hemis.web.classifiers.urls")),
    path("structure/", include("hemis.web.org.urls")),
    path("staff/", include("hemis.web.staff.urls")),
    path("careers/", include("hemis.web.careers.urls")),
    path("", include("hemis.web.academics.urls")),
    # -- issue 5: programmes (academics_…), curricula (curricula_…), students (students_…), orders (orders_…) --
    path("curricula/", include("hemis.web.curricula.urls")),
    path("", include("hemis.web.movements.urls")),
    path("", include("hemis.web.students.urls")),
    path("compliance/", include("hemis.web.compliance.urls")),
]

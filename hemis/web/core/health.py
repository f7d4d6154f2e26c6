from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # the point is to report any failure, not to raise it
        return JsonResponse(
            {"status": "error", "database": "error", "detail": exc.__class__.__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from maillage.library.oai.provider import Provider


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request):
    """OAI-PMH base URL (GET, or POST application/x-www-form-urlencoded as the protocol allows)."""
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    body = Provider(base_url).respond({key: params.getlist(key) for key in params})
    return HttpResponse(body, content_type="text/xml; charset=utf-8")

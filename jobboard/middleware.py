"""Refusing malformed requests before any view reads them."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "The request holds a null character (%00), which no page accepts."


class RefuseNullCharactersMiddleware:
    """A 400 for a NUL character in the path or any query or form name or value.

    PostgreSQL text cannot hold one, so wherever a view passed it to a query it was a
    DataError (a 500); one check here covers every view, admin's included.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in name or any("\x00" in value for value in values)
            for params in (request.GET, request.POST)
            for name, values in params.lists()
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE, "errors": []}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

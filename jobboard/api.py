"""The read-only JSON API, version 1, mounted at /api/v1/ (wiring only).

django-ninja: typed endpoints whose OpenAPI 3 schema (/api/v1/openapi.json) and interactive
docs (/api/v1/docs, Swagger UI from ninja's own static files, no CDN) come from the code.
The endpoints live beside each app's views (``listings.api``, ``companies.api``,
``salaries.api``); here are the instance, the per-address throttle and the error handlers,
so every error is JSON with a sentence and a 4xx.
"""

import logging
import math

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.throttling import AnonRateThrottle

from companies.api import router as companies_router
from listings.api import router as listings_router
from listings.links import site_url
from salaries.api import router as salaries_router

logger = logging.getLogger(__name__)


class AddressRateThrottle(AnonRateThrottle):
    """``API_THROTTLE_RATE`` requests per client address, counted in the default cache; an
    empty rate throttles nothing. Read on every request, so a change of settings applies at once.
    """

    def __init__(self):
        super().__init__(settings.API_THROTTLE_RATE or None)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_THROTTLE_RATE
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Payline Jobs API",
    version="1",
    description="Read-only: job search, jobs, companies, salary figures, and the place and "
    "title lists behind autocompletion. No key needed; each address may make "
    "API_THROTTLE_RATE requests (60 a minute by default), and past that gets a 429.",
    urls_namespace="api",
    throttle=AddressRateThrottle(),
)
api.add_router("", listings_router)
api.add_router("", companies_router)
api.add_router("", salaries_router)


def _error(request: HttpRequest, detail: str, status: int, errors=()) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": list(errors)}, status=status)


@api.exception_handler(ValidationError)
def refused_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """ninja's own checks of typed parameters (a path id, a limit): a 400 saying which."""
    errors = [
        f"{'.'.join(str(part) for part in error['loc'][1:]) or 'request'}: {error['msg']}"
        for error in exc.errors
    ]
    return _error(request, "The request's parameters were refused.", 400, errors)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = f" Try again in {math.ceil(exc.wait)} seconds." if exc.wait else ""
    return _error(
        request,
        f"Too many requests from this address: the limit is {settings.API_THROTTLE_RATE}.{wait}",
        429,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or "Not found.", 404)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A bug: logged with its traceback, answered in JSON like every other error."""
    logger.exception("API error on %s", request.get_full_path(), exc_info=exc)
    return _error(request, "Something went wrong on our side; it has been logged.", 500)


def api_root(request: HttpRequest) -> JsonResponse:
    """/api/v1/ itself: where the docs and the schema are."""
    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "docs": site_url(f"{request.path}docs"),
            "openapi": site_url(f"{request.path}openapi.json"),
        }
    )


def no_such_endpoint(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any /api/ address that is no endpoint: a JSON 404 pointing at the docs."""
    return JsonResponse(
        {"detail": "No API endpoint at this address; /api/v1/docs lists them.", "errors": []},
        status=404,
    )

"""Errors raised by the CreateVolumeGroupBackup client: every one is an ``APIError``, never a bare httpx exception.

    APIError
    ├── MissingVariableError        a Postman variable has no value at call time
    ├── InvalidRequestError         the request cannot be built (e.g. a URL made invalid by a variable)
    ├── APIConnectionError          no usable response: connection refused or reset, unreadable response
    │   └── APITimeoutError         no response within the timeout
    ├── APIResponseValidationError  a success response whose body is not what the operation returns
    └── APIStatusError              the server answered 4xx/5xx; has status_code, headers, body, response
        ├── BadRequestError (400 Bad Request)
        ├── AuthenticationError (401 Unauthorized)
        ├── PermissionDeniedError (403 Forbidden)
        ├── NotFoundError (404 Not Found)
        ├── ConflictError (409 Conflict)
        ├── UnprocessableEntityError (422 Unprocessable Entity)
        ├── RateLimitError (429 Too Many Requests)
        ├── InternalServerError (5xx)
        └── InternalServerErrorError (500 Internal Server Error)

Errors that carry a response (``APIStatusError``, ``APIResponseValidationError``) give the raw HTTP response
as ``response``, and ``request_id`` from ``opc-request-id``, ``x-request-id`` and similar headers.
"""

from __future__ import annotations

import httpx

REQUEST_ID_HEADERS = (
    "opc-request-id",
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-ms-request-id",
    "x-correlation-id",
)


def request_id(headers: httpx.Headers) -> str | None:
    """The server's id for a request, from the first request-id header present."""
    return next((headers[name] for name in REQUEST_ID_HEADERS if name in headers), None)


class APIError(Exception):
    """Base class of every error this SDK raises."""


class MissingVariableError(APIError, KeyError):
    """A ``{{variable}}`` the request needs has no value (call, client, environment or default)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidRequestError(APIError, ValueError):
    """The request cannot be sent as built: an invalid URL, scheme or header value. Nothing was sent."""


class APIConnectionError(APIError):
    """No usable response: the connection failed or was reset, or the response could not be read."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """No response within the timeout."""


class APIResponseValidationError(APIError):
    """A success response whose body does not have the shape the operation returns. ``body`` is the data."""

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.body = body
        self.request_id = request_id(response.headers)


class APIStatusError(APIError):
    """The server answered with an error status. ``body`` is the parsed error model, JSON or text."""

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.body = body
        self.request_id = request_id(response.headers)


class BadRequestError(APIStatusError):
    """HTTP 400 Bad Request."""


class AuthenticationError(APIStatusError):
    """HTTP 401 Unauthorized."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403 Forbidden."""


class NotFoundError(APIStatusError):
    """HTTP 404 Not Found."""


class ConflictError(APIStatusError):
    """HTTP 409 Conflict."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422 Unprocessable Entity."""


class RateLimitError(APIStatusError):
    """HTTP 429 Too Many Requests."""


class InternalServerError(APIStatusError):
    """HTTP 5xx."""


class InternalServerErrorError(InternalServerError):
    """HTTP 500 Internal Server Error."""


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    500: InternalServerErrorError,
}


def error_for_status(status: int) -> type[APIStatusError]:
    """The exception class for an HTTP status; statuses without their own class map to the nearest base."""
    if status in STATUS_ERRORS:
        return STATUS_ERRORS[status]
    return InternalServerError if 500 <= status < 600 else APIStatusError

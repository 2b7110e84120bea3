"""Errors raised by the Petstore Lite client.

APIError
├── MissingVariableError        a Postman variable has no value at call time
├── APIConnectionError          the request did not get a response
│   └── APITimeoutError
└── APIStatusError              the server answered 4xx/5xx; has status_code, headers, response, body
    ├── BadRequestError (400 Bad Request)
    ├── AuthenticationError (401 Unauthorized)
    ├── PermissionDeniedError (403 Forbidden)
    ├── NotFoundError (404 Not Found)
    ├── ConflictError (409 Conflict)
    ├── UnprocessableEntityError (422 Unprocessable Entity)
    ├── RateLimitError (429 Too Many Requests)
    └── InternalServerError (5xx)
"""

from __future__ import annotations

import httpx


class APIError(Exception):
    """Base class of every error this SDK raises."""


class MissingVariableError(APIError, KeyError):
    """A ``{{variable}}`` the request needs has no value (call, client, environment or default)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class APIConnectionError(APIError):
    """No response: the connection failed or was reset."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """No response within the timeout."""


class APIStatusError(APIError):
    """The server answered with an error status. ``body`` is the parsed error model, JSON or text."""

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.body = body
        self.request_id = next(
            (
                response.headers[h]
                for h in ("opc-request-id", "x-request-id", "request-id")
                if h in response.headers
            ),
            None,
        )


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


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_for_status(status: int) -> type[APIStatusError]:
    """The exception class for an HTTP status; statuses without their own class map to the nearest base."""
    if status in STATUS_ERRORS:
        return STATUS_ERRORS[status]
    return InternalServerError if 500 <= status < 600 else APIStatusError

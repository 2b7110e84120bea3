"""gen-client: turn Postman collections into typed Python client SDKs."""

__version__ = "0.1.0"

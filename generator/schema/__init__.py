"""The project's own JSON Schemas for Postman collections v2.0 and v2.1 (package data)."""

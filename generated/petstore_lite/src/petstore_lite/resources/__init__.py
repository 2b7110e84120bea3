"""One module per Postman folder; the clients import them lazily."""

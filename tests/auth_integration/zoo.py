"""The "Auth Zoo": one small collection using every Postman auth type (saved as v2.1 lists, or as v2.0
objects through ``to_v20``), nested
inheritance, auth Postman sends unsigned, unsupported auth, and literal secrets in every place they hide."""

from __future__ import annotations

from typing import Any

BASE = "https://api.zoo.test"
TOKEN_URL = "https://auth.zoo.test/oauth/token"

# Every literal secret saved in the collection or its environment: none may reach the generated SDK.
LITERALS = {
    "collection_bearer": "zoo-collection-token-0123",
    "oauth1_consumer_key": "ck-literal-0999",
    "oauth1_consumer_secret": "cs-literal-0888",
    "apikey_value": "k_live_abcdef123456",
    "basic_password": "pw-literal-0777",
    "aws_access_key": "AKIDZOOEXAMPLE01",
    "ntlm_password": "ntlm-pass-0555",
    "client_secret": "client-secret-literal-0444",
    "hawk_key": "hawk-key-literal-0333",
    "jwt_secret": "jwt-secret-literal-0222-long-enough-for-hs256",
    "header_bearer": "abc123literal-bearer",
    "header_api_key": "k_live_headerliteral1",
    "query_api_key": "q_literal_key_98765",
    "db_password": "var-secret-literal-0111",
    "typed_secret": "typed-secret-literal-0000",
    "env_token": "env-token-literal-0666",
    "env_token_secret": "env-ts-literal-0555",
}


def v21(auth_type: str, **params: str) -> dict[str, Any]:
    return {
        "type": auth_type,
        auth_type: [{"key": k, "value": v, "type": "string"} for k, v in params.items()],
    }


V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
V20 = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"


def to_v20(document: dict[str, Any]) -> dict[str, Any]:
    """The same collection in the v2.0 shape: every auth block's parameters as one object."""

    def convert(node: Any) -> Any:
        if isinstance(node, list):
            return [convert(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {k: convert(v) for k, v in node.items()}
        auth = out.get("auth")
        if isinstance(auth, dict) and isinstance(auth.get(auth.get("type")), list):
            auth[auth["type"]] = {p["key"]: p["value"] for p in auth[auth["type"]]}
        return out

    converted: dict[str, Any] = convert(document)
    converted["info"] = {**converted["info"], "schema": V20}
    return converted


def request(
    name: str, path: str, method: str = "GET", auth: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    req: dict[str, Any] = {"method": method, "url": f"{BASE}/{path}", "header": [], **extra}
    if auth is not None:
        req["auth"] = auth
    return {"name": name, "request": req}


def folder(name: str, items: list[dict[str, Any]], auth: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "item": items}
    if auth is not None:
        out["auth"] = auth
    return out


def collection() -> dict[str, Any]:
    s = LITERALS
    form = {"mode": "urlencoded", "urlencoded": [{"key": "status", "value": "hello world"}]}
    return {
        "info": {
            "name": "Auth Zoo",
            "schema": V21,
        },
        "auth": v21("bearer", token=s["collection_bearer"]),
        "variable": [
            {"key": "db_password", "value": s["db_password"]},
            {"key": "plain", "value": "hello"},
            {"key": "opaque", "value": s["typed_secret"], "type": "secret"},
        ],
        "item": [
            folder(  # /item/0
                "Signed",
                [
                    request("Get tweet", "tweets/1?expansions=author_id"),
                    request("Post status", "statuses", "POST", body=form),
                ],
                v21(
                    "oauth1",
                    consumerKey=s["oauth1_consumer_key"],
                    consumerSecret=s["oauth1_consumer_secret"],
                    token="{{user_token}}",
                    tokenSecret="{{user_token_secret}}",
                    signatureMethod="HMAC-SHA1",
                    addParamsToHeader="true",
                    version="1.0",
                ),
            ),
            folder(  # /item/1: no auth of its own, so the collection's bearer
                "Inherited",
                [
                    request("Me", "me"),
                    request("Public", "public", auth={"type": "noauth"}),
                    folder("Deeper", [request("Deep", "deep")]),
                ],
            ),
            folder(  # /item/2: v2.0 object shape
                "Keys",
                [
                    request("Search", "search?q=zebra"),
                    request(
                        "Header key", "keys", auth=v21("apikey", key="X-API-Key", value="{{api_key_var}}")
                    ),
                ],
                v21("apikey", key="api_key", value=s["apikey_value"], **{"in": "query"}),
            ),
            folder(  # /item/3
                "Legacy",
                [
                    request("Basic op", "basic"),
                    request(
                        "Digest op",
                        "digest",
                        auth=v21("digest", username="alice", password="{{digest_password}}"),
                    ),
                ],
                v21("basic", username="alice", password=s["basic_password"]),
            ),
            folder(  # /item/4
                "Cloud",
                [request("List functions", "2015-03-31/functions?MaxItems=5")],
                v21(
                    "awsv4",
                    accessKey=s["aws_access_key"],
                    secretKey="{{aws_secret}}",
                    region="us-east-1",
                    service="lambda",
                    sessionToken="",
                ),
            ),
            folder(  # /item/5
                "Odd",
                [
                    request("Ntlm op", "ntlm"),
                    request("Empty oauth1", "e1", auth={"type": "oauth1", "oauth1": []}),
                    request("Oauth2 no token", "e2", auth=v21("oauth2", accessToken="", addTokenTo="header")),
                ],
                v21("ntlm", username="bob", password=s["ntlm_password"]),
            ),
            folder(  # /item/6
                "Fetched",
                [request("Token op", "t1"), request("Token op two", "t2")],
                v21(
                    "oauth2",
                    grant_type="client_credentials",
                    accessTokenUrl=TOKEN_URL,
                    clientId="zoo-client",
                    clientSecret=s["client_secret"],
                    authUrl="{{auth_server}}/authorize",
                    callbackUrl="{{redirect_uri}}",
                    addTokenTo="header",
                ),
            ),
            folder(  # /item/7
                "Made",
                [request("Hawk op", "hawk", "POST", body={"mode": "raw", "raw": "{}"})],
                v21("hawk", authId="hid", authKey=s["hawk_key"], algorithm="sha256"),
            ),
            folder(  # /item/8
                "Minted",
                [request("Jwt op", "jwt")],
                v21(
                    "jwt",
                    algorithm="HS256",
                    secret=s["jwt_secret"],
                    payload='{"sub": "zoo"}',
                    addTokenTo="header",
                    headerPrefix="Bearer",
                ),
            ),
            folder(  # /item/9: credentials typed straight into headers and the query
                "Handmade",
                [
                    {
                        "name": "Header creds",
                        "request": {
                            "method": "GET",
                            "url": f"{BASE}/hand",
                            "auth": {"type": "noauth"},
                            "header": [
                                {"key": "Authorization", "value": f"Bearer {s['header_bearer']}"},
                                {"key": "x-api-key", "value": s["header_api_key"]},
                                {"key": "Accept", "value": "application/json"},
                            ],
                        },
                    },
                    {
                        "name": "Query creds",
                        "request": {
                            "method": "GET",
                            "auth": {"type": "noauth"},
                            "url": {
                                "raw": f"{BASE}/q?api_key={s['query_api_key']}&page=2",
                                "protocol": "https",
                                "host": ["api", "zoo", "test"],
                                "path": ["q"],
                                "query": [
                                    {"key": "api_key", "value": s["query_api_key"]},
                                    {"key": "page", "value": "2"},
                                ],
                            },
                        },
                    },
                ],
            ),
        ],
    }


def environment() -> dict[str, Any]:
    s = LITERALS
    return {
        "name": "zoo",
        "values": [
            {"key": "user_token", "value": s["env_token"], "type": "secret", "enabled": True},
            {"key": "user_token_secret", "value": s["env_token_secret"], "type": "default", "enabled": True},
            {"key": "region_name", "value": "eu-west-1", "type": "default", "enabled": True},
        ],
    }

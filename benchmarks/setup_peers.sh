#!/usr/bin/env bash
# Optional: installs the peer generators that benchmarks/bench.py compares gen-client with, by package name,
# into benchmarks/.peers/ (node packages under node/, openapi-python-client in its own venv under venv/).
# bench.py runs without them and skips the peer columns; nothing here is needed by gen-client or its tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peers="${GEN_CLIENT_PEERS:-$here/.peers}"
mkdir -p "$peers/node"

cd "$peers/node"
[ -f package.json ] || echo '{"name": "gen-client-bench-peers", "private": true}' > package.json
npm install --no-audit --no-fund --loglevel=error postman-code-generators postman-collection postman-to-openapi

if [ ! -x "$peers/venv/bin/openapi-python-client" ]; then
    python3 -m venv "$peers/venv"
    "$peers/venv/bin/python" -m pip install -q --upgrade pip
    "$peers/venv/bin/python" -m pip install -q openapi-python-client
fi
echo "peers installed in $peers"

// Peer generators for benchmarks/bench.py, run with node from benchmarks/.peers/node (see setup_peers.sh).
//   node peers.js snippets COLLECTION   python-requests snippet for every request (postman-code-generators)
//   node peers.js openapi COLLECTION OUT.yml   OpenAPI 3 document (postman-to-openapi)
// Prints one JSON line: what was done and how long it took inside node (module loading excluded).
'use strict';
const fs = require('fs');
const path = require('path');

const peers = process.env.GEN_CLIENT_PEERS || path.join(__dirname, '.peers');
const need = (name) => require(require.resolve(name, { paths: [path.join(peers, 'node')] }));

function snippets(file) {
  const codegen = need('postman-code-generators');
  const { Collection } = need('postman-collection');
  const started = process.hrtime.bigint();
  const collection = new Collection(JSON.parse(fs.readFileSync(file, 'utf8')));
  const requests = [];
  collection.forEachItem((item) => requests.push(item.request));
  let done = 0;
  let lines = 0;
  let failed = 0;
  const options = { indentCount: 4, indentType: 'Space', trimRequestBody: false, followRedirect: true };
  for (const request of requests) {
    // convert() calls back synchronously for python-requests; count both outcomes.
    codegen.convert('python', 'Requests', request, options, (error, snippet) => {
      if (error) failed += 1;
      else lines += snippet.split('\n').length;
      done += 1;
    });
  }
  if (done !== requests.length) throw new Error(`only ${done} of ${requests.length} snippets finished`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { requests: requests.length, failed, lines, inside_ms: ms };
}

async function openapi(file, out) {
  const postmanToOpenApi = need('postman-to-openapi');
  const started = process.hrtime.bigint();
  const yaml = await postmanToOpenApi(file, out, { defaultTag: 'General' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const operations = (yaml.match(/^ {4}(get|put|post|delete|patch|head|options|trace):$/gm) || []).length;
  return { operations, inside_ms: ms };
}

async function main() {
  const [mode, file, out] = process.argv.slice(2);
  const result = mode === 'snippets' ? snippets(file) : mode === 'openapi' ? await openapi(file, out) : null;
  if (result === null) throw new Error('usage: node peers.js snippets|openapi COLLECTION [OUT]');
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + '\n');
  process.exit(1);
});

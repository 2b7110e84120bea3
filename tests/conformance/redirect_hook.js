// Loaded into newman with `node --require`: every HTTP(S) request newman makes goes, as plain HTTP, to the
// conformance echo server (CONFORMANCE_ECHO="127.0.0.1:PORT"). The request line and headers, including Host,
// are left exactly as newman built them, so only the connection's destination changes.
'use strict';

const http = require('http');
const https = require('https');

const target = process.env.CONFORMANCE_ECHO || '';
const separator = target.lastIndexOf(':');
const echoHost = target.slice(0, separator);
const echoPort = Number(target.slice(separator + 1));

function toEcho(options) {
    const rewritten = Object.assign({}, options, {
        protocol: 'http:',
        host: echoHost,
        hostname: echoHost,
        port: echoPort,
        agent: false,
        lookup: undefined,
        servername: undefined,
        createConnection: undefined
    });
    return rewritten;
}

// A port Node would refuse (`about:blank` parses as host "about", port "blank") must fail here as it does
// without the hook, not reach the echo server.
function validPort(port) {
    if (port === undefined || port === null || port === '') {
        return true;
    }
    const number = Number(port);
    return (typeof port === 'number' || /^\s*\d+\s*$/.test(String(port))) && number >= 0 && number < 65536;
}

function wrap(original) {
    return function (options, callback) {
        if (typeof options === 'string' || options instanceof URL) {
            throw new Error('conformance hook: only option objects are redirected');
        }
        if (!validPort(options.port)) {
            return original.call(http, options, callback);
        }
        return original.call(http, toEcho(options), callback);
    };
}

if (target) {
    const plainRequest = http.request;
    http.request = wrap(plainRequest);
    https.request = wrap(plainRequest);
}

// Runs newman once per job, all in one node process (newman takes seconds to load; runs take milliseconds).
// Usage: node newman_batch.js JOBS.json RESULTS.json
//   JOBS.json: [{"name", "collection": <object>, "environment": <object or null>, "envVar": [{key, value}],
//                "clock": <epoch ms or null>, "nonce": <string or null>}]
//   RESULTS.json: {name: [{"item": <item id>, "echo": [<echo ids>], "error": <message or null>}]}
// Each request reaches the echo server through redirect_hook.js; the echo server answers with X-Echo-Id, so
// every execution is tied to the exact request the server recorded.
'use strict';

const fs = require('fs');
const newman = require('newman');

const [jobsFile, resultsFile] = process.argv.slice(2);
const jobs = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
const results = {};

// A job may pin the clock and the OAuth 1 nonce, so that signatures made from them (AWS SigV4, OAuth 1)
// compare exactly with the SDK's, which the referee pins to the same values.
const RealDate = Date;
const oauth1 = require('node-oauth1');
const realNonce = oauth1.nonce;
// Hawk makes its nonce in its pre hook, EdgeGrid in its sign hook, when none is saved: a pinned one is set
// there first.
let pinnedNonce = null;
function pinNonceBefore(authorizer, hook) {
    const real = authorizer[hook];
    authorizer[hook] = function (auth, ...rest) {
        if (pinnedNonce && !auth.get('nonce')) {
            auth.set('nonce', pinnedNonce);
        }
        return real.call(this, auth, ...rest);
    };
}
pinNonceBefore(require('postman-runtime/lib/authorizer/hawk'), 'pre');
pinNonceBefore(require('postman-runtime/lib/authorizer/edgegrid'), 'sign');

function pinClock(ms) {
    function PinnedDate(...args) {
        if (!new.target) {
            return new RealDate(ms).toString();
        }
        return args.length ? new RealDate(...args) : new RealDate(ms);
    }
    PinnedDate.prototype = RealDate.prototype;
    PinnedDate.now = () => ms;
    PinnedDate.parse = RealDate.parse;
    PinnedDate.UTC = RealDate.UTC;
    global.Date = PinnedDate;
}

function pin(job) {
    if (job.clock !== null && job.clock !== undefined) {
        pinClock(job.clock);
    }
    if (job.nonce) {
        oauth1.nonce = () => job.nonce;
        pinnedNonce = job.nonce;
    }
}

function unpin() {
    global.Date = RealDate;
    oauth1.nonce = realNonce;
    pinnedNonce = null;
}

function runJob(job) {
    pin(job);
    return new Promise((resolve) => {
        const options = {
            collection: job.collection,
            envVar: job.envVar,
            reporters: [],
            timeoutRequest: 20000,
            insecure: true,
            workingDir: job.workingDir
        };
        if (job.environment) {
            options.environment = job.environment;
        }
        newman.run(options, (err, summary) => {
            if (err) {
                results[job.name] = { fatal: String(err && err.message || err) };
                return resolve();
            }
            results[job.name] = summary.run.executions.map((execution) => {
                const response = execution.response;
                const echo = response && response.headers ? response.headers.get('X-Echo-Id') : undefined;
                const error = execution.requestError;
                return {
                    item: execution.item.id,
                    echo: echo === undefined ? null : Number(echo),
                    error: error ? String(error.message || error) : null
                };
            });
            resolve();
        });
    });
}

(async () => {
    for (const job of jobs) {
        await runJob(job);
        unpin();
    }
    fs.writeFileSync(resultsFile, JSON.stringify(results));
})();

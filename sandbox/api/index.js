'use strict';
// The API request pipeline, in the order a request meets it:
//   fault: dropped connection -> fault: latency (steady + spikes) -> rate limit (429; headers on every answer)
//   -> fault: injected 5xx -> X-Fanvue-API-Version (400/410) -> bearer token (401)
//   -> route (404/405) -> scopes (403) -> handler (validation 400, 404, 409, ...)
//   -> fault: a send delivered, then answered 500 or its connection cut.
const { sendJson, sendText, parseBody, queryMultimap } = require('../http/util');
const { ApiError, unauthorized, forbiddenScope } = require('./errors');
const { router } = require('./routes');

const CURRENT_VERSION = '2025-06-26';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function createApi(ctx) {
	const { options } = ctx;

	function checkVersion(req) {
		const version = req.headers['x-fanvue-api-version'];
		if (!version) throw new ApiError(400, { error: 'Bad Request', message: `Missing X-Fanvue-API-Version header. Current version: ${CURRENT_VERSION}` });
		if (options.retiredVersions.includes(version)) {
			throw new ApiError(410, { error: 'Gone', message: `API version ${version} is no longer supported (sunset). Use ${CURRENT_VERSION}.`, nextVersion: CURRENT_VERSION });
		}
		if (version !== CURRENT_VERSION) throw new ApiError(400, { error: 'Bad Request', message: `Unsupported API version "${version}". Current version: ${CURRENT_VERSION}` });
	}

	function bearer(req) {
		const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
		return m ? m[1] : null;
	}

	async function handle(req, res, url) {
		const { faults, rateLimiter, tokens } = ctx;
		if (faults.shouldDrop()) {
			req.socket.destroy();
			return;
		}
		const delay = faults.delayMs();
		if (delay > 0) await sleep(delay);

		// The bucket is per app + user (+ creator); requests without a valid token share one bucket.
		const principal = tokens.authenticate(bearer(req));
		// Fanvue meters /creators/{creatorUserUuid}/... per creator as well.
		const creatorInPath = /^\/creators\/([^/]+)\//.exec(url.pathname);
		const bucketKey = principal.error ? 'anonymous' : `${principal.clientId}:${principal.userUuid}${creatorInPath ? `:creator:${creatorInPath[1].toLowerCase()}` : ''}`;
		let rateHeaders;
		const storm = faults.stormSecondsLeft();
		if (storm) {
			rateHeaders = { ...rateLimiter.peekHeaders(bucketKey), 'X-RateLimit-Remaining': '0', 'Retry-After': String(storm) };
			return sendJson(res, 429, { error: 'Too Many Requests', message: 'Rate limit exceeded' }, rateHeaders);
		}
		const taken = rateLimiter.take(bucketKey);
		rateHeaders = taken.headers;
		if (!taken.allowed) return sendJson(res, 429, { error: 'Too Many Requests', message: 'Rate limit exceeded' }, rateHeaders);

		try {
			const injected = faults.injectedError();
			if (injected) throw new ApiError(injected, { error: 'Server Error', message: `Injected fault (${injected})` });
			checkVersion(req);
			if (principal.error) throw unauthorized();
			const match = router.match(req.method, url.pathname);
			if (!match) throw new ApiError(404, { message: `Cannot ${req.method} ${url.pathname}` });
			if (match.methodNotAllowed) throw new ApiError(405, { error: 'Method Not Allowed', message: `${req.method} is not allowed on ${url.pathname}` });
			const missing = match.meta.scopes.find((s) => !principal.scopes.includes(s));
			if (missing) throw forbiddenScope(missing);
			const parsed = parseBody(req.rawBody, req.headers['content-type'] || 'application/json');
			if (parsed.error) throw new ApiError(400, { error: 'Bad Request', message: parsed.error });
			const multi = queryMultimap(url.searchParams);
			const query = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[v.length - 1]]));
			const result = await match.meta.handler(ctx, { req, params: match.params, query, multi, body: parsed.value, principal });
			if (match.meta.isSend && faults.deliverThenFail === 'drop') {
				req.socket.destroy();
				return;
			}
			if (match.meta.isSend && faults.deliverThenFail === 'error') {
				throw new ApiError(500, { error: 'Internal Server Error', message: 'Injected fault: delivered, then failed' });
			}
			if (result.contentType) return sendText(res, result.status, result.body, result.contentType, rateHeaders);
			return sendJson(res, result.status, result.body, rateHeaders);
		} catch (err) {
			if (err instanceof ApiError) return sendJson(res, err.status, err.body, { ...rateHeaders, ...err.headers });
			ctx.log(`sandbox: handler error ${req.method} ${url.pathname}: ${err.stack || err}`);
			return sendJson(res, 500, { error: 'Internal Server Error', message: String(err.message || err) }, rateHeaders);
		}
	}

	return { handle, CURRENT_VERSION };
}

module.exports = { createApi, CURRENT_VERSION };

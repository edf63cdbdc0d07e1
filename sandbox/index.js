'use strict';
// Fanvue sandbox: a local stand-in for auth.fanvue.com + api.fanvue.com with webhooks and a
// control API. `startSandbox(options)` starts it on 127.0.0.1 and returns a handle
// (see README.md). No dependencies beyond Node's standard library.
const http = require('node:http');
const { normalizeOptions, ALL_SCOPES } = require('./options');
const { Store } = require('./store');
const { Agency } = require('./agency');
const { TokenStore } = require('./tokens');
const { RateLimiter } = require('./rate-limit');
const { Faults, resolveFaultSeed } = require('./faults');
const { RequestLog } = require('./request-log');
const { createOAuth, BASE_SCOPES } = require('./oauth');
const { createApi, CURRENT_VERSION } = require('./api');
const { createWebhooks } = require('./webhooks');
const { createFanActs } = require('./fan-acts');
const { createControl } = require('./control');
const { createPresignedParts } = require('./presigned-parts');
const { sendJson, readRawBody } = require('./http/util');

async function startSandbox(input = {}) {
	const options = normalizeOptions(input);
	const ctx = {
		options,
		log: options.log,
		store: new Store({ seed: options.seed, fans: options.fans }),
		agency: new Agency(options),
		rateLimiter: new RateLimiter(options.rateLimit),
		faults: new Faults(options.faultSeed),
	};
	ctx.tokens = new TokenStore(options, () => ctx.faults.accessTokenLifetimeSeconds);
	ctx.webhooks = createWebhooks(ctx);
	ctx.presignedParts = createPresignedParts(ctx);
	const requestLog = new RequestLog(options.maxRecordedRequests);
	const oauth = createOAuth(ctx);
	const api = createApi(ctx);
	const fanAct = createFanActs(ctx);

	const sb = {
		url: null,
		port: null,
		apiVersion: CURRENT_VERSION,
		clientId: options.clientId,
		clientSecret: options.clientSecret,
		/** The seed of every fault decision: startSandbox({faultSeed}) to replay a run. */
		faultSeed: options.faultSeed,
		options,
		creator: ctx.store.creator,
		store: ctx.store,
		/** The creators the connected user's agency manages, with their stores; `outsider` is not managed. */
		agency: ctx.agency,

		/** Tokens without the browser dance. Default scopes: base + every app scope. */
		issueToken({ scopes } = {}) {
			const granted = scopes || [...BASE_SCOPES, ...options.appScopes];
			return ctx.tokens.issueForNewAuthorization({ clientId: options.clientId, userUuid: ctx.store.creator.uuid, scopes: granted });
		},
		/** `{accessTokens, refreshTokens}`: every token issued so far, through OAuth or issueToken(). */
		issuedTokens: () => ctx.tokens.issued(),
		requests: () => requestLog.all(),
		clearRequests: () => requestLog.clear(),

		/** Partial fault settings; `expireTokensEarly: true` expires every current access token now. */
		setFaults(faults = {}, { returnProblems = false } = {}) {
			const problems = ctx.faults.set(faults);
			if (!problems.length && faults.expireTokensEarly) ctx.tokens.expireAllNow();
			if (problems.length && !returnProblems) throw new Error(`setFaults: ${problems.join('; ')}`);
			return returnProblems ? problems : sb.faults();
		},
		clearFaults: () => ctx.faults.clear(),
		faults: () => ctx.faults.describe(),
		/** Every fault decision drawn so far (the last 10000): `[{kind, n, value}]`. */
		faultDecisions: () => ctx.faults.decisions(),
		resetRateLimits: () => ctx.rateLimiter.reset(),

		fanActs: (act) => fanAct(act),
		/** The event of an earlier fan act delivered again to the current targets, as a late redelivery by Fanvue. */
		redeliver: (act) => ctx.webhooks.dispatch({ names: { classic: act.event, platform: act.platformEvent }, payload: act.payload }),

		configureWebhook(spec) {
			const result = ctx.webhooks.configure(spec);
			if (result.errors) throw Object.assign(new Error(`configureWebhook: ${result.errors.map((e) => e.message).join('; ')}`), { errors: result.errors });
			return { ...result.target };
		},
		webhookTargets: () => ctx.store.webhookTargets.map((t) => ({ ...t })),
		clearWebhooks: () => ctx.webhooks.clearConfigured(),
		deliveries: () => ctx.webhooks.deliverer.log.slice(),
		/** Webhook attempts being sent or waiting to be retried (held copies count once sent): 0 = all answered. */
		pendingDeliveries: () => ctx.webhooks.deliverer.pending(),
		clearDeliveries: () => ctx.webhooks.deliverer.clearLog(),

		state: () => ({ ...ctx.store.counts(), creator: { uuid: ctx.store.creator.uuid, handle: ctx.store.creator.handle }, url: sb.url, clientId: options.clientId, apiVersion: CURRENT_VERSION, faultSeed: options.faultSeed, faults: ctx.faults.describe() }),

		async stop() {
			ctx.webhooks.deliverer.stop();
			await new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	const control = createControl(sb);

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const isUploadPart = ctx.presignedParts.isPartPath(url.pathname);
		try {
			req.rawBody = await readRawBody(req, isUploadPart ? ctx.presignedParts.maxPartBytes : undefined);
		} catch (err) {
			return sendJson(res, err.status || 400, { error: 'Bad Request', message: err.message });
		}
		try {
			if (url.pathname.startsWith('/_sandbox/')) return await control(req, res, url);
			if (isUploadPart) {
				// Logged without the bytes (parts are megabytes); bodyBytes says how many came.
				const bytes = req.rawBody;
				req.rawBody = Buffer.alloc(0);
				requestLog.record(req, url, res).bodyBytes = bytes.length;
				req.rawBody = bytes;
				return ctx.presignedParts.handle(req, res, url);
			}
			requestLog.record(req, url, res);
			if (url.pathname === '/oauth2/auth' && req.method === 'GET') return oauth.authorize(req, res, url);
			if (url.pathname === '/oauth2/auth/consent' && req.method === 'POST') return oauth.consent(req, res);
			if (url.pathname === '/oauth2/token' && req.method === 'POST') return oauth.token(req, res);
			if (url.pathname.startsWith('/oauth2/')) return sendJson(res, 404, { error: 'not_found', error_description: 'Unknown OAuth endpoint' });
			return await api.handle(req, res, url);
		} catch (err) {
			options.log(`sandbox: ${err.stack || err}`);
			if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error', message: String(err.message || err) });
		}
	});
	server.keepAliveTimeout = 5000;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	sb.port = server.address().port;
	sb.url = `http://127.0.0.1:${sb.port}`;
	ctx.baseUrl = sb.url;
	return sb;
}

module.exports = { startSandbox, resolveFaultSeed, ALL_SCOPES, BASE_SCOPES, CURRENT_VERSION };

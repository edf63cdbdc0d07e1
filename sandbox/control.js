'use strict';
// The control API under /_sandbox/ (no auth; the server listens on 127.0.0.1 only). Each
// route mirrors a method of the object returned by startSandbox().
const { Router } = require('./http/router');
const { sendJson, parseBody } = require('./http/util');

function createControl(sb) {
	const router = new Router();
	const r = (method, path, handler) => router.add(method, path, { handler });

	r('POST', '/_sandbox/fan-acts', async (body) => {
		try {
			return [200, await sb.fanActs(body || {})];
		} catch (err) {
			if (err.status) return [err.status, { error: err.message }];
			throw err;
		}
	});
	r('GET', '/_sandbox/requests', () => [200, sb.requests()]);
	r('DELETE', '/_sandbox/requests', () => (sb.clearRequests(), [204]));
	r('GET', '/_sandbox/deliveries', () => [200, sb.deliveries()]);
	r('DELETE', '/_sandbox/deliveries', () => (sb.clearDeliveries(), [204]));
	r('GET', '/_sandbox/faults', () => [200, sb.faults()]);
	r('POST', '/_sandbox/faults', (body) => {
		const problems = sb.setFaults(body || {}, { returnProblems: true });
		return problems.length ? [400, { errors: problems.map((message) => ({ message })) }] : [200, sb.faults()];
	});
	r('DELETE', '/_sandbox/faults', () => (sb.clearFaults(), [204]));
	r('GET', '/_sandbox/state', () => [200, sb.state()]);
	r('POST', '/_sandbox/tokens', (body) => [201, sb.issueToken(body || {})]);
	r('GET', '/_sandbox/tokens', () => [200, sb.issuedTokens()]);
	r('GET', '/_sandbox/webhooks', () => [200, sb.webhookTargets()]);
	r('POST', '/_sandbox/webhooks', (body) => {
		try {
			return [201, sb.configureWebhook(body || {})];
		} catch (err) {
			return [400, { errors: err.errors || [{ message: err.message }] }];
		}
	});
	r('DELETE', '/_sandbox/webhooks', () => (sb.clearWebhooks(), [204]));

	return async function handleControl(req, res, url) {
		const match = router.match(req.method, url.pathname);
		if (!match || match.methodNotAllowed) return sendJson(res, 404, { message: `No control route ${req.method} ${url.pathname}` });
		const parsed = parseBody(req.rawBody, req.headers['content-type'] || 'application/json');
		if (parsed.error) return sendJson(res, 400, { error: 'Bad Request', message: parsed.error });
		try {
			const [status, body] = await match.meta.handler(parsed.value, url);
			return sendJson(res, status, body);
		} catch (err) {
			return sendJson(res, 500, { error: 'Internal Server Error', message: String(err.message || err) });
		}
	};
}

module.exports = { createControl };

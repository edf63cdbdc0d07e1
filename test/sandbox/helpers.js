'use strict';
// Shared helpers for the sandbox's own tests: an API client, PKCE, the OAuth dance and a
// local webhook receiver. Everything talks HTTP to 127.0.0.1.
const crypto = require('node:crypto');
const http = require('node:http');
const { startSandbox } = require('../../sandbox');

const VERSION = '2025-06-26';
const BASE_SCOPES = 'openid offline_access offline';

/** fetch wrapper answering {status, headers, body} with JSON parsed when possible. */
async function call(sb, method, path, { token, body, headers = {}, version = VERSION } = {}) {
	const h = { ...headers };
	if (version) h['X-Fanvue-API-Version'] = version;
	if (token) h.Authorization = `Bearer ${token}`;
	if (body !== undefined) h['Content-Type'] = 'application/json';
	const res = await fetch(sb.url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
	const text = await res.text();
	let parsed = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		/* not JSON */
	}
	return { status: res.status, headers: res.headers, body: parsed };
}

function pkce() {
	const verifier = crypto.randomBytes(32).toString('base64url');
	const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
	return { verifier, challenge };
}

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

function authorizeUrl(sb, overrides = {}) {
	const params = {
		response_type: 'code',
		client_id: sb.clientId,
		redirect_uri: REDIRECT_URI,
		scope: `${BASE_SCOPES} read:self read:chat`,
		state: 'state-12345678',
		code_challenge_method: 'S256',
		...overrides,
	};
	for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
	return `${sb.url}/oauth2/auth?${new URLSearchParams(params)}`;
}

function basic(id, secret) {
	return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function tokenRequest(sb, form, { auth = basic(sb.clientId, sb.clientSecret), contentType = 'application/x-www-form-urlencoded' } = {}) {
	const headers = { 'Content-Type': contentType };
	if (auth) headers.Authorization = auth;
	const res = await fetch(`${sb.url}/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
	return { status: res.status, body: await res.json() };
}

/** Runs GET /oauth2/auth (sandbox with autoApprove) and returns the code from the redirect. */
async function getCode(sb, challenge, overrides = {}) {
	const res = await fetch(authorizeUrl(sb, { code_challenge: challenge, ...overrides }), { redirect: 'manual' });
	if (res.status !== 302) throw new Error(`expected redirect, got ${res.status}`);
	return new URL(res.headers.get('location')).searchParams.get('code');
}

/** A webhook receiver on 127.0.0.1:0 that answers `statuses` in turn (last one repeats). */
async function startReceiver(statuses = [200]) {
	const received = [];
	let n = 0;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
			const status = statuses[Math.min(n++, statuses.length - 1)];
			res.writeHead(status);
			res.end();
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		received,
		close: () => new Promise((r) => {
			server.close(() => r());
			server.closeAllConnections();
		}),
	};
}

const waitFor = async (predicate, timeoutMs = 5000) => {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (predicate()) return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error('waitFor: timed out');
};

module.exports = { startSandbox, call, pkce, authorizeUrl, basic, tokenRequest, getCode, startReceiver, waitFor, VERSION, REDIRECT_URI, BASE_SCOPES };

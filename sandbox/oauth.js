'use strict';
// The authorization server: GET /oauth2/auth, POST /oauth2/auth/consent, POST /oauth2/token.
// Rules follow Fanvue's: authorization code + PKCE S256 only, the base scopes
// `openid offline_access offline` always requested, every scope enabled for the app,
// HTTP Basic client authentication only, single-use codes and rotating refresh tokens.
const crypto = require('node:crypto');
const { sendJson, sendHtml, redirect, parseBody } = require('./http/util');
const { consentPage, errorPage } = require('./consent-page');

const BASE_SCOPES = ['openid', 'offline_access', 'offline'];
const CODE_TTL_MS = 10 * 60 * 1000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const base64url = (buf) => Buffer.from(buf).toString('base64url');
const s256 = (verifier) => base64url(crypto.createHash('sha256').update(verifier, 'ascii').digest());

function redirectUriProblem(value) {
	if (!value) return 'redirect_uri is required';
	let url;
	try {
		url = new URL(value);
	} catch {
		return 'redirect_uri must be an absolute URL';
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'redirect_uri must use http or https';
	if (!LOOPBACK_HOSTS.has(url.hostname)) return 'redirect_uri is not registered for this client (the sandbox accepts 127.0.0.1 and localhost only)';
	return null;
}

function withQuery(uri, params) {
	const url = new URL(uri);
	for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) url.searchParams.set(k, v);
	return url.toString();
}

function createOAuth(ctx) {
	const pendingConsents = new Map(); // challenge -> authorization request
	const codes = new Map(); // code -> grant

	function issueCode(request) {
		const code = `fvsb_ac_${crypto.randomBytes(24).toString('base64url')}`;
		codes.set(code, { ...request, expiresAt: Date.now() + CODE_TTL_MS, used: false, familyId: null });
		return code;
	}

	/** GET /oauth2/auth */
	function authorize(req, res, url) {
		const q = Object.fromEntries(url.searchParams);
		const { options } = ctx;
		if (q.client_id !== options.clientId) {
			return sendHtml(res, 400, errorPage(400, 'invalid_client', 'Unknown client_id.'));
		}
		const uriProblem = redirectUriProblem(q.redirect_uri);
		if (uriProblem) return sendHtml(res, 400, errorPage(400, 'invalid_request', uriProblem));
		const fail = (error, description) => redirect(res, withQuery(q.redirect_uri, { error, error_description: description, state: q.state }));

		if (q.response_type !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
		if (!q.state) return fail('invalid_state', 'The state parameter is required.');
		const scopes = (q.scope || '').split(/[\s+]+/).filter(Boolean);
		const missingBase = BASE_SCOPES.filter((s) => !scopes.includes(s));
		if (missingBase.length) return fail('invalid_scope', `The request must include the scopes ${BASE_SCOPES.join(' ')} (missing: ${missingBase.join(' ')}).`);
		const allowed = new Set([...BASE_SCOPES, ...options.appScopes]);
		const notEnabled = scopes.filter((s) => !allowed.has(s));
		if (notEnabled.length) return fail('invalid_scope', `The requested scope is not enabled for this app: ${notEnabled.join(' ')}.`);
		if (!q.code_challenge) return fail('invalid_request', 'PKCE is required: code_challenge is missing.');
		if (q.code_challenge_method !== 'S256') return fail('invalid_request', 'PKCE code_challenge_method must be S256.');
		if (!/^[A-Za-z0-9_-]{43,128}$/.test(q.code_challenge)) return fail('invalid_request', 'code_challenge must be a base64url SHA-256 digest.');

		const request = { clientId: q.client_id, redirectUri: q.redirect_uri, scopes: [...new Set(scopes)], state: q.state, codeChallenge: q.code_challenge };
		if (options.autoApprove) {
			return redirect(res, withQuery(request.redirectUri, { code: issueCode(request), scope: request.scopes.join(' '), state: request.state }));
		}
		const challenge = crypto.randomBytes(16).toString('hex');
		pendingConsents.set(challenge, request);
		return sendHtml(res, 200, consentPage({ challenge, clientId: request.clientId, scopes: request.scopes, creator: ctx.store.creator }));
	}

	/** POST /oauth2/auth/consent (the consent page's form) */
	function consent(req, res) {
		const form = parseBody(req.rawBody, 'application/x-www-form-urlencoded').value || {};
		const request = pendingConsents.get(form.consent_challenge);
		if (!request) return sendHtml(res, 400, errorPage(400, 'invalid_request', 'Unknown or already used consent challenge.'));
		pendingConsents.delete(form.consent_challenge);
		if (form.decision !== 'approve') {
			return redirect(res, withQuery(request.redirectUri, { error: 'access_denied', error_description: 'The resource owner denied the request.', state: request.state }));
		}
		return redirect(res, withQuery(request.redirectUri, { code: issueCode(request), scope: request.scopes.join(' '), state: request.state }));
	}

	/** Client credentials from the Basic header; credentials in the body are refused. */
	function authenticateClient(req, form) {
		if (form.client_secret !== undefined || form.client_id !== undefined) {
			return 'Client credentials must be sent with HTTP Basic authentication (client_secret_basic), not in the request body.';
		}
		const header = req.headers.authorization || '';
		const m = /^Basic\s+(.+)$/i.exec(header);
		if (!m) return 'Client authentication failed: HTTP Basic authorization header is missing.';
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		const sep = decoded.indexOf(':');
		if (sep < 0) return 'Client authentication failed: malformed Basic credentials.';
		// RFC 6749 2.3.1 form-encodes id and secret before base64; accept both spellings.
		const safeDecode = (s) => {
			try {
				return decodeURIComponent(s.replace(/\+/g, ' '));
			} catch {
				return s;
			}
		};
		const id = decoded.slice(0, sep);
		const secret = decoded.slice(sep + 1);
		const { clientId, clientSecret } = ctx.options;
		const idOk = id === clientId || safeDecode(id) === clientId;
		const secretOk = secret === clientSecret || safeDecode(secret) === clientSecret;
		if (!idOk || !secretOk) return 'Client authentication failed: unknown client or wrong secret.';
		return null;
	}

	/** POST /oauth2/token */
	function token(req, res) {
		const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
		const oauthError = (status, error, description, extra = {}) => sendJson(res, status, { error, error_description: description }, { ...noStore, ...extra });
		const contentType = req.headers['content-type'] || '';
		const raw = req.rawBody;
		if (!contentType.includes('application/x-www-form-urlencoded')) {
			return oauthError(400, 'invalid_request', 'The token endpoint accepts application/x-www-form-urlencoded only.');
		}
		const form = parseBody(raw, contentType).value || {};
		const clientProblem = authenticateClient(req, form);
		if (clientProblem) return oauthError(401, 'invalid_client', clientProblem, { 'WWW-Authenticate': 'Basic realm="fanvue-sandbox"' });

		if (form.grant_type === 'authorization_code') {
			const grant = codes.get(form.code);
			if (!grant || grant.clientId !== ctx.options.clientId) return oauthError(400, 'invalid_grant', 'The authorization code is unknown.');
			if (grant.used) {
				// A replayed code revokes what it produced (RFC 6749 4.1.2).
				if (grant.familyId) ctx.tokens.revokeFamily(grant.familyId);
				return oauthError(400, 'invalid_grant', 'The authorization code has already been used.');
			}
			if (Date.now() > grant.expiresAt) return oauthError(400, 'invalid_grant', 'The authorization code has expired.');
			if (form.redirect_uri !== grant.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one used in the authorization request.');
			if (!form.code_verifier) return oauthError(400, 'invalid_grant', 'PKCE code_verifier is missing.');
			if (s256(form.code_verifier) !== grant.codeChallenge) return oauthError(400, 'invalid_grant', 'PKCE verification failed: code_verifier does not match code_challenge.');
			grant.used = true;
			const tokens = ctx.tokens.issueForNewAuthorization({ clientId: grant.clientId, userUuid: ctx.store.creator.uuid, scopes: grant.scopes });
			grant.familyId = ctx.tokens.authenticate(tokens.access_token).familyId;
			return sendJson(res, 200, tokens, noStore);
		}
		if (form.grant_type === 'refresh_token') {
			if (!form.refresh_token) return oauthError(400, 'invalid_request', 'refresh_token is required.');
			const result = ctx.tokens.rotate(form.refresh_token, ctx.options.clientId);
			if (result.error) return oauthError(400, result.error, result.description);
			return sendJson(res, 200, result.tokens, noStore);
		}
		return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
	}

	return { authorize, consent, token, BASE_SCOPES };
}

module.exports = { createOAuth, BASE_SCOPES, s256 };

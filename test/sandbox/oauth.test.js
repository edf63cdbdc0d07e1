'use strict';
const { startSandbox, call, pkce, authorizeUrl, basic, tokenRequest, getCode, REDIRECT_URI, BASE_SCOPES } = require('./helpers');

describe('sandbox OAuth server', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 5, autoApprove: true, accessTokenTtlSeconds: 1 });
	});
	afterAll(() => sb.stop());

	const exchange = (code, verifier, extra = {}) => tokenRequest(sb, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, ...extra });

	test('full code + PKCE exchange returns the documented token response', async () => {
		const { verifier, challenge } = pkce();
		const code = await getCode(sb, challenge);
		const res = await exchange(code, verifier);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 1, token_type: 'Bearer', scope: `${BASE_SCOPES} read:self read:chat`, id_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]*$/) });
		const me = await call(sb, 'GET', '/users/me', { token: res.body.access_token });
		expect(me.status).toBe(200);
		expect(me.body.uuid).toBe(sb.creator.uuid);
	});

	test('redirect carries state; wrong PKCE verifier is refused with invalid_grant', async () => {
		const { challenge } = pkce();
		const res = await fetch(authorizeUrl(sb, { code_challenge: challenge }), { redirect: 'manual' });
		const loc = new URL(res.headers.get('location'));
		expect(loc.origin + loc.pathname).toBe(REDIRECT_URI);
		expect(loc.searchParams.get('state')).toBe('state-12345678');
		const bad = await exchange(loc.searchParams.get('code'), pkce().verifier);
		expect(bad.status).toBe(400);
		expect(bad.body.error).toBe('invalid_grant');
	});

	test('missing code_verifier and wrong redirect_uri are refused', async () => {
		const { verifier, challenge } = pkce();
		const code = await getCode(sb, challenge);
		expect((await tokenRequest(sb, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })).body.error).toBe('invalid_grant');
		const code2 = await getCode(sb, challenge);
		expect((await exchange(code2, verifier, { redirect_uri: 'http://127.0.0.1:1/other' })).body.error).toBe('invalid_grant');
	});

	test('plain PKCE method, missing PKCE, missing base scopes and disabled scopes are refused by redirect', async () => {
		const { challenge } = pkce();
		const errorOf = async (overrides) => {
			const res = await fetch(authorizeUrl(sb, { code_challenge: challenge, ...overrides }), { redirect: 'manual' });
			expect(res.status).toBe(302);
			const q = new URL(res.headers.get('location')).searchParams;
			expect(q.get('code')).toBeNull();
			return q.get('error');
		};
		expect(await errorOf({ code_challenge_method: 'plain' })).toBe('invalid_request');
		expect(await errorOf({ code_challenge: undefined, code_challenge_method: undefined })).toBe('invalid_request');
		expect(await errorOf({ scope: 'read:self read:chat' })).toBe('invalid_scope');
		expect(await errorOf({ scope: `${BASE_SCOPES} read:unknown` })).toBe('invalid_scope');
		expect(await errorOf({ response_type: 'token' })).toBe('unsupported_response_type');
	});

	test('invalid redirect_uri gets a 400 page, not a redirect', async () => {
		const res = await fetch(authorizeUrl(sb, { code_challenge: pkce().challenge, redirect_uri: 'https://evil.example.com/cb' }), { redirect: 'manual' });
		expect(res.status).toBe(400);
		expect(res.headers.get('location')).toBeNull();
		const rel = await fetch(authorizeUrl(sb, { code_challenge: pkce().challenge, redirect_uri: '/relative' }), { redirect: 'manual' });
		expect(rel.status).toBe(400);
	});

	test('a code is single-use', async () => {
		const { verifier, challenge } = pkce();
		const code = await getCode(sb, challenge);
		expect((await exchange(code, verifier)).status).toBe(200);
		const again = await exchange(code, verifier);
		expect(again.status).toBe(400);
		expect(again.body.error).toBe('invalid_grant');
	});

	test('client authentication: HTTP Basic required, body credentials and wrong secret refused', async () => {
		const { verifier, challenge } = pkce();
		const code = await getCode(sb, challenge);
		const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
		const noAuth = await tokenRequest(sb, form, { auth: null });
		expect(noAuth.status).toBe(401);
		expect(noAuth.body.error).toBe('invalid_client');
		const inBody = await tokenRequest(sb, { ...form, client_id: sb.clientId, client_secret: sb.clientSecret }, { auth: null });
		expect(inBody.status).toBe(401);
		expect(inBody.body.error).toBe('invalid_client');
		const wrong = await tokenRequest(sb, form, { auth: basic(sb.clientId, 'nope') });
		expect(wrong.status).toBe(401);
		// The code was not consumed by the refused attempts.
		expect((await tokenRequest(sb, form)).status).toBe(200);
	});

	test('refresh rotates; reusing a used refresh token revokes the whole family', async () => {
		const { verifier, challenge } = pkce();
		const first = (await exchange(await getCode(sb, challenge), verifier)).body;
		const second = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(second.status).toBe(200);
		expect(second.body.refresh_token).not.toBe(first.refresh_token);
		expect(second.body.access_token).not.toBe(first.access_token);
		expect((await call(sb, 'GET', '/users/me', { token: second.body.access_token })).status).toBe(200);

		const reuse = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(reuse.status).toBe(400);
		expect(reuse.body.error).toBe('invalid_grant');
		// The newer tokens of the same authorization die too.
		expect((await call(sb, 'GET', '/users/me', { token: second.body.access_token })).status).toBe(401);
		expect((await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: second.body.refresh_token })).body.error).toBe('invalid_grant');
	});

	test('access token expiry is honoured (ttl 1 s)', async () => {
		const { access_token } = sb.issueToken();
		expect((await call(sb, 'GET', '/users/me', { token: access_token })).status).toBe(200);
		await new Promise((r) => setTimeout(r, 1100));
		const res = await call(sb, 'GET', '/users/me', { token: access_token });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ error: 'Unauthorized' });
	});

	test('token endpoint wants form encoding and a known grant type', async () => {
		const json = await fetch(`${sb.url}/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: basic(sb.clientId, sb.clientSecret) }, body: '{}' });
		expect(json.status).toBe(400);
		expect((await tokenRequest(sb, { grant_type: 'client_credentials' })).body.error).toBe('unsupported_grant_type');
	});
});

describe('sandbox consent page (autoApprove off)', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 5, appScopes: ['read:self', 'read:chat'] });
	});
	afterAll(() => sb.stop());

	const challengeFrom = (html) => /name="consent_challenge" value="([^"]+)"/.exec(html)[1];
	const post = (body) => fetch(`${sb.url}/oauth2/auth/consent`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString(), redirect: 'manual' });

	test('shows the scopes; Approve redirects with code and state; Deny with access_denied', async () => {
		const { verifier, challenge } = pkce();
		const page = await fetch(authorizeUrl(sb, { code_challenge: challenge }), { redirect: 'manual' });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('read:chat');
		expect(html).toContain('Approve');
		const approved = await post({ consent_challenge: challengeFrom(html), decision: 'approve' });
		expect(approved.status).toBe(302);
		const q = new URL(approved.headers.get('location')).searchParams;
		expect(q.get('state')).toBe('state-12345678');
		const tokens = await tokenRequest(sb, { grant_type: 'authorization_code', code: q.get('code'), redirect_uri: REDIRECT_URI, code_verifier: verifier });
		expect(tokens.status).toBe(200);

		const html2 = await (await fetch(authorizeUrl(sb, { code_challenge: challenge }))).text();
		const denied = await post({ consent_challenge: challengeFrom(html2), decision: 'deny' });
		expect(new URL(denied.headers.get('location')).searchParams.get('error')).toBe('access_denied');
	});

	test('scopes not enabled for the app are refused', async () => {
		const res = await fetch(authorizeUrl(sb, { code_challenge: pkce().challenge, scope: `${BASE_SCOPES} read:self write:chat` }), { redirect: 'manual' });
		expect(new URL(res.headers.get('location')).searchParams.get('error')).toBe('invalid_scope');
	});
});

'use strict';
const { startSandbox, call } = require('./helpers');

describe('sandbox API rules', () => {
	let sb;
	let token;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 30 });
		token = sb.issueToken().access_token;
	});
	afterAll(() => sb.stop());
	afterEach(() => sb.clearFaults());

	test('cursor lists take the page-size name Fanvue documents for them, and refuse the other', async () => {
		// Fanvue's reference: insights take `size`, tracking links and chat media take `limit`.
		const fan = (await call(sb, 'GET', '/chats?page=1&size=1', { token })).body.data[0].user.uuid;
		for (const [path, right, wrong] of [
			['/insights/earnings', 'size', 'limit'],
			['/insights/subscribers', 'size', 'limit'],
			['/tracking-links', 'limit', 'size'],
			[`/chats/${fan}/media`, 'limit', 'size'],
		]) {
			const good = await call(sb, 'GET', `${path}?${right}=2`, { token });
			expect([path, good.status]).toEqual([path, 200]);
			expect(good.body.data.length).toBeLessThanOrEqual(2);
			const bad = await call(sb, 'GET', `${path}?${wrong}=2`, { token });
			expect([path, bad.status]).toEqual([path, 400]);
			expect(JSON.stringify(bad.body)).toContain(wrong);
		}
	});

	test('X-Fanvue-API-Version: missing/unknown 400 {error,message}, retired 410 with nextVersion', async () => {
		const missing = await call(sb, 'GET', '/users/me', { token, version: null });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({ error: 'Bad Request', message: expect.any(String) });
		const unknown = await call(sb, 'GET', '/users/me', { token, version: '2030-01-01' });
		expect(unknown.status).toBe(400);
		expect(unknown.body).toEqual({ error: 'Bad Request', message: expect.any(String) });
		const retired = await call(sb, 'GET', '/users/me', { token, version: '2024-01-01' });
		expect(retired.status).toBe(410);
		expect(retired.body).toEqual({ error: expect.any(String), message: expect.any(String), nextVersion: '2025-06-26' });
	});

	test('401 {error:"Unauthorized"} without or with a bad token', async () => {
		for (const t of [undefined, 'not-a-token']) {
			const res = await call(sb, 'GET', '/users/me', { token: t });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: 'Unauthorized' });
		}
	});

	test('403 names the missing scope', async () => {
		const readOnly = sb.issueToken({ scopes: ['openid', 'offline_access', 'offline', 'read:self', 'read:chat'] }).access_token;
		const fan = sb.store.fans.find((f) => f.status === 'subscriber' && f.hasChat);
		const res = await call(sb, 'POST', `/chats/${fan.uuid}/message`, { token: readOnly, body: { text: 'hi' } });
		expect(res.status).toBe(403);
		expect(res.body).toEqual({ error: 'Forbidden', message: 'Missing required scope: write:chat' });
		const fans = await call(sb, 'GET', '/subscribers', { token: readOnly });
		expect(fans.body.message).toBe('Missing required scope: read:fan');
	});

	test('unknown route 404 {message}; invalid uuid in path is a validation 400', async () => {
		const res = await call(sb, 'GET', '/nope', { token });
		expect(res.status).toBe(404);
		expect(res.body).toEqual({ message: expect.any(String) });
		const bad = await call(sb, 'GET', '/chats/not-a-uuid/messages', { token });
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0]).toEqual({ field: 'userUuid', message: expect.any(String) });
	});

	test('every API answer carries X-RateLimit-*; OAuth and control routes do not', async () => {
		for (const res of [await call(sb, 'GET', '/users/me', { token }), await call(sb, 'GET', '/users/me', { token, version: null }), await call(sb, 'GET', '/nope', { token })]) {
			expect(res.headers.get('x-ratelimit-limit')).toBe('200');
			expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
			expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
		}
		const control = await fetch(`${sb.url}/_sandbox/state`);
		expect(control.headers.get('x-ratelimit-limit')).toBeNull();
	});

	test('faults: errorRate 1 gives 5xx; failSends gives 503 on sends only; latency; storm', async () => {
		sb.setFaults({ errorRate: 1 });
		const res = await call(sb, 'GET', '/users/me', { token });
		expect([500, 502, 503]).toContain(res.status);
		expect(res.headers.get('x-ratelimit-limit')).toBe('200');
		// OAuth and control are unaffected.
		expect((await fetch(`${sb.url}/_sandbox/state`)).status).toBe(200);
		sb.clearFaults();

		const fan = sb.store.fans.find((f) => f.status === 'subscriber' && f.hasChat);
		await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ failSends: true, latencyMs: 50 }) });
		const t0 = Date.now();
		expect((await call(sb, 'POST', `/chats/${fan.uuid}/message`, { token, body: { text: 'hi' } })).status).toBe(503);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
		expect((await call(sb, 'POST', '/chats/mass-messages', { token, body: { text: 'hi', includedLists: { smartListUuids: ['subscribers'] } } })).status).toBe(503);
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(200);
		await fetch(`${sb.url}/_sandbox/faults`, { method: 'DELETE' });
		expect((await call(sb, 'POST', `/chats/${fan.uuid}/message`, { token, body: { text: 'hi' } })).status).toBe(201);

		sb.setFaults({ rateLimitStorm: 2 });
		const storm = await call(sb, 'GET', '/users/me', { token });
		expect(storm.status).toBe(429);
		expect(Number(storm.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	});

	test('faults: expireTokensEarly and dropConnections', async () => {
		const t = sb.issueToken().access_token;
		sb.setFaults({ expireTokensEarly: true });
		expect((await call(sb, 'GET', '/users/me', { token: t })).status).toBe(401);
		const fresh = sb.issueToken().access_token;
		expect((await call(sb, 'GET', '/users/me', { token: fresh })).status).toBe(200);
		sb.setFaults({ dropConnections: 1 });
		await expect(call(sb, 'GET', '/users/me', { token: fresh })).rejects.toThrow();
		token = fresh;
	});
});

describe('sandbox rate limit bucket', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 3, rateLimit: { capacity: 3, windowSeconds: 1.5 } });
	});
	afterAll(() => sb.stop());

	test('Remaining decrements, 4th request is 429 with Retry-After, bucket refills', async () => {
		const token = sb.issueToken().access_token;
		const remaining = [];
		for (let i = 0; i < 3; i++) {
			const res = await call(sb, 'GET', '/users/me', { token });
			expect(res.status).toBe(200);
			expect(res.headers.get('x-ratelimit-limit')).toBe('3');
			remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
		}
		expect(remaining).toEqual([2, 1, 0]);
		const limited = await call(sb, 'GET', '/users/me', { token });
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ error: 'Too Many Requests', message: expect.any(String) });
		// One token takes 0.5 s at 3 per 1.5 s: Retry-After rounds up to 1.
		expect(limited.headers.get('retry-after')).toBe('1');
		const reset = Number(limited.headers.get('x-ratelimit-reset'));
		const nowS = Date.now() / 1000;
		expect(reset).toBeGreaterThanOrEqual(Math.floor(nowS + 1));
		expect(reset).toBeLessThanOrEqual(Math.ceil(nowS + 1.6));
		await new Promise((r) => setTimeout(r, 600));
		const after = await call(sb, 'GET', '/users/me', { token });
		expect(after.status).toBe(200);
		expect(after.headers.get('x-ratelimit-remaining')).toBe('0');
	});

	test('buckets are per app + user: another authorization of the same user shares it', async () => {
		sb.resetRateLimits();
		const a = sb.issueToken().access_token;
		const b = sb.issueToken().access_token;
		await call(sb, 'GET', '/users/me', { token: a });
		const res = await call(sb, 'GET', '/users/me', { token: b });
		expect(res.headers.get('x-ratelimit-remaining')).toBe('1');
	});
});

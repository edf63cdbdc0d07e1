'use strict';
// The faults the chaos run (test/e2e/faults-chaos.test.ts) switches on through the control API:
// a share of random 5xx, recurring 429 storms, latency spikes, access tokens that die before
// expires_in, duplicate and out-of-order webhook deliveries; and the record of every token the
// sandbox issued (what the secrets grep looks for). The witness is always what a client sees
// over HTTP, never the fault object itself. The fault seed is in the describe title: a failure is
// replayed with FANVUE_FAULT_SEED=<it> (sandbox/README.md "Seeded faults").
const { startSandbox, call, startReceiver, waitFor, tokenRequest } = require('./helpers');
const { resolveFaultSeed } = require('../../sandbox');

const FAULT_SEED = resolveFaultSeed();

const setFaults = (sb, body) =>
	fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => ({
		status: res.status,
		body: await res.json(),
	}));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe(`sandbox faults for the chaos run (FANVUE_FAULT_SEED=${FAULT_SEED})`, () => {
	let sb;
	let token;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 30, faultSeed: FAULT_SEED, rateLimit: { capacity: 100000, windowSeconds: 60 } });
		token = sb.issueToken().access_token;
	});
	afterAll(() => sb.stop());
	afterEach(() => sb.clearFaults());

	test('errorRate 0.1: about one API answer in ten is a 500, 502 or 503, with rate-limit headers', async () => {
		expect((await setFaults(sb, { errorRate: 0.1 })).body.errorRate).toBe(0.1);
		const statuses = [];
		const headers = [];
		for (let i = 0; i < 400; i++) {
			const res = await call(sb, 'GET', '/users/me', { token });
			statuses.push(res.status);
			if (res.status >= 500) headers.push(res.headers.get('x-ratelimit-limit'));
		}
		const failed = statuses.filter((s) => s !== 200);
		expect(new Set(failed).size).toBeGreaterThan(0);
		expect(failed.every((s) => [500, 502, 503].includes(s))).toBe(true);
		// Binomial(400, 0.1): mean 40, sd 6; 15..70 is beyond 4 sd either side.
		expect(failed.length).toBeGreaterThanOrEqual(15);
		expect(failed.length).toBeLessThanOrEqual(70);
		expect(headers.every((h) => h === '100000')).toBe(true);
	});

	test('rateLimitStorms: 429 with Retry-After during the first seconds of each period, normal answers between', async () => {
		const set = await setFaults(sb, { rateLimitStorms: { everySeconds: 4, seconds: 2 } });
		expect(set.body.rateLimitStorms).toEqual({ everySeconds: 4, seconds: 2 });
		const inStorm = await call(sb, 'GET', '/users/me', { token });
		expect(inStorm.status).toBe(429);
		expect(inStorm.body).toEqual({ error: 'Too Many Requests', message: 'Rate limit exceeded' });
		expect(inStorm.headers.get('retry-after')).toBe('2');
		await sleep(2200); // past the storm, inside the calm 2 s
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(200);
		await sleep(2000); // the next period's storm
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(429);
		// OAuth is never faulted: a client can always refresh.
		const refreshed = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: sb.issueToken().refresh_token });
		expect(refreshed.status).toBe(200);
	});

	test('latencySpikes: the chosen share of answers waits the spike on top', async () => {
		await setFaults(sb, { latencySpikes: { rate: 1, ms: 400 } });
		const started = Date.now();
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(200);
		// A lower bound only: the answer cannot come before the injected wait.
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
		await setFaults(sb, { latencySpikes: { rate: 0, ms: 60_000 } });
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(200); // would hit jest's timeout if spiked
	});

	test('accessTokenLifetimeSeconds: tokens issued while it is on die early although expires_in says 3600; refresh still works', async () => {
		await setFaults(sb, { accessTokenLifetimeSeconds: 1 });
		const first = sb.issueToken();
		expect(first.expires_in).toBe(3600);
		expect((await call(sb, 'GET', '/users/me', { token: first.access_token })).status).toBe(200);
		await sleep(1100);
		expect((await call(sb, 'GET', '/users/me', { token: first.access_token })).status).toBe(401);
		const refreshed = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.expires_in).toBe(3600);
		expect((await call(sb, 'GET', '/users/me', { token: refreshed.body.access_token })).status).toBe(200);
		await sleep(1100);
		expect((await call(sb, 'GET', '/users/me', { token: refreshed.body.access_token })).status).toBe(401);
		// Tokens issued before the fault keep their lifetime.
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(200);
	});

	test('duplicateDeliveries 1: every delivery arrives twice, same body and delivery id', async () => {
		const rx = await startReceiver([200]);
		try {
			sb.configureWebhook({ url: rx.url, events: ['Message Received'] });
			await setFaults(sb, { duplicateDeliveries: 1 });
			const act = await sb.fanActs({ type: 'message', text: 'twice' });
			await waitFor(() => rx.received.length === 2);
			expect(rx.received[0].raw).toBe(rx.received[1].raw);
			expect(JSON.parse(rx.received[0].raw).messageUuid).toBe(act.payload.messageUuid);
			const ids = sb.deliveries().filter((d) => d.url === rx.url).map((d) => d.id);
			expect(ids).toEqual([ids[0], ids[0]]);
		} finally {
			sb.clearWebhooks();
			await rx.close();
		}
	});

	test('reorderDeliveriesMs: deliveries of events sent in order arrive in another order, none lost', async () => {
		const rx = await startReceiver([200]);
		try {
			sb.configureWebhook({ url: rx.url, events: ['Message Received'] });
			await setFaults(sb, { reorderDeliveriesMs: 500 });
			const texts = Array.from({ length: 10 }, (_, i) => `in order ${i}`);
			for (const text of texts) void sb.fanActs({ type: 'message', text });
			await waitFor(() => rx.received.length === 10, 5000);
			const arrived = rx.received.map((r) => JSON.parse(r.raw).message.text);
			expect([...arrived].sort()).toEqual(texts);
			// Ten random holds up to 500 ms keep the sent order with probability 1/10!.
			expect(arrived).not.toEqual(texts);
		} finally {
			sb.clearWebhooks();
			await rx.close();
		}
	});

	test('GET /_sandbox/tokens lists every access and refresh token issued, refreshed ones too', async () => {
		const issued = sb.issueToken();
		const refreshed = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: issued.refresh_token });
		const res = await fetch(`${sb.url}/_sandbox/tokens`);
		expect(res.status).toBe(200);
		const all = await res.json();
		expect(all.accessTokens).toEqual(expect.arrayContaining([token, issued.access_token, refreshed.body.access_token]));
		expect(all.refreshTokens).toEqual(expect.arrayContaining([issued.refresh_token, refreshed.body.refresh_token]));
	});

	test('the control API refuses bad values and DELETE clears every new fault', async () => {
		for (const bad of [
			{ latencySpikes: { rate: 2, ms: 10 } },
			{ rateLimitStorms: { everySeconds: 1, seconds: 1 } },
			{ accessTokenLifetimeSeconds: -1 },
			{ duplicateDeliveries: 1.5 },
			{ reorderDeliveriesMs: 'soon' },
		]) {
			expect((await setFaults(sb, bad)).status).toBe(400);
		}
		await setFaults(sb, { latencySpikes: { rate: 0.5, ms: 10 }, rateLimitStorms: { everySeconds: 10, seconds: 1 }, accessTokenLifetimeSeconds: 5, duplicateDeliveries: 0.2, reorderDeliveriesMs: 50 });
		await fetch(`${sb.url}/_sandbox/faults`, { method: 'DELETE' });
		const cleared = await (await fetch(`${sb.url}/_sandbox/faults`)).json();
		expect(cleared).toMatchObject({ latencySpikes: null, rateLimitStorms: null, accessTokenLifetimeSeconds: 0, duplicateDeliveries: 0, reorderDeliveriesMs: 0, rateLimitStormSecondsLeft: 0 });
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(200);
	});
});

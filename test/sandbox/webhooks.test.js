'use strict';
const crypto = require('node:crypto');
const { startSandbox, call, startReceiver, waitFor } = require('./helpers');

/** Independent verification, written here rather than imported from the sandbox. */
function verify(header, rawBody, secret) {
	const parts = header.split(',').map((p) => p.split('='));
	const t = parts.find(([k]) => k === 't')[1];
	const expected = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
	const sigs = parts.filter(([k]) => k === 'v0').map(([, v]) => v);
	return { t: Number(t), ok: sigs.some((s) => s.length === expected.length && crypto.timingSafeEqual(Buffer.from(s), Buffer.from(expected))), count: sigs.length };
}

describe('sandbox webhooks', () => {
	let sb;
	let rx;
	const secret = 'whsec_test_secret';
	beforeAll(async () => {
		sb = await startSandbox({ fans: 20, webhookRetry: { attempts: 3, baseDelayMs: 40 } });
		rx = await startReceiver([200]);
		sb.configureWebhook({ url: rx.url, events: ['Message Received', 'Message Read', 'New Follower', 'New Subscriber', 'Purchase Received', 'Tip Received', 'checkout_link.payment.succeeded'], signingSecret: secret });
	});
	afterAll(async () => {
		await sb.stop();
		await rx.close();
	});
	beforeEach(() => {
		rx.received.length = 0;
		sb.clearDeliveries();
	});

	test('Message Received: signed delivery, headers and the flat classic payload; message stored', async () => {
		const fan = sb.store.fans.find((f) => f.status === 'subscriber');
		const result = await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text: 'hello creator' });
		expect(result.event).toBe('Message Received');
		expect(rx.received).toHaveLength(1);
		const { headers, raw } = rx.received[0];
		expect(headers['content-type']).toBe('application/json');
		expect(headers['user-agent']).toBe('Fanvue-Webhooks/1.0');
		const v = verify(headers['x-fanvue-signature'], raw, secret);
		expect(v.ok).toBe(true);
		expect(Math.abs(v.t - Date.now() / 1000)).toBeLessThan(5);
		expect(verify(headers['x-fanvue-signature'], raw, 'wrong').ok).toBe(false);
		const body = JSON.parse(raw);
		expect(body).toEqual({
			message: { uuid: expect.any(String), text: 'hello creator', hasMedia: false, mediaUuids: [], price: null, createdAt: expect.any(String) },
			messageUuid: body.message.uuid,
			sender: { uuid: fan.uuid, handle: fan.handle, displayName: fan.displayName, avatarUrl: fan.avatarUrl },
			recipientUuid: sb.creator.uuid,
			isMuted: expect.any(Boolean),
			timestamp: expect.any(String),
		});
		expect(body).not.toHaveProperty('type');
		expect(sb.store.lastMessageOf(sb.store.chat(fan.uuid)).uuid).toBe(body.messageUuid);
		expect(result.deliveries[0]).toMatchObject({ url: rx.url, event: 'Message Received', attempt: 1, status: 200, body: raw, signatureHeader: headers['x-fanvue-signature'] });
	});

	test('classic payload shapes: read, subscribe, follow, tip, purchase; state changes', async () => {
		const follower = sb.store.fans.find((f) => f.status === 'follower');
		const sub = await sb.fanActs({ type: 'subscribe', fanUuid: follower.uuid, amountCents: 1299 });
		expect(sub.payload).toEqual({ price: 1299, recipientUuid: sb.creator.uuid, sender: { uuid: follower.uuid, handle: follower.handle, displayName: follower.displayName, avatarUrl: follower.avatarUrl }, timestamp: expect.any(String) });
		expect(follower.status).toBe('subscriber');

		const follow = await sb.fanActs({ type: 'follow' });
		expect(Object.keys(follow.payload).sort()).toEqual(['recipientUuid', 'sender', 'timestamp']);
		expect(sb.store.fan(follow.fanUuid).status).toBe('follower');

		const read = await sb.fanActs({ type: 'read', fanUuid: follower.uuid });
		expect(read.payload).toEqual({ counterpartUuid: follower.uuid, readMessagesCount: expect.any(Number), recipientUuid: sb.creator.uuid, timestamp: expect.any(String) });

		const tip = await sb.fanActs({ type: 'tip', fanUuid: follower.uuid, amountCents: 700 });
		expect(tip.payload).toEqual({ context: 'message', messageUuid: expect.any(String), price: 700, recipientUuid: sb.creator.uuid, senderUuid: follower.uuid, sender: expect.objectContaining({ uuid: follower.uuid }), timestamp: expect.any(String) });
		const postTip = await sb.fanActs({ type: 'tip', fanUuid: follower.uuid, context: 'post' });
		expect(postTip.payload).toMatchObject({ context: 'post', postUuid: expect.any(String), price: 500 });

		const purchase = await sb.fanActs({ type: 'purchase', fanUuid: follower.uuid, context: 'post', amountCents: 2500 });
		expect(purchase.payload).toEqual({ postUuid: expect.any(String), price: 2500, recipientUuid: sb.creator.uuid, sender: expect.objectContaining({ uuid: follower.uuid }), timestamp: expect.any(String) });
		expect(sb.store.earnings.some((e) => e.fanUuid === follower.uuid && e.source === 'tip' && e.gross === 700)).toBe(true);

		expect(rx.received.map((r) => verify(r.headers['x-fanvue-signature'], r.raw, secret).ok)).toEqual([true, true, true, true, true, true]);
	});

	test('message written by the creator account: sender is the creator (loop guard)', async () => {
		const res = await sb.fanActs({ type: 'message', asCreator: true, text: 'my own reply' });
		expect(res.payload.sender.uuid).toBe(sb.creator.uuid);
		expect(res.payload.recipientUuid).toBe(sb.creator.uuid);
	});

	test('checkout event: envelope with stable id, snake_case, minor units', async () => {
		const res = await sb.fanActs({ type: 'checkout', checkoutType: 'checkout_link.payment.succeeded', amountCents: 4999, duplicate: true });
		expect(res.payload).toEqual({ id: expect.stringMatching(/^evt_/), type: 'checkout_link.payment.succeeded', timestamp: expect.any(String), data: expect.objectContaining({ object: 'checkout_link_payment', amount: 4999, currency: 'usd', checkout_link_id: expect.any(String), created_at: expect.any(String) }) });
		expect(rx.received).toHaveLength(2);
		expect(rx.received[0].raw).toBe(rx.received[1].raw);
		expect(res.deliveries.map((d) => d.id)).toEqual([res.payload.id, res.payload.id]);
		// Not subscribed: no delivery.
		await sb.fanActs({ type: 'checkout', checkoutType: 'payout.paid' });
		expect(rx.received).toHaveLength(2);
	});

	test('rotation: a second secret adds a second v0', async () => {
		const rx2 = await startReceiver([200]);
		sb.configureWebhook({ url: rx2.url, events: ['Tip Received'], signingSecret: 'new-secret', secondarySigningSecret: 'old-secret' });
		await sb.fanActs({ type: 'tip' });
		const { headers, raw } = rx2.received[0];
		expect(headers['x-fanvue-signature']).toMatch(/^t=\d+,v0=[0-9a-f]{64},v0=[0-9a-f]{64}$/);
		expect(verify(headers['x-fanvue-signature'], raw, 'new-secret')).toMatchObject({ ok: true, count: 2 });
		expect(verify(headers['x-fanvue-signature'], raw, 'old-secret').ok).toBe(true);
		await rx2.close();
	});

	test('failed deliveries are retried with backoff, same body, fresh signature, every attempt recorded', async () => {
		const flaky = await startReceiver([500, 503, 200]);
		sb.configureWebhook({ url: flaky.url, events: ['New Follower'], signingSecret: 'flaky' });
		const res = await sb.fanActs({ type: 'follow' });
		expect(res.deliveries.find((d) => d.url === flaky.url).status).toBe(500);
		await waitFor(() => flaky.received.length === 3);
		const gaps = [flaky.received[1].at - flaky.received[0].at, flaky.received[2].at - flaky.received[1].at];
		expect(gaps[0]).toBeGreaterThanOrEqual(35); // 40 ms
		expect(gaps[1]).toBeGreaterThanOrEqual(75); // 80 ms
		expect(new Set(flaky.received.map((r) => r.raw)).size).toBe(1);
		for (const r of flaky.received) expect(verify(r.headers['x-fanvue-signature'], r.raw, 'flaky').ok).toBe(true);
		await waitFor(() => sb.deliveries().filter((d) => d.url === flaky.url).length === 3);
		const attempts = sb.deliveries().filter((d) => d.url === flaky.url);
		expect(attempts.map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 503], [3, 200]]);
		expect(new Set(attempts.map((d) => d.id)).size).toBe(1);
		await flaky.close();
	});

	test('connection errors are retried up to the attempt limit', async () => {
		const dead = await startReceiver([200]);
		const url = dead.url;
		await dead.close();
		sb.configureWebhook({ url, events: ['New Follower'] });
		await sb.fanActs({ type: 'follow' });
		// Retries are scheduled: the sandbox says deliveries are pending until the last attempt.
		expect(sb.pendingDeliveries()).toBeGreaterThan(0);
		await waitFor(() => sb.pendingDeliveries() === 0);
		const attempts = sb.deliveries().filter((d) => d.url === url);
		expect(attempts).toHaveLength(3);
		expect(attempts.every((d) => d.status === null && d.error)).toBe(true);
		// Each attempt's record says which retry it scheduled (40 ms, then 80 ms); the third one
		// scheduled none, so no fourth attempt can follow (nothing to wait for).
		expect(attempts.map((d) => [d.attempt, d.nextRetryInMs])).toEqual([
			[1, 40],
			[2, 80],
			[3, undefined],
		]);
	});

	test('control API: fan-acts, deliveries, webhooks config, requests, state, tokens', async () => {
		const post = (path, body) => fetch(sb.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		const act = await post('/_sandbox/fan-acts', { type: 'message', text: 'via control' });
		expect(act.status).toBe(200);
		const actBody = await act.json();
		expect(actBody).toMatchObject({ event: 'Message Received', payload: { message: { text: 'via control' } } });
		expect((await post('/_sandbox/fan-acts', { type: 'dance' })).status).toBe(400);
		const deliveries = await (await fetch(`${sb.url}/_sandbox/deliveries`)).json();
		expect(deliveries.length).toBeGreaterThan(0);
		expect((await post('/_sandbox/webhooks', { url: 'ftp://x', events: ['Nope'] })).status).toBe(400);
		const tok = await (await post('/_sandbox/tokens', { scopes: ['read:self'] })).json();
		expect(tok).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer', scope: 'read:self' });
		await fetch(`${sb.url}/_sandbox/requests`, { method: 'DELETE' });
		await call(sb, 'GET', '/users/me?x=1', { token: tok.access_token });
		const reqs = await (await fetch(`${sb.url}/_sandbox/requests`)).json();
		expect(reqs).toEqual([expect.objectContaining({ method: 'GET', path: '/users/me', query: { x: '1' }, status: 200, at: expect.any(String) })]);
		expect(reqs[0].headers['x-fanvue-api-version']).toBe('2025-06-26');
		const state = await (await fetch(`${sb.url}/_sandbox/state`)).json();
		expect(state).toMatchObject({ fans: expect.any(Number), subscribers: expect.any(Number), followers: expect.any(Number), chats: expect.any(Number), messages: expect.any(Number), sentMessages: expect.any(Number) });
	});
});

describe('sandbox webhook subscriptions API', () => {
	let sb;
	let token;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 10, webhookRetry: { attempts: 1, baseDelayMs: 10 } });
		token = sb.issueToken().access_token;
	});
	afterAll(() => sb.stop());

	test('create returns the secret once; list omits it; deliveries use platform types; delete', async () => {
		const rx = await startReceiver([200]);
		const created = await call(sb, 'POST', '/webhooks/subscriptions', { token, body: { url: rx.url, events: ['message.received', 'tip.new'] } });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ uuid: expect.any(String), url: rx.url, events: ['message.received', 'tip.new'], signingSecret: expect.any(String), createdAt: expect.any(String) });
		const list = await call(sb, 'GET', '/webhooks/subscriptions', { token });
		expect(list.body).toEqual({ data: [{ uuid: created.body.uuid, url: rx.url, events: ['message.received', 'tip.new'], createdAt: created.body.createdAt }] });

		await sb.fanActs({ type: 'message', text: 'to the subscription' });
		await sb.fanActs({ type: 'follow' }); // not subscribed
		expect(rx.received).toHaveLength(1);
		expect(verify(rx.received[0].headers['x-fanvue-signature'], rx.received[0].raw, created.body.signingSecret).ok).toBe(true);
		expect(JSON.parse(rx.received[0].raw).message.text).toBe('to the subscription');
		expect(sb.deliveries()[0].event).toBe('message.received');

		expect((await call(sb, 'DELETE', `/webhooks/subscriptions/${created.body.uuid}`, { token })).status).toBe(204);
		expect((await call(sb, 'DELETE', `/webhooks/subscriptions/${created.body.uuid}`, { token })).status).toBe(404);
		expect((await call(sb, 'GET', '/webhooks/subscriptions', { token })).body).toEqual({ data: [] });
		await sb.fanActs({ type: 'message' });
		expect(rx.received).toHaveLength(1);
		await rx.close();
	});

	test('validation 400 {errors}; 403 without read:creator', async () => {
		const bad = await call(sb, 'POST', '/webhooks/subscriptions', { token, body: { url: 'not a url', events: ['Message Received'] } });
		expect(bad.status).toBe(400);
		expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['events', 'url']);
		const noScope = sb.issueToken({ scopes: ['openid', 'offline_access', 'offline', 'read:self', 'read:chat'] }).access_token;
		const res = await call(sb, 'POST', '/webhooks/subscriptions', { token: noScope, body: { url: 'http://127.0.0.1:1/x', events: ['tip.new'] } });
		expect(res.status).toBe(403);
		expect(res.body.message).toBe('Missing required scope: read:creator');
		expect((await call(sb, 'GET', '/webhooks/subscriptions', { token: noScope })).status).toBe(403);
	});

	test('only this client sees its subscriptions', async () => {
		await call(sb, 'POST', '/webhooks/subscriptions', { token, body: { url: 'http://127.0.0.1:1/a', events: ['follow.new'] } });
		sb.store.webhookSubscriptions.forEach((s) => {
			s.clientId = 'another-client';
		});
		expect((await call(sb, 'GET', '/webhooks/subscriptions', { token })).body.data).toEqual([]);
	});

	test('webhookSubscriptionsApi:false answers 400 {error, message}', async () => {
		const off = await startSandbox({ fans: 2, webhookSubscriptionsApi: false });
		const res = await call(off, 'POST', '/webhooks/subscriptions', { token: off.issueToken().access_token, body: { url: 'http://127.0.0.1:1/x', events: ['tip.new'] } });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'Bad Request', message: 'Webhook subscriptions are not available for this app' });
		await off.stop();
	});
});

// webhook() end to end in n8n-core's real WebhookContext (see harness.ts), against nock.
import { createHmac } from 'node:crypto';

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { API, CREDENTIAL_ID, clockMovesOn, createTrigger } from './harness';
import { CREATOR, FAN, MESSAGE, TS, classic, envelopes, sender } from './fixtures';
import { forbidAnyRequest, useNock } from '../../helpers/nock';
import { forgetOwnAccounts } from '../../../nodes/FanvueTrigger/ownAccount';
import { SNAPSHOT_MAX_AGE_MS, forgetCredentialSnapshots } from '../../../nodes/FanvueTrigger/credentialSnapshot';
import { recordTooManyRequests } from '../../../nodes/Fanvue/transport/rateLimit';
import { sealSecret } from '../../../nodes/FanvueTrigger/sealedSecret';
import { useVirtualRateLimitClock } from '../../helpers/virtual-rate-limit-clock';

const SECRET = 'whsec_credential_secret';
const REGISTERED_SECRET = 'whsec_registered_secret';

function signed(payload: unknown, secret = SECRET, t = Math.floor(Date.now() / 1000)) {
	const rawBody = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
	const v0 = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${t}.`), rawBody])).digest('hex');
	return { rawBody, headers: { 'X-Fanvue-Signature': `t=${t},v0=${v0}`, 'Content-Type': 'application/json' } };
}

/** Manual registration with the credential's secret; the connected user is already known. */
const manual = (parameters: Record<string, unknown> = {}, staticData: IDataObject = { ownUserUuid: CREATOR }) =>
	createTrigger({
		parameters: { registration: 'manual', events: ['message.received'], ...parameters } as never,
		credential: { webhookSigningSecret: SECRET },
		staticData,
	});

useNock();
beforeEach(() => {
	forgetOwnAccounts();
	forgetCredentialSnapshots();
});
afterEach(() => jest.restoreAllMocks());

/** An OpenID id_token as Fanvue returns it with a connection (only its `sub` is read). */
const idTokenFor = (sub: string) =>
	`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, iss: 'fanvue' })).toString('base64url')}.`;

describe('accepted deliveries', () => {
	test('a valid Message Received starts the workflow with the normalized item', async () => {
		const delivery = await manual().deliver(signed(classic.messageReceived));
		expect(delivery.status).toBeUndefined(); // n8n answers 200 itself (responseMode onReceived)…
		expect(delivery.result.noWebhookResponse).toBeUndefined();
		expect(delivery.result.webhookResponse).toEqual({ received: true }); // …with this body
		const items = delivery.result.workflowData?.[0] ?? [];
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			event: 'message.received',
			eventId: `message.received:${MESSAGE}`,
			creatorUuid: CREATOR,
			fan: sender,
			message: { uuid: MESSAGE, text: 'Hi there!' },
			raw: classic.messageReceived,
		});
	});

	test('checkout envelope with the secret from automatic registration', async () => {
		const trigger = createTrigger({
			parameters: { events: ['checkout.payment.succeeded'] } as never,
			// Sealed with the harness credential's client secret, as create() stores it.
			staticData: { subscriptionUuid: 'sub-1', signingSecret: sealSecret(REGISTERED_SECRET, 'client-secret') },
		});
		const delivery = await trigger.deliver(signed(envelopes.paymentSucceeded, REGISTERED_SECRET));
		expect(delivery.result.workflowData?.[0][0].json).toMatchObject({ event: 'checkout.payment.succeeded', eventId: 'evt_pay_1', amountCents: 1999 });
	});

	test('one endpoint, several events: each delivery is inferred', async () => {
		const trigger = manual({ events: ['tip.received', 'subscriber.new', 'follower.new'] });
		for (const [payload, event] of [
			[classic.tipPost, 'tip.received'],
			[classic.newSubscriber, 'subscriber.new'],
			[classic.newFollower, 'follower.new'],
		] as const) {
			const delivery = await trigger.deliver(signed(payload));
			expect(delivery.result.workflowData?.[0][0].json.event).toBe(event);
		}
	});
});

describe('refused deliveries', () => {
	test('bad signature → 401, no execution', async () => {
		const delivery = await manual().deliver(signed(classic.messageReceived, 'another-secret'));
		expect(delivery.status).toBe(401);
		expect(delivery.result).toEqual({ noWebhookResponse: true });
	});

	test('tampered body → 401', async () => {
		const { headers } = signed(classic.messageReceived);
		const rawBody = Buffer.from(JSON.stringify({ ...classic.messageReceived, isMuted: true }));
		const delivery = await manual().deliver({ rawBody, headers });
		expect(delivery.status).toBe(401);
		expect(delivery.result.workflowData).toBeUndefined();
	});

	test('stale signature → 401; a wider Signature Tolerance accepts it', async () => {
		const old = signed(classic.messageReceived, SECRET, Math.floor(Date.now() / 1000) - 3600);
		expect((await manual().deliver(old)).status).toBe(401);
		const tolerant = await manual({ options: { signatureTolerance: 7200 } }).deliver(old);
		expect(tolerant.result.workflowData?.[0]).toHaveLength(1);
	});

	test('missing header → 401', async () => {
		const delivery = await manual().deliver({ rawBody: JSON.stringify(classic.messageReceived) });
		expect(delivery.status).toBe(401);
	});

	test('no secret anywhere → 401 even with a well-formed signature', async () => {
		const trigger = createTrigger({ parameters: { registration: 'manual', events: ['message.received'] } as never });
		const delivery = await trigger.deliver(signed(classic.messageReceived));
		expect(delivery.status).toBe(401);
		expect(delivery.responseBody).toMatchObject({ message: expect.stringMatching(/signing secret/i) });
		expect(delivery.result.workflowData).toBeUndefined();
	});

	test('a registered secret is not used in manual mode', async () => {
		const trigger = createTrigger({
			parameters: { registration: 'manual', events: ['message.received'] } as never,
			staticData: { signingSecret: sealSecret(REGISTERED_SECRET, 'client-secret'), ownUserUuid: CREATOR },
		});
		expect((await trigger.deliver(signed(classic.messageReceived, REGISTERED_SECRET))).status).toBe(401);
	});

	test('a body over 1 MiB → 413 before the signature is checked, even when signed', async () => {
		const big = { ...classic.messageReceived, padding: 'x'.repeat(1024 * 1024) };
		const delivery = await manual().deliver(signed(big));
		expect(delivery.status).toBe(413);
		expect(delivery.result).toEqual({ noWebhookResponse: true });
		// The same size unsigned: 413 as well, no HMAC over the megabyte.
		expect((await manual().deliver({ rawBody: JSON.stringify(big) })).status).toBe(413);
		// Just under the limit it is an ordinary delivery.
		const fits = { ...classic.messageReceived, padding: 'x'.repeat(1024 * 1024 - JSON.stringify(classic.messageReceived).length - 20) };
		expect((await manual().deliver(signed(fits))).result.workflowData?.[0]).toHaveLength(1);
	});

	test('a signed JSON body declared as another content type → 400; charset and no content type are fine', async () => {
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'text/html', 'application/octet-stream']) {
			const { rawBody, headers } = signed(classic.messageReceived);
			const delivery = await manual().deliver({ rawBody, headers: { ...headers, 'Content-Type': contentType } });
			expect(delivery.status).toBe(400);
			expect(delivery.responseBody).toEqual({ error: 'bad_request', message: 'Fanvue deliveries are sent as application/json' });
			expect(delivery.result.workflowData).toBeUndefined();
		}
		const { rawBody, headers } = signed(classic.messageReceived);
		const withCharset = await manual().deliver({ rawBody, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
		expect(withCharset.result.workflowData?.[0]).toHaveLength(1);
		const { 'Content-Type': _dropped, ...withoutType } = headers;
		expect((await manual().deliver({ rawBody, headers: withoutType })).result.workflowData?.[0]).toHaveLength(1);
	});

	test('the registered secret opens only with the client secret it was sealed with; one in clear from 0.1.0 still verifies', async () => {
		const automaticWith = (signingSecret: string, clientSecret = 'client-secret') =>
			createTrigger({
				parameters: { events: ['message.received'] } as never,
				credential: { clientSecret },
				staticData: { subscriptionUuid: 'sub-1', signingSecret, ownUserUuid: CREATOR },
			});
		const delivery = signed(classic.messageReceived, REGISTERED_SECRET);
		expect((await automaticWith(sealSecret(REGISTERED_SECRET, 'client-secret')).deliver(delivery)).result.workflowData?.[0]).toHaveLength(1);
		// The credential's client secret changed since the registration (seen once the trigger's
		// snapshot of the credential has aged out): the sealed secret cannot be read.
		clockMovesOn(SNAPSHOT_MAX_AGE_MS);
		expect((await automaticWith(sealSecret(REGISTERED_SECRET, 'client-secret'), 'another-client-secret').deliver(signed(classic.messageReceived, REGISTERED_SECRET))).status).toBe(401);
		clockMovesOn(SNAPSHOT_MAX_AGE_MS);
		// In clear, as 0.1.0 stored it: still verifies (an upgrade must not turn Fanvue's deliveries
		// away); the next publish seals it (registration.test.ts, checkExists).
		expect((await automaticWith(REGISTERED_SECRET).deliver(delivery)).result.workflowData?.[0]).toHaveLength(1);
	});

	test('body that is not JSON → 400 (after the signature check)', async () => {
		const delivery = await manual().deliver(signed('this is not json'));
		expect(delivery.status).toBe(400);
		expect(delivery.result).toEqual({ noWebhookResponse: true });
		expect((await manual().deliver(signed('[1,2,3]'))).status).toBe(400);
	});
});

describe('acknowledged without an execution', () => {
	test('an event that is not selected → 200, no workflowData', async () => {
		const delivery = await manual().deliver(signed(classic.tipPost));
		expect(delivery.status).toBe(200);
		expect(delivery.result).toEqual({ noWebhookResponse: true });
	});

	test('an unrecognized payload → 200', async () => {
		const delivery = await manual().deliver(signed({ hello: 'world' }));
		expect(delivery.status).toBe(200);
		expect(delivery.result.workflowData).toBeUndefined();
	});

	test("own message (sender = creator) is ignored by default, emitted when Ignore Own Messages is off", async () => {
		const own = { ...classic.messageReceived, sender: { ...sender, uuid: CREATOR } };
		const ignored = await manual().deliver(signed(own));
		expect(ignored.status).toBe(200);
		expect(ignored.responseBody).toMatchObject({ ignored: 'own message' });
		const kept = await manual({ options: { ignoreOwnMessages: false } }).deliver(signed(own));
		expect(kept.result.workflowData?.[0]).toHaveLength(1);
	});

	test('message sent by the connected account (GET /users/me) is ignored, and the uuid is cached', async () => {
		const agent = 'e0000000-0000-4000-8000-00000000000a';
		const me = nock(API, { reqheaders: { authorization: 'Bearer token-abc', 'x-fanvue-api-version': '2025-06-26' } })
			.get('/users/me')
			.once()
			.reply(200, { uuid: agent, handle: 'agency' });
		const trigger = manual({}, {});
		const fromAgent = { ...classic.messageReceived, sender: { ...sender, uuid: agent } };
		expect((await trigger.deliver(signed(fromAgent))).responseBody).toMatchObject({ ignored: 'own message' });
		expect(trigger.staticData().ownUserUuid).toBe(agent);
		// Second delivery: no second GET /users/me (nock would fail on an unexpected request).
		const fromFan = await trigger.deliver(signed(classic.messageReceived));
		expect(fromFan.result.workflowData?.[0]).toHaveLength(1);
		expect(me.isDone()).toBe(true);
	});

	test('muted fan ignored only when Ignore Muted Fans is on', async () => {
		const muted = { ...classic.messageReceived, isMuted: true };
		expect((await manual().deliver(signed(muted))).result.workflowData?.[0]).toHaveLength(1);
		const ignored = await manual({ options: { ignoreMutedFans: true } }).deliver(signed(muted));
		expect(ignored.status).toBe(200);
		expect(ignored.responseBody).toMatchObject({ ignored: 'muted fan' });
	});
});

describe('options', () => {
	test('Skip Signature Verification accepts unsigned deliveries', async () => {
		const trigger = createTrigger({
			parameters: { registration: 'manual', events: ['message.received'], skipSignatureVerification: true } as never,
			staticData: { ownUserUuid: CREATOR },
		});
		const delivery = await trigger.deliver({ rawBody: JSON.stringify(classic.messageReceived) });
		expect(delivery.result.workflowData?.[0][0].json.event).toBe('message.received');
	});

	test('Fetch Full Message looks the message up without marking the chat read', async () => {
		const scope = nock(API, { reqheaders: { authorization: 'Bearer token-abc', 'x-fanvue-api-version': '2025-06-26' } })
			.get(`/chats/${FAN}/messages`)
			.query({ markAsRead: 'false', page: '1', size: '50' })
			.reply(200, {
				data: [
					{ uuid: 'other', text: 'older' },
					{ uuid: MESSAGE, text: 'The full text', sentAt: TS, hasMedia: false, sender: { uuid: FAN, handle: 'fan_one' }, pricing: null },
				],
				pagination: { page: 1, size: 50, hasMore: false },
			});
		const trigger = manual({ options: { fetchFullMessage: true } });
		const delivery = await trigger.deliver(signed(envelopes.creatorMessage));
		expect(delivery.result.workflowData?.[0][0].json).toMatchObject({
			event: 'message.received',
			eventId: 'evt_msg_1',
			fan: { uuid: FAN, handle: 'fan_one' },
			message: { uuid: MESSAGE, text: 'The full text', hasMedia: false, createdAt: TS },
		});
		expect(scope.isDone()).toBe(true);
	});

	test('without Fetch Full Message an ids-only event is emitted as is', async () => {
		const delivery = await manual().deliver(signed(envelopes.creatorMessage));
		expect(delivery.result.workflowData?.[0][0].json).toMatchObject({ message: { uuid: MESSAGE, text: null } });
	});
});

describe('the loop guard follows the connected account', () => {
	const ACCOUNT_A = 'e0000000-0000-4000-8000-00000000000a';
	const ACCOUNT_B = 'e0000000-0000-4000-8000-00000000000b';

	test('after reconnecting the credential to another account, its uuid is read again', async () => {
		const me = nock(API).get('/users/me').once().reply(200, { uuid: ACCOUNT_B, handle: 'account_b' });
		const trigger = createTrigger({
			parameters: { registration: 'manual', events: ['message.received'] } as never,
			// The credential now holds account B's connection; static data still remembers account A.
			credential: {
				webhookSigningSecret: SECRET,
				oauthTokenData: { access_token: 'token-abc', token_type: 'Bearer', id_token: idTokenFor('sub-account-b') },
			},
			staticData: { ownUserUuid: ACCOUNT_A, ownUserAccount: 'sub-account-a' },
		});
		const fromB = { ...classic.messageReceived, sender: { ...sender, uuid: ACCOUNT_B } };
		expect((await trigger.deliver(signed(fromB))).responseBody).toEqual({ received: true, ignored: 'own message' });
		expect(me.isDone()).toBe(true);
		expect(trigger.staticData()).toMatchObject({ ownUserUuid: ACCOUNT_B, ownUserAccount: 'sub-account-b' });
	});

	test('also what this process remembered: a reconnected credential is read again', async () => {
		const connectedAs = (account: string) =>
			createTrigger({
				parameters: { registration: 'manual', events: ['message.received'] } as never,
				credential: {
					webhookSigningSecret: SECRET,
					oauthTokenData: { access_token: 'token-abc', token_type: 'Bearer', id_token: idTokenFor(account) },
				},
			});
		nock(API).get('/users/me').once().reply(200, { uuid: ACCOUNT_A });
		nock(API).get('/users/me').once().reply(200, { uuid: ACCOUNT_B });
		const fromB = { ...classic.messageReceived, sender: { ...sender, uuid: ACCOUNT_B } };
		// Connected as A: B is a fan like any other.
		expect((await connectedAs('sub-account-a').deliver(signed(fromB))).result.workflowData?.[0]).toHaveLength(1);
		// The same credential reconnected as B (another workflow, so no static data), seen once the
		// trigger's snapshot of the credential has aged out: B's own message.
		clockMovesOn(SNAPSHOT_MAX_AGE_MS);
		expect((await connectedAs('sub-account-b').deliver(signed(fromB))).responseBody).toEqual({ received: true, ignored: 'own message' });
	});

	test('publishing learns the connected account, so no delivery has to look it up', async () => {
		nock(API).get('/users/me').once().reply(200, { uuid: ACCOUNT_A, handle: 'account_a' });
		const trigger = manual({}, {});
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(trigger.hook())).resolves.toBe(true);
		expect(trigger.staticData()).toMatchObject({ ownUserUuid: ACCOUNT_A });
		forgetOwnAccounts(); // another n8n process (the webhook process in queue mode) knows only static data
		const attempts = forbidAnyRequest();
		const fromA = { ...classic.messageReceived, sender: { ...sender, uuid: ACCOUNT_A } };
		expect((await trigger.deliver(signed(fromA))).responseBody).toEqual({ received: true, ignored: 'own message' });
		expect((await trigger.deliver(signed(classic.messageReceived))).result.workflowData?.[0]).toHaveLength(1);
		expect(attempts).toEqual([]);
	});

	test('a failed look-up on publish does not stop the publish: the first delivery looks it up', async () => {
		nock(API).get('/users/me').once().reply(503, { message: 'Service Unavailable' });
		const trigger = manual({}, {});
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(trigger.hook())).resolves.toBe(true);
		expect(trigger.staticData().ownUserUuid).toBeUndefined();
		nock(API).get('/users/me').once().reply(200, { uuid: ACCOUNT_A });
		expect((await trigger.deliver(signed(classic.messageReceived))).result.workflowData?.[0]).toHaveLength(1);
		expect(trigger.staticData()).toMatchObject({ ownUserUuid: ACCOUNT_A });
	});

	test('a burst of deliveries to a trigger that does not know its account yet shares one look-up', async () => {
		const me = nock(API).get('/users/me').once().delay(200).reply(200, { uuid: ACCOUNT_A });
		const trigger = manual({}, {});
		const answers = await Promise.all(Array.from({ length: 10 }, () => trigger.deliver(signed(classic.messageReceived))));
		expect(answers.map((a) => a.result.workflowData?.[0]?.length)).toEqual(Array(10).fill(1));
		expect(me.isDone()).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test("a look-up right after a reconnect files the uuid under the account it was read for, not the snapshot's", async () => {
		const connectedAs = (account: string, staticData: IDataObject) =>
			createTrigger({
				parameters: { registration: 'manual', events: ['message.received'] } as never,
				credential: {
					webhookSigningSecret: SECRET,
					oauthTokenData: { access_token: 'token-abc', token_type: 'Bearer', id_token: idTokenFor(account) },
				},
				staticData,
			});
		// A delivery while connected as A: the trigger's snapshot of the credential says A.
		expect((await connectedAs('sub-account-a', { ownUserUuid: ACCOUNT_A, ownUserAccount: 'sub-account-a' }).deliver(signed(classic.messageReceived))).result.workflowData?.[0]).toHaveLength(1);
		// Reconnected as B within the snapshot's 10 s, and nothing known (a fresh publish elsewhere): the look-up answers B.
		nock(API).get('/users/me').once().reply(200, { uuid: ACCOUNT_B });
		const afterReconnect = connectedAs('sub-account-b', {});
		await afterReconnect.deliver(signed(classic.messageReceived));
		expect(afterReconnect.staticData()).toMatchObject({ ownUserUuid: ACCOUNT_B, ownUserAccount: 'sub-account-b' });
	});

	test('the same account is not read again', async () => {
		const trigger = createTrigger({
			parameters: { registration: 'manual', events: ['message.received'] } as never,
			credential: {
				webhookSigningSecret: SECRET,
				oauthTokenData: { access_token: 'token-abc', token_type: 'Bearer', id_token: idTokenFor('sub-account-a') },
			},
			staticData: { ownUserUuid: ACCOUNT_A, ownUserAccount: 'sub-account-a' },
		});
		const attempts = forbidAnyRequest();
		const fromA = { ...classic.messageReceived, sender: { ...sender, uuid: ACCOUNT_A } };
		expect((await trigger.deliver(signed(fromA))).responseBody).toEqual({ received: true, ignored: 'own message' });
		expect(attempts).toEqual([]);
	});
});

/**
 * Fanvue waits for the answer to a delivery (and redelivers when it waits too long), so the
 * API calls the trigger makes meanwhile get one short deadline (1.5 s) and no retries. The
 * issue asks for the answer within 2 s. What that stands for is checked without a clock: with
 * the exhausted bucket saying "wait 120 s" (what the calls did before) the rate limiter makes no
 * wait at all (its clock is virtual: every wait it would make is recorded) and nothing is sent;
 * a look-up Fanvue does not answer is given up at the deadline, not answered late. How long an
 * answer takes is measured by the benchmarks, not asserted by a test.
 */
describe('answered at once when Fanvue cannot help in time', () => {
	const clock = useVirtualRateLimitClock(Date.parse(TS));
	const exhaustBucket = () => recordTooManyRequests(CREDENTIAL_ID, { 'retry-after': '120' });

	test('empty bucket, Fetch Full Message: emitted at once without the text, saying it was not enriched', async () => {
		exhaustBucket();
		const attempts = forbidAnyRequest();
		const trigger = manual({ options: { fetchFullMessage: true } });
		const delivery = await trigger.deliver(signed(envelopes.creatorMessage));
		expect(clock.waits).toEqual([]); // no wait for the bucket, however short
		expect(attempts).toEqual([]); // the rate limiter knew: nothing was sent into a full bucket
		expect(delivery.result.workflowData?.[0][0].json).toMatchObject({
			event: 'message.received',
			message: { uuid: MESSAGE, text: null },
			notEnriched: ['message'],
		});
	});

	test('Fanvue does not answer the look-up: it is cut at the deadline, the item emitted', async () => {
		// The answer would come after 10 s with the text: without the deadline the item would carry it.
		nock(API)
			.get(`/chats/${FAN}/messages`)
			.query(true)
			.delay(10_000)
			.reply(200, { data: [{ uuid: MESSAGE, text: 'too late' }] });
		const trigger = manual({ options: { fetchFullMessage: true } });
		// n8n's logger is one object for every context: count only this test's warnings.
		const warn = jest.spyOn(trigger.hook().logger, 'warn').mockClear();
		const delivery = await trigger.deliver(signed(envelopes.creatorMessage));
		expect(delivery.result.workflowData?.[0][0].json).toMatchObject({ message: { text: null }, notEnriched: ['message'] });
		// Given up because the deadline passed without an answer (not refused, not retried).
		expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
			`Fanvue Trigger could not fetch message ${MESSAGE}: GET /chats/${FAN}/messages was given up: Fanvue did not answer in time`,
		]);
		expect(clock.waits).toEqual([]);
		nock.abortPendingRequests(); // the reply that never came: drop its timer
	});

	test('a failed look-up is not retried: one 503, then the item goes on without the text', async () => {
		nock(API).get(`/chats/${FAN}/messages`).query(true).once().reply(503, { message: 'busy' });
		const retries = forbidAnyRequest();
		const delivery = await manual({ options: { fetchFullMessage: true } }).deliver(signed(envelopes.creatorMessage));
		expect(retries).toEqual([]);
		expect(delivery.result.workflowData?.[0][0].json).toMatchObject({ message: { text: null }, notEnriched: ['message'] });
	});

	test('empty bucket and the connected account not known yet: 503 at once, so Fanvue delivers it again', async () => {
		exhaustBucket();
		const attempts = forbidAnyRequest();
		const delivery = await manual({}, {}).deliver(signed(classic.messageReceived));
		expect(clock.waits).toEqual([]);
		expect(attempts).toEqual([]);
		expect(delivery.status).toBe(503);
		expect(delivery.result).toEqual({ noWebhookResponse: true }); // no execution: it may be the account's own message
		expect(delivery.responseBody).toMatchObject({ received: false });
	});

	test('a delivery that needs no look-up is not held up by an empty bucket', async () => {
		exhaustBucket();
		const delivery = await manual({ options: { fetchFullMessage: true } }).deliver(signed(classic.messageReceived));
		expect(delivery.result.workflowData?.[0][0].json).toMatchObject({ message: { text: 'Hi there!' }, notEnriched: [] });
	});
});

// The webhook lifecycle (checkExists / create / delete) in n8n-core's real HookContext, with
// every request pinned by nock: method, path, headers, body.
import { createHmac } from 'node:crypto';
import nock from 'nock';
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { API, WEBHOOK_URL, createTrigger } from './harness';
import { useNock } from '../../helpers/nock';
import { sealSecret, unsealSecret } from '../../../nodes/FanvueTrigger/sealedSecret';

/** What the static data holds instead of the secret: sealed, and the harness credential's client secret opens it. */
const sealed = (secret: string) => ({
	asymmetricMatch: (stored: unknown) => typeof stored === 'string' && !stored.includes(secret) && unsealSecret(stored, 'client-secret') === secret,
	toString: () => `sealed(${secret})`,
});

const HEADERS = {
	authorization: 'Bearer token-abc',
	'x-fanvue-api-version': '2025-06-26',
};
const SUB_UUID = '9d0f6a1e-1111-4222-8333-444455556666';

/** The connected account, as an earlier publish learnt it (see "the connected account" below). */
const KNOWN_ACCOUNT = { ownUserUuid: 'c0000000-0000-4000-8000-000000000001' };

const automatic = (staticData?: IDataObject, events = ['message.received', 'tip.received', 'checkout.payment.succeeded']) =>
	createTrigger({ parameters: { registration: 'automatic', events } as never, staticData: { ...KNOWN_ACCOUNT, ...staticData } });

useNock();

describe('create', () => {
	test('POST /webhooks/subscriptions with the URL and platform event names; stores uuid and secret', async () => {
		let sentBody: unknown;
		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.reply(200, { data: [{ uuid: 'other', url: 'https://elsewhere.test/hook', events: ['message.received'] }] });
		nock(API, { reqheaders: { ...HEADERS, 'content-type': /application\/json/ } })
			.post('/webhooks/subscriptions', (body) => {
				sentBody = body;
				return true;
			})
			.reply(201, {
				uuid: SUB_UUID,
				url: WEBHOOK_URL,
				events: ['message.received', 'tip.new', 'checkout_link.payment.succeeded'],
				signingSecret: 'whsec_new',
				createdAt: '2026-11-30T10:00:00.000Z',
			});
		const trigger = automatic();
		await expect(trigger.nodeType.webhookMethods.default.create.call(trigger.hook())).resolves.toBe(true);
		expect(sentBody).toEqual({
			url: WEBHOOK_URL,
			events: ['message.received', 'tip.new', 'checkout_link.payment.succeeded'],
		});
		expect(trigger.staticData()).toMatchObject({
			subscriptionUuid: SUB_UUID,
			signingSecret: sealed('whsec_new'),
			subscribedUrl: WEBHOOK_URL,
			subscribedEvents: ['message.received', 'tip.new', 'checkout_link.payment.succeeded'],
		});
	});

	test('reads every page of the subscription list before subscribing, so none for this URL is missed', async () => {
		const ON_PAGE_2 = 'cccccccc-1111-4222-8333-444455556666';
		const ON_CURSOR_PAGE = 'dddddddd-1111-4222-8333-444455556666';
		const deleted: string[] = [];
		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.query((q) => Object.keys(q).length === 0)
			.reply(200, { data: [{ uuid: 'other-1', url: 'https://elsewhere.test/a' }, { uuid: 'other-2', url: 'https://elsewhere.test/b' }], pagination: { page: 1, size: 2, hasMore: true } });
		// Page 2 of size 2 starts at the third subscription: the size must stay the one page 1 had.
		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.query({ page: '2', size: '2' })
			.reply(200, { data: [{ uuid: ON_PAGE_2, url: WEBHOOK_URL }], pagination: { page: 2, size: 2, hasMore: false }, nextCursor: 'after-page-2' });
		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.query({ cursor: 'after-page-2' })
			.reply(200, { data: [{ uuid: ON_CURSOR_PAGE, url: WEBHOOK_URL }], nextCursor: null });
		nock(API, { reqheaders: HEADERS })
			.delete(/\/webhooks\/subscriptions\/.+/)
			.times(2)
			.reply(204, (uri) => {
				deleted.push(uri.split('/').pop()!);
				return '';
			});
		nock(API).post('/webhooks/subscriptions').reply(201, { uuid: SUB_UUID, url: WEBHOOK_URL, events: ['message.received'], signingSecret: 'whsec_new' });
		const trigger = automatic();
		await expect(trigger.nodeType.webhookMethods.default.create.call(trigger.hook())).resolves.toBe(true);
		expect(deleted.sort()).toEqual([ON_PAGE_2, ON_CURSOR_PAGE].sort());
	});

	test('first deletes every subscription for this URL and the one last stored: their secrets are not held', async () => {
		const OLD_URL_SUB = 'aaaaaaaa-1111-4222-8333-444455556666';
		const SAME_URL_SUB = 'bbbbbbbb-1111-4222-8333-444455556666';
		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.reply(200, {
				data: [
					{ uuid: OLD_URL_SUB, url: 'https://old-host.test/webhook/x/webhook', events: ['message.received'] },
					{ uuid: SAME_URL_SUB, url: WEBHOOK_URL, events: ['message.received'] },
					{ uuid: 'other', url: 'https://elsewhere.test/hook', events: ['message.received'] },
				],
			});
		const deleted: string[] = [];
		nock(API, { reqheaders: HEADERS })
			.delete(/\/webhooks\/subscriptions\/.+/)
			.times(2)
			.reply((uri) => {
				deleted.push(uri.split('/').pop() as string);
				return [204];
			});
		nock(API, { reqheaders: HEADERS })
			.post('/webhooks/subscriptions')
			.reply(201, { uuid: SUB_UUID, url: WEBHOOK_URL, events: ['message.received'], signingSecret: 'whsec_new' });
		const trigger = automatic({ subscriptionUuid: OLD_URL_SUB, signingSecret: 'whsec_old' }, ['message.received']);
		await expect(trigger.nodeType.webhookMethods.default.create.call(trigger.hook())).resolves.toBe(true);
		expect(deleted.sort()).toEqual([OLD_URL_SUB, SAME_URL_SUB].sort());
		expect(trigger.staticData()).toMatchObject({ subscriptionUuid: SUB_UUID, signingSecret: sealed('whsec_new') });
	});

	test('400 (app cannot subscribe): the error says so and explains the manual setup', async () => {
		nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(200, { data: [] });
		nock(API, { reqheaders: HEADERS })
			.post('/webhooks/subscriptions')
			.reply(400, { error: 'Bad Request', message: 'Webhook subscriptions are not available for this app' });
		const trigger = automatic();
		const error = (await trigger.nodeType.webhookMethods.default.create.call(trigger.hook()).catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toMatch(/refused to register the webhook automatically \(HTTP 400\)/);
		expect(error.message).toMatch(/not available for this app/);
		// n8n 1.x shows only the description: Fanvue's words are there too.
		expect(error.description).toMatch(/^Fanvue rejected the request: Webhook subscriptions are not available for this app\./);
		expect(error.description).toMatch(/"Registration" to "Manual"/);
		expect(error.description).toMatch(/Events tab/);
		expect(error.description).toMatch(/Webhook Signing Secret/);
		expect(error.httpCode).toBe('400');
		expect(trigger.staticData().subscriptionUuid).toBeUndefined();
	});

	test('403 (no read:creator): the error names the scope and the credential feature', async () => {
		// The listing that comes first needs the same scope: it is refused, and nothing is posted.
		nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(403, { error: 'Forbidden', message: 'Missing scope read:creator' });
		const trigger = automatic();
		const error = (await trigger.nodeType.webhookMethods.default.create.call(trigger.hook()).catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toMatch(/refused to register the webhook automatically \(HTTP 403\)/);
		expect(error.description).toMatch(/read:creator/);
		expect(error.description).toMatch(/Webhook Auto-Registration/);
		expect(error.description).toMatch(/Manual/);
	});

	describe('refused, with a Webhook Signing Secret pasted in the credential (the webhook was set up by hand)', () => {
		const PASTED = 'whsec_pasted_by_hand';
		const withPastedSecret = (staticData?: IDataObject) =>
			createTrigger({
				parameters: { registration: 'automatic', events: ['subscriber.new'] } as never,
				credential: { webhookSigningSecret: PASTED },
				staticData: { ...KNOWN_ACCOUNT, ...staticData },
			});
		const signedBy = (secret: string, payload: unknown) => {
			const rawBody = Buffer.from(JSON.stringify(payload));
			const t = Math.floor(Date.now() / 1000);
			const v0 = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
			return { rawBody, headers: { 'X-Fanvue-Signature': `t=${t},v0=${v0}`, 'Content-Type': 'application/json' } };
		};
		const newSubscriber = { price: 999, recipientUuid: KNOWN_ACCOUNT.ownUserUuid, sender: { uuid: 'f0000000-0000-4000-8000-000000000001', handle: 'fan' }, timestamp: '2026-11-30T10:00:00.000Z' };

		test.each([
			['400 on subscribing', () => {
				nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(200, { data: [] });
				nock(API, { reqheaders: HEADERS }).post('/webhooks/subscriptions').reply(400, { error: 'Bad Request', message: 'Webhook subscriptions are not available for this app' });
			}],
			['403 on listing', () => {
				nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(403, { error: 'Forbidden', message: 'Missing scope read:creator' });
			}],
			['404 on listing', () => {
				nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(404, { message: 'Not Found' });
			}],
		])('%s: publishing goes on as with Registration "Manual", says so in the log, and deliveries signed with the pasted secret start the workflow', async (_, refuse) => {
			refuse();
			const trigger = withPastedSecret();
			const hook = trigger.hook();
			// n8n's logger is one object for every context: count only this test's warnings.
			const warn = jest.spyOn(hook.logger, 'warn').mockClear();
			await expect(trigger.nodeType.webhookMethods.default.create.call(hook)).resolves.toBe(true);
			expect(nock.pendingMocks()).toEqual([]);
			expect(trigger.staticData().subscriptionUuid).toBeUndefined();
			expect(warn).toHaveBeenCalledTimes(1);
			expect(String(warn.mock.calls[0][0])).toMatch(/refused to register the webhook automatically \(HTTP 40[034]\)/);
			expect(String(warn.mock.calls[0][0])).toMatch(/Webhook Signing Secret/);
			expect(String(warn.mock.calls[0][0])).not.toContain(PASTED);

			const accepted = await trigger.deliver(signedBy(PASTED, newSubscriber));
			expect(accepted.result.webhookResponse).toEqual({ received: true });
			expect(accepted.result.workflowData?.[0]).toHaveLength(1);
			const forged = await trigger.deliver(signedBy('whsec_someone_else', newSubscriber));
			expect(forged.status).toBe(401);
			expect(forged.result.workflowData).toBeUndefined();
		});

		test('a subscription stored earlier, now refused on listing: it is forgotten, its secret no longer trusted, the warning names it', async () => {
			nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').times(2).reply(403, { error: 'Forbidden', message: 'Missing scope read:creator' });
			const trigger = withPastedSecret({ subscriptionUuid: SUB_UUID, signingSecret: sealSecret('whsec_old', 'client-secret') });
			await expect(trigger.nodeType.webhookMethods.default.checkExists.call(trigger.hook())).resolves.toBe(false);
			const hook = trigger.hook();
			const warn = jest.spyOn(hook.logger, 'warn').mockClear();
			await expect(trigger.nodeType.webhookMethods.default.create.call(hook)).resolves.toBe(true);
			expect(nock.pendingMocks()).toEqual([]);
			expect(trigger.staticData().subscriptionUuid).toBeUndefined();
			expect(trigger.staticData().signingSecret).toBeUndefined();
			expect(String(warn.mock.calls[0][0])).toContain(SUB_UUID);
			expect(String(warn.mock.calls[0][0])).toMatch(/Registration to "Manual"/);
			expect(String(warn.mock.calls[0][0])).not.toContain('whsec_old');

			expect((await trigger.deliver(signedBy('whsec_old', newSubscriber))).status).toBe(401);
			expect((await trigger.deliver(signedBy(PASTED, newSubscriber))).result.webhookResponse).toEqual({ received: true });
		});

		test('a secret of blanks is no secret: publishing fails with the manual steps', async () => {
			nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(403, { error: 'Forbidden', message: 'Missing scope read:creator' });
			const trigger = createTrigger({
				parameters: { registration: 'automatic', events: ['subscriber.new'] } as never,
				credential: { webhookSigningSecret: '   ' },
				staticData: KNOWN_ACCOUNT,
			});
			await expect(trigger.nodeType.webhookMethods.default.create.call(trigger.hook())).rejects.toThrow(/"Registration" to "Manual"/);
		});

		test('a failure that is not a refusal (500) still stops the publishing', async () => {
			nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(200, { data: [] });
			nock(API, { reqheaders: HEADERS }).post('/webhooks/subscriptions').reply(500, { error: 'Internal Server Error' });
			const trigger = withPastedSecret();
			await expect(trigger.nodeType.webhookMethods.default.create.call(trigger.hook())).rejects.toThrow();
		});
	});

	test('manual mode registers nothing', async () => {
		const trigger = createTrigger({ parameters: { registration: 'manual', events: ['message.received'] } as never, staticData: KNOWN_ACCOUNT });
		const hook = trigger.hook();
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(hook)).resolves.toBe(true);
		await expect(trigger.nodeType.webhookMethods.default.create.call(hook)).resolves.toBe(true);
		await expect(trigger.nodeType.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
	});
});

describe('checkExists', () => {
	const stored = {
		subscriptionUuid: SUB_UUID,
		signingSecret: 'whsec_stored',
		subscribedUrl: WEBHOOK_URL,
		subscribedEvents: ['message.received', 'tip.new', 'checkout_link.payment.succeeded'],
	};

	test('false without stored subscription (no request)', async () => {
		const trigger = automatic();
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(trigger.hook())).resolves.toBe(false);
	});

	test('true when Fanvue still lists it with this URL and these events', async () => {
		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.reply(200, {
				data: [
					{ uuid: 'other', url: 'https://elsewhere.test/hook', events: ['message.received'], createdAt: 'x' },
					{ uuid: SUB_UUID, url: WEBHOOK_URL, events: ['checkout_link.payment.succeeded', 'message.received', 'tip.new'], createdAt: 'x' },
				],
			});
		const trigger = automatic(stored);
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(trigger.hook())).resolves.toBe(true);
		// Stored in clear (as 0.1.0 did): sealed in place under the credential's client secret.
		expect(String(trigger.staticData().signingSecret)).toMatch(/^sealed:v1:/);
		expect(unsealSecret(trigger.staticData().signingSecret as string, 'client-secret')).toBe('whsec_stored');
	});

	test('false when the secret was sealed under another client secret (n8n then registers again)', async () => {
		const trigger = automatic({ ...stored, signingSecret: sealSecret('whsec_stored', 'the-old-client-secret') });
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(trigger.hook())).resolves.toBe(false);
	});

	test('true, and other subscriptions for this URL are deleted (nobody holds their secrets)', async () => {
		const ORPHAN = 'cccccccc-1111-4222-8333-444455556666';
		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.reply(200, {
				data: [
					{ uuid: ORPHAN, url: WEBHOOK_URL, events: stored.subscribedEvents },
					{ uuid: SUB_UUID, url: WEBHOOK_URL, events: stored.subscribedEvents },
				],
			});
		const removed = nock(API, { reqheaders: HEADERS }).delete(`/webhooks/subscriptions/${ORPHAN}`).reply(204);
		const trigger = automatic(stored);
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(trigger.hook())).resolves.toBe(true);
		expect(removed.isDone()).toBe(true);
		expect(trigger.staticData().subscriptionUuid).toBe(SUB_UUID);
	});

	test('false when Fanvue no longer lists it, or lists it for another URL (create then replaces it)', async () => {
		nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(200, { data: [] });
		const gone = automatic(stored);
		await expect(gone.nodeType.webhookMethods.default.checkExists.call(gone.hook())).resolves.toBe(false);

		nock(API, { reqheaders: HEADERS })
			.get('/webhooks/subscriptions')
			.reply(200, { data: [{ uuid: SUB_UUID, url: 'https://old.test/webhook', events: stored.subscribedEvents }] });
		const moved = automatic(stored);
		await expect(moved.nodeType.webhookMethods.default.checkExists.call(moved.hook())).resolves.toBe(false);
	});

	test('a changed event selection replaces the subscription (old one deleted, new one made)', async () => {
		const listed = { data: [{ uuid: SUB_UUID, url: WEBHOOK_URL, events: ['message.received'] }] };
		nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').times(2).reply(200, listed);
		nock(API, { reqheaders: HEADERS }).delete(`/webhooks/subscriptions/${SUB_UUID}`).reply(204);
		nock(API, { reqheaders: HEADERS })
			.post('/webhooks/subscriptions')
			.reply(201, { uuid: 'new-sub', url: WEBHOOK_URL, events: stored.subscribedEvents, signingSecret: 'whsec_new' });
		const trigger = automatic(stored);
		const hook = trigger.hook();
		await expect(trigger.nodeType.webhookMethods.default.checkExists.call(hook)).resolves.toBe(false);
		await expect(trigger.nodeType.webhookMethods.default.create.call(hook)).resolves.toBe(true);
		expect(trigger.staticData()).toMatchObject({ subscriptionUuid: 'new-sub', signingSecret: sealed('whsec_new') });
	});
});

describe('delete', () => {
	test('DELETE /webhooks/subscriptions/{uuid} and clear static data', async () => {
		const scope = nock(API, { reqheaders: HEADERS }).delete(`/webhooks/subscriptions/${SUB_UUID}`).reply(204);
		const trigger = automatic({ subscriptionUuid: SUB_UUID, signingSecret: 's', subscribedUrl: WEBHOOK_URL, ownUserUuid: 'me' });
		await expect(trigger.nodeType.webhookMethods.default.delete.call(trigger.hook())).resolves.toBe(true);
		expect(scope.isDone()).toBe(true);
		expect(trigger.staticData()).toEqual({ ownUserUuid: 'me' });
	});

	test('a 404 counts as deleted', async () => {
		nock(API, { reqheaders: HEADERS }).delete(`/webhooks/subscriptions/${SUB_UUID}`).reply(404, { message: 'Webhook subscription not found' });
		const trigger = automatic({ subscriptionUuid: SUB_UUID, signingSecret: 's' });
		await expect(trigger.nodeType.webhookMethods.default.delete.call(trigger.hook())).resolves.toBe(true);
		expect(trigger.staticData().subscriptionUuid).toBeUndefined();
	});

	test('other failures do not stop the unpublishing (n8n 1.x would keep the URL taken); the subscription is kept for the next create to delete', async () => {
		nock(API, { reqheaders: HEADERS }).delete(`/webhooks/subscriptions/${SUB_UUID}`).reply(500, { message: 'boom' });
		const trigger = automatic({ subscriptionUuid: SUB_UUID, signingSecret: 's' });
		await expect(trigger.nodeType.webhookMethods.default.delete.call(trigger.hook())).resolves.toBe(true);
		expect(trigger.staticData().subscriptionUuid).toBe(SUB_UUID);

		// Published again: the kept subscription is deleted before a new one is made.
		const deleted: string[] = [];
		nock(API, { reqheaders: HEADERS }).get('/webhooks/subscriptions').reply(200, { data: [{ uuid: SUB_UUID, url: WEBHOOK_URL }] });
		nock(API, { reqheaders: HEADERS })
			.delete(`/webhooks/subscriptions/${SUB_UUID}`)
			.reply(204, () => {
				deleted.push(SUB_UUID);
				return '';
			});
		nock(API).post('/webhooks/subscriptions').reply(201, { uuid: 'eeeeeeee-1111-4222-8333-444455556666', url: WEBHOOK_URL, signingSecret: 'whsec_2' });
		await expect(trigger.nodeType.webhookMethods.default.create.call(trigger.hook())).resolves.toBe(true);
		expect(deleted).toEqual([SUB_UUID]);
	});

	test('nothing stored: nothing sent', async () => {
		const trigger = automatic();
		await expect(trigger.nodeType.webhookMethods.default.delete.call(trigger.hook())).resolves.toBe(true);
	});

	test('a subscription left from automatic mode is removed even after switching to manual', async () => {
		nock(API, { reqheaders: HEADERS }).delete(`/webhooks/subscriptions/${SUB_UUID}`).reply(204);
		const trigger = createTrigger({
			parameters: { registration: 'manual', events: ['message.received'] } as never,
			staticData: { subscriptionUuid: SUB_UUID, signingSecret: 's' },
		});
		await expect(trigger.nodeType.webhookMethods.default.delete.call(trigger.hook())).resolves.toBe(true);
	});
});

import type { IDataObject } from 'n8n-workflow';

import { FANVUE_EVENTS, subscriptionEventsFor } from '../../../nodes/FanvueTrigger/events';
import {
	detectEvent,
	inferClassicEvent,
	isOwnMessage,
	mergeFetchedMessage,
	needsFullMessage,
	normalizeEvent,
	toIsoTime,
} from '../../../nodes/FanvueTrigger/normalize';
import { CREATOR, ENVELOPE_TYPES, FAN, MESSAGE, POST, ROUTE, TS, classic, envelopes, sender } from './fixtures';

const normalize = (payload: IDataObject) => {
	const detected = detectEvent(payload);
	if (!detected.event) throw new Error('not recognized');
	return normalizeEvent(payload, { ...detected, event: detected.event });
};

const FIELDS = [
	'event',
	'eventId',
	'format',
	'occurredAt',
	'creatorUuid',
	'fan',
	'message',
	'amountCents',
	'currency',
	'context',
	'postUuid',
	'messageUuid',
	'routeUuid',
	'isMuted',
	'readMessagesCount',
	'checkout',
	'notEnriched',
	'raw',
].sort();

describe('event inference: classic payloads (no type field)', () => {
	test.each([
		['Message Received', classic.messageReceived, 'message.received'],
		['Message Read', classic.messageRead, 'message.read'],
		['New Subscriber', classic.newSubscriber, 'subscriber.new'],
		['New Follower', classic.newFollower, 'follower.new'],
		['Purchase Received (post)', classic.purchasePost, 'purchase.received'],
		['Purchase Received (message route)', classic.purchaseMessage, 'purchase.received'],
		['Tip Received (post)', classic.tipPost, 'tip.received'],
		['Tip Received (message)', classic.tipMessage, 'tip.received'],
	])('%s', (_label, payload, event) => {
		expect(inferClassicEvent(payload as IDataObject)).toBe(event);
		expect(detectEvent(payload as IDataObject)).toEqual({ event, format: 'classic' });
	});

	test('a New Subscriber with price null (a free subscription) is a subscriber, not a follower', () => {
		expect(inferClassicEvent({ ...classic.newSubscriber, price: null })).toBe('subscriber.new');
		expect(normalize({ ...classic.newSubscriber, price: null })).toMatchObject({ event: 'subscriber.new', amountCents: null, fan: sender });
	});

	test('senderUuid does not decide tip or purchase: a tip names its context, a purchase its post or route', () => {
		// Fanvue's tip payload with and without senderUuid: still a tip.
		const { senderUuid: _post, ...tipPost } = classic.tipPost;
		expect(inferClassicEvent(tipPost)).toBe('tip.received');
		const { senderUuid: _message, context: _context, ...tipMessage } = classic.tipMessage;
		expect(inferClassicEvent(tipMessage)).toBe('tip.received'); // a priced messageUuid is a tipped message
		// Fanvue's purchase payloads, also naming the sender by senderUuid: still purchases.
		expect(inferClassicEvent({ ...classic.purchasePost, senderUuid: FAN })).toBe('purchase.received');
		expect(inferClassicEvent({ ...classic.purchaseMessage, senderUuid: FAN })).toBe('purchase.received');
	});

	test('unknown shapes are not guessed', () => {
		expect(inferClassicEvent({})).toBeUndefined();
		expect(inferClassicEvent({ hello: 'world' })).toBeUndefined();
		expect(inferClassicEvent({ recipientUuid: CREATOR })).toBeUndefined();
	});
});

describe('event inference: envelopes', () => {
	test.each(ENVELOPE_TYPES)('%s → %s', (type, event) => {
		expect(detectEvent({ id: 'evt_1', type, timestamp: TS, data: {} })).toEqual({ event, format: 'envelope', type });
	});

	test('an unknown type is reported as such', () => {
		expect(detectEvent({ id: 'evt', type: 'something.else', data: {} })).toEqual({
			event: undefined,
			format: 'envelope',
			type: 'something.else',
		});
	});

	test('every offered event maps from its subscription name', () => {
		for (const definition of FANVUE_EVENTS) {
			expect(detectEvent({ id: 'x', type: definition.subscription, data: {} }).event).toBe(definition.value);
		}
	});
});

describe('normalization', () => {
	test('every item has the same field names', () => {
		for (const payload of [...Object.values(classic), ...Object.values(envelopes)]) {
			expect(Object.keys(normalize(payload as IDataObject)).sort()).toEqual(FIELDS);
		}
	});

	test('Message Received', () => {
		expect(normalize(classic.messageReceived)).toEqual({
			event: 'message.received',
			eventId: `message.received:${MESSAGE}`,
			format: 'classic',
			occurredAt: TS,
			creatorUuid: CREATOR,
			fan: sender,
			message: {
				uuid: MESSAGE,
				text: 'Hi there!',
				hasMedia: true,
				mediaUuids: ['m-1', 'm-2'],
				priceCents: null,
				createdAt: TS,
			},
			amountCents: null,
			currency: null,
			context: null,
			postUuid: null,
			messageUuid: MESSAGE,
			routeUuid: null,
			isMuted: false,
			readMessagesCount: null,
			checkout: null,
			notEnriched: [],
			raw: classic.messageReceived,
		});
	});

	test('Message Read: the fan is the counterpart', () => {
		const item = normalize(classic.messageRead);
		expect(item).toMatchObject({
			event: 'message.read',
			creatorUuid: CREATOR,
			fan: { uuid: FAN, handle: null, displayName: null, avatarUrl: null },
			message: null,
			amountCents: null,
			readMessagesCount: 3,
			occurredAt: TS,
		});
		// A fixed vector, not payloadHash(): the SHA-256 of the payload's canonical JSON (keys
		// sorted, no spaces), computed once outside the implementation:
		// printf '%s' '{"counterpartUuid":"f0000000-0000-4000-8000-000000000002","readMessagesCount":3,"recipientUuid":"c0000000-0000-4000-8000-000000000001","timestamp":"2026-11-30T10:00:00.000Z"}' | sha256sum
		// (the same with node -e "require('crypto').createHash('sha256').update('…').digest('hex')").
		expect(item.eventId).toBe('message.read:6286a15cafbbf583fb6bb24c278470468e01d113e88d0b56b61135eff8a00e8a');
	});

	test('New Subscriber, New Follower', () => {
		expect(normalize(classic.newSubscriber)).toMatchObject({
			event: 'subscriber.new',
			fan: sender,
			creatorUuid: CREATOR,
			amountCents: 999,
			message: null,
			postUuid: null,
		});
		expect(normalize(classic.newFollower)).toMatchObject({
			event: 'follower.new',
			fan: sender,
			creatorUuid: CREATOR,
			amountCents: null,
		});
	});

	test('Purchase and Tip', () => {
		expect(normalize(classic.purchasePost)).toMatchObject({ event: 'purchase.received', postUuid: POST, routeUuid: null, amountCents: 1500, fan: sender });
		expect(normalize(classic.purchaseMessage)).toMatchObject({ event: 'purchase.received', postUuid: null, routeUuid: ROUTE, amountCents: 1200 });
		expect(normalize(classic.tipPost)).toMatchObject({ event: 'tip.received', context: 'post', postUuid: POST, amountCents: 500, fan: sender });
		expect(normalize(classic.tipMessage)).toMatchObject({
			event: 'tip.received',
			context: 'message',
			messageUuid: MESSAGE,
			message: null,
			amountCents: 700,
		});
	});

	test('classic event ids are deterministic (same payload, same id; key order does not matter)', () => {
		const reordered = JSON.parse(JSON.stringify({ timestamp: TS, sender, recipientUuid: CREATOR, price: 999 }));
		expect(normalize(reordered).eventId).toBe(normalize(classic.newSubscriber).eventId);
		expect(normalize({ ...classic.newSubscriber, price: 1000 }).eventId).not.toBe(normalize(classic.newSubscriber).eventId);
	});

	test('a New Subscriber id hashes creator, fan and price (fixed vector)', () => {
		// printf '%s' '{"amountCents":999,"creatorUuid":"c0000000-…-000000000001","fanUuid":"f0000000-…-000000000002"}' | sha256sum
		expect(normalize(classic.newSubscriber).eventId).toBe(
			'subscriber.new:4a52ccd1acbd30f8b6b29a7b765ba5844354877abb91549325b138abdde66e85',
		);
	});

	const redelivered = (payload: IDataObject) => ({ ...payload, timestamp: '2026-11-30T10:07:31.000Z' });
	test.each([
		['New Subscriber', classic.newSubscriber],
		['New Follower', classic.newFollower],
		['Tip Received (post)', classic.tipPost],
		['Tip Received (message)', classic.tipMessage],
		['Purchase Received (post)', classic.purchasePost],
		['Purchase Received (message route)', classic.purchaseMessage],
	])('%s: a redelivery with a new timestamp (and a refreshed display name) keeps the id', (_label, payload) => {
		const again = { ...redelivered(payload), sender: { ...sender, displayName: 'Fan One ✨', avatarUrl: null } };
		expect(normalize(again).eventId).toBe(normalize(payload).eventId);
	});

	test('what tells events apart still does: another fan, creator, amount, post or message', () => {
		const OTHER = 'a1111111-0000-4000-8000-000000000009';
		const ids = [
			classic.newSubscriber,
			{ ...classic.newSubscriber, sender: { ...sender, uuid: OTHER } },
			{ ...classic.newSubscriber, recipientUuid: OTHER },
			classic.newFollower,
			{ ...classic.newFollower, sender: { ...sender, uuid: OTHER } },
			classic.tipPost,
			{ ...classic.tipPost, price: 501 },
			{ ...classic.tipPost, postUuid: OTHER },
			classic.tipMessage,
			{ ...classic.tipMessage, messageUuid: OTHER },
			classic.purchasePost,
			{ ...classic.purchasePost, postUuid: OTHER },
			classic.purchaseMessage,
			{ ...classic.purchaseMessage, routeUuid: OTHER },
		].map((payload) => normalize(payload as IDataObject).eventId);
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('a Message Read has only its time to tell two reads apart, so its id keeps the timestamp', () => {
		expect(normalize(redelivered(classic.messageRead)).eventId).not.toBe(normalize(classic.messageRead).eventId);
		// Fixed vector as in 'Message Read: the fan is the counterpart', with timestamp 2026-11-30T10:07:31.000Z:
		// printf '%s' '{"counterpartUuid":"f0000000-0000-4000-8000-000000000002","readMessagesCount":3,"recipientUuid":"c0000000-0000-4000-8000-000000000001","timestamp":"2026-11-30T10:07:31.000Z"}' | sha256sum
		expect(normalize(redelivered(classic.messageRead)).eventId).toBe(
			'message.read:d728f7f048fd1536d8e06125323f092147c06c39d79506f80ae225ee97113980',
		);
	});

	test('checkout payment envelope', () => {
		expect(normalize(envelopes.paymentSucceeded)).toEqual({
			event: 'checkout.payment.succeeded',
			eventId: 'evt_pay_1',
			format: 'envelope',
			occurredAt: TS,
			creatorUuid: CREATOR,
			fan: { uuid: FAN, handle: null, displayName: null, avatarUrl: null },
			message: null,
			amountCents: 1999,
			currency: 'usd',
			context: null,
			postUuid: null,
			messageUuid: null,
			routeUuid: null,
			isMuted: null,
			readMessagesCount: null,
			checkout: {
				object: 'checkout_link_payment',
				id: 'clp_1',
				checkoutLinkId: 'cl_1',
				paymentId: null,
				status: 'succeeded',
				reason: null,
				cancelAtPeriodEnd: null,
				currentPeriodEnd: null,
				arrivalDate: null,
			},
			notEnriched: [],
			raw: envelopes.paymentSucceeded,
		});
	});

	test('subscription, refund, dispute and payout envelopes', () => {
		expect(normalize(envelopes.subscriptionCancelChanged)).toMatchObject({
			event: 'checkout.subscription.cancel_at_period_end_changed',
			eventId: 'evt_sub_1',
			amountCents: 999,
			checkout: { cancelAtPeriodEnd: true, currentPeriodEnd: '2026-12-30T10:00:00.000Z', status: 'active' },
		});
		expect(normalize(envelopes.refund)).toMatchObject({
			event: 'refund.created',
			eventId: 'evt_re_1',
			fan: { uuid: FAN },
			creatorUuid: null,
			checkout: { object: 'refund', paymentId: 'clp_1', reason: 'requested_by_customer' },
		});
		expect(normalize(envelopes.dispute)).toMatchObject({ event: 'dispute.created', checkout: { status: 'needs_response', reason: 'fraudulent' } });
		expect(normalize(envelopes.payout)).toMatchObject({
			event: 'payout.paid',
			fan: null,
			creatorUuid: CREATOR,
			amountCents: 50000,
			checkout: { object: 'payout', arrivalDate: '2026-11-30' },
		});
	});

	test('creator.message.received envelope carrying ids only', () => {
		const item = normalize(envelopes.creatorMessage);
		expect(item).toMatchObject({
			event: 'message.received',
			eventId: 'evt_msg_1',
			format: 'envelope',
			creatorUuid: CREATOR,
			fan: { uuid: FAN, handle: null },
			message: { uuid: MESSAGE, text: null, hasMedia: null, mediaUuids: [], priceCents: null, createdAt: null },
			messageUuid: MESSAGE,
			checkout: null,
		});
		expect(needsFullMessage(item)).toBe(true);
		expect(needsFullMessage(normalize(classic.messageReceived))).toBe(false);

		const merged = mergeFetchedMessage(item, {
			uuid: MESSAGE,
			text: 'Full text',
			sentAt: TS,
			sender: { uuid: FAN, handle: 'fan_one' },
			hasMedia: false,
			pricing: { USD: { price: 300 } },
		});
		expect(merged.message).toEqual({ uuid: MESSAGE, text: 'Full text', hasMedia: false, mediaUuids: [], priceCents: 300, createdAt: TS });
		expect(merged.fan).toMatchObject({ uuid: FAN, handle: 'fan_one' });
	});

	test('occurredAt falls back to receivedAt; timestamps in unix seconds become ISO', () => {
		const { timestamp: _t, ...noTime } = classic.newFollower;
		const detected = detectEvent(noTime);
		expect(normalizeEvent(noTime, { ...detected, event: 'follower.new' }, { receivedAt: TS }).occurredAt).toBe(TS);
		expect(toIsoTime(1_790_000_000)).toBe(new Date(1_790_000_000_000).toISOString());
		expect(toIsoTime('1790000000')).toBe(new Date(1_790_000_000_000).toISOString());
		expect(toIsoTime('not a date')).toBeNull();
	});
});

describe('own-message guard', () => {
	test('sender = recipient (the creator) is own', () => {
		const own = normalize({ ...classic.messageReceived, sender: { ...sender, uuid: CREATOR } });
		expect(isOwnMessage(own)).toBe(true);
	});

	test('sender = the connected account is own', () => {
		const item = normalize(classic.messageReceived);
		expect(isOwnMessage(item)).toBe(false);
		expect(isOwnMessage(item, [FAN.toUpperCase()])).toBe(true);
		expect(isOwnMessage(item, ['someone-else', undefined])).toBe(false);
	});

	test('other events are never own messages', () => {
		expect(isOwnMessage(normalize(classic.tipMessage), [FAN])).toBe(false);
	});
});

describe('subscription event names', () => {
	test('selected events map to platform event types', () => {
		expect(subscriptionEventsFor(['follower.new', 'message.received', 'subscriber.new', 'tip.received', 'purchase.received', 'message.read'])).toEqual([
			'message.received',
			'message.read',
			'subscription.new',
			'follow.new',
			'tip.new',
			'purchase.new',
		]);
		expect(subscriptionEventsFor(['checkout.payment.pending', 'payout.paid', 'refund.created', 'dispute.created'])).toEqual([
			'checkout_link.payment.pending',
			'refund.created',
			'dispute.created',
			'payout.paid',
		]);
	});
});

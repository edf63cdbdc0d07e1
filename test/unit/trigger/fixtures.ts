// Webhook payloads written from Fanvue's webhook documentation (see README, Fanvue Trigger) and the sandbox's
// delivery shapes: classic flat payloads without a type field, and {id, type, timestamp, data}
// envelopes (checkout events; creator.*-typed platform events that carry ids only).
export const CREATOR = 'c0000000-0000-4000-8000-000000000001';
export const FAN = 'f0000000-0000-4000-8000-000000000002';
export const MESSAGE = 'a0000000-0000-4000-8000-000000000003';
export const POST = 'b0000000-0000-4000-8000-000000000004';
export const ROUTE = 'd0000000-0000-4000-8000-000000000005';
export const TS = '2026-11-30T10:00:00.000Z';

export const sender = {
	uuid: FAN,
	handle: 'fan_one',
	displayName: 'Fan One',
	avatarUrl: 'https://cdn.fanvue.test/a/fan_one.jpg',
};

export const classic = {
	messageReceived: {
		message: {
			uuid: MESSAGE,
			text: 'Hi there!',
			hasMedia: true,
			mediaUuids: ['m-1', 'm-2'],
			price: null,
			createdAt: TS,
		},
		messageUuid: MESSAGE,
		sender,
		recipientUuid: CREATOR,
		isMuted: false,
		timestamp: TS,
	},
	messageRead: { counterpartUuid: FAN, readMessagesCount: 3, recipientUuid: CREATOR, timestamp: TS },
	newSubscriber: { price: 999, recipientUuid: CREATOR, sender, timestamp: TS },
	newFollower: { recipientUuid: CREATOR, sender, timestamp: TS },
	purchasePost: { postUuid: POST, price: 1500, recipientUuid: CREATOR, sender, timestamp: TS },
	purchaseMessage: { routeUuid: ROUTE, price: 1200, recipientUuid: CREATOR, sender, timestamp: TS },
	tipPost: { context: 'post', postUuid: POST, price: 500, recipientUuid: CREATOR, senderUuid: FAN, sender, timestamp: TS },
	tipMessage: {
		context: 'message',
		messageUuid: MESSAGE,
		price: 700,
		recipientUuid: CREATOR,
		senderUuid: FAN,
		sender,
		timestamp: TS,
	},
};

export const envelopes = {
	paymentSucceeded: {
		id: 'evt_pay_1',
		type: 'checkout_link.payment.succeeded',
		timestamp: TS,
		data: {
			object: 'checkout_link_payment',
			id: 'clp_1',
			checkout_link_id: 'cl_1',
			status: 'succeeded',
			fan_uuid: FAN,
			creator_uuid: CREATOR,
			amount: 1999,
			currency: 'usd',
			created_at: TS,
		},
	},
	subscriptionCancelChanged: {
		id: 'evt_sub_1',
		type: 'checkout_link.subscription.cancel_at_period_end_changed',
		timestamp: TS,
		data: {
			object: 'checkout_link_subscription',
			id: 'cls_1',
			checkout_link_id: 'cl_1',
			status: 'active',
			cancel_at_period_end: true,
			current_period_end: '2026-12-30T10:00:00.000Z',
			fan_uuid: FAN,
			creator_uuid: CREATOR,
			amount: 999,
			currency: 'usd',
			created_at: TS,
		},
	},
	refund: {
		id: 'evt_re_1',
		type: 'refund.created',
		timestamp: TS,
		data: { object: 'refund', id: 're_1', payment_id: 'clp_1', reason: 'requested_by_customer', fan_uuid: FAN, amount: 1999, currency: 'usd', created_at: TS },
	},
	dispute: {
		id: 'evt_dp_1',
		type: 'dispute.created',
		timestamp: TS,
		data: { object: 'dispute', id: 'dp_1', payment_id: 'clp_1', reason: 'fraudulent', status: 'needs_response', fan_uuid: FAN, amount: 1999, currency: 'usd', created_at: TS },
	},
	payout: {
		id: 'evt_po_1',
		type: 'payout.paid',
		timestamp: TS,
		data: { object: 'payout', id: 'po_1', status: 'paid', arrival_date: '2026-11-30', creator_uuid: CREATOR, amount: 50000, currency: 'usd', created_at: TS },
	},
	creatorMessage: {
		id: 'evt_msg_1',
		type: 'creator.message.received',
		timestamp: TS,
		data: { messageUuid: MESSAGE, senderUuid: FAN, recipientUuid: CREATOR },
	},
};

/** Envelope `type` → normalized event, for every envelope event the trigger offers. */
export const ENVELOPE_TYPES: Array<[string, string]> = [
	['checkout_link.payment.pending', 'checkout.payment.pending'],
	['checkout_link.payment.succeeded', 'checkout.payment.succeeded'],
	['checkout_link.payment.failed', 'checkout.payment.failed'],
	['checkout_link.subscription.activated', 'checkout.subscription.activated'],
	['checkout_link.subscription.deactivated', 'checkout.subscription.deactivated'],
	['checkout_link.subscription.cancel_at_period_end_changed', 'checkout.subscription.cancel_at_period_end_changed'],
	['refund.created', 'refund.created'],
	['dispute.created', 'dispute.created'],
	['payout.paid', 'payout.paid'],
	['creator.message.received', 'message.received'],
	['creator.message.read', 'message.read'],
	['creator.follow.new', 'follower.new'],
	['creator.subscription.new', 'subscriber.new'],
	['creator.tip.new', 'tip.received'],
	['creator.purchase.new', 'purchase.received'],
	['message.received', 'message.received'],
	['follow.new', 'follower.new'],
	['subscription.new', 'subscriber.new'],
	['tip.new', 'tip.received'],
	['purchase.new', 'purchase.received'],
];

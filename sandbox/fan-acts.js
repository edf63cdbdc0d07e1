'use strict';
// "A fan does something": changes the state the way Fanvue would (the message lands in the
// chat, the follower becomes a subscriber, ...) and delivers the matching webhook event to
// every target. Used by POST /_sandbox/fan-acts and sb.fanActs().
const crypto = require('node:crypto');
const { ACT_EVENTS, CHECKOUT_EVENT_TYPES } = require('./webhooks/events');

const ACT_TYPES = ['message', 'read', 'subscribe', 'follow', 'tip', 'purchase', 'checkout'];

class ActError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

const senderView = (u) => ({ uuid: u.uuid, handle: u.handle, displayName: u.displayName, avatarUrl: u.avatarUrl });
const nowIso = () => new Date().toISOString();
const shortId = (prefix) => `${prefix}_${crypto.randomBytes(9).toString('base64url')}`;

function amountOf(input, fallback) {
	if (input.amountCents === undefined) return fallback;
	if (!Number.isInteger(input.amountCents) || input.amountCents < 1) throw new ActError(400, 'amountCents must be a positive integer number of cents');
	return input.amountCents;
}

/** The fan an act applies to: the one asked for, or a seeded fan that fits the act. */
function pickFan(store, input) {
	if (input.fanUuid) {
		const fan = store.fan(String(input.fanUuid).toLowerCase());
		if (!fan) throw new ActError(404, `Unknown fan ${input.fanUuid}`);
		return fan;
	}
	const first = (pred) => store.fans.find(pred);
	switch (input.type) {
		case 'follow':
			return first((f) => f.status === 'none') || store.newUnrelatedFan();
		case 'subscribe':
			return first((f) => f.status === 'follower') || first((f) => f.status === 'none') || store.newUnrelatedFan();
		default: {
			const fan = first((f) => f.status === 'subscriber' && f.hasChat) || first((f) => store.isContactable(f));
			if (fan) return fan;
			const created = store.newUnrelatedFan();
			created.status = 'subscriber';
			return created;
		}
	}
}

const acts = {
	message(store, input, fan) {
		const chat = store.ensureChat(fan);
		const fromCreator = !!input.asCreator; // the creator's own account wrote it (loop-guard tests)
		const author = fromCreator ? store.creator : fan;
		const mediaUuids = Array.isArray(input.mediaUuids) ? input.mediaUuids : [];
		const message = {
			uuid: crypto.randomUUID(),
			text: input.text !== undefined ? input.text : 'Hi! This is a message from the sandbox 👋',
			sentAt: nowIso(),
			senderUuid: author.uuid,
			recipientUuid: fromCreator ? fan.uuid : store.creator.uuid,
			mediaUuids,
			mediaType: mediaUuids.length ? (store.mediaByUuid.get(mediaUuids[0]) || { mediaType: 'image' }).mediaType : null,
			type: 'SINGLE_RECIPIENT',
			price: null,
			purchasedAt: null,
		};
		store.appendMessage(chat, message);
		return {
			message: { uuid: message.uuid, text: message.text, hasMedia: mediaUuids.length > 0, mediaUuids, price: null, createdAt: message.sentAt },
			messageUuid: message.uuid,
			sender: senderView(author),
			recipientUuid: store.creator.uuid,
			isMuted: chat.isMuted,
			timestamp: message.sentAt,
		};
	},

	read(store, input, fan) {
		const chat = store.ensureChat(fan);
		const since = chat.fanReadAt || '';
		const readMessagesCount = store.messagesOf(chat).filter((m) => m.senderUuid === store.creator.uuid && m.sentAt > since).length;
		const timestamp = nowIso();
		chat.fanReadAt = timestamp;
		return { counterpartUuid: fan.uuid, readMessagesCount, recipientUuid: store.creator.uuid, timestamp };
	},

	subscribe(store, input, fan) {
		const price = amountOf(input, 999);
		const timestamp = nowIso();
		Object.assign(fan, { status: 'subscriber', subscribedAt: timestamp, autoRenew: true, freeTrial: false, followedAt: fan.followedAt || timestamp });
		store.addEarning({ source: 'subscription', gross: price, fanUuid: fan.uuid });
		store.notifications.newSubscriber++;
		return { price, recipientUuid: store.creator.uuid, sender: senderView(fan), timestamp };
	},

	follow(store, input, fan) {
		const timestamp = nowIso();
		if (fan.status === 'none') fan.status = 'follower';
		fan.followedAt = timestamp;
		store.notifications.newFollower++;
		return { recipientUuid: store.creator.uuid, sender: senderView(fan), timestamp };
	},

	tip(store, input, fan) {
		const price = amountOf(input, 500);
		const context = input.context || 'message';
		if (!['message', 'post'].includes(context)) throw new ActError(400, 'context must be "message" or "post"');
		const timestamp = nowIso();
		const target = {};
		if (context === 'post') target.postUuid = input.postUuid || crypto.randomUUID();
		else {
			const chat = store.ensureChat(fan);
			const lastCreatorMessage = store.messagesOf(chat).filter((m) => m.senderUuid === store.creator.uuid).pop();
			target.messageUuid = input.messageUuid || (lastCreatorMessage ? lastCreatorMessage.uuid : crypto.randomUUID());
		}
		fan.hasTipped = true;
		store.addEarning({ source: 'tip', gross: price, fanUuid: fan.uuid });
		store.notifications.newTip++;
		return { context, ...target, price, recipientUuid: store.creator.uuid, senderUuid: fan.uuid, sender: senderView(fan), timestamp };
	},

	purchase(store, input, fan) {
		const context = input.context || 'message';
		if (!['message', 'post'].includes(context)) throw new ActError(400, 'context must be "message" or "post"');
		const timestamp = nowIso();
		let price;
		const target = {};
		if (context === 'post') {
			target.postUuid = input.postUuid || crypto.randomUUID();
			price = amountOf(input, 1500);
		} else {
			// Unlocks the newest locked (PPV) message of the creator in this chat, if any.
			const chat = store.ensureChat(fan);
			const locked = store.messagesOf(chat).filter((m) => m.senderUuid === store.creator.uuid && m.price && !m.purchasedAt).pop();
			if (locked) locked.purchasedAt = timestamp;
			target.routeUuid = input.routeUuid || (locked ? locked.uuid : crypto.randomUUID());
			price = amountOf(input, locked ? locked.price : 1500);
		}
		store.addEarning({ source: context, gross: price, fanUuid: fan.uuid });
		store.notifications.newPurchase++;
		return { ...target, price, recipientUuid: store.creator.uuid, sender: senderView(fan), timestamp };
	},
};

/** Checkout events: Standard-Webhooks-style envelope, snake_case, minor units. */
function checkoutEnvelope(store, input, fan) {
	const type = input.checkoutType || 'checkout_link.payment.succeeded';
	if (!CHECKOUT_EVENT_TYPES.includes(type)) throw new ActError(400, `checkoutType must be one of ${CHECKOUT_EVENT_TYPES.join(', ')}`);
	const amount = amountOf(input, 1999);
	const created = nowIso();
	const common = { amount, currency: 'usd', created_at: created };
	let data;
	if (type.startsWith('checkout_link.payment.')) {
		data = { object: 'checkout_link_payment', id: shortId('clp'), checkout_link_id: input.checkoutLinkId || shortId('cl'), status: type.split('.').pop(), fan_uuid: fan.uuid, creator_uuid: store.creator.uuid, ...common };
	} else if (type.startsWith('checkout_link.subscription.')) {
		const event = type.split('.').pop();
		data = {
			object: 'checkout_link_subscription',
			id: shortId('cls'),
			checkout_link_id: input.checkoutLinkId || shortId('cl'),
			status: event === 'deactivated' ? 'inactive' : 'active',
			cancel_at_period_end: event === 'cancel_at_period_end_changed',
			current_period_end: new Date(Date.now() + 30 * 864e5).toISOString(),
			fan_uuid: fan.uuid,
			creator_uuid: store.creator.uuid,
			...common,
		};
	} else if (type === 'refund.created') {
		data = { object: 'refund', id: shortId('re'), payment_id: shortId('clp'), reason: 'requested_by_customer', fan_uuid: fan.uuid, ...common };
	} else if (type === 'dispute.created') {
		data = { object: 'dispute', id: shortId('dp'), payment_id: shortId('clp'), reason: 'fraudulent', status: 'needs_response', fan_uuid: fan.uuid, ...common };
	} else {
		data = { object: 'payout', id: shortId('po'), status: 'paid', arrival_date: created.slice(0, 10), creator_uuid: store.creator.uuid, ...common };
	}
	return { id: shortId('evt'), type, timestamp: created, data };
}

function createFanActs(ctx) {
	/** Returns {event, platformEvent, payload, deliveries} or throws ActError. */
	return async function fanAct(input = {}) {
		if (!ACT_TYPES.includes(input.type)) throw new ActError(400, `type must be one of ${ACT_TYPES.join(', ')}`);
		const { store } = ctx;
		const fan = pickFan(store, input);
		let names;
		let payload;
		let deliveryId;
		if (input.type === 'checkout') {
			payload = checkoutEnvelope(store, input, fan);
			names = { classic: payload.type, platform: payload.type };
			deliveryId = payload.id; // stable across retries and duplicates: receivers de-duplicate on it
		} else {
			names = ACT_EVENTS[input.type];
			payload = acts[input.type](store, input, fan);
		}
		const deliveries = await ctx.webhooks.dispatch({ names, payload, deliveryId, duplicate: !!input.duplicate });
		return { event: names.classic, platformEvent: names.platform, fanUuid: fan.uuid, payload, deliveries };
	};
}

module.exports = { createFanActs, ActError, ACT_TYPES };

'use strict';
// Event names. The same fan act has a "classic" name (Developer Area configuration, flat
// payload without a type field) and a platform type (POST /webhooks/subscriptions).
// Checkout events use one dotted name everywhere and an {id, type, timestamp, data} envelope.

const ACT_EVENTS = {
	message: { classic: 'Message Received', platform: 'message.received' },
	read: { classic: 'Message Read', platform: 'message.read' },
	follow: { classic: 'New Follower', platform: 'follow.new' },
	subscribe: { classic: 'New Subscriber', platform: 'subscription.new' },
	purchase: { classic: 'Purchase Received', platform: 'purchase.new' },
	tip: { classic: 'Tip Received', platform: 'tip.new' },
};

const CHECKOUT_EVENT_TYPES = [
	'checkout_link.payment.pending',
	'checkout_link.payment.succeeded',
	'checkout_link.payment.failed',
	'checkout_link.subscription.activated',
	'checkout_link.subscription.deactivated',
	'checkout_link.subscription.cancel_at_period_end_changed',
	'refund.created',
	'dispute.created',
	'payout.paid',
];

const CLASSIC_EVENT_NAMES = Object.values(ACT_EVENTS).map((e) => e.classic);
const PLATFORM_EVENT_TYPES = Object.values(ACT_EVENTS).map((e) => e.platform);

/** Allowed in the Developer-Area style configuration (configureWebhook). */
const CONFIGURABLE_EVENTS = [...CLASSIC_EVENT_NAMES, ...CHECKOUT_EVENT_TYPES];
/** Allowed in POST /webhooks/subscriptions. */
const SUBSCRIBABLE_EVENTS = [...PLATFORM_EVENT_TYPES, ...CHECKOUT_EVENT_TYPES];

module.exports = { ACT_EVENTS, CHECKOUT_EVENT_TYPES, CLASSIC_EVENT_NAMES, PLATFORM_EVENT_TYPES, CONFIGURABLE_EVENTS, SUBSCRIBABLE_EVENTS };

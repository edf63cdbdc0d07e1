import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The events the trigger offers. `value` is the package's own normalized label (also the
 * `event` field of every output item); `subscription` is the platform event type that
 * POST /webhooks/subscriptions expects; `format` is how Fanvue delivers it.
 */
export interface FanvueEventDefinition {
	value: string;
	name: string;
	description: string;
	subscription: string;
	format: 'classic' | 'envelope';
}

export const FANVUE_EVENTS: FanvueEventDefinition[] = [
	{
		value: 'message.received',
		name: 'Message Received',
		description: 'A fan sent the creator a chat message',
		subscription: 'message.received',
		format: 'classic',
	},
	{
		value: 'message.read',
		name: 'Message Read',
		description: "A fan read the creator's messages",
		subscription: 'message.read',
		format: 'classic',
	},
	{
		value: 'subscriber.new',
		name: 'New Subscriber',
		description: 'A fan subscribed to the creator',
		subscription: 'subscription.new',
		format: 'classic',
	},
	{
		value: 'follower.new',
		name: 'New Follower',
		description: 'A fan followed the creator',
		subscription: 'follow.new',
		format: 'classic',
	},
	{
		value: 'tip.received',
		name: 'Tip Received',
		description: 'A fan tipped a post or a message',
		subscription: 'tip.new',
		format: 'classic',
	},
	{
		value: 'purchase.received',
		name: 'Purchase Received',
		description: 'A fan bought a pay-to-view post or message',
		subscription: 'purchase.new',
		format: 'classic',
	},
	{
		value: 'checkout.payment.pending',
		name: 'Checkout Payment Pending',
		description: 'A checkout link payment is pending',
		subscription: 'checkout_link.payment.pending',
		format: 'envelope',
	},
	{
		value: 'checkout.payment.succeeded',
		name: 'Checkout Payment Succeeded',
		description: 'A checkout link payment succeeded',
		subscription: 'checkout_link.payment.succeeded',
		format: 'envelope',
	},
	{
		value: 'checkout.payment.failed',
		name: 'Checkout Payment Failed',
		description: 'A checkout link payment failed',
		subscription: 'checkout_link.payment.failed',
		format: 'envelope',
	},
	{
		value: 'checkout.subscription.activated',
		name: 'Checkout Subscription Activated',
		description: 'A checkout link subscription became active',
		subscription: 'checkout_link.subscription.activated',
		format: 'envelope',
	},
	{
		value: 'checkout.subscription.deactivated',
		name: 'Checkout Subscription Deactivated',
		description: 'A checkout link subscription ended',
		subscription: 'checkout_link.subscription.deactivated',
		format: 'envelope',
	},
	{
		value: 'checkout.subscription.cancel_at_period_end_changed',
		name: 'Checkout Subscription Cancel At Period End Changed',
		description: 'A checkout link subscription was set (or unset) to cancel at the end of its period',
		subscription: 'checkout_link.subscription.cancel_at_period_end_changed',
		format: 'envelope',
	},
	{
		value: 'refund.created',
		name: 'Refund',
		description: 'A checkout payment was refunded',
		subscription: 'refund.created',
		format: 'envelope',
	},
	{
		value: 'dispute.created',
		name: 'Dispute',
		description: 'A checkout payment was disputed',
		subscription: 'dispute.created',
		format: 'envelope',
	},
	{
		value: 'payout.paid',
		name: 'Payout Paid',
		description: 'A payout was paid to the creator',
		subscription: 'payout.paid',
		format: 'envelope',
	},
];

/** The Events options, alphabetical as n8n lists options. */
export const EVENT_OPTIONS: INodePropertyOptions[] = FANVUE_EVENTS.map(({ name, value, description }) => ({
	name,
	value,
	description,
})).sort((a, b) => a.name.localeCompare(b.name));

const byValue = new Map(FANVUE_EVENTS.map((event) => [event.value, event]));

/**
 * Every `type` an envelope may carry, mapped to the normalized label: the subscription
 * names, our own labels, the guide's old names, and `creator.`-prefixed variants.
 */
const TYPE_ALIASES = new Map<string, string>();
for (const event of FANVUE_EVENTS) {
	TYPE_ALIASES.set(event.value, event.value);
	TYPE_ALIASES.set(event.subscription, event.value);
}
for (const [alias, value] of Object.entries({
	'follower.new': 'follower.new',
	'follow.created': 'follower.new',
	'subscriber.new': 'subscriber.new',
	'subscription.created': 'subscriber.new',
	'tip.created': 'tip.received',
	'purchase.created': 'purchase.received',
	'message.created': 'message.received',
})) {
	TYPE_ALIASES.set(alias, value);
}

/** The normalized label for an envelope `type`, or undefined when the type is unknown. */
export function eventForEnvelopeType(type: string): string | undefined {
	const lower = type.trim().toLowerCase();
	return TYPE_ALIASES.get(lower) ?? (lower.startsWith('creator.') ? TYPE_ALIASES.get(lower.slice(8)) : undefined);
}

/** Platform event types for POST /webhooks/subscriptions, in catalogue order, without duplicates. */
export function subscriptionEventsFor(selected: string[]): string[] {
	const wanted = new Set(selected);
	return FANVUE_EVENTS.filter((event) => wanted.has(event.value)).map((event) => event.subscription);
}

export function isKnownEvent(value: string): boolean {
	return byValue.has(value);
}

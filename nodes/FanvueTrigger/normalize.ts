import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { eventForEnvelopeType } from './events';

/**
 * Turns a Fanvue delivery into one item with the same field names for every event.
 *
 * Fanvue sends two shapes: classic platform payloads (flat JSON, no type field: the event is
 * inferred from which fields are present) and `{id, type, timestamp, data}` envelopes
 * (checkout events, and `creator.*`-typed platform events that may carry only ids).
 * Pure functions: no n8n context, no I/O.
 */

export interface FanRef extends IDataObject {
	uuid: string;
	handle: string | null;
	displayName: string | null;
	avatarUrl: string | null;
}

export interface MessageRef extends IDataObject {
	uuid: string | null;
	text: string | null;
	hasMedia: boolean | null;
	mediaUuids: string[];
	priceCents: number | null;
	createdAt: string | null;
}

export interface CheckoutRef extends IDataObject {
	object: string | null;
	id: string | null;
	checkoutLinkId: string | null;
	paymentId: string | null;
	status: string | null;
	reason: string | null;
	cancelAtPeriodEnd: boolean | null;
	currentPeriodEnd: string | null;
	arrivalDate: string | null;
}

export interface NormalizedEvent extends IDataObject {
	event: string;
	eventId: string;
	format: 'classic' | 'envelope';
	occurredAt: string;
	creatorUuid: string | null;
	fan: FanRef | null;
	message: MessageRef | null;
	amountCents: number | null;
	currency: string | null;
	context: string | null;
	postUuid: string | null;
	messageUuid: string | null;
	routeUuid: string | null;
	isMuted: boolean | null;
	readMessagesCount: number | null;
	checkout: CheckoutRef | null;
	/** Look-ups the trigger was asked for but could not make in time (e.g. 'message'). */
	notEnriched: string[];
	raw: IDataObject;
}

export interface DetectedEvent {
	/** Normalized label, or undefined when the payload is not recognized. */
	event: string | undefined;
	format: 'classic' | 'envelope';
	/** The envelope's `type`, as sent. */
	type?: string;
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const has = (payload: IDataObject, key: string) => payload[key] !== undefined && payload[key] !== null;

function str(...values: unknown[]): string | null {
	for (const value of values) {
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return null;
}

function num(...values: unknown[]): number | null {
	for (const value of values) {
		if (typeof value === 'number' && Number.isFinite(value)) return value;
		if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	}
	return null;
}

function bool(...values: unknown[]): boolean | null {
	for (const value of values) {
		if (typeof value === 'boolean') return value;
	}
	return null;
}

/** ISO 8601 from an ISO string, unix seconds or unix milliseconds; null when absent or unreadable. */
export function toIsoTime(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) {
		return new Date(value > 1e12 ? value : value * 1000).toISOString();
	}
	if (typeof value === 'string' && value.trim() !== '') {
		if (/^\d+$/.test(value.trim())) return toIsoTime(Number(value));
		const time = Date.parse(value);
		return Number.isNaN(time) ? null : new Date(time).toISOString();
	}
	return null;
}

export function isEnvelope(payload: IDataObject): boolean {
	return typeof payload.type === 'string' && isObject(payload.data);
}

/**
 * Classic payloads have no type field: the event follows from the fields present (Fanvue's
 * webhook docs). A message and a read are told by their own fields. The rest:
 *  - a tip names what was tipped: `context` (post or message), or a `messageUuid` with a price
 *    (a bought message is named by `routeUuid` instead);
 *  - a purchase names the post (`postUuid`) or the unlocked message (`routeUuid`), with a price;
 *  - a new subscriber has a `price` key, even null (a free subscription), and nothing paid for;
 *  - a new follower has no `price` key and nothing paid for.
 * `senderUuid` decides nothing: it says who acted, which every payload says.
 */
export function inferClassicEvent(payload: IDataObject): string | undefined {
	if (isObject(payload.message) && (has(payload, 'messageUuid') || has(payload.message, 'uuid')) && has(payload, 'sender')) {
		return 'message.received';
	}
	if (has(payload, 'counterpartUuid') && has(payload, 'readMessagesCount')) return 'message.read';
	const priced = Object.prototype.hasOwnProperty.call(payload, 'price');
	const paidFor = ['context', 'postUuid', 'messageUuid', 'routeUuid', 'message'].some((key) => has(payload, key));
	if (priced && (has(payload, 'context') || (has(payload, 'messageUuid') && !has(payload, 'routeUuid')))) {
		return 'tip.received';
	}
	if (priced && (has(payload, 'postUuid') || has(payload, 'routeUuid'))) return 'purchase.received';
	if (!paidFor && has(payload, 'sender') && has(payload, 'recipientUuid')) return priced ? 'subscriber.new' : 'follower.new';
	return undefined;
}

export function detectEvent(payload: IDataObject): DetectedEvent {
	if (isEnvelope(payload)) {
		const type = payload.type as string;
		return { event: eventForEnvelopeType(type), format: 'envelope', type };
	}
	return { event: inferClassicEvent(payload), format: 'classic' };
}

/** JSON with sorted keys, so the same payload always hashes the same. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isObject(value)) {
		return `{${Object.keys(value)
			.sort()
			.filter((key) => value[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function payloadHash(payload: IDataObject): string {
	return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/** The normalized fields an event id is made of. */
type Identity = Pick<
	NormalizedEvent,
	'event' | 'format' | 'creatorUuid' | 'fan' | 'message' | 'amountCents' | 'context' | 'postUuid' | 'messageUuid' | 'routeUuid' | 'raw'
>;

/**
 * What identifies a classic event that has no id of its own, across redeliveries: Fanvue may
 * send one again with a new `timestamp`, so the time is left out. The fan is its uuid only.
 * Two equal tips of one fan on the same post or message share the id, as does a fan who
 * follows or subscribes again later at the same price. A Message Read has nothing but the
 * time to tell two reads apart, so it (and any other event) keeps the whole payload.
 */
const who = (item: Identity): IDataObject => ({ creatorUuid: item.creatorUuid, fanUuid: item.fan?.uuid ?? null });
const IDENTITY: Record<string, (item: Identity) => IDataObject> = {
	'subscriber.new': (item) => ({ ...who(item), amountCents: item.amountCents }),
	'follower.new': who,
	'tip.received': (item) => ({
		...who(item),
		amountCents: item.amountCents,
		context: item.context,
		postUuid: item.postUuid,
		messageUuid: item.messageUuid,
	}),
	'purchase.received': (item) => ({
		...who(item),
		amountCents: item.amountCents,
		postUuid: item.postUuid,
		routeUuid: item.routeUuid,
	}),
};

/** Envelope: its `id`. Message: its uuid. Else a hash of what identifies the event (IDENTITY). */
function eventIdOf(item: Identity): string {
	if (item.format === 'envelope' && str(item.raw.id)) return str(item.raw.id) as string;
	if (item.message?.uuid) return `${item.event}:${item.message.uuid}`;
	const identity = IDENTITY[item.event];
	return `${item.event}:${payloadHash(identity ? identity(item) : item.raw)}`;
}

function fanFrom(source: IDataObject, event: string): FanRef | null {
	const sender = isObject(source.sender) ? source.sender : isObject(source.fan) ? source.fan : {};
	const uuid = str(
		sender.uuid,
		source.senderUuid,
		source.sender_uuid,
		source.fanUuid,
		source.fan_uuid,
		event === 'message.read' ? source.counterpartUuid : undefined,
		source.counterpart_uuid,
		source.userUuid,
		source.user_uuid,
	);
	if (!uuid) return null;
	return {
		uuid,
		handle: str(sender.handle, source.fanHandle, source.fan_handle),
		displayName: str(sender.displayName, sender.display_name),
		avatarUrl: str(sender.avatarUrl, sender.avatar_url),
	};
}

function messageFrom(source: IDataObject): MessageRef {
	const m = isObject(source.message) ? source.message : {};
	const rawMedia = Array.isArray(m.mediaUuids) ? m.mediaUuids : Array.isArray(source.mediaUuids) ? source.mediaUuids : [];
	const mediaUuids = rawMedia.filter((id): id is string => typeof id === 'string');
	const text = typeof m.text === 'string' ? m.text : typeof source.text === 'string' ? source.text : null;
	return {
		uuid: str(m.uuid, source.messageUuid, source.message_uuid),
		text,
		hasMedia: bool(m.hasMedia, m.has_media, source.hasMedia) ?? (mediaUuids.length ? true : null),
		mediaUuids,
		priceCents: num(m.price, m.priceCents, m.price_cents),
		createdAt: toIsoTime(m.createdAt ?? m.created_at ?? m.sentAt),
	};
}

const CHECKOUT_EVENT = /^(checkout\.|refund\.|dispute\.|payout\.)/;

function checkoutFrom(data: IDataObject): CheckoutRef {
	return {
		object: str(data.object),
		id: str(data.id),
		checkoutLinkId: str(data.checkout_link_id, data.checkoutLinkId),
		paymentId: str(data.payment_id, data.paymentId),
		status: str(data.status),
		reason: str(data.reason),
		cancelAtPeriodEnd: bool(data.cancel_at_period_end, data.cancelAtPeriodEnd),
		currentPeriodEnd: toIsoTime(data.current_period_end ?? data.currentPeriodEnd),
		arrivalDate: str(data.arrival_date, data.arrivalDate),
	};
}

export interface NormalizeOptions {
	/** ISO time used when the payload carries none. */
	receivedAt?: string;
}

/** The normalized item for a recognized event (README.md, Fanvue Trigger, "Output fields"). */
export function normalizeEvent(
	payload: IDataObject,
	detected: DetectedEvent & { event: string },
	options: NormalizeOptions = {},
): NormalizedEvent {
	const { event, format } = detected;
	const source = format === 'envelope' ? (payload.data as IDataObject) : payload;
	const message = event === 'message.received' ? messageFrom(source) : null;
	const paid = ['subscriber.new', 'tip.received', 'purchase.received'].includes(event) || CHECKOUT_EVENT.test(event);

	const occurredAt =
		toIsoTime(payload.timestamp) ??
		toIsoTime(source.timestamp) ??
		toIsoTime(source.created_at ?? source.createdAt) ??
		message?.createdAt ??
		options.receivedAt ??
		new Date().toISOString();

	const item = {
		event,
		format,
		occurredAt,
		creatorUuid: str(source.recipientUuid, source.recipient_uuid, source.creatorUuid, source.creator_uuid),
		fan: fanFrom(source, event),
		message,
		amountCents: paid ? num(source.price, source.amount, source.amountCents, source.amount_cents) : null,
		currency: str(source.currency),
		context: str(source.context),
		postUuid: str(source.postUuid, source.post_uuid),
		messageUuid: message ? message.uuid : str(source.messageUuid, source.message_uuid),
		routeUuid: str(source.routeUuid, source.route_uuid),
		isMuted: bool(source.isMuted, source.is_muted),
		readMessagesCount: num(source.readMessagesCount, source.read_messages_count),
		checkout: format === 'envelope' && CHECKOUT_EVENT.test(event) ? checkoutFrom(source) : null,
		notEnriched: [] as string[],
		raw: payload,
	};
	return { ...item, eventId: eventIdOf(item) };
}

/**
 * The loop guard: a Message Received whose sender is the creator (sender = recipient), or
 * the connected account itself, is the creator's own message (an auto-reply, for instance).
 */
export function isOwnMessage(item: NormalizedEvent, ownUserUuids: Array<string | null | undefined> = []): boolean {
	if (item.event !== 'message.received' || !item.fan) return false;
	const sender = item.fan.uuid.toLowerCase();
	if (item.creatorUuid && sender === item.creatorUuid.toLowerCase()) return true;
	return ownUserUuids.some((uuid) => typeof uuid === 'string' && uuid.toLowerCase() === sender);
}

/** True when a Message Received carries the message id but not its text. */
export function needsFullMessage(item: NormalizedEvent): boolean {
	return item.event === 'message.received' && !!item.message?.uuid && item.message.text === null && !!item.fan;
}

/** Merges a message from GET /chats/{fan}/messages into the item. */
export function mergeFetchedMessage(item: NormalizedEvent, fetched: IDataObject): NormalizedEvent {
	const pricing = isObject(fetched.pricing) ? fetched.pricing : undefined;
	const usd = pricing && isObject(pricing.USD) ? pricing.USD : undefined;
	const sender = isObject(fetched.sender) ? fetched.sender : {};
	const message = item.message as MessageRef;
	return {
		...item,
		message: {
			...message,
			text: typeof fetched.text === 'string' ? fetched.text : message.text,
			hasMedia: bool(fetched.hasMedia) ?? message.hasMedia,
			priceCents: message.priceCents ?? num(usd?.price, usd?.amount),
			createdAt: message.createdAt ?? toIsoTime(fetched.sentAt),
		},
		fan: item.fan && !item.fan.handle && typeof sender.handle === 'string' && sender.uuid === item.fan.uuid
			? { ...item.fan, handle: sender.handle }
			: item.fan,
	};
}

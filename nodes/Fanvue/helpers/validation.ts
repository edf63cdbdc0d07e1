import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseZonedDate } from './dates';
import { locatorValue } from './locatorValue';

/** Fanvue ids are UUIDs (any version); checked before a request leaves. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);

export const MAX_TEXT_LENGTH = 5000;
/** Fanvue's documented maximum for a chat nickname. */
export const MAX_NICKNAME_LENGTH = 30;
/** Fanvue's documented maximum of users added to a custom list in one request. */
export const MAX_LIST_MEMBERS_PER_REQUEST = 100;
/** Fanvue's documented maximum of users whose online status one request checks. */
export const MAX_STATUS_USERS_PER_REQUEST = 100;
/** Fanvue's documented minimum for a pay-to-view message. */
export const MIN_PRICE_CENTS = 300;

function invalid(node: INode, itemIndex: number, message: string, description: string) {
	return new NodeOperationError(node, message, { itemIndex, description });
}

export function requireUuid(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!UUID.test(text)) {
		throw invalid(
			node,
			itemIndex,
			`${field} must be a UUID, got "${String(value ?? '')}"`,
			`Use a UUID like 3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d. Fanvue identifies fans, messages, lists and templates by UUID.`,
		);
	}
	return text;
}

/** An optional UUID, plain or from a resource locator in a collection: empty means none. */
export function optionalUuid(node: INode, itemIndex: number, field: string, value: unknown): string | undefined {
	const given = locatorValue(value);
	if (given === undefined || given === null || given === '') return undefined;
	return requireUuid(node, itemIndex, field, given);
}

/** Accepts an array (from an expression) or a comma-separated string. */
export function uuidList(node: INode, itemIndex: number, field: string, value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map((v) => String(v))
		: String(value ?? '')
				.split(',')
				.map((v) => v.trim())
				.filter((v) => v !== '');
	return parts.map((part) => requireUuid(node, itemIndex, field, part));
}

/**
 * The fans of one batch request (online statuses, list members): 1 to `max` UUIDs. `verb` says
 * what Fanvue does with them ("check", "add") in the errors.
 */
export function fanUuidBatch(node: INode, itemIndex: number, value: unknown, max: number, verb: string): string[] {
	const userUuids = uuidList(node, itemIndex, 'Fan UUIDs', value);
	requireSomething(node, itemIndex, userUuids.length > 0, 'Fan UUIDs is empty', `Give at least one fan UUID to ${verb}.`);
	requireSomething(
		node,
		itemIndex,
		userUuids.length <= max,
		`Fan UUIDs holds ${userUuids.length} fans; Fanvue ${verb}s at most ${max} at once`,
		`Split the fans into items of at most ${max} each.`,
	);
	return userUuids;
}

export function optionalText(node: INode, itemIndex: number, field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value);
	if (text.length > MAX_TEXT_LENGTH) {
		throw invalid(
			node,
			itemIndex,
			`${field} is ${text.length} characters long; Fanvue allows at most ${MAX_TEXT_LENGTH}`,
			'Shorten the text or split it into several messages.',
		);
	}
	return text;
}

/** A required name: trimmed, not empty. */
export function requireName(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : String(value ?? '').trim();
	if (text === '') {
		throw invalid(node, itemIndex, `${field} is empty`, `Fill in ${field}.`);
	}
	return text;
}

/** A chat nickname as given (empty is passed on), at most the documented length. */
export function nickname(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text = String(value ?? '');
	if (text.length > MAX_NICKNAME_LENGTH) {
		throw invalid(
			node,
			itemIndex,
			`${field} is ${text.length} characters long; Fanvue allows at most ${MAX_NICKNAME_LENGTH}`,
			`Shorten the nickname to ${MAX_NICKNAME_LENGTH} characters or fewer.`,
		);
	}
	return text;
}

/** Prices are integer cents, at least the documented minimum; empty means free. */
export function optionalPriceCents(node: INode, itemIndex: number, field: string, value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const price = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(price)) {
		throw invalid(
			node,
			itemIndex,
			`${field} must be a whole number of cents, got "${String(value)}"`,
			`Prices are in cents: $4.99 is 499. The minimum is ${MIN_PRICE_CENTS}.`,
		);
	}
	if (price < MIN_PRICE_CENTS) {
		throw invalid(
			node,
			itemIndex,
			`${field} is ${price} cents; Fanvue's minimum is ${MIN_PRICE_CENTS} cents`,
			`Use at least ${MIN_PRICE_CENTS} (= $${(MIN_PRICE_CENTS / 100).toFixed(2)}), or leave the price empty for a free message.`,
		);
	}
	return price;
}

/**
 * An ISO 8601 date-time for Fanvue, or undefined when empty. A value without an offset (what
 * n8n's date picker gives) is a wall time in `timeZone`, the workflow's; the offset is kept in
 * what Fanvue gets, since Fanvue draws daily boundaries in it.
 */
export function optionalIsoDate(node: INode, itemIndex: number, field: string, value: unknown, timeZone?: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const zoned = parseZonedDate(String(value), timeZone);
	if (zoned) return zoned.text;
	const date = new Date(String(value)); // other forms a Date prints itself in
	if (Number.isNaN(date.getTime())) {
		throw invalid(node, itemIndex, `${field} is not a date: "${String(value)}"`, 'Use an ISO 8601 date such as 2026-10-20T00:00:00Z.');
	}
	return date.toISOString();
}

/** From / Until as Fanvue takes them: ISO 8601, each optional, Until after From. */
export function optionalDateRange(
	node: INode,
	itemIndex: number,
	range: { startDate?: unknown; endDate?: unknown },
	timeZone?: string,
): { startDate?: string; endDate?: string } {
	const startDate = optionalIsoDate(node, itemIndex, 'From', range.startDate, timeZone);
	const endDate = optionalIsoDate(node, itemIndex, 'Until', range.endDate, timeZone);
	if (startDate !== undefined && endDate !== undefined && Date.parse(endDate) <= Date.parse(startDate)) {
		throw invalid(node, itemIndex, `Until (${endDate}) is not after From (${startDate})`, 'Until is the end of the period: set it later than From.');
	}
	return { startDate, endDate };
}

/** Smart lists are named by ids like `subscribers`; they differ by account, so only the form is checked. */
export function requireSmartListId(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!/^[a-z0-9_]+$/.test(text)) {
		throw invalid(node, itemIndex, `${field} must be a smart list id like "subscribers", got "${String(value ?? '')}"`, 'Choose the smart list from the list, or give its id (e.g. auto_renewing) with an expression.');
	}
	return text;
}

export function requireSomething(node: INode, itemIndex: number, ok: boolean, message: string, description: string) {
	if (!ok) throw invalid(node, itemIndex, message, description);
}

/** A price in whole cents above zero (posts: Fanvue documents no higher minimum); empty means free. */
export function optionalPositiveCents(node: INode, itemIndex: number, field: string, value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const price = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(price) || price <= 0) {
		throw invalid(
			node,
			itemIndex,
			`${field} must be a whole number of cents above 0, got "${String(value)}"`,
			'Prices are in cents: $4.99 is 499. Leave the price empty for a free post.',
		);
	}
	return price;
}

/** The values of a field's options, to check what an expression produced against them. */
export const valuesOf = (options: Array<{ value: string }>): string[] => options.map((option) => option.value);

/** One of the values Fanvue documents for a field (expressions can produce anything). */
export function requireOneOf(node: INode, itemIndex: number, field: string, value: unknown, allowed: readonly string[]): string {
	const text = String(value ?? '');
	if (!allowed.includes(text)) {
		throw invalid(node, itemIndex, `${field} must be one of ${allowed.join(', ')}, got "${text}"`, `Choose one of: ${allowed.join(', ')}.`);
	}
	return text;
}

/**
 * The values of a multi-choice field as a list: n8n gives an array, an expression may give a
 * comma-separated text. Which values are allowed the router has checked already
 * (helpers/parameterTypes.ts).
 */
export function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (value === undefined || value === null || value === '') return [];
	return String(value)
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** Every value of a multi-choice field must be one Fanvue documents. */
export function allOf(node: INode, itemIndex: number, field: string, value: unknown, allowed: readonly string[]): string[] {
	const values = listOf(value);
	for (const v of values) requireOneOf(node, itemIndex, field, v, allowed);
	return values;
}

/** An ISO 8601 date-time that must lie after `after` (e.g. now, for a scheduled publication). */
export function optionalDateAfter(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	after: Date,
	afterWhat: string,
	timeZone?: string,
): string | undefined {
	const iso = optionalIsoDate(node, itemIndex, field, value, timeZone);
	if (iso !== undefined && new Date(iso).getTime() <= after.getTime()) {
		throw invalid(node, itemIndex, `${field} must be after ${afterWhat}, got "${String(value)}"`, `Choose a date-time after ${after.toISOString()}.`);
	}
	return iso;
}

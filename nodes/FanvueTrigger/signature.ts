import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Fanvue signs every delivery with `X-Fanvue-Signature: t=<unix seconds>,v0=<hex>`, where
 * v0 = hex(HMAC-SHA256(signing secret, `${t}.` followed by the raw body bytes)). During a
 * secret rotation one header may carry several v0 values: any valid one is enough.
 *
 * Pure functions, no n8n context: the trigger passes the raw request bytes and its secrets.
 */

export const SIGNATURE_HEADER = 'x-fanvue-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface ParsedSignatureHeader {
	/** Unix seconds the sender put in `t`. */
	timestamp: number;
	/** Every `v0` value, lower-cased, in header order. */
	signatures: string[];
}

export type SignatureFailure =
	| 'no_secret'
	| 'missing_header'
	| 'malformed_header'
	| 'timestamp_out_of_tolerance'
	| 'signature_mismatch';

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: SignatureFailure };

export interface VerifyOptions {
	/** The header value as received (n8n may give an array when it was repeated). */
	header: string | string[] | undefined;
	/** The request body exactly as received. */
	rawBody: Buffer | string;
	/** Secrets to accept; empty strings are ignored. */
	secrets: string | Array<string | undefined>;
	/** Maximum distance, in seconds, between `t` and now, in either direction. */
	toleranceSeconds?: number;
	/** Current time in ms (tests). */
	now?: number;
}

/** Reads `t=...,v0=...[,v0=...]`; whitespace around parts is tolerated, unknown keys are ignored. */
export function parseSignatureHeader(header: string | string[] | undefined): ParsedSignatureHeader | undefined {
	if (header === undefined) return undefined;
	const text = Array.isArray(header) ? header.join(',') : header;
	const timestamps: string[] = [];
	const signatures: string[] = [];
	for (const part of text.split(',')) {
		const separator = part.indexOf('=');
		if (separator < 0) continue;
		const key = part.slice(0, separator).trim().toLowerCase();
		const value = part.slice(separator + 1).trim();
		if (!value) continue;
		if (key === 't') timestamps.push(value);
		else if (key === 'v0') signatures.push(value.toLowerCase());
	}
	// Exactly one timestamp, in whole seconds; two different ones make the header ambiguous.
	if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]) || signatures.length === 0) return undefined;
	return { timestamp: Number(timestamps[0]), signatures };
}

/** hex(HMAC-SHA256(secret, `${timestamp}.` + rawBody)), over the bytes, never a re-serialization. */
export function computeSignature(secret: string, timestamp: number | string, rawBody: Buffer | string): string {
	return createHmac('sha256', secret)
		.update(`${timestamp}.`)
		.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
		.digest('hex');
}

/** Constant-time comparison; a candidate of another length fails without throwing. */
function sameSignature(expectedHex: string, candidate: string): boolean {
	const expected = Buffer.from(expectedHex, 'utf8');
	const given = Buffer.from(candidate, 'utf8');
	if (expected.length !== given.length) return false;
	return timingSafeEqual(expected, given);
}

/**
 * The header parsed, or why it cannot sign anything (missing, malformed, outside the time
 * window): decided without any secret, so a caller can refuse before it looks one up.
 */
export function usableSignatureHeader(
	options: Pick<VerifyOptions, 'header' | 'toleranceSeconds' | 'now'>,
): ParsedSignatureHeader | { reason: 'missing_header' | 'malformed_header' | 'timestamp_out_of_tolerance' } {
	const header = Array.isArray(options.header) ? options.header.join(',') : options.header;
	if (header === undefined || header.trim() === '') return { reason: 'missing_header' };
	const parsed = parseSignatureHeader(header);
	if (!parsed) return { reason: 'malformed_header' };
	const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
	if (Math.abs(nowSeconds - parsed.timestamp) > tolerance) return { reason: 'timestamp_out_of_tolerance' };
	return parsed;
}

export function verifySignature(options: VerifyOptions): SignatureCheck {
	const secrets = (Array.isArray(options.secrets) ? options.secrets : [options.secrets]).filter(
		(secret): secret is string => typeof secret === 'string' && secret.length > 0,
	);
	if (secrets.length === 0) return { valid: false, reason: 'no_secret' };

	const usable = usableSignatureHeader(options);
	if ('reason' in usable) return { valid: false, reason: usable.reason };
	const parsed = usable;

	let matched = false;
	for (const secret of secrets) {
		const expected = computeSignature(secret, parsed.timestamp, options.rawBody);
		for (const candidate of parsed.signatures) {
			// No early exit: every candidate is compared.
			if (sameSignature(expected, candidate)) matched = true;
		}
	}
	return matched ? { valid: true, timestamp: parsed.timestamp } : { valid: false, reason: 'signature_mismatch' };
}

/** What the 401 answer says; never includes the expected signature. */
export function describeSignatureFailure(reason: SignatureFailure): string {
	switch (reason) {
		case 'no_secret':
			return 'No webhook signing secret is configured for this trigger';
		case 'missing_header':
			return 'Missing X-Fanvue-Signature header';
		case 'malformed_header':
			return 'Malformed X-Fanvue-Signature header';
		case 'timestamp_out_of_tolerance':
			return 'Signature timestamp outside the allowed window';
		default:
			return 'Invalid signature';
	}
}

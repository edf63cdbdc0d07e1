import { createHmac } from 'node:crypto';

import {
	computeSignature,
	parseSignatureHeader,
	verifySignature,
} from '../../../nodes/FanvueTrigger/signature';

const SECRET = 'whsec_test_secret';
const NOW_S = 1_790_000_000;
const NOW_MS = NOW_S * 1000;
const BODY = Buffer.from('{"messageUuid":"m-1","message":{"text":"héllo  👋"}}', 'utf8');

/** Independent of the module under test: Node's HMAC over `${t}.` + bytes. */
function expected(secret: string, t: number, body: Buffer): string {
	return createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${t}.`), body])).digest('hex');
}

const check = (header: string | string[] | undefined, overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
	verifySignature({ header, rawBody: BODY, secrets: [SECRET], now: NOW_MS, ...overrides });

describe('computeSignature', () => {
	test('matches a known vector', () => {
		// Fixed vector computed once with `printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret`.
		expect(computeSignature('secret', 1700000000, Buffer.from('{"a":1}'))).toBe(
			'49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686',
		);
		// The same way over BODY's UTF-8 bytes (é and 👋 are multi-byte).
		expect(computeSignature(SECRET, NOW_S, BODY)).toBe('67f51b93be90ed05e70ccbd5bc7141e0660912c8c00992239eb0acc8fc4a7967');
	});

	test('signs the bytes, not a re-serialization', () => {
		const spaced = Buffer.from('{ "a" : 1 }');
		expect(computeSignature(SECRET, NOW_S, spaced)).not.toBe(computeSignature(SECRET, NOW_S, Buffer.from('{"a":1}')));
	});
});

describe('parseSignatureHeader', () => {
	test('reads t and every v0, tolerating whitespace and unknown keys', () => {
		expect(parseSignatureHeader(' t=123 , v0=AbC ,v1=zzz, foo=bar,v0=def')).toEqual({
			timestamp: 123,
			signatures: ['abc', 'def'],
		});
	});

	test.each([
		['no t', 'v0=abc'],
		['no v0', 't=123'],
		['non-numeric t', 't=abc,v0=abc'],
		['two t', 't=1,t=2,v0=abc'],
		['garbage', 'nonsense'],
		['empty', ''],
	])('malformed: %s', (_label, header) => {
		expect(parseSignatureHeader(header)).toBeUndefined();
	});
});

describe('verifySignature', () => {
	const valid = `t=${NOW_S},v0=${expected(SECRET, NOW_S, BODY)}`;

	test('accepts a valid signature', () => {
		expect(check(valid)).toEqual({ valid: true, timestamp: NOW_S });
	});

	test('accepts a header given as an array (repeated header)', () => {
		expect(check([`t=${NOW_S}`, `v0=${expected(SECRET, NOW_S, BODY)}`]).valid).toBe(true);
	});

	test('accepts whitespace and upper-case hex', () => {
		expect(check(` t = ${NOW_S} ,  v0=${expected(SECRET, NOW_S, BODY).toUpperCase()} `).valid).toBe(true);
	});

	test('rejects a tampered body', () => {
		const tampered = Buffer.from(BODY.toString('utf8').replace('m-1', 'm-2'));
		expect(check(valid, { rawBody: tampered })).toEqual({ valid: false, reason: 'signature_mismatch' });
	});

	test('rejects a stale timestamp and a too-far-future one', () => {
		const stale = NOW_S - 301;
		const future = NOW_S + 301;
		expect(check(`t=${stale},v0=${expected(SECRET, stale, BODY)}`)).toEqual({
			valid: false,
			reason: 'timestamp_out_of_tolerance',
		});
		expect(check(`t=${future},v0=${expected(SECRET, future, BODY)}`)).toEqual({
			valid: false,
			reason: 'timestamp_out_of_tolerance',
		});
	});

	test('accepts timestamps at the edge of the window, and honours a custom tolerance', () => {
		const edge = NOW_S - 300;
		expect(check(`t=${edge},v0=${expected(SECRET, edge, BODY)}`).valid).toBe(true);
		const older = NOW_S - 900;
		const header = `t=${older},v0=${expected(SECRET, older, BODY)}`;
		expect(check(header).valid).toBe(false);
		expect(check(header, { toleranceSeconds: 1000 }).valid).toBe(true);
	});

	test('two signatures (rotation): either valid one passes', () => {
		const good = expected(SECRET, NOW_S, BODY);
		const other = expected('old-secret', NOW_S, BODY);
		expect(check(`t=${NOW_S},v0=${other},v0=${good}`).valid).toBe(true);
		expect(check(`t=${NOW_S},v0=${good},v0=${other}`).valid).toBe(true);
		expect(check(`t=${NOW_S},v0=${other},v0=${'0'.repeat(64)}`).valid).toBe(false);
	});

	test('several secrets: a signature by any of them passes', () => {
		expect(check(`t=${NOW_S},v0=${expected('second', NOW_S, BODY)}`, { secrets: [SECRET, 'second'] }).valid).toBe(true);
	});

	test('rejects a missing or malformed header', () => {
		expect(check(undefined)).toEqual({ valid: false, reason: 'missing_header' });
		expect(check('  ')).toEqual({ valid: false, reason: 'missing_header' });
		expect(check(`v0=${expected(SECRET, NOW_S, BODY)}`)).toEqual({ valid: false, reason: 'malformed_header' });
		expect(check(`t=${NOW_S}`)).toEqual({ valid: false, reason: 'malformed_header' });
		expect(check('sha256=abc')).toEqual({ valid: false, reason: 'malformed_header' });
	});

	test('rejects a signature made with another secret', () => {
		expect(check(`t=${NOW_S},v0=${expected('wrong-secret', NOW_S, BODY)}`)).toEqual({
			valid: false,
			reason: 'signature_mismatch',
		});
	});

	test('signatures of other lengths fail without throwing', () => {
		const good = expected(SECRET, NOW_S, BODY);
		for (const candidate of [good.slice(0, 63), `${good}0`, 'ab', 'x'.repeat(200), good.slice(0, 32), '☃'.repeat(32)]) {
			expect(() => check(`t=${NOW_S},v0=${candidate}`)).not.toThrow();
			expect(check(`t=${NOW_S},v0=${candidate}`).valid).toBe(false);
		}
	});

	test('without a secret nothing is valid', () => {
		expect(check(valid, { secrets: [] })).toEqual({ valid: false, reason: 'no_secret' });
		expect(check(valid, { secrets: ['', undefined] })).toEqual({ valid: false, reason: 'no_secret' });
	});

	test('a string body is signed as its UTF-8 bytes', () => {
		expect(check(valid, { rawBody: BODY.toString('utf8') }).valid).toBe(true);
	});
});

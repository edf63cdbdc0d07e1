import {
	acquire,
	delayBeforeNextRequest,
	recordResponseHeaders,
	recordTooManyRequests,
	resetRateLimitState,
} from '../../../nodes/Fanvue/transport/rateLimit';

describe('rate-limit pacing state', () => {
	beforeEach(() => resetRateLimitState());

	it('lets requests through while the bucket has tokens, and reserves one per request', async () => {
		const now = Date.now();
		recordResponseHeaders('cred-a', { 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': String(Math.ceil(now / 1000) + 60) });
		expect(await acquire('cred-a', 0)).toEqual({ waitedMs: 0, granted: true });
		expect(await acquire('cred-a', 0)).toEqual({ waitedMs: 0, granted: true });
		// Both tokens reserved: the third caller must wait for the reset.
		expect(delayBeforeNextRequest('cred-a', now)).toBeGreaterThan(55_000);
	});

	it('keeps buckets per credential', () => {
		const reset = String(Math.ceil(Date.now() / 1000) + 30);
		recordResponseHeaders('cred-a', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
		expect(delayBeforeNextRequest('cred-a')).toBeGreaterThan(0);
		expect(delayBeforeNextRequest('cred-b')).toBe(0);
	});

	it('waits for the reset when the bucket is empty, then goes', async () => {
		const resetSeconds = Math.ceil(Date.now() / 1000) + 1;
		recordResponseHeaders('cred-a', { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetSeconds) });
		const slot = await acquire('cred-a', 5_000);
		expect(slot.granted).toBe(true);
		expect(slot.waitedMs).toBeGreaterThan(0);
		expect(Date.now()).toBeGreaterThanOrEqual(resetSeconds * 1000 - 5);
	});

	it('refuses without waiting when the wait would exceed the budget', async () => {
		recordResponseHeaders('cred-a', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 90) });
		expect(await acquire('cred-a', 10_000)).toEqual({ waitedMs: 0, granted: false });
	});

	it('blocks for Retry-After after a 429, falling back to the reset header', () => {
		const now = 1_800_000_000_000;
		expect(recordTooManyRequests('cred-a', { 'retry-after': '7' }, now)).toBe(7_000);
		expect(delayBeforeNextRequest('cred-a', now)).toBe(7_000);
		resetRateLimitState();
		expect(recordTooManyRequests('cred-b', { 'x-ratelimit-reset': String(now / 1000 + 12) }, now)).toBe(12_000);
	});

	it('waits at least a second after a 429, even when Retry-After says 0 and the reset has passed', () => {
		const now = 1_800_000_000_000;
		expect(recordTooManyRequests('cred-a', { 'retry-after': '0' }, now)).toBe(1_000);
		expect(delayBeforeNextRequest('cred-a', now)).toBe(1_000);
		resetRateLimitState();
		expect(recordTooManyRequests('cred-b', { 'retry-after': '0', 'x-ratelimit-reset': String(now / 1000 - 5) }, now)).toBe(1_000);
		resetRateLimitState();
		expect(recordTooManyRequests('cred-c', { 'x-ratelimit-reset': String(now / 1000 - 5) }, now)).toBe(1_000);
	});

	it('ignores responses without rate-limit headers', () => {
		recordResponseHeaders('cred-a', { 'content-type': 'application/json' });
		expect(delayBeforeNextRequest('cred-a')).toBe(0);
	});
});

import {
	acquire,
	delayBeforeNextRequest,
	recordResponseHeaders,
	resetRateLimitState,
} from '../../../nodes/Fanvue/transport/rateLimit';
import { useVirtualRateLimitClock } from '../../helpers/virtual-rate-limit-clock';

// Fanvue's documented bucket: 200 tokens, refilled continuously over 60 s, so one token every
// 300 ms. The expected waits below come from that arithmetic, not from the code.
const LIMIT = 200;
const TOKEN_MS = 60_000 / LIMIT;
const T0 = Date.parse('2026-11-30T08:00:00Z'); // a whole second, so the reset below is exact

function emptyBucketAnswer() {
	return { 'X-RateLimit-Limit': String(LIMIT), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(T0 / 1000 + 60) };
}

describe('pacing on an empty bucket', () => {
	const clock = useVirtualRateLimitClock(T0, resetRateLimitState);

	it('waits for one token to come back, not for the whole bucket', () => {
		recordResponseHeaders('cred', emptyBucketAnswer(), T0);
		expect(delayBeforeNextRequest('cred', T0)).toBe(TOKEN_MS);
	});

	it('sends queued requests one refill apart, each reserving its token', async () => {
		recordResponseHeaders('cred', emptyBucketAnswer(), T0);
		for (let i = 0; i < 3; i++) expect((await acquire('cred', 120_000)).granted).toBe(true);
		// Request k goes once k tokens have come back: 300, 600, 900 ms after the empty answer.
		expect(clock.waits).toEqual([TOKEN_MS, TOKEN_MS, TOKEN_MS]);
		expect(clock.now - T0).toBe(3 * TOKEN_MS);
	});
});

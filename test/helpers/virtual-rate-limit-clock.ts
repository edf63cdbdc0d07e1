import { rateLimitClock } from '../../nodes/Fanvue/transport/rateLimit';

/**
 * The rate limiter's clock made virtual for each test of the file: `now` starts at `start` and
 * moves on only when the limiter sleeps; `waits` lists each sleep in ms.
 */
export function useVirtualRateLimitClock(start: number, beforeEachTest: () => void = () => undefined) {
	const clock = { now: start, waits: [] as number[] };
	beforeEach(() => {
		beforeEachTest();
		clock.now = start;
		clock.waits = [];
		jest.spyOn(rateLimitClock, 'now').mockImplementation(() => clock.now);
		jest.spyOn(rateLimitClock, 'sleep').mockImplementation(async (ms: number) => {
			clock.waits.push(ms);
			clock.now += ms;
		});
	});
	afterEach(() => jest.restoreAllMocks());
	return clock;
}

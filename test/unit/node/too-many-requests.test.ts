// 429 answers through the node in n8n-core's engine, with the rate limiter on a virtual clock:
// the test sees every wait the node would make without really waiting.
import nock from 'nock';

import { runNode } from '../../helpers/n8n-runner';
import { useVirtualRateLimitClock } from '../../helpers/virtual-rate-limit-clock';
import { FAN, credentials, fanvue, useNock } from './fixtures';

useNock();

const clock = useVirtualRateLimitClock(Date.parse('2026-11-01T12:00:00Z'));

/** Fanvue answering 429 with `Retry-After: 0` and no reset, to every request (up to `upTo`). */
function refuseWithRetryAfterZero(path: string, method: 'get' | 'post', upTo: number) {
	const seen: number[] = [];
	fanvue()
		[method](path)
		.times(upTo)
		.reply(() => {
			seen.push(clock.now);
			return [429, { error: 'Too Many Requests', message: 'Rate limit exceeded' }, { 'Retry-After': '0' }];
		});
	return seen;
}

// Far more than the node may wait in total, so only the cap on 429 answers can end the loop.
const noWaitBound = { maxRateLimitWait: 1_000_000 };

describe('Fanvue answering 429 with Retry-After: 0 again and again', () => {
	it('waits at least a second before each new attempt and gives up after 30 answers (a read)', async () => {
		const seen = refuseWithRetryAfterZero('/users/me', 'get', 50);
		const result = await runNode({
			parameters: { resource: 'user', operation: 'getCurrent', requestOptions: noWaitBound },
			credentials,
		});
		expect(seen).toHaveLength(30);
		expect(clock.waits).toHaveLength(29);
		for (const wait of clock.waits) expect(wait).toBeGreaterThanOrEqual(1000);
		for (let n = 1; n < seen.length; n++) expect(seen[n] - seen[n - 1]).toBeGreaterThanOrEqual(1000);
		const error = result.error as Error & { httpCode?: string };
		expect(error.message).toBe("Fanvue's rate limit is still exhausted after waiting 29 s");
		expect(error.httpCode).toBe('429');
		// 50 answers were offered (a bound, should the loop not end): the unused ones are expected.
		nock.cleanAll();
	});

	it('the same for a send: tried again only because Fanvue did not process it, and not endlessly', async () => {
		const seen = refuseWithRetryAfterZero(`/chats/${FAN}/message`, 'post', 50);
		const result = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				fan: { __rl: true, mode: 'uuid', value: FAN },
				text: 'Hi',
				requestOptions: noWaitBound,
			},
			credentials,
		});
		expect(seen).toHaveLength(30);
		expect(clock.waits).toHaveLength(29); // else the loop below checks nothing
		for (const wait of clock.waits) expect(wait).toBeGreaterThanOrEqual(1000);
		expect((result.error as Error).message).toBe("Fanvue's rate limit is still exhausted after waiting 29 s");
		nock.cleanAll();
	});
});

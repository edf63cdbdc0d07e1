// The nock lifecycle every request-pinning test file shares: no real network, the Fanvue
// node's rate-limit state reset between tests, and every mocked request used exactly once.
import nock from 'nock';

import { resetRateLimitState } from '../../nodes/Fanvue/transport/rateLimit';

const afterCurrentTest: Array<() => void> = [];

/**
 * Records every request that tries to leave (net connect is disabled, nothing is mocked), so a
 * validation test can assert that none did.
 */
export function forbidAnyRequest() {
	const seen: string[] = [];
	const record = (req: { method?: string; path?: string }) => seen.push(`${req.method} ${req.path}`);
	nock.emitter.on('no match', record);
	afterCurrentTest.push(() => nock.emitter.removeListener('no match', record));
	return seen;
}

export function useNock() {
	beforeAll(() => nock.disableNetConnect());
	beforeEach(() => resetRateLimitState());
	afterEach(() => {
		afterCurrentTest.splice(0).forEach((undo) => undo());
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => {
		nock.enableNetConnect();
	});
}


// Which failures may hide a request Fanvue carried out. Network errors cannot be simulated with
// nock (n8n's HTTP stack stalls on them), so the codes are checked here and the real sockets in
// test/workflow/send-outcome.test.ts.
import { describeHttpFailure, mayHaveReachedFanvue } from '../../../nodes/Fanvue/transport/httpFailure';

const networkError = (code: string) => describeHttpFailure(Object.assign(new Error(`socket ${code}`), { code }));

describe('mayHaveReachedFanvue', () => {
	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'])('%s: the request may have arrived', (code) => {
		expect(mayHaveReachedFanvue(networkError(code))).toBe(true);
	});

	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])('%s: no connection was made', (code) => {
		expect(mayHaveReachedFanvue(networkError(code))).toBe(false);
	});

	it('an unknown failure without an answer may have arrived', () => {
		expect(mayHaveReachedFanvue(describeHttpFailure(new Error('socket hang up')))).toBe(true);
	});

	it.each([
		[500, true],
		[503, true],
		[400, false],
		[429, false],
		[404, false],
	])('HTTP %i: %s', (status, expected) => {
		expect(mayHaveReachedFanvue({ status, message: '' })).toBe(expected);
	});
});

import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { fanvueMessage, toNodeApiError } from '../../../nodes/Fanvue/transport/errors';
import { describeHttpFailure, isRefusedTokenRefresh, isRetryableForReads } from '../../../nodes/Fanvue/transport/httpFailure';

const node: INode = {
	id: 'n1',
	name: 'Fanvue',
	type: 'n8n-nodes-fanvue.fanvue',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const read = { method: 'GET', path: '/chats', sendsSomething: false };
const send = { method: 'POST', path: '/chats/x/message', sendsSomething: true };

describe('Fanvue error bodies', () => {
	it('reads both 400 shapes and the others', () => {
		expect(fanvueMessage({ errors: [{ field: 'text', message: 'too long' }, { message: 'price too low' }] })).toBe(
			'text: too long; price too low',
		);
		expect(fanvueMessage({ error: 'Bad Request', message: 'Invalid API version' })).toBe('Invalid API version');
		expect(fanvueMessage({ error: 'Unauthorized' })).toBe('Unauthorized');
		expect(fanvueMessage({ message: ['a', 'b'] })).toBe('a; b');
		expect(fanvueMessage(undefined)).toBeUndefined();
	});
});

describe('toNodeApiError', () => {
	it('400 validation carries Fanvue message', () => {
		const error = toNodeApiError(node, { status: 400, body: { errors: [{ field: 'price', message: 'must be >= 300' }] }, message: '' }, send);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Fanvue rejected the request: price: must be >= 300');
		expect(error.httpCode).toBe('400');
	});

	it('400 about the API version says to update the package', () => {
		const error = toNodeApiError(node, { status: 400, body: { error: 'Bad Request', message: 'Unsupported API version' }, message: '' }, read);
		expect(error.description).toContain('2025-06-26');
		expect(error.description).toContain('Update n8n-nodes-fanvue');
	});

	it('401 tells the user to reconnect', () => {
		const error = toNodeApiError(node, { status: 401, body: { error: 'Unauthorized' }, message: '' }, read);
		expect(error.message).toBe('Fanvue did not accept the credential: Unauthorized');
		expect(error.description).toContain('Reconnect');
	});

	it('403 names the missing scope', () => {
		const error = toNodeApiError(node, { status: 403, body: { error: 'Forbidden', message: 'Missing required scope: write:chat' }, message: '' }, send);
		expect(error.message).toBe('The Fanvue connection lacks the scope "write:chat"');
		expect(error.description).toContain('reconnect');
	});

	it('403 without a scope in the body still explains', () => {
		const error = toNodeApiError(node, { status: 403, body: { error: 'Forbidden' }, message: '' }, read);
		expect(error.message).toBe('Fanvue refused the request: Forbidden');
	});

	it('403 acting for a creator the agency does not manage says what to check', () => {
		const asCreator = { method: 'GET', path: '/creators/1a2b3c4d-aaaa-4b5c-8d6e-7f8091a2b3c4/chats', sendsSomething: false };
		const error = toNodeApiError(node, { status: 403, body: { error: 'Forbidden', message: 'You do not have access to this creator' }, message: '' }, asCreator);
		expect(error.message).toBe('Fanvue refused the request: You do not have access to this creator');
		expect(error.description).toContain('check that your agency manages this creator');
		// A missing scope on an agency path is still named as such.
		const scope = toNodeApiError(node, { status: 403, body: { error: 'Forbidden', message: 'Missing required scope: read:creator' }, message: '' }, asCreator);
		expect(scope.message).toBe('The Fanvue connection lacks the scope "read:creator"');
		expect(scope.description).toContain('Enable "read:creator"');
	});

	it('404 and 409', () => {
		expect(toNodeApiError(node, { status: 404, body: { message: 'No conversation found' }, message: '' }, read).message).toBe(
			'Fanvue could not find it: No conversation found',
		);
		expect(toNodeApiError(node, { status: 409, body: { message: 'List name exists' }, message: '' }, send).message).toBe(
			'Fanvue reported a conflict: List name exists',
		);
	});

	it('410 says the API version is retired and names the next one', () => {
		const error = toNodeApiError(
			node,
			{ status: 410, body: { error: 'Gone', message: 'Version sunset', nextVersion: '2026-09-01' }, message: '' },
			read,
		);
		expect(error.message).toBe('Fanvue has retired API version 2025-06-26: Version sunset');
		expect(error.description).toContain('2026-09-01');
		expect(error.description).toContain('Update n8n-nodes-fanvue');
	});

	it('429 reports how long it waited', () => {
		const error = toNodeApiError(node, { status: 429, body: { error: 'Too Many Requests' }, message: '' }, { ...read, waitedForRateLimitMs: 4200 });
		expect(error.message).toBe("Fanvue's rate limit is still exhausted after waiting 4 s");
	});

	it('5xx on a send warns that it was not resent', () => {
		const error = toNodeApiError(node, { status: 503, body: { message: 'down' }, message: '' }, send);
		expect(error.message).toBe('Fanvue answered 503: down');
		expect(error.description).toContain('NOT sent again');
	});

	it('a definite 4xx on a send says it had no effect, not that Fanvue may have accepted it', () => {
		const error = toNodeApiError(node, { status: 422, body: { message: 'Fan has blocked messages' }, message: '' }, send);
		expect(error.message).toBe('Fanvue answered 422: Fan has blocked messages');
		expect(error.description).not.toMatch(/may or may not/i);
		expect(error.description).toContain('no effect');
	});

	it('a send whose connection was never made says nothing was sent; a cut one leaves it open', () => {
		const refused = toNodeApiError(node, { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, send);
		expect(refused.description).toContain('nothing was sent');
		expect(refused.description).not.toMatch(/may or may not/i);
		expect(refused.context.mayHaveBeenSent).toBe(false);
		const cut = toNodeApiError(node, { code: 'ECONNRESET', message: 'socket hang up' }, send);
		expect(cut.description).toMatch(/may or may not/i);
		expect(cut.context.mayHaveBeenSent).toBe(true);
	});

	it('a read says it was retried only when it was', () => {
		const once = toNodeApiError(node, { status: 503, body: { message: 'down' }, message: '' }, { ...read, retries: 0 });
		expect(once.description).not.toMatch(/retried/i);
		const noAnswer = toNodeApiError(node, { message: 'something odd' }, read);
		expect(noAnswer.description).not.toMatch(/retried/i);
		const thrice = toNodeApiError(node, { code: 'ECONNRESET', message: 'socket hang up' }, { ...read, retries: 3 });
		expect(thrice.description).toBe('Network error ECONNRESET. Fanvue seems unavailable: it was retried 3 times and still failed. Try again later.');
	});

	it('network failure', () => {
		const error = toNodeApiError(node, { code: 'ECONNRESET', message: 'socket hang up' }, read);
		expect(error.message).toBe('Could not reach Fanvue');
		expect(error.description).toContain('ECONNRESET');
	});
});

describe('describeHttpFailure', () => {
	it('finds the response through n8n wrapping, and never keeps the request config', () => {
		const axiosLike = Object.assign(new Error('Request failed'), {
			config: { headers: { Authorization: 'Bearer secret-token' } },
			response: { status: 429, headers: { 'retry-after': '3' }, data: { error: 'Too Many Requests' } },
		});
		const wrapped = new Error('outer', { cause: new Error('middle', { cause: axiosLike }) });
		const failure = describeHttpFailure(wrapped);
		expect(failure).toEqual({
			status: 429,
			headers: { 'retry-after': '3' },
			body: { error: 'Too Many Requests' },
			message: 'Request failed',
		});
		expect(JSON.stringify(failure)).not.toContain('secret-token');
	});

	it('keeps network codes and decides what reads may retry', () => {
		const failure = describeHttpFailure(new Error('x', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }));
		expect(failure.code).toBe('ECONNRESET');
		expect(isRetryableForReads(failure)).toBe(true);
		expect(isRetryableForReads({ status: 502, message: '' })).toBe(true);
		expect(isRetryableForReads({ status: 400, message: '' })).toBe(false);
		expect(isRetryableForReads({ message: 'weird' })).toBe(false);
	});
});

describe('isRefusedTokenRefresh', () => {
	it('knows n8n 2.x own reconnect error and n8n 1.x OAuth client error; not other failures', () => {
		const n8n2 = Object.assign(new Error('The credential "Fanvue account" needs to be reconnected.'), { failure: { cause: 'credential-invalid' } });
		const n8n1 = Object.assign(new Error('invalid_grant'), { code: 'EAUTH', body: { error: 'invalid_grant', error_description: 'refresh token reused' } });
		expect(isRefusedTokenRefresh(n8n2)).toBe(true);
		expect(isRefusedTokenRefresh(new Error('wrapped', { cause: n8n1 }))).toBe(true);
		expect(isRefusedTokenRefresh(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(false);
		expect(isRefusedTokenRefresh({ response: { status: 401, data: { error: 'Unauthorized' } } })).toBe(false);
		// EAUTH is no network failure: a send refused at refresh must not read as "may have been sent".
		expect(describeHttpFailure(n8n1).code).toBeUndefined();
	});
});

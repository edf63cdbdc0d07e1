// Rate limits, retries and error mapping, through the node in n8n-core's engine.
import nock from 'nock';

import { runNode } from '../../helpers/n8n-runner';
import { ACCESS_TOKEN, API, AUTH, FAN, credentials, fanvue, page, useNock } from './fixtures';

useNock();

const send = (text = 'Hi', extra: object = {}) => ({
	resource: 'message',
	operation: 'send',
	fan: { __rl: true, mode: 'uuid', value: FAN },
	text,
	...extra,
});
const getSubscribers = { resource: 'subscriber', operation: 'getMany', returnAll: false, limit: 1 };

async function failure(parameters: object) {
	const result = await runNode({ parameters, credentials });
	expect(result.run.status).toBe('error');
	const error = result.error as Error & { description?: string; httpCode?: string };
	// No secret ever appears in an error.
	expect(JSON.stringify(result.error)).not.toContain(ACCESS_TOKEN);
	expect(`${error.message} ${error.description}`).not.toContain(ACCESS_TOKEN);
	return error;
}

describe('rate limits', () => {
	it('waits Retry-After after a 429 and retries, also for a send (Fanvue did not process it)', async () => {
		const at: number[] = [];
		fanvue()
			.post(`/chats/${FAN}/message`, { text: 'Hi' })
			.reply(() => {
				at.push(Date.now());
				return [429, { error: 'Too Many Requests' }, { 'Retry-After': '1' }];
			});
		fanvue()
			.post(`/chats/${FAN}/message`, { text: 'Hi' })
			.reply(() => {
				at.push(Date.now());
				return [201, { messageUuid: 'm1' }];
			});
		const result = await runNode({ parameters: send(), credentials });
		expect(result.error).toBeUndefined();
		expect(result.output(result.nodeName)[0].json.messageUuid).toBe('m1');
		expect(at).toHaveLength(2);
		expect(at[1] - at[0]).toBeGreaterThanOrEqual(990);
	});

	it('an empty bucket makes the next request wait for a token to come back instead of provoking a 429', async () => {
		const at: number[] = [];
		const resetSeconds = Math.ceil(Date.now() / 1000) + 2;
		fanvue()
			.get('/subscribers')
			.query({ page: '1', size: '1' })
			.times(2)
			.reply(() => {
				at.push(Date.now());
				return [200, page([{ uuid: 'a' }], false), { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetSeconds) }];
			});
		const result = await runNode({ parameters: getSubscribers, credentials, items: [{}, {}] });
		expect(result.error).toBeUndefined();
		expect(at).toHaveLength(2);
		// A bucket of 2 that is full again at the reset gets one token back halfway there.
		expect(at[1] - at[0]).toBeGreaterThanOrEqual((resetSeconds * 1000 - at[0]) / 2 - 5);
	});

	it('gives up with a rate-limit error when the wait would exceed the configured bound', async () => {
		fanvue().get('/subscribers').query(true).reply(429, { error: 'Too Many Requests' }, { 'Retry-After': '30' });
		const error = await failure({ ...getSubscribers, requestOptions: { maxRateLimitWait: 2 } });
		expect(error.message).toBe("Fanvue's rate limit is still exhausted");
		expect(error.httpCode).toBe('429');
	});
});

describe('retries', () => {
	// Dropped connections are proved against the sandbox (test/workflow), which really destroys
	// sockets: nock's simulated socket errors stall n8n's HTTP stack until its timeout.
	it('retries a read after 5xx answers', async () => {
		fanvue().get('/subscribers').query(true).reply(503, { message: 'busy' });
		fanvue().get('/subscribers').query(true).reply(502, { message: 'bad gateway' });
		fanvue().get('/subscribers').query(true).reply(200, page([{ uuid: 'a' }], false));
		const result = await runNode({ parameters: getSubscribers, credentials });
		expect(result.error).toBeUndefined();
		expect(result.output(result.nodeName).map((i) => i.json.uuid)).toEqual(['a']);
	});

	it('gives up on a read after a bounded number of retries', async () => {
		fanvue().get('/subscribers').query(true).times(4).reply(500, { message: 'still down' });
		const error = await failure(getSubscribers);
		expect(error.message).toBe('Fanvue answered 500: still down');
		expect(error.description).toContain('retried');
	});

	it('never repeats a send after a 5xx', async () => {
		let calls = 0;
		fanvue()
			.post(`/chats/${FAN}/message`)
			.reply(() => {
				calls++;
				return [502, { message: 'Bad gateway' }];
			});
		const error = await failure(send());
		expect(calls).toBe(1);
		expect(error.message).toBe('Fanvue answered 502: Bad gateway');
		expect(error.description).toContain('NOT sent again');
	});

	it('never repeats a mass message after a 5xx', async () => {
		fanvue().post('/chats/mass-messages').reply(500, { message: 'oops' });
		const error = await failure({
			resource: 'message',
			operation: 'sendMass',
			text: 'All of you',
			includedSmartLists: ['subscribers'],
		});
		expect(error.message).toBe('Fanvue answered 500: oops');
	});
});

describe('Fanvue errors become NodeApiError with Fanvue words and what to do', () => {
	it('400 validation shape', async () => {
		fanvue().post(`/chats/${FAN}/message`).reply(400, { errors: [{ field: 'text', message: 'contains a banned word' }] });
		const error = await failure(send());
		expect(error.message).toBe('Fanvue rejected the request: text: contains a banned word');
		expect(error.httpCode).toBe('400');
	});

	it('400 error/message shape', async () => {
		fanvue().post(`/chats/${FAN}/message`).reply(400, { error: 'Bad Request', message: 'User is not contactable' });
		const error = await failure(send());
		expect(error.message).toBe('Fanvue rejected the request: User is not contactable');
	});

	it('401 after n8n refreshed the token once', async () => {
		fanvue().get('/subscribers').query(true).reply(401, { error: 'Unauthorized' });
		nock(AUTH).post('/oauth2/token').reply(200, { access_token: 'new-token-xyz', refresh_token: 'r2', token_type: 'Bearer', expires_in: 3600 });
		nock(API, { reqheaders: { authorization: 'Bearer new-token-xyz' } }).get('/subscribers').query(true).reply(401, { error: 'Unauthorized' });
		const error = await failure(getSubscribers);
		expect(error.message).toBe('Fanvue did not accept the credential: Unauthorized');
		expect(error.description).toContain('Reconnect');
		expect(JSON.stringify(error)).not.toContain('new-token-xyz');
	});

	it('403 names the missing scope', async () => {
		fanvue().get('/subscribers').query(true).reply(403, { error: 'Forbidden', message: 'Missing required scope: read:fan' });
		const error = await failure(getSubscribers);
		expect(error.message).toBe('The Fanvue connection lacks the scope "read:fan"');
	});

	it('404 with Fanvue message', async () => {
		fanvue().get(`/chats/${FAN}/messages`).query(true).reply(404, { message: 'No conversation found with the given user' });
		const error = await failure({ resource: 'message', operation: 'getMany', fan: { __rl: true, mode: 'uuid', value: FAN }, returnAll: true });
		expect(error.message).toBe('Fanvue could not find it: No conversation found with the given user');
	});

	it('410 retired API version', async () => {
		fanvue().get('/users/me').reply(410, { error: 'Gone', message: 'API version sunset', nextVersion: '2027-01-01' });
		const error = await failure({ resource: 'user', operation: 'getCurrent' });
		expect(error.message).toContain('retired API version 2025-06-26');
		expect(error.description).toContain('2027-01-01');
	});
});

describe('continueOnFail', () => {
	it('returns per-item errors with pairedItem next to successes', async () => {
		fanvue().post(`/chats/${FAN}/message`, { text: 'ok' }).reply(201, { messageUuid: 'm-ok' });
		fanvue().post(`/chats/${FAN}/message`, { text: 'bad' }).reply(400, { error: 'Bad Request', message: 'Nope' });
		const result = await runNode({
			parameters: send('={{ $json.text }}'),
			credentials,
			items: [{ text: 'ok' }, { text: 'bad' }, { text: '' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = result.output(result.nodeName);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toEqual({ messageUuid: 'm-ok', fanUuid: FAN });
		expect(out[1].json.error).toBe('Fanvue rejected the request: Nope');
		expect(out[2].json.error).toBe('The message has no Text, Media UUIDs or Template');
		expect(JSON.stringify(out)).not.toContain(ACCESS_TOKEN);
	});

	it('with "Continue (using error output)", failures go to the error output and successes to the main one', async () => {
		fanvue().post(`/chats/${FAN}/message`, { text: 'ok' }).reply(201, { messageUuid: 'm-ok' });
		fanvue().post(`/chats/${FAN}/message`, { text: 'bad' }).reply(503, { message: 'Unavailable' });
		const result = await runNode({
			parameters: send('={{ $json.text }}'),
			credentials,
			items: [{ text: 'ok' }, { text: 'bad' }],
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		const succeeded = result.output(result.nodeName, 0);
		const failed = result.output(result.nodeName, 1);
		expect(succeeded.map((i) => [i.json.messageUuid, i.pairedItem])).toEqual([['m-ok', { item: 0 }]]);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		expect(String(failed[0].json.error)).toContain('Fanvue answered 503');
	});
});

// What a failure's description claims must be what happened: a definite refusal (4xx) had no
// effect, and only a request that was really retried says so. Through the node, pinned with nock.
import { runNode } from '../../helpers/n8n-runner';
import { FAN, credentials, fanvue, useNock } from './fixtures';

useNock();

async function failure(parameters: object) {
	const result = await runNode({ parameters, credentials });
	expect(result.run.status).toBe('error');
	return result.error as Error & { description?: string; httpCode?: string };
}

const send = { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: FAN }, text: 'Hi' };
const getSubscribers = { resource: 'subscriber', operation: 'getMany', returnAll: false, limit: 1 };

describe('failure descriptions say only what is known', () => {
	it('a send refused with a 4xx is not "may or may not have accepted": Fanvue said no', async () => {
		fanvue()
			.post(`/chats/${FAN}/message`, { text: 'Hi' })
			.matchHeader('content-type', /application\/json/)
			.reply(422, { error: 'Unprocessable Entity', message: 'Fan has blocked messages' });
		const error = await failure(send);
		expect(error.message).toBe('Fanvue answered 422: Fan has blocked messages');
		expect(error.httpCode).toBe('422');
		expect(error.description).not.toMatch(/may or may not/i);
		expect(error.description).not.toMatch(/NOT sent again/);
		expect(error.description).toContain('no effect');
	});

	it('a read refused with a 4xx is sent once and does not claim it was retried', async () => {
		fanvue().get('/subscribers').query({ page: '1', size: '1' }).reply(422, { message: 'size is not allowed here' });
		const error = await failure(getSubscribers);
		expect(error.message).toBe('Fanvue answered 422: size is not allowed here');
		expect(error.description).not.toMatch(/retried/i);
		expect(error.description).toContain('no effect');
	});

	it('a read that failed after retries says how many', async () => {
		fanvue().get('/subscribers').query({ page: '1', size: '1' }).times(4).reply(503, { message: 'busy' });
		const error = await failure(getSubscribers);
		expect(error.message).toBe('Fanvue answered 503: busy');
		expect(error.description).toContain('retried 3 times');
	});
});

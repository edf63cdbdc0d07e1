// What a failed item carries under "On Error: Continue", as n8n-core's real engine hands it to
// the next node (it rebuilds error items, see nodes/Fanvue/helpers/failedItem.ts): the message,
// and in `details` the description, Fanvue's HTTP status and whether a fan may already have the
// message. The expected `mayHaveBeenSent` comes from what the mocked Fanvue did with the request.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { FAN, credentials, fanvue, useNock } from './fixtures';

useNock();

const send = { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: FAN }, text: '={{ $json.text }}' };
const sendMass = { resource: 'message', operation: 'sendMass', text: 'Hi all', includedSmartLists: ['subscribers'] };
const muteChat = { resource: 'chat', operation: 'update', fan: { __rl: true, mode: 'uuid', value: FAN }, updateFields: { isMuted: true } };
const getSubscribers = { resource: 'subscriber', operation: 'getMany', returnAll: false, limit: 1 };

/** Runs the node with "Continue" (regular output) and returns the one failed item. */
async function failedItem(parameters: object, items: IDataObject[] = [{ text: 'Hi' }]): Promise<INodeExecutionData> {
	const result = await runNode({ parameters, credentials, items, onError: 'continueRegularOutput' });
	expect(result.error).toBeUndefined();
	const out = result.output(result.nodeName);
	expect(out).toHaveLength(1);
	return out[0];
}

describe('failed items under "On Error: Continue"', () => {
	it('carry error, description, httpCode and mayHaveBeenSent on the regular output', async () => {
		fanvue().post(`/chats/${FAN}/message`, { text: 'Hi' }).reply(503, { message: 'Unavailable' });
		const item = await failedItem(send);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			error: 'Fanvue answered 503: Unavailable',
			details: { description: expect.stringMatching(/\S/), httpCode: 503, mayHaveBeenSent: true },
		});
	});

	it('carry the same fields on the error output, next to the input item\'s fields', async () => {
		fanvue().post(`/chats/${FAN}/message`, { text: 'ok' }).reply(201, { messageUuid: 'm-ok' });
		fanvue().post(`/chats/${FAN}/message`, { text: 'refused' }).reply(400, { error: 'Bad Request', message: 'User is not contactable' });
		const result = await runNode({
			parameters: send,
			credentials,
			items: [{ text: 'ok', draftId: 1 }, { text: 'refused', draftId: 2 }],
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.output(result.nodeName, 0).map((i) => i.json)).toEqual([{ messageUuid: 'm-ok', fanUuid: FAN }]);
		const failed = result.output(result.nodeName, 1);
		expect(failed.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(failed[0].json).toEqual({
			text: 'refused',
			draftId: 2,
			error: 'Fanvue rejected the request: User is not contactable',
			details: { description: expect.stringMatching(/\S/), httpCode: 400, mayHaveBeenSent: false },
		});
	});

	it.each([
		[500, true],
		[502, true],
		[400, false],
		[403, false],
		[404, false],
		[409, false],
	])('a send answered %i: mayHaveBeenSent %s', async (status, mayHaveBeenSent) => {
		fanvue().post(`/chats/${FAN}/message`, { text: 'Hi' }).reply(status, { message: 'said by Fanvue' });
		const { details } = (await failedItem(send)).json as { details: object };
		expect(details).toEqual({ description: expect.anything(), httpCode: status, mayHaveBeenSent });
	});

	it('a mass message and a chat update answered 500 may have been carried out', async () => {
		fanvue().post('/chats/mass-messages').reply(500, { message: 'oops' });
		expect((await failedItem(sendMass)).json.details).toMatchObject({ httpCode: 500, mayHaveBeenSent: true });
		fanvue().patch(`/chats/${FAN}`).reply(500, { message: 'oops' });
		expect((await failedItem(muteChat)).json.details).toMatchObject({ httpCode: 500, mayHaveBeenSent: true });
	});

	it('a send still rate limited after the allowed wait was not sent (429: Fanvue did not process it)', async () => {
		fanvue().post(`/chats/${FAN}/message`).reply(429, { error: 'Too Many Requests' }, { 'Retry-After': '30' });
		const item = await failedItem({ ...send, requestOptions: { maxRateLimitWait: 1 } });
		expect(item.json.details).toMatchObject({ httpCode: 429, mayHaveBeenSent: false });
	});

	it('bad input stops before any request: no HTTP code, not sent', async () => {
		const item = await failedItem(send, [{ text: '' }]);
		expect(item.json).toEqual({
			error: 'The message has no Text, Media UUIDs or Template',
			details: { description: expect.stringMatching(/\S/), httpCode: null, mayHaveBeenSent: false },
		});
	});

	it('a read never sends anything, even when Fanvue answers 5xx', async () => {
		fanvue().get('/subscribers').query(true).times(4).reply(500, { message: 'down' });
		const item = await failedItem(getSubscribers);
		expect(item.json.details).toMatchObject({ httpCode: 500, mayHaveBeenSent: false });
	});
});

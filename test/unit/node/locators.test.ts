// The fields that became resource locators (From List / By UUID) after workflows had been
// saved with them as plain values: each sends the same request whether it holds a locator
// (what the editor saves now) or the plain value a workflow saved before, so nothing breaks.
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { CUSTOM_LIST, FAN, MEDIA_A, TEMPLATE, credentials, exactQuery, fanvue, page, useNock } from './fixtures';

useNock();

const byUuid = (value: string) => ({ __rl: true, mode: 'uuid', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const fan = byUuid(FAN);

async function run(parameters: IDataObject) {
	const result = await runNode({ parameters, credentials });
	expect(result.error).toBeUndefined();
	return result.output(result.nodeName).map((item) => item.json);
}

describe.each([
	['a locator picked from the list', fromList],
	['a locator given by UUID', byUuid],
	['the plain value saved before', (value: string) => value],
])('with %s', (_shape, shape) => {
	it('Chat Create starts the chat with that fan', async () => {
		fanvue().post('/chats', { userUuid: FAN }).reply(201, {});
		expect(await run({ resource: 'chat', operation: 'create', fanUuid: shape(FAN) })).toEqual([{ fanUuid: FAN }]);
	});

	it('Message Send sends that template', async () => {
		fanvue().post(`/chats/${FAN}/message`, { templateUuid: TEMPLATE }).reply(201, { messageUuid: 'm1' });
		const out = await run({ resource: 'message', operation: 'send', fan, text: '', additionalFields: { templateUuid: shape(TEMPLATE) } });
		expect(out).toEqual([{ messageUuid: 'm1', fanUuid: FAN }]);
	});

	it('Chat Get Many filters by that custom list', async () => {
		fanvue()
			.get('/chats')
			.query(exactQuery({ page: '1', size: '50', customListId: CUSTOM_LIST, sortBy: 'most_recent_messages' }))
			.reply(200, page([], false));
		await run({ resource: 'chat', operation: 'getMany', returnAll: true, filters: { customListId: shape(CUSTOM_LIST) } });
	});

	it('Media Get asks whether that fan bought it', async () => {
		fanvue().get(`/media/${MEDIA_A}`).query(exactQuery({ variants: 'main', purchasedBy: FAN })).reply(200, { uuid: MEDIA_A });
		await run({ resource: 'media', operation: 'get', media: byUuid(MEDIA_A), variants: ['main'], options: { purchasedBy: shape(FAN) } });
	});

	it('Media Get Many filters by that buyer and that vault folder', async () => {
		const folder = typeof shape('x') === 'string' ? 'PPV' : { __rl: true, mode: 'name', value: 'PPV' };
		fanvue()
			.get('/media')
			.query(exactQuery({ page: '1', size: '50', folderName: 'PPV', purchasedBy: FAN }))
			.reply(200, page([], false));
		await run({ resource: 'media', operation: 'getMany', returnAll: true, variants: [], filters: { purchasedBy: shape(FAN), folderName: folder } });
	});
});

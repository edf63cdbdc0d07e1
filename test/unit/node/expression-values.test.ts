// Values only an expression can put into a field, each checked against what Fanvue takes:
// a Date object in a date field (n8n hands it over as an object), two values in a single
// choice, and a filter added in the editor but left empty while acting as a managed creator.
import { runNode } from '../../helpers/n8n-runner';
import { credentials, exactQuery, fanvue, page, useNock } from './fixtures';

useNock();

const CREATOR = '1a2b3c4d-aaaa-4b5c-8d6e-7f8091a2b3c4';

it('a JavaScript Date in From / Until is sent as the ISO date it stands for', async () => {
	fanvue()
		.get('/insights/subscribers')
		.query(exactQuery({ size: '50', startDate: '2026-11-01T00:00:00.000Z', endDate: '2026-11-08T00:00:00.000Z' }))
		.reply(200, { data: [], nextCursor: null });
	const result = await runNode({
		parameters: {
			resource: 'insight',
			operation: 'getSubscribers',
			returnAll: true,
			filters: { startDate: "={{ new Date('2026-11-01T00:00:00Z') }}", endDate: "={{ new Date('2026-11-08T00:00:00Z') }}" },
		},
		credentials,
	});
	expect(result.error).toBeUndefined();
});

it('two values in a single choice (Sort By) are refused, naming the field, before any request', async () => {
	const result = await runNode({
		parameters: { resource: 'chat', operation: 'getMany', returnAll: true, sortBy: "={{ 'most_recent_messages,online_now' }}" },
		credentials,
	});
	expect(result.error?.message).toMatch(/^Sort By must be one of /);
});

it('acting as a managed creator, a Custom List filter added but left empty is no filter', async () => {
	fanvue().get(`/creators/${CREATOR}/chats`).query(exactQuery({ page: '1', size: '50' })).reply(200, page([], false));
	const result = await runNode({
		parameters: {
			resource: 'chat',
			operation: 'getMany',
			returnAll: true,
			actAs: 'creator',
			creator: { __rl: true, mode: 'uuid', value: CREATOR },
			filters: { customListId: { __rl: true, mode: 'list', value: '' } },
		},
		credentials,
	});
	expect(result.error).toBeUndefined();
});

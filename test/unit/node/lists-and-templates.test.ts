// Custom List and Template operations: method, path, query, headers and body, pinned with nock.
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { CUSTOM_LIST, FAN, TEMPLATE, credentials, exactQuery, fanvue, page, useNock } from './fixtures';

useNock();

const OTHER_FAN = '5e6f7a8b-5555-4a1b-8c2d-4e5f6a7b8c9d';
const noBody = (value: string | undefined) => value === undefined;

async function run(parameters: object, items?: IDataObject[]) {
	const result = await runNode({ parameters, credentials, items });
	expect(result.error).toBeUndefined();
	return result.output(result.nodeName);
}

describe('Custom List', () => {
	it('Get Many with a limit and a search: one page of that size', async () => {
		fanvue()
			.get('/chats/lists/custom')
			.query(exactQuery({ page: '1', size: '2', search: 'vip' }))
			.reply(200, page([{ uuid: CUSTOM_LIST, name: 'VIP', membersCount: 3 }, { uuid: 'x', name: 'VIP 2' }], true));
		const out = await run({ resource: 'customList', operation: 'getMany', returnAll: false, limit: 2, filters: { search: 'vip' } });
		expect(out.map((i) => i.json.name)).toEqual(['VIP', 'VIP 2']);
	});

	it('Get Many, Return All: walks pages of 50', async () => {
		const first = Array.from({ length: 50 }, (_, i) => ({ n: i }));
		fanvue().get('/chats/lists/custom').query(exactQuery({ page: '1', size: '50' })).reply(200, page(first, true));
		fanvue().get('/chats/lists/custom').query(exactQuery({ page: '2', size: '50' })).reply(200, page([{ n: 50 }], false, 2));
		const out = await run({ resource: 'customList', operation: 'getMany', returnAll: true });
		expect(out).toHaveLength(51);
	});

	it('Create: POST /chats/lists/custom {name}, name trimmed', async () => {
		const created = { uuid: CUSTOM_LIST, name: 'Big tippers', createdAt: '2026-11-29T10:00:00Z' };
		fanvue()
			.post('/chats/lists/custom', { name: 'Big tippers' })
			.matchHeader('content-type', /application\/json/)
			.reply(201, created);
		const out = await run({ resource: 'customList', operation: 'create', name: '  Big tippers ' });
		expect(out.map((i) => i.json)).toEqual([created]);
	});

	it('Rename: PATCH /chats/lists/custom/{uuid} {name}; 204 becomes {uuid, name}', async () => {
		fanvue()
			.patch(`/chats/lists/custom/${CUSTOM_LIST}`, { name: 'Top fans' })
			.matchHeader('content-type', /application\/json/)
			.reply(204);
		const out = await run({ resource: 'customList', operation: 'rename', customList: CUSTOM_LIST, name: 'Top fans' });
		expect(out.map((i) => i.json)).toEqual([{ uuid: CUSTOM_LIST, name: 'Top fans' }]);
	});

	it('Delete: DELETE /chats/lists/custom/{uuid} without a body', async () => {
		fanvue().delete(`/chats/lists/custom/${CUSTOM_LIST}`).matchHeader('content-type', noBody).reply(204);
		const out = await run({ resource: 'customList', operation: 'delete', customList: { __rl: true, mode: 'uuid', value: CUSTOM_LIST } });
		expect(out.map((i) => i.json)).toEqual([{ uuid: CUSTOM_LIST, deleted: true }]);
	});

	it('Get Members: GET /chats/lists/custom/{uuid} page by page', async () => {
		fanvue()
			.get(`/chats/lists/custom/${CUSTOM_LIST}`)
			.query(exactQuery({ page: '1', size: '50' }))
			.reply(200, page([{ uuid: FAN }], true));
		fanvue()
			.get(`/chats/lists/custom/${CUSTOM_LIST}`)
			.query(exactQuery({ page: '2', size: '50' }))
			.reply(200, page([{ uuid: OTHER_FAN }], false, 2));
		const out = await run({ resource: 'customList', operation: 'getMembers', customList: CUSTOM_LIST, returnAll: true });
		expect(out.map((i) => i.json.uuid)).toEqual([FAN, OTHER_FAN]);
	});

	it('Add Members: POST .../members {userUuids} from a comma-separated string', async () => {
		fanvue()
			.post(`/chats/lists/custom/${CUSTOM_LIST}/members`, { userUuids: [FAN, OTHER_FAN] })
			.matchHeader('content-type', /application\/json/)
			.reply(201, { added: 1, skipped: 1 });
		const out = await run({
			resource: 'customList',
			operation: 'addMembers',
			customList: CUSTOM_LIST,
			fanUuids: `${FAN}, ${OTHER_FAN}`,
		});
		expect(out.map((i) => i.json)).toEqual([{ added: 1, skipped: 1, uuid: CUSTOM_LIST }]);
	});

	it('Add Members: the list and the fans from expressions, once per item', async () => {
		fanvue().post(`/chats/lists/custom/${CUSTOM_LIST}/members`, { userUuids: [FAN] }).reply(201, { added: 1, skipped: 0 });
		fanvue().post(`/chats/lists/custom/${CUSTOM_LIST}/members`, { userUuids: [OTHER_FAN, FAN] }).reply(201, { added: 1, skipped: 1 });
		const out = await run(
			{ resource: 'customList', operation: 'addMembers', customList: '={{ $json.list }}', fanUuids: '={{ $json.fans }}' },
			[
				{ list: CUSTOM_LIST, fans: [FAN] },
				{ list: CUSTOM_LIST, fans: [OTHER_FAN, FAN] },
			],
		);
		expect(out.map((i) => [i.json.added, i.pairedItem])).toEqual([
			[1, { item: 0 }],
			[1, { item: 1 }],
		]);
	});

	it('Remove Member: DELETE .../members/{fan}; 204 becomes {uuid, fanUuid, removed}', async () => {
		fanvue()
			.delete(`/chats/lists/custom/${CUSTOM_LIST}/members/${FAN}`)
			.matchHeader('content-type', noBody)
			.reply(204);
		const out = await run({
			resource: 'customList',
			operation: 'removeMember',
			customList: CUSTOM_LIST,
			fan: { __rl: true, mode: 'uuid', value: FAN },
		});
		expect(out.map((i) => i.json)).toEqual([{ uuid: CUSTOM_LIST, fanUuid: FAN, removed: true }]);
	});
});

describe('Template', () => {
	const template = { uuid: TEMPLATE, text: 'Hi!', price: null, mediaUuids: [], folderName: 'Welcome' };

	it('Get Many with a folder filter and a limit', async () => {
		fanvue()
			.get('/chats/templates')
			.query(exactQuery({ page: '1', size: '5', folderName: 'welc' }))
			.reply(200, page([template], false));
		const out = await run({ resource: 'template', operation: 'getMany', returnAll: false, limit: 5, filters: { folderName: 'welc' } });
		expect(out.map((i) => i.json)).toEqual([template]);
	});

	it('Get Many, Return All, no filter: no folderName sent', async () => {
		fanvue().get('/chats/templates').query(exactQuery({ page: '1', size: '50' })).reply(200, page([template], false));
		const out = await run({ resource: 'template', operation: 'getMany', returnAll: true });
		expect(out).toHaveLength(1);
	});

	it('Get: GET /chats/templates/{uuid}', async () => {
		fanvue().get(`/chats/templates/${TEMPLATE}`).query(exactQuery({})).reply(200, template);
		const out = await run({ resource: 'template', operation: 'get', template: { __rl: true, mode: 'list', value: TEMPLATE } });
		expect(out.map((i) => i.json)).toEqual([template]);
	});
});

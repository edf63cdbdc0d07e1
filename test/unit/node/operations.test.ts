import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { CUSTOM_LIST, FAN, MEDIA_A, MEDIA_B, TEMPLATE, credentials, exactQuery, fanvue, page, useNock } from './fixtures';

useNock();

const fanByUuid = { __rl: true, mode: 'uuid', value: FAN };

async function run(parameters: object, items?: IDataObject[]) {
	const result = await runNode({ parameters, credentials, items });
	expect(result.error).toBeUndefined();
	return result.output(result.nodeName);
}

describe('User', () => {
	it('Get Current: GET /users/me', async () => {
		fanvue().get('/users/me').reply(200, { uuid: 'c1', handle: 'creator' });
		const out = await run({ resource: 'user', operation: 'getCurrent' });
		expect(out.map((i) => i.json)).toEqual([{ uuid: 'c1', handle: 'creator' }]);
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Chat', () => {
	it('Get Many with a limit: one page of that size, sort, every filter', async () => {
		fanvue()
			.get('/chats')
			.query(
				exactQuery({
				page: '1',
				size: '20',
				sortBy: 'most_unanswered_chats',
				filter: ['unread', 'not_muted'],
				search: 'alex',
				smartListIds: ['subscribers', 'auto_renewing'],
				customListId: CUSTOM_LIST,
				}),
			)
			.reply(200, page(Array.from({ length: 20 }, () => ({ user: { uuid: FAN } })), true));
		const out = await run({
			resource: 'chat',
			operation: 'getMany',
			returnAll: false,
			limit: 20,
			sortBy: 'most_unanswered_chats',
			filters: {
				filter: ['unread', 'not_muted'],
				search: 'alex',
				smartListIds: ['subscribers', 'auto_renewing'],
				customListId: CUSTOM_LIST,
			},
		});
		// 20 asked, 20 received: no second page although Fanvue has more.
		expect(out).toHaveLength(20);
	});

	it('Get Many, Return All: walks pages of 50 until hasMore is false', async () => {
		const first = Array.from({ length: 50 }, (_, i) => ({ n: i }));
		fanvue().get('/chats').query({ page: '1', size: '50', sortBy: 'most_recent_messages' }).reply(200, page(first, true));
		fanvue().get('/chats').query({ page: '2', size: '50', sortBy: 'most_recent_messages' }).reply(200, page([{ n: 50 }], false, 2));
		const out = await run({ resource: 'chat', operation: 'getMany', returnAll: true, sortBy: 'most_recent_messages' });
		expect(out).toHaveLength(51);
		expect(out[50].json).toEqual({ n: 50 });
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Get Many with a limit above one page keeps the page size (Fanvue pages by offset) and cuts the rest', async () => {
		// Fanvue serves page n from record (n-1)*size: page 2 of size 50 is records 50-99.
		const records = Array.from({ length: 120 }, (_, i) => ({ n: i }));
		fanvue()
			.get('/chats')
			.query(exactQuery({ page: '1', size: '50', sortBy: 'most_recent_messages' }))
			.reply(200, page(records.slice(0, 50), true));
		fanvue()
			.get('/chats')
			.query(exactQuery({ page: '2', size: '50', sortBy: 'most_recent_messages' }))
			.reply(200, page(records.slice(50, 100), true, 2));
		const out = await run({ resource: 'chat', operation: 'getMany', returnAll: false, limit: 60, sortBy: 'most_recent_messages' });
		expect(out.map((i) => i.json)).toEqual(records.slice(0, 60));
	});
});

describe('Chat: Update and Get Unread Counts', () => {
	it('Update: PATCH /chats/{fan} with every field; 204 becomes {fanUuid, updated}', async () => {
		fanvue()
			.patch(`/chats/${FAN}`, { isRead: false, isMuted: true, nickname: 'Alex from Berlin' })
			.matchHeader('content-type', /application\/json/)
			.reply(204);
		const out = await run({
			resource: 'chat',
			operation: 'update',
			fan: fanByUuid,
			updateFields: { isRead: false, isMuted: true, nickname: 'Alex from Berlin' },
		});
		expect(out.map((i) => i.json)).toEqual([
			{ fanUuid: FAN, updated: { isRead: false, isMuted: true, nickname: 'Alex from Berlin' } },
		]);
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('Update: only the fields that were added are sent', async () => {
		fanvue().patch(`/chats/${FAN}`, { isRead: true }).reply(204);
		const out = await run({ resource: 'chat', operation: 'update', fan: fanByUuid, updateFields: { isRead: true } });
		expect(out[0].json).toEqual({ fanUuid: FAN, updated: { isRead: true } });
	});

	it('Get Unread Counts: GET /chats/unread, no query', async () => {
		const counts = { unreadChatsCount: 2, unreadMessagesCount: 5, unreadNotifications: { newTip: 1 } };
		fanvue().get('/chats/unread').query(exactQuery({})).reply(200, counts);
		const out = await run({ resource: 'chat', operation: 'getUnreadCounts' });
		expect(out.map((i) => i.json)).toEqual([counts]);
	});
});

describe('Message', () => {
	it('Get Many does not mark the chat read unless asked', async () => {
		fanvue()
			.get(`/chats/${FAN}/messages`)
			.query({ markAsRead: 'false', page: '1', size: '5' })
			.reply(200, page([{ uuid: 'm1' }], false));
		const out = await run({ resource: 'message', operation: 'getMany', fan: fanByUuid, returnAll: false, limit: 5 });
		expect(out.map((i) => i.json)).toEqual([{ uuid: 'm1' }]);
	});

	it('Get Many with Mark as Read sends markAsRead=true', async () => {
		fanvue()
			.get(`/chats/${FAN}/messages`)
			.query({ markAsRead: 'true', page: '1', size: '50' })
			.reply(200, page([], false));
		const out = await run({
			resource: 'message',
			operation: 'getMany',
			fan: { __rl: true, mode: 'list', value: FAN },
			returnAll: true,
			options: { markAsRead: true },
		});
		expect(out).toEqual([]);
	});

	it('Send: text only', async () => {
		fanvue()
			.post(`/chats/${FAN}/message`, { text: 'Hi there' })
			.matchHeader('content-type', /application\/json/)
			.reply(201, { messageUuid: 'new-1' });
		const out = await run({ resource: 'message', operation: 'send', fan: fanByUuid, text: 'Hi there' });
		expect(out.map((i) => i.json)).toEqual([{ messageUuid: 'new-1', fanUuid: FAN }]);
	});

	it('Send: media (comma-separated), price in cents and template', async () => {
		fanvue()
			.post(`/chats/${FAN}/message`, {
				text: 'Unlock me',
				mediaUuids: [MEDIA_A, MEDIA_B],
				price: 500,
				templateUuid: TEMPLATE,
			})
			.reply(201, { messageUuid: 'new-2' });
		await run({
			resource: 'message',
			operation: 'send',
			fan: fanByUuid,
			text: 'Unlock me',
			additionalFields: { mediaUuids: `${MEDIA_A}, ${MEDIA_B}`, price: 500, templateUuid: TEMPLATE },
		});
	});

	it('Send: expressions from the input item, once per item', async () => {
		fanvue().post(`/chats/${FAN}/message`, { text: 'Hello Ann' }).reply(201, { messageUuid: 'a' });
		fanvue().post(`/chats/${FAN}/message`, { text: 'Hello Bo' }).reply(201, { messageUuid: 'b' });
		const out = await run(
			{
				resource: 'message',
				operation: 'send',
				fan: { __rl: true, mode: 'uuid', value: '={{ $json.fan }}' },
				text: '=Hello {{ $json.name }}',
			},
			[
				{ fan: FAN, name: 'Ann' },
				{ fan: FAN, name: 'Bo' },
			],
		);
		expect(out.map((i) => [i.json.messageUuid, i.pairedItem])).toEqual([
			['a', { item: 0 }],
			['b', { item: 1 }],
		]);
	});

	it('Send Mass Message: included and excluded smart and custom lists', async () => {
		fanvue()
			.post('/chats/mass-messages', {
				text: 'New set!',
				mediaUuids: [MEDIA_A],
				price: 999,
				includedLists: { smartListUuids: ['subscribers'], customListUuids: [CUSTOM_LIST] },
				excludedLists: { smartListUuids: ['non_renewing'], customListUuids: [] },
			})
			.reply(201, { id: 'mm1', recipientCount: 42, createdAt: '2026-11-29T10:00:00Z' });
		const out = await run({
			resource: 'message',
			operation: 'sendMass',
			text: 'New set!',
			includedSmartLists: ['subscribers'],
			includedCustomLists: [CUSTOM_LIST],
			additionalFields: { excludedSmartLists: ['non_renewing'], mediaUuids: MEDIA_A, price: 999 },
		});
		expect(out[0].json).toEqual({ id: 'mm1', recipientCount: 42, createdAt: '2026-11-29T10:00:00Z' });
	});

	it('Send Mass Message: included lists only', async () => {
		fanvue()
			.post('/chats/mass-messages', {
				text: 'Hi all',
				includedLists: { smartListUuids: ['followers'], customListUuids: [] },
			})
			.reply(201, { id: 'mm2', recipientCount: 3, createdAt: '2026-11-29T10:00:00Z' });
		await run({ resource: 'message', operation: 'sendMass', text: 'Hi all', includedSmartLists: ['followers'] });
	});
});

describe('Subscriber and Follower', () => {
	it.each([
		['subscriber', '/subscribers'],
		['follower', '/followers'],
	])('%s Get Many: GET %s page by page', async (resource, path) => {
		fanvue().get(path).query({ page: '1', size: '3' }).reply(200, page([{ uuid: 'a' }, { uuid: 'b' }, { uuid: 'c' }], true));
		const out = await run({ resource, operation: 'getMany', returnAll: false, limit: 3 });
		expect(out.map((i) => i.json.uuid)).toEqual(['a', 'b', 'c']);
	});
});

describe('Insight', () => {
	it('Get Earnings walks the cursor until nextCursor is null', async () => {
		fanvue()
			.get('/insights/earnings')
			.query({ size: '50', startDate: '2026-10-01T00:00:00Z', endDate: '2026-11-01T00:00:00Z', source: 'tip,message' })
			.reply(200, { data: [{ gross: 500 }], nextCursor: 'c2' });
		fanvue()
			.get('/insights/earnings')
			.query({ size: '50', cursor: 'c2', startDate: '2026-10-01T00:00:00Z', endDate: '2026-11-01T00:00:00Z', source: 'tip,message' })
			.reply(200, { data: [{ gross: 700 }], nextCursor: null });
		const out = await run({
			resource: 'insight',
			operation: 'getEarnings',
			returnAll: true,
			filters: { startDate: '2026-10-01T00:00:00Z', endDate: '2026-11-01T00:00:00Z', source: ['tip', 'message'] },
		});
		expect(out.map((i) => i.json.gross)).toEqual([500, 700]);
	});

	it('Get Earnings with a limit above one page keeps the size along the cursor and cuts the rest', async () => {
		const records = Array.from({ length: 100 }, (_, i) => ({ gross: i }));
		fanvue()
			.get('/insights/earnings')
			.query(exactQuery({ size: '50' }))
			.reply(200, { data: records.slice(0, 50), nextCursor: 'c2' });
		fanvue()
			.get('/insights/earnings')
			.query(exactQuery({ size: '50', cursor: 'c2' }))
			.reply(200, { data: records.slice(50, 100), nextCursor: 'c3' });
		const out = await run({ resource: 'insight', operation: 'getEarnings', returnAll: false, limit: 75 });
		expect(out.map((i) => i.json)).toEqual(records.slice(0, 75));
	});

	it('Get Earnings with a limit stops early', async () => {
		fanvue()
			.get('/insights/earnings')
			.query({ size: '2' })
			.reply(200, { data: [{ gross: 1 }, { gross: 2 }], nextCursor: 'more' });
		const out = await run({ resource: 'insight', operation: 'getEarnings', returnAll: false, limit: 2 });
		expect(out).toHaveLength(2);
	});
});

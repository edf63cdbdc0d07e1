// Chat Create and Online Statuses, Message Delete, Smart Lists, and the Subscribers, Top
// Spenders and Fan insights: method, path, query and body as Fanvue documents them, pinned with nock.
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { FAN, MEDIA_A, credentials, exactQuery, fanvue, forbidAnyRequest, page, useNock } from './fixtures';

useNock();

const OTHER_FAN = '5e6f7a8b-5555-4a1b-8c2d-4e5f6a7b8c9d';
const MESSAGE = '0c1d2e3f-6666-4a7b-8c9d-0e1f2a3b4c5d';
const fan = { __rl: true, mode: 'uuid', value: FAN };
const noBody = (value: string | undefined) => value === undefined;

async function run(parameters: object, items?: IDataObject[]) {
	const result = await runNode({ parameters, credentials, items });
	expect(result.error).toBeUndefined();
	return result.output(result.nodeName);
}

async function refused(parameters: object, items: IDataObject[] = [{}]) {
	const seen = forbidAnyRequest();
	const result = await runNode({ parameters, credentials, items });
	expect(seen).toEqual([]);
	expect(result.error?.name).toBe('NodeOperationError');
	return result.error!.message;
}

describe('Chat', () => {
	it('Create: POST /chats {userUuid}', async () => {
		fanvue().post('/chats', { userUuid: FAN }).reply(201, { message: 'Chat created successfully' });
		const out = await run({ resource: 'chat', operation: 'create', fanUuid: FAN });
		expect(out.map((i) => i.json)).toEqual([{ message: 'Chat created successfully', fanUuid: FAN }]);
	});

	it('Get Online Statuses: POST /chats/statuses {userUuids}; one item per fan, in the order asked', async () => {
		fanvue()
			.post('/chats/statuses', { userUuids: [FAN, OTHER_FAN] })
			.reply(200, { [OTHER_FAN]: { isOnline: false, lastSeenAt: null }, [FAN]: { isOnline: true, lastSeenAt: '2026-11-30T05:00:00Z' } });
		const out = await run({ resource: 'chat', operation: 'getOnlineStatuses', fanUuids: `${FAN}, ${OTHER_FAN}` });
		expect(out.map((i) => i.json)).toEqual([
			{ fanUuid: FAN, isOnline: true, lastSeenAt: '2026-11-30T05:00:00Z' },
			{ fanUuid: OTHER_FAN, isOnline: false, lastSeenAt: null },
		]);
	});

	it('Get Online Statuses is a read sent as POST: retried after a 5xx like one', async () => {
		fanvue().post('/chats/statuses', { userUuids: [FAN] }).reply(503, { message: 'busy' });
		fanvue().post('/chats/statuses', { userUuids: [FAN] }).reply(200, { [FAN]: { isOnline: false, lastSeenAt: null } });
		const out = await run({ resource: 'chat', operation: 'getOnlineStatuses', fanUuids: FAN });
		expect(out.map((i) => i.json)).toEqual([{ fanUuid: FAN, isOnline: false, lastSeenAt: null }]);
	});

	it('Create is not repeated after a 5xx', async () => {
		fanvue().post('/chats', { userUuid: FAN }).reply(502, { message: 'Bad gateway' });
		const result = await runNode({ parameters: { resource: 'chat', operation: 'create', fanUuid: FAN }, credentials });
		expect(result.error?.message).toBe('Fanvue answered 502: Bad gateway');
	});

	it.each([
		['a malformed fan to chat with', { resource: 'chat', operation: 'create', fanUuid: '={{ "alex" }}' }, 'Fan must be a UUID, got "alex"'],
		['no fans to check', { resource: 'chat', operation: 'getOnlineStatuses', fanUuids: '={{ "" }}' }, 'Fan UUIDs is empty'],
		['over 100 fans to check', { resource: 'chat', operation: 'getOnlineStatuses', fanUuids: Array(101).fill(FAN).join(',') }, 'Fan UUIDs holds 101 fans; Fanvue checks at most 100 at once'],
	])('refuses %s before any request', async (_case, parameters, message) => {
		expect(await refused(parameters)).toBe(message);
	});
});

describe('Message', () => {
	it('Delete: DELETE /chats/{fan}/messages/{message} without a body; 204 becomes {fanUuid, messageUuid, deleted}', async () => {
		fanvue().delete(`/chats/${FAN}/messages/${MESSAGE}`).matchHeader('content-type', noBody).reply(204);
		const out = await run({ resource: 'message', operation: 'delete', fan, messageUuid: MESSAGE });
		expect(out.map((i) => i.json)).toEqual([{ fanUuid: FAN, messageUuid: MESSAGE, deleted: true }]);
	});

	it('Delete refuses a malformed message UUID', async () => {
		expect(await refused({ resource: 'message', operation: 'delete', fan, messageUuid: 'msg-1' })).toBe('Message UUID must be a UUID, got "msg-1"');
	});

	it("Delete passes on Fanvue's refusal of a bought message", async () => {
		fanvue().delete(`/chats/${FAN}/messages/${MESSAGE}`).reply(400, { error: 'Bad Request', message: 'Purchased messages cannot be deleted' });
		const result = await runNode({ parameters: { resource: 'message', operation: 'delete', fan, messageUuid: MESSAGE }, credentials });
		expect(result.error?.message).toBe('Fanvue rejected the request: Purchased messages cannot be deleted');
	});
});

describe('Smart List', () => {
	const lists = [
		{ uuid: 'subscribers', name: 'Subscribers', count: 12 },
		{ uuid: 'followers', name: 'Followers', count: 4 },
		{ uuid: 'auto_renewing', name: 'Auto-renewing', count: 9 },
	];

	it('Get Many: GET /chats/lists/smart (one array); a Limit keeps the first ones', async () => {
		fanvue().get('/chats/lists/smart').reply(200, lists);
		expect((await run({ resource: 'smartList', operation: 'getMany', returnAll: false, limit: 2 })).map((i) => i.json)).toEqual(lists.slice(0, 2));
		fanvue().get('/chats/lists/smart').reply(200, lists);
		expect((await run({ resource: 'smartList', operation: 'getMany', returnAll: true })).map((i) => i.json)).toEqual(lists);
	});

	it('Get Members: GET /chats/lists/smart/{id} in pages', async () => {
		const first = Array.from({ length: 50 }, (_, i) => ({ uuid: `f${i}` }));
		fanvue().get('/chats/lists/smart/auto_renewing').query(exactQuery({ page: '1', size: '50' })).reply(200, page(first, true));
		fanvue().get('/chats/lists/smart/auto_renewing').query(exactQuery({ page: '2', size: '50' })).reply(200, page([{ uuid: 'f50' }], false, 2));
		const out = await run({ resource: 'smartList', operation: 'getMembers', smartList: { __rl: true, mode: 'list', value: 'auto_renewing' }, returnAll: true });
		expect(out).toHaveLength(51);
	});

	it('Get Members refuses an id that cannot be a smart list', async () => {
		const message = await refused({ resource: 'smartList', operation: 'getMembers', smartList: { __rl: true, mode: 'id', value: '={{ "../users/me" }}' }, returnAll: true });
		expect(message).toBe('Smart List must be a smart list id like "subscribers", got "../users/me"');
	});
});

describe('Insight', () => {
	const range = { startDate: '2026-10-01T00:00:00.000Z', endDate: '2026-11-01T00:00:00.000Z' };

	it('Get Subscribers: GET /insights/subscribers, cursor pages with size, the date range', async () => {
		fanvue()
			.get('/insights/subscribers')
			.query(exactQuery({ ...range, size: '50' }))
			.reply(200, { data: [{ date: '2026-10-01T00:00:00.000Z', total: 2, newSubscribersCount: 3, cancelledSubscribersCount: 1 }], nextCursor: 'c2' });
		fanvue()
			.get('/insights/subscribers')
			.query(exactQuery({ ...range, size: '50', cursor: 'c2' }))
			.reply(200, { data: [{ date: '2026-10-02T00:00:00.000Z', total: 1, newSubscribersCount: 0, cancelledSubscribersCount: 1 }], nextCursor: null });
		const out = await run({ resource: 'insight', operation: 'getSubscribers', returnAll: true, filters: range });
		expect(out.map((i) => i.json.total)).toEqual([2, 1]);
	});

	it('Get Top Spenders: GET /insights/top-spenders, page style, the date range', async () => {
		fanvue()
			.get('/insights/top-spenders')
			.query(exactQuery({ ...range, page: '1', size: '3' }))
			.reply(200, page([{ gross: 9000, net: 7200, messages: 40, user: { uuid: FAN } }], false));
		const out = await run({ resource: 'insight', operation: 'getTopSpenders', returnAll: false, limit: 3, filters: range });
		expect(out.map((i) => i.json.gross)).toEqual([9000]);
	});

	it('Get Fan: GET /insights/fans/{fan}', async () => {
		const insights = { status: 'subscriber', spending: { lastPurchaseAt: null, total: { gross: 0 }, maxSinglePayment: { gross: 0 }, sources: {} }, subscription: { createdAt: null, renewsAt: null, autoRenewalEnabled: false } };
		fanvue().get(`/insights/fans/${FAN}`).reply(200, insights);
		const out = await run({ resource: 'insight', operation: 'getFan', fan });
		expect(out.map((i) => i.json)).toEqual([{ ...insights, fanUuid: FAN }]);
	});

	it.each([
		['an Until before From', { resource: 'insight', operation: 'getTopSpenders', returnAll: true, filters: { startDate: '2026-11-02T00:00:00Z', endDate: '2026-11-01T00:00:00Z' } }, 'Until (2026-11-01T00:00:00Z) is not after From (2026-11-02T00:00:00Z)'],
		['a From that is not a date', { resource: 'insight', operation: 'getSubscribers', returnAll: true, filters: { startDate: 'last week' } }, 'From is not a date: "last week"'],
		['a malformed fan', { resource: 'insight', operation: 'getFan', fan: { __rl: true, mode: 'uuid', value: `={{ "${MEDIA_A}x" }}` } }, `Fan must be a UUID, got "${MEDIA_A}x"`],
	])('refuses %s before any request', async (_case, parameters, message) => {
		expect(await refused(parameters)).toBe(message);
	});
});

// Act As (agency mode): a managed creator's operations go to Fanvue's /creators/{creator}/...
// form, operations without that form stop before any request, and each creator is paced on
// its own rate-limit bucket (Fanvue meters /creators/{creator}/* per creator).
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../helpers/n8n-runner';
import { listSearch, loadOptions } from '../../helpers/load-options';
import { CUSTOM_LIST, FAN, credentials, exactQuery, fanvue, forbidAnyRequest, page, useNock } from './fixtures';

useNock();

const CREATOR_A = '1a2b3c4d-aaaa-4b5c-8d6e-7f8091a2b3c4';
const CREATOR_B = '2b3c4d5e-bbbb-4c6d-9e7f-8091a2b3c4d5';
const asCreator = (uuid: string) => ({ actAs: 'creator', creator: { __rl: true, mode: 'uuid', value: uuid } });
const fan = { __rl: true, mode: 'uuid', value: FAN };

async function run(parameters: object, items?: IDataObject[]) {
	const result = await runNode({ parameters, credentials, items });
	expect(result.error).toBeUndefined();
	return result.output(result.nodeName);
}

async function refused(parameters: object, items?: IDataObject[]) {
	const seen = forbidAnyRequest();
	const result = await runNode({ parameters, credentials, items });
	expect(seen).toEqual([]);
	expect(result.error?.name).toBe('NodeOperationError');
	return result.error as Error & { description?: string };
}

describe('Act As a managed creator', () => {
	it('sends a message through POST /creators/{creator}/chats/{fan}/message', async () => {
		fanvue().post(`/creators/${CREATOR_A}/chats/${FAN}/message`, { text: 'Hi from the agency' }).reply(201, { messageUuid: 'm1' });
		const out = await run({ resource: 'message', operation: 'send', ...asCreator(CREATOR_A), fan, text: 'Hi from the agency' });
		expect(out.map((i) => i.json)).toEqual([{ messageUuid: 'm1', fanUuid: FAN }]);
	});

	it('Myself (the default) keeps the connected account own paths', async () => {
		fanvue().get('/subscribers').query(exactQuery({ page: '1', size: '1' })).reply(200, page([{ uuid: 'a' }], false));
		const out = await run({ resource: 'subscriber', operation: 'getMany', returnAll: false, limit: 1 });
		expect(out.map((i) => i.json.uuid)).toEqual(['a']);
	});

	it('lists the managed creators with GET /creators', async () => {
		fanvue().get('/creators').query(exactQuery({ page: '1', size: '2' })).reply(200, page([{ uuid: CREATOR_A }, { uuid: CREATOR_B }], true));
		const out = await run({ resource: 'creator', operation: 'getMany', returnAll: false, limit: 2 });
		expect(out.map((i) => i.json.uuid)).toEqual([CREATOR_A, CREATOR_B]);
	});

	it('stops an operation Fanvue has no agency form for, before any request', async () => {
		const error = await refused({ resource: 'chat', operation: 'update', ...asCreator(CREATOR_A), fan, updateFields: { isRead: true } });
		expect(error.message).toBe("Chat Update has no agency form in Fanvue's API; set Act As to Myself");
		expect(error.description).toBeTruthy();
	});

	it('refuses a creator that is not a UUID, naming the field', async () => {
		const error = await refused(
			{ resource: 'subscriber', operation: 'getMany', returnAll: true, actAs: 'creator', creator: { __rl: true, mode: 'uuid', value: '={{ $json.creator }}' } },
			[{ creator: 'agency-star' }],
		);
		expect(error.message).toBe('Creator must be a UUID, got "agency-star"');
	});

	it.each([
		['chat filters', { resource: 'chat', operation: 'getMany', returnAll: true, sortBy: 'most_recent_messages', filters: { search: 'ann' } }, 'Filters is not available when acting as a managed creator'],
		['a chat sort', { resource: 'chat', operation: 'getMany', returnAll: true, sortBy: 'online_now' }, 'Sort By is not available when acting as a managed creator'],
		['a custom list search', { resource: 'customList', operation: 'getMany', returnAll: true, filters: { search: 'vip' } }, 'Search is not available when acting as a managed creator'],
	])("refuses %s Fanvue's agency form does not take", async (_case, parameters, message) => {
		const error = await refused({ ...parameters, ...asCreator(CREATOR_A) });
		expect(error.message).toBe(message);
	});

	it("a managed creator's chats are read without the own account's default sort", async () => {
		fanvue().get(`/creators/${CREATOR_A}/chats`).query(exactQuery({ page: '1', size: '50' })).reply(200, page([{ user: { uuid: FAN } }], false));
		const out = await run({ resource: 'chat', operation: 'getMany', returnAll: true, sortBy: 'most_recent_messages', ...asCreator(CREATOR_A) });
		expect(out).toHaveLength(1);
	});

	it('paces each creator on its own rate-limit bucket, apart from the agency own', async () => {
		const reset = String(Math.ceil(Date.now() / 1000) + 3600);
		const emptyBucket = { 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset };
		fanvue().get(`/creators/${CREATOR_A}/subscribers`).query(true).reply(200, page([{ uuid: 'a' }], false), emptyBucket);
		fanvue().get(`/creators/${CREATOR_B}/subscribers`).query(true).reply(200, page([{ uuid: 'b' }], false));
		fanvue().get('/subscribers').query(true).reply(200, page([{ uuid: 'me' }], false));
		// No waiting allowed: a request that shared creator A's empty bucket would fail at once.
		const noWait = { requestOptions: { maxRateLimitWait: 0 } };
		const subscribersOf = { resource: 'subscriber', operation: 'getMany', returnAll: true, ...noWait };
		const perCreator = {
			...subscribersOf,
			actAs: 'creator',
			creator: { __rl: true, mode: 'uuid', value: '={{ $json.creator }}' },
		};
		const out = await run(perCreator, [{ creator: CREATOR_A }, { creator: CREATOR_B }]);
		expect(out.map((i) => i.json.uuid)).toEqual(['a', 'b']);
		expect((await run(subscribersOf)).map((i) => i.json.uuid)).toEqual(['me']);

		// Creator A itself still waits for its reset.
		const again = await runNode({ parameters: perCreator, credentials, items: [{ creator: CREATOR_A }] });
		expect(again.error?.message).toBe("Fanvue's rate limit is still exhausted");
	});
});

describe('pickers follow Act As', () => {
	it("searchCreators pages through GET /creators, and a search keeps the matching names", async () => {
		const creators = [
			{ uuid: CREATOR_A, handle: 'ann', displayName: 'Ann Star', nickname: null },
			{ uuid: CREATOR_B, handle: 'bea', displayName: 'Bea', nickname: 'B' },
		];
		fanvue().get('/creators').query(exactQuery({ page: '1', size: '50' })).reply(200, page(creators, true));
		expect(await listSearch('searchCreators', { credentials })).toEqual({
			results: [
				{ name: 'Ann Star (@ann)', value: CREATOR_A },
				{ name: 'B (@bea)', value: CREATOR_B },
			],
			paginationToken: '2',
		});

		fanvue().get('/creators').query(exactQuery({ page: '1', size: '50' })).reply(200, page(creators, true));
		fanvue().get('/creators').query(exactQuery({ page: '2', size: '50' })).reply(200, page([{ uuid: FAN, handle: 'star2', displayName: 'Carl' }], false, 2));
		expect(await listSearch('searchCreators', { credentials, filter: 'STAR' })).toEqual({
			results: [
				{ name: 'Ann Star (@ann)', value: CREATOR_A },
				{ name: 'Carl (@star2)', value: FAN },
			],
		});
	});

	it("loads a managed creator's custom lists and smart lists, and searches its chats here (its form has no search)", async () => {
		const parameters = asCreator(CREATOR_A);
		fanvue().get(`/creators/${CREATOR_A}/chats/lists/custom`).query(exactQuery({ page: '1', size: '50' })).reply(200, page([{ uuid: CUSTOM_LIST, name: 'VIPs', membersCount: 2 }], false));
		expect(await loadOptions('getCustomLists', { credentials, parameters })).toEqual([{ name: 'VIPs (2)', value: CUSTOM_LIST }]);

		fanvue().get(`/creators/${CREATOR_A}/chats/lists/smart`).reply(200, [{ uuid: 'subscribers', name: 'Subscribers', count: 5 }]);
		expect(await loadOptions('getSmartLists', { credentials, parameters })).toEqual([{ name: 'Subscribers (5)', value: 'subscribers' }]);

		fanvue()
			.get(`/creators/${CREATOR_A}/chats`)
			.query(exactQuery({ page: '1', size: '50' }))
			.reply(200, page([{ user: { uuid: FAN, handle: 'ann', displayName: 'Ann' } }, { user: { uuid: CREATOR_B, handle: 'bob', displayName: 'Bob' } }], false));
		expect(await listSearch('searchChats', { credentials, parameters, filter: 'an' })).toEqual({
			results: [{ name: 'Ann (@ann)', value: FAN }],
			paginationToken: undefined,
		});
	});

	it('templates have no agency form: the picker says so instead of listing the agency own', async () => {
		const seen = forbidAnyRequest();
		await expect(listSearch('searchTemplates', { credentials, parameters: asCreator(CREATOR_A) })).rejects.toThrow(
			"Fanvue's API cannot list this for a managed creator",
		);
		expect(seen).toEqual([]);
	});
});

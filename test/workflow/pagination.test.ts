// Every list operation of the Fanvue node, at every Limit from 1 to 175 and with Return All,
// in n8n-core's engine against the sandbox: the items are the first N records of the list as
// Fanvue serves it, in order, none twice. The operations are taken from the node's own
// description (every operation with a Return All field), so a new list cannot be left out.
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Fanvue } from '../../nodes/Fanvue/Fanvue.node';
import { resetRateLimitState } from '../../nodes/Fanvue/transport/rateLimit';
import { runNode } from '../helpers/n8n-runner';
import { sandboxCredentials } from '../helpers/sandbox-credential';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

// Seeding a few thousand records and running 176 Limits per list take seconds each, more on a
// busy machine: not a bound on speed, only room to finish.
jest.setTimeout(120_000);

const HIGHEST_LIMIT = 175;
const LIMITS = Array.from({ length: HIGHEST_LIMIT }, (_, i) => i + 1);
/** More records than the highest Limit in every list, so each Limit is a true prefix. */
const RECORDS_PER_LIST = HIGHEST_LIMIT + 15;
/** Fanvue's largest page, used by the test's own walk through each list. */
const PAGE = 50;

/**
 * A list operation: its own parameters and the Fanvue list it reads (path with its query).
 * `whole`: Fanvue answers the list in one short array (the smart lists), so it cannot be longer
 * than the highest Limit; a Limit above its length gives all of it.
 */
interface ListCase {
	style: 'page' | 'cursor' | 'whole';
	parameters: IDataObject;
	list: string;
	/** A cursor list's page-size parameter, as Fanvue's reference names it (default `size`). */
	sizeParam?: 'size' | 'limit';
}

/** Fills the sandbox so that every list has more than HIGHEST_LIMIT records. */
async function seedLongLists(sb: Sandbox, token: string) {
	const api = async (method: string, path: string, body: object) => {
		const response = await fetch(sb.url + path, {
			method,
			headers: {
				Authorization: `Bearer ${token}`,
				'X-Fanvue-API-Version': sb.apiVersion,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify(body),
		});
		if (response.status !== 201) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
		return (await response.json()) as IDataObject;
	};
	const fans = sb.store.fans as Array<{ uuid: string; status: string; hasChat: boolean }>;

	const talkative = fans.find((fan) => fan.status === 'subscriber' && fan.hasChat)!;
	for (let n = 1; n <= RECORDS_PER_LIST; n++) {
		await sb.fanActs({ type: 'message', fanUuid: talkative.uuid, text: `message ${n}` });
	}

	for (let n = 1; n <= RECORDS_PER_LIST; n++) await api('POST', '/chats/lists/custom', { name: `List ${n}` });
	const big = await api('POST', '/chats/lists/custom', { name: 'Everyone subscribed' });
	const members = fans.filter((fan) => fan.status === 'subscriber').slice(0, RECORDS_PER_LIST);
	for (let at = 0; at < members.length; at += 100) {
		await api('POST', `/chats/lists/custom/${big.uuid}/members`, { userUuids: members.slice(at, at + 100).map((fan) => fan.uuid) });
	}

	// Fanvue's API has no way to create templates: they go straight into the sandbox's store.
	for (let n = 1; n <= RECORDS_PER_LIST; n++) {
		sb.store.templates.push({ uuid: randomUUID(), text: `Template ${n}`, price: null, mediaUuids: [], folderName: null });
	}
	const media = await seedMediaPostsAndLinks(sb, api, talkative.uuid);
	return { talkative: talkative.uuid, bigList: big.uuid as string, ...media };
}

/**
 * Long lists of media (vault, a folder, a chat), vault folders, posts with comments, likes and
 * tips, and tracking links. Fanvue's API cannot add comments, likes or tips, nor finished media
 * without an upload: those go straight into the sandbox's store, the rest through the API.
 */
async function seedMediaPostsAndLinks(sb: Sandbox, api: (method: string, path: string, body: object) => Promise<IDataObject>, fan: string) {
	for (let n = 1; n <= RECORDS_PER_LIST; n++) {
		sb.store.addMedia({ uuid: randomUUID(), status: 'ready', mediaType: 'image', name: `extra-${n}`, caption: null, description: null, recommendedPrice: null, createdAt: new Date(Date.UTC(2026, 9, 1, 0, n)).toISOString() });
	}
	const mediaUuids = (sb.store.media as Array<{ uuid: string }>).slice(-RECORDS_PER_LIST).map((m) => m.uuid);
	await api('POST', '/vault/folders', { name: 'Everything' });
	await api('POST', '/vault/folders/Everything/media', { mediaUuids });
	for (let n = 1; n <= RECORDS_PER_LIST; n++) await api('POST', '/vault/folders', { name: `Folder ${n}` });
	for (const uuid of mediaUuids) await api('POST', `/chats/${fan}/message`, { text: 'look', mediaUuids: [uuid] });
	for (let n = 1; n <= RECORDS_PER_LIST; n++) await api('POST', '/posts', { audience: 'subscribers', text: `Post ${n}` });
	const busyPost = sb.store.posts[0];
	for (let n = 0; n < RECORDS_PER_LIST; n++) {
		const at = new Date(Date.UTC(2026, 9, 2, 0, n)).toISOString();
		busyPost.comments.push({ uuid: randomUUID(), fanIndex: n, text: `comment ${n}`, createdAt: at, updatedAt: null });
		busyPost.likes.push({ fanIndex: n, createdAt: at });
		busyPost.tips.push({ fanIndex: n, createdAt: at, gross: 100 + n, net: 80 + n });
	}
	for (let n = 1; n <= RECORDS_PER_LIST; n++) await api('POST', '/tracking-links', { name: `Link ${n}`, externalSocialPlatform: 'tiktok' });
	return { busyPost: busyPost.uuid as string };
}

/** The whole list as the sandbox serves it, read by the test itself with one page size. */
async function wholeList(sb: Sandbox, token: string, { style, list, sizeParam = 'size' }: ListCase): Promise<IDataObject[]> {
	const get = async (query: string) => {
		const separator = list.includes('?') ? '&' : '?';
		const response = await fetch(`${sb.url}${list}${query ? separator + query : ''}`, {
			headers: { Authorization: `Bearer ${token}`, 'X-Fanvue-API-Version': sb.apiVersion },
		});
		if (response.status !== 200) throw new Error(`GET ${list}: ${response.status} ${await response.text()}`);
		return (await response.json()) as { data: IDataObject[]; pagination?: { hasMore: boolean }; nextCursor?: string | null };
	};
	const records: IDataObject[] = [];
	if (style === 'whole') return (await get('')) as unknown as IDataObject[];
	if (style === 'page') {
		for (let page = 1; ; page++) {
			const body = await get(`page=${page}&size=${PAGE}`);
			records.push(...body.data);
			if (!body.pagination!.hasMore) return records;
		}
	}
	for (let cursor = ''; ; ) {
		const body = await get(`${sizeParam}=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`);
		records.push(...body.data);
		if (!body.nextCursor) return records;
		cursor = body.nextCursor;
	}
}

/** `resource:operation` of every operation that has n8n's Return All field. */
function listOperationsOfTheNode(): string[] {
	const returnAllFields = new Fanvue().description.properties.filter(
		(property: INodeProperties) => property.name === 'returnAll',
	);
	return returnAllFields.map((field) => {
		const show = field.displayOptions!.show!;
		return `${String(show.resource![0])}:${String(show.operation![0])}`;
	});
}

const listOperations = listOperationsOfTheNode();

describe('Limit and Return All on every list operation, against the sandbox', () => {
	let sb: Sandbox;
	let token: string;
	let cases: Record<string, ListCase>;

	beforeAll(async () => {
		// Enough fans for more than HIGHEST_LIMIT subscribers, followers and chats; the rate limit
		// is raised out of the way (pacing is tested elsewhere).
		sb = await startSandbox({
			fans: 1000,
			seed: 11,
			managedCreators: RECORDS_PER_LIST,
			managedCreatorFans: 0,
			rateLimit: { capacity: 1_000_000, windowSeconds: 1 },
		});
		token = sb.issueToken().access_token;
		const { talkative, bigList, busyPost } = await seedLongLists(sb, token);
		cases = {
			'creator:getMany': { style: 'page', parameters: {}, list: '/creators' },
			'chat:getMany': { style: 'page', parameters: { sortBy: 'most_recent_messages' }, list: '/chats?sortBy=most_recent_messages' },
			'customList:getMany': { style: 'page', parameters: {}, list: '/chats/lists/custom' },
			'customList:getMembers': { style: 'page', parameters: { customList: bigList }, list: `/chats/lists/custom/${bigList}` },
			'follower:getMany': { style: 'page', parameters: {}, list: '/followers' },
			'insight:getEarnings': { style: 'cursor', parameters: {}, list: '/insights/earnings' },
			// One record per day: a period longer than the highest Limit.
			'insight:getSubscribers': {
				style: 'cursor',
				parameters: { filters: { startDate: '2026-03-01T00:00:00.000Z', endDate: '2026-10-01T00:00:00.000Z' } },
				list: '/insights/subscribers?startDate=2026-03-01T00:00:00.000Z&endDate=2026-10-01T00:00:00.000Z',
			},
			'insight:getTopSpenders': { style: 'page', parameters: {}, list: '/insights/top-spenders' },
			'message:getMany': {
				style: 'page',
				parameters: { fan: { __rl: true, mode: 'uuid', value: talkative } },
				list: `/chats/${talkative}/messages?markAsRead=false`,
			},
			'smartList:getMany': { style: 'whole', parameters: {}, list: '/chats/lists/smart' },
			'smartList:getMembers': {
				style: 'page',
				parameters: { smartList: { __rl: true, mode: 'id', value: 'subscribers' } },
				list: '/chats/lists/smart/subscribers',
			},
			'subscriber:getMany': { style: 'page', parameters: {}, list: '/subscribers' },
			'template:getMany': { style: 'page', parameters: {}, list: '/chats/templates' },
			'media:getMany': { style: 'page', parameters: { variants: [] }, list: '/media' },
			'media:getChatMedia': { style: 'cursor', sizeParam: 'limit', parameters: { fan: { __rl: true, mode: 'uuid', value: talkative } }, list: `/chats/${talkative}/media` },
			'vaultFolder:getMany': { style: 'page', parameters: {}, list: '/vault/folders' },
			'vaultFolder:getMedia': { style: 'page', parameters: { folder: { __rl: true, mode: 'name', value: 'Everything' } }, list: '/vault/folders/Everything/media' },
			'post:getMany': { style: 'page', parameters: {}, list: '/posts' },
			'post:getComments': { style: 'page', parameters: { post: { __rl: true, mode: 'uuid', value: busyPost } }, list: `/posts/${busyPost}/comments` },
			'post:getLikes': { style: 'page', parameters: { post: { __rl: true, mode: 'uuid', value: busyPost } }, list: `/posts/${busyPost}/likes` },
			'post:getTips': { style: 'page', parameters: { post: { __rl: true, mode: 'uuid', value: busyPost } }, list: `/posts/${busyPost}/tips` },
			'trackingLink:getMany': { style: 'cursor', sizeParam: 'limit', parameters: {}, list: '/tracking-links' },
		};
	}, 120_000);
	afterAll(async () => {
		await sb?.stop();
	});
	beforeEach(() => resetRateLimitState());

	it('knows every list operation of the node', () => {
		expect(listOperations.length).toBeGreaterThanOrEqual(8);
		expect(listOperations.filter((operation) => !cases[operation])).toEqual([]);
	});

	it.each(listOperations)('%s: Limit 1 to 175 gives the first N records in order; Return All gives all', async (operation) => {
		const listCase = cases[operation];
		const whole = await wholeList(sb, token, listCase);
		const asText = whole.map((record) => JSON.stringify(record));
		if (listCase.style !== 'whole') expect(whole.length).toBeGreaterThan(HIGHEST_LIMIT);
		expect(new Set(asText).size).toBe(whole.length);

		// One execution, one input item per Limit plus one for Return All.
		const [resource, operationName] = operation.split(':');
		const items: IDataObject[] = [...LIMITS.map((limit) => ({ returnAll: false, limit })), { returnAll: true, limit: 0 }];
		const result = await runNode({
			parameters: {
				resource,
				operation: operationName,
				returnAll: '={{ $json.returnAll }}',
				limit: '={{ $json.limit }}',
				...listCase.parameters,
			},
			credentials: sandboxCredentials(sb, sb.issueToken()),
			items,
		});
		expect(result.error).toBeUndefined();

		const byItem = items.map((): string[] => []);
		for (const item of result.output(result.nodeName)) {
			byItem[(item.pairedItem as { item: number }).item].push(JSON.stringify(item.json));
		}
		const wrongLimits = LIMITS.filter((limit, index) => {
			const got = byItem[index];
			return got.length !== Math.min(limit, whole.length) || got.some((record, at) => record !== asText[at]);
		});
		expect(wrongLimits).toEqual([]);
		expect(byItem[LIMITS.length]).toEqual(asText);
	}, 120_000); // a few seconds alone, but hundreds of requests: slower when the whole suite runs beside it
});

// Media (get, get many, chat media), Vault Folder, Post and Tracking Link operations: each one
// pinned to the request Fanvue documents for it (method, path, query, body) and to what it
// outputs; the pickers for media, posts, folders and links; the agency forms where Fanvue has
// them and a refusal before any request where it does not.
import type { IDataObject } from 'n8n-workflow';

import { listSearch } from '../../helpers/load-options';
import { runNode } from '../../helpers/n8n-runner';
import { FAN, MEDIA_A, MEDIA_B, credentials, exactQuery, fanvue, forbidAnyRequest, page, useNock } from './fixtures';

useNock();

const POST = '4a5b6c7d-6666-4e7f-8a9b-0c1d2e3f4a5b';
const LINK = '2c3d4e5f-7777-4a8b-9c0d-1e2f3a4b5c6d';
const CREATOR = '1a2b3c4d-aaaa-4b5c-8d6e-7f8091a2b3c4';
const byUuid = (value: string) => ({ __rl: true, mode: 'uuid', value });
const folder = (name: string) => ({ __rl: true, mode: 'name', value: name });
const asCreator = { actAs: 'creator', creator: byUuid(CREATOR) };

async function run(parameters: object, items?: IDataObject[]) {
	const result = await runNode({ parameters, credentials, items });
	expect(result.error).toBeUndefined();
	return result.output(result.nodeName).map((i) => i.json);
}

async function refused(parameters: object, items?: IDataObject[]) {
	const seen = forbidAnyRequest();
	const result = await runNode({ parameters, credentials, items });
	expect(seen).toEqual([]);
	expect(result.error?.name).toBe('NodeOperationError');
	return result.error as Error & { description?: string };
}

describe('Media', () => {
	it('Get: GET /media/{uuid} with the chosen variants (comma-separated) and purchasedBy', async () => {
		const media = { uuid: MEDIA_A, status: 'ready', variants: [{ variantType: 'main', url: 'https://cdn.test/m' }], purchasedByFan: true };
		fanvue().get(`/media/${MEDIA_A}`).query(exactQuery({ variants: 'main,blurred', purchasedBy: FAN })).reply(200, media);
		const out = await run({ resource: 'media', operation: 'get', media: byUuid(MEDIA_A), variants: ['main', 'blurred'], options: { purchasedBy: FAN } });
		expect(out).toEqual([media]);
	});

	it('Get Many: every filter, pages of the limit', async () => {
		fanvue()
			.get('/media')
			.query(
				exactQuery({
					page: '1',
					size: '2',
					mediaType: 'video',
					folderName: 'PPV',
					usage: 'ppv',
					status: 'ready,processing',
					variants: 'thumbnail',
					purchasedBy: FAN,
				}),
			)
			.reply(200, page([{ uuid: MEDIA_A }, { uuid: MEDIA_B }], true));
		const out = await run({
			resource: 'media',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
			variants: ['thumbnail'],
			filters: { mediaType: 'video', folderName: 'PPV', usage: 'ppv', status: ['ready', 'processing'], purchasedBy: FAN },
		});
		expect(out.map((m) => m.uuid)).toEqual([MEDIA_A, MEDIA_B]);
	});

	it('Get Chat Media: cursor pages of GET /chats/{fan}/media sized by limit', async () => {
		fanvue().get(`/chats/${FAN}/media`).query(exactQuery({ limit: '50', mediaType: 'image' })).reply(200, { data: [{ uuid: MEDIA_A }], nextCursor: 'c2' });
		fanvue().get(`/chats/${FAN}/media`).query(exactQuery({ limit: '50', mediaType: 'image', cursor: 'c2' })).reply(200, { data: [{ uuid: MEDIA_B }], nextCursor: null });
		const out = await run({ resource: 'media', operation: 'getChatMedia', fan: byUuid(FAN), returnAll: true, chatMediaFilters: { mediaType: 'image' } });
		expect(out.map((m) => m.uuid)).toEqual([MEDIA_A, MEDIA_B]);
	});

	it('as a managed creator: /creators/{creator}/media and /creators/{creator}/chats/{fan}/media', async () => {
		fanvue().get(`/creators/${CREATOR}/media/${MEDIA_A}`).query(exactQuery({ variants: 'main' })).reply(200, { uuid: MEDIA_A });
		fanvue().get(`/creators/${CREATOR}/chats/${FAN}/media`).query(exactQuery({ limit: '1' })).reply(200, { data: [{ uuid: MEDIA_B }], nextCursor: 'x' });
		expect(await run({ resource: 'media', operation: 'get', ...asCreator, media: byUuid(MEDIA_A), variants: ['main'] })).toEqual([{ uuid: MEDIA_A }]);
		expect(await run({ resource: 'media', operation: 'getChatMedia', ...asCreator, fan: byUuid(FAN), returnAll: false, limit: 1 })).toEqual([{ uuid: MEDIA_B }]);
	});
});

describe('Vault Folder', () => {
	it('Get Many and Get Media: page-style lists', async () => {
		fanvue().get('/vault/folders').query(exactQuery({ page: '1', size: '50' })).reply(200, page([{ name: 'Photos', mediaCount: 2 }], false));
		fanvue().get('/vault/folders/Beach%20%26%20Sun%2FJuly/media').query(exactQuery({ page: '1', size: '1' })).reply(200, page([{ uuid: MEDIA_A }], true));
		expect(await run({ resource: 'vaultFolder', operation: 'getMany', returnAll: true })).toEqual([{ name: 'Photos', mediaCount: 2 }]);
		const out = await run({ resource: 'vaultFolder', operation: 'getMedia', folder: folder('Beach & Sun/July'), returnAll: false, limit: 1 });
		expect(out).toEqual([{ uuid: MEDIA_A }]);
	});

	it('Create, Get, Rename, Delete: the folder name is encoded into the path', async () => {
		fanvue().post('/vault/folders', { name: 'Beach & Sun' }).reply(201, { name: 'Beach & Sun', createdAt: '2026-11-01', mediaCount: 0 });
		fanvue().get('/vault/folders/Beach%20%26%20Sun').reply(200, { name: 'Beach & Sun', mediaCount: 0 });
		fanvue().patch('/vault/folders/Beach%20%26%20Sun', { name: 'Summer' }).reply(204);
		fanvue().delete('/vault/folders/Summer').reply(204);
		expect(await run({ resource: 'vaultFolder', operation: 'create', name: ' Beach & Sun ' })).toEqual([{ name: 'Beach & Sun', createdAt: '2026-11-01', mediaCount: 0 }]);
		expect(await run({ resource: 'vaultFolder', operation: 'get', folder: folder('Beach & Sun') })).toEqual([{ name: 'Beach & Sun', mediaCount: 0 }]);
		expect(await run({ resource: 'vaultFolder', operation: 'rename', folder: folder('Beach & Sun'), newName: 'Summer' })).toEqual([{ name: 'Summer', previousName: 'Beach & Sun' }]);
		expect(await run({ resource: 'vaultFolder', operation: 'delete', folder: folder('Summer') })).toEqual([{ name: 'Summer', deleted: true }]);
	});

	it('Add Media and Remove Media', async () => {
		fanvue().post('/vault/folders/PPV/media', { mediaUuids: [MEDIA_A, MEDIA_B] }).reply(201, { addedCount: 2 });
		fanvue().delete(`/vault/folders/PPV/media/${MEDIA_A}`).reply(204);
		expect(await run({ resource: 'vaultFolder', operation: 'addMedia', folder: folder('PPV'), mediaUuids: `${MEDIA_A}, ${MEDIA_B}` })).toEqual([{ name: 'PPV', addedCount: 2 }]);
		expect(await run({ resource: 'vaultFolder', operation: 'removeMedia', folder: folder('PPV'), media: byUuid(MEDIA_A) })).toEqual([
			{ name: 'PPV', mediaUuid: MEDIA_A, removed: true },
		]);
	});

	it('has no agency form in Fanvue: refused before any request', async () => {
		const error = await refused({ resource: 'vaultFolder', operation: 'getMany', returnAll: true, ...asCreator });
		expect(error.message).toBe("Vault Folder Get Many has no agency form in Fanvue's API; set Act As to Myself");
	});
});

describe('Post', () => {
	it('Create: POST /posts with audience, text, media, price and both dates', async () => {
		const publishAt = new Date(Date.now() + 86_400_000).toISOString();
		const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
		const created = { uuid: POST, audience: 'subscribers', price: 999, publishAt, expiresAt };
		fanvue()
			.post('/posts', { audience: 'subscribers', text: 'New set 🔥', mediaUuids: [MEDIA_A], price: 999, publishAt, expiresAt })
			.reply(201, created);
		const out = await run({
			resource: 'post',
			operation: 'create',
			audience: 'subscribers',
			text: 'New set 🔥',
			postFields: { mediaUuids: [MEDIA_A], price: 999, publishAt, expiresAt },
		});
		expect(out).toEqual([created]);
	});

	it('Create as a managed creator: POST /creators/{creator}/posts, only what was given', async () => {
		fanvue().post(`/creators/${CREATOR}/posts`, { audience: 'followers-and-subscribers', text: 'Hi' }).reply(201, { uuid: POST });
		expect(await run({ resource: 'post', operation: 'create', ...asCreator, audience: 'followers-and-subscribers', text: 'Hi' })).toEqual([{ uuid: POST }]);
	});

	it('Get, Get Many, Get Comments, Get Likes, Get Tips', async () => {
		fanvue().get(`/posts/${POST}`).reply(200, { uuid: POST, likesCount: 3 });
		fanvue().get('/posts').query(exactQuery({ page: '1', size: '1' })).reply(200, page([{ uuid: POST }], true));
		fanvue().get(`/posts/${POST}/comments`).query(exactQuery({ page: '1', size: '50' })).reply(200, page([{ uuid: 'c1' }], false));
		fanvue().get(`/posts/${POST}/likes`).query(exactQuery({ page: '1', size: '50' })).reply(200, page([{ createdAt: 'l1' }], false));
		fanvue().get(`/posts/${POST}/tips`).query(exactQuery({ page: '1', size: '2' })).reply(200, page([{ gross: 500 }], false));
		expect(await run({ resource: 'post', operation: 'get', post: byUuid(POST) })).toEqual([{ uuid: POST, likesCount: 3 }]);
		expect(await run({ resource: 'post', operation: 'getMany', returnAll: false, limit: 1 })).toEqual([{ uuid: POST }]);
		expect(await run({ resource: 'post', operation: 'getComments', post: byUuid(POST), returnAll: true })).toEqual([{ uuid: 'c1' }]);
		expect(await run({ resource: 'post', operation: 'getLikes', post: byUuid(POST), returnAll: true })).toEqual([{ createdAt: 'l1' }]);
		expect(await run({ resource: 'post', operation: 'getTips', post: byUuid(POST), returnAll: false, limit: 2 })).toEqual([{ gross: 500 }]);
	});

	it('reading posts has no agency form in Fanvue: refused before any request', async () => {
		const error = await refused({ resource: 'post', operation: 'getTips', ...asCreator, post: byUuid(POST), returnAll: true });
		expect(error.message).toBe("Post Get Tips has no agency form in Fanvue's API; set Act As to Myself");
	});
});

describe('Tracking Link', () => {
	it('Get Many (cursor, limit), Create, Delete', async () => {
		fanvue().get('/tracking-links').query(exactQuery({ limit: '50' })).reply(200, { data: [{ uuid: LINK }], nextCursor: null });
		fanvue().post('/tracking-links', { name: 'Instagram bio', externalSocialPlatform: 'instagram' }).reply(201, { uuid: LINK, linkUrl: 'fv-123' });
		fanvue().delete(`/tracking-links/${LINK}`).reply(204);
		expect(await run({ resource: 'trackingLink', operation: 'getMany', returnAll: true })).toEqual([{ uuid: LINK }]);
		expect(await run({ resource: 'trackingLink', operation: 'create', name: 'Instagram bio', externalSocialPlatform: 'instagram' })).toEqual([
			{ uuid: LINK, linkUrl: 'fv-123' },
		]);
		expect(await run({ resource: 'trackingLink', operation: 'delete', trackingLink: byUuid(LINK) })).toEqual([{ uuid: LINK, deleted: true }]);
	});

	it('as a managed creator: /creators/{creator}/tracking-links for all three', async () => {
		fanvue().get(`/creators/${CREATOR}/tracking-links`).query(exactQuery({ limit: '1' })).reply(200, { data: [{ uuid: LINK }], nextCursor: 'n' });
		fanvue().post(`/creators/${CREATOR}/tracking-links`, { name: 'TikTok', externalSocialPlatform: 'tiktok' }).reply(201, { uuid: LINK });
		fanvue().delete(`/creators/${CREATOR}/tracking-links/${LINK}`).reply(204);
		expect(await run({ resource: 'trackingLink', operation: 'getMany', ...asCreator, returnAll: false, limit: 1 })).toEqual([{ uuid: LINK }]);
		expect(await run({ resource: 'trackingLink', operation: 'create', ...asCreator, name: 'TikTok', externalSocialPlatform: 'tiktok' })).toEqual([{ uuid: LINK }]);
		expect(await run({ resource: 'trackingLink', operation: 'delete', ...asCreator, trackingLink: byUuid(LINK) })).toEqual([{ uuid: LINK, deleted: true }]);
	});
});

describe('pickers', () => {
	it('media: ready media of the vault, filtered by name here (Fanvue has no search), next page token', async () => {
		fanvue()
			.get('/media')
			.query(exactQuery({ page: '1', size: '50', status: 'ready' }))
			.reply(200, page([{ uuid: MEDIA_A, name: 'Beach day', mediaType: 'image', createdAt: '2026-10-01T00:00:00Z' }, { uuid: MEDIA_B, name: 'Gym', mediaType: 'video' }], true));
		const result = await listSearch('searchMedia', { credentials, filter: 'beach' });
		expect(result).toEqual({ results: [{ name: 'Beach day (image, 2026-10-01)', value: MEDIA_A }], paginationToken: '2' });
	});

	it('posts, folders and tracking links', async () => {
		fanvue().get('/posts').query(exactQuery({ page: '1', size: '50' })).reply(200, page([{ uuid: POST, text: 'Sunday mood', publishedAt: '2026-10-05T10:00:00Z' }], false));
		fanvue().get('/vault/folders').query(exactQuery({ page: '1', size: '50' })).reply(200, page([{ name: 'PPV', mediaCount: 4 }], false));
		fanvue().get('/tracking-links').query(exactQuery({ limit: '50', cursor: 'c1' })).reply(200, { data: [{ uuid: LINK, name: 'Bio', linkUrl: 'fv-1', externalSocialPlatform: 'tiktok' }], nextCursor: 'c2' });
		expect(await listSearch('searchPosts', { credentials })).toEqual({ results: [{ name: '2026-10-05: Sunday mood', value: POST }], paginationToken: undefined });
		expect(await listSearch('searchVaultFolders', { credentials })).toEqual({ results: [{ name: 'PPV (4)', value: 'PPV' }], paginationToken: undefined });
		expect(await listSearch('searchTrackingLinks', { credentials, paginationToken: 'c1' })).toEqual({
			results: [{ name: 'Bio (tiktok, fv-1)', value: LINK }],
			paginationToken: 'c2',
		});
	});

	it('follow Act As: a managed creator’s media and tracking links', async () => {
		fanvue().get(`/creators/${CREATOR}/media`).query(true).reply(200, page([{ uuid: MEDIA_A, name: 'x', mediaType: 'image' }], false));
		const parameters = { resource: 'media', operation: 'get', actAs: 'creator', creator: byUuid(CREATOR) };
		const result = await listSearch('searchMedia', { credentials, parameters });
		expect(result.results.map((r) => r.value)).toEqual([MEDIA_A]);
	});
});

describe('a write that may have reached Fanvue', () => {
	it('is not repeated, and the failure says where to check (not "the chat" for a post)', async () => {
		fanvue().post('/posts', { audience: 'subscribers', text: 'Hi' }).reply(503, { message: 'busy' });
		const result = await runNode({ parameters: { resource: 'post', operation: 'create', audience: 'subscribers', text: 'Hi' }, credentials });
		const error = result.error as Error & { description?: string };
		expect(error.message).toBe('Fanvue answered 503: busy');
		expect(error.description).toContain('NOT sent again');
		expect(error.description).toContain('check your posts before you retry');
		expect(error.description).not.toContain('the chat');
	});
});

// Media, vault folders, posts and tracking links: the Fanvue node in n8n-core's engine against
// the sandbox (real sockets, the sandbox's S3 stand-in for the parts, processing that takes time).
// The sandbox is the independent model: it checks ETags, part sizes and readiness itself and
// keeps a hash of the bytes it received.
import { createHash } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { FANVUE_NODE_TYPE, runNode, runWorkflow } from '../helpers/n8n-runner';
import { SANDBOX_CREDENTIAL_ID, sandboxCredentials } from '../helpers/sandbox-credential';
import { resetRateLimitState } from '../../nodes/Fanvue/transport/rateLimit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');

jest.setTimeout(90_000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const FIVE_MIB = 5 * 1024 * 1024;
/** A PNG signature followed by filler: enough for the sandbox to take it as an image. */
const pngOf = (size: number) => {
	const bytes = Buffer.alloc(size, 7);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
	for (let i = 8; i < size; i += 4096) bytes[i] = i % 251;
	return bytes;
};
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('media against the sandbox', () => {
	let sb: Sandbox;
	beforeEach(() => resetRateLimitState());
	afterEach(async () => {
		await sb?.stop();
	});

	async function node(parameters: object) {
		const result = await runNode({ parameters, credentials: sandboxCredentials(sb) });
		expect(result.error).toBeUndefined();
		return result.output(result.nodeName).map((item) => item.json);
	}

	it('uploads a two-part file from binary data and sends it as pay-to-view in the next node', async () => {
		sb = await startSandbox({ fans: 20, seed: 4, mediaProcessingMs: 1500 });
		const file = pngOf(FIVE_MIB + 4321);
		const fan = sb.store.fans.find((f: { status: string }) => f.status === 'subscriber').uuid;
		const credentials = { fanvueOAuth2Api: { id: SANDBOX_CREDENTIAL_ID, name: 'Fanvue (sandbox)' } };
		const workflow = {
			nodes: [
				{ id: '1', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: '2', name: 'Upload', type: FANVUE_NODE_TYPE, typeVersion: 1, position: [200, 0], parameters: { resource: 'media', operation: 'upload' }, credentials },
				{
					id: '3',
					name: 'Send',
					type: FANVUE_NODE_TYPE,
					typeVersion: 1,
					position: [400, 0],
					parameters: {
						resource: 'message',
						operation: 'send',
						fan: { __rl: true, mode: 'uuid', value: fan },
						text: 'Just for you 🔒',
						additionalFields: { mediaUuids: '={{ $json.uuid }}', price: 800 },
					},
					credentials,
				},
			],
			connections: {
				Start: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
				Upload: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		};
		const item: INodeExecutionData = { json: {}, binary: { data: { data: file.toString('base64'), mimeType: 'image/png', fileName: 'set.png', fileExtension: 'png' } } };
		const result = await runWorkflow({ workflow, credentials: sandboxCredentials(sb), startItems: [item] });
		expect(result.error).toBeUndefined();

		const [uploaded] = result.output('Upload').map((i) => i.json);
		expect(uploaded).toMatchObject({ status: 'ready', mediaType: 'image', name: 'set.png', sizeBytes: file.length, parts: 2 });
		const stored = sb.store.mediaByUuid.get(uploaded.uuid);
		expect(stored.sha256).toBe(sha256(file));
		// No request to the storage carried the Fanvue token (the storage would have answered 400).
		const puts = sb.requests().filter((r: { method: string }) => r.method === 'PUT');
		expect(puts.map((r: { status: number; headers: object }) => [r.status, 'authorization' in r.headers])).toEqual([
			[200, false],
			[200, false],
		]);

		const [sent] = result.output('Send').map((i) => i.json);
		const last = sb.store.lastMessageOf(sb.store.chat(fan));
		expect(last.uuid).toBe(sent.messageUuid);
		expect(last.mediaUuids).toEqual([uploaded.uuid]);
		expect(last.price).toBe(800);
	});

	it('reports a file Fanvue cannot process (a PNG declared as video) as failed, naming the media', async () => {
		sb = await startSandbox({ fans: 5, mediaProcessingMs: 200 });
		const result = await runWorkflow({
			workflow: {
				nodes: [
					{ id: '1', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: '2',
						name: 'Upload',
						type: FANVUE_NODE_TYPE,
						typeVersion: 1,
						position: [200, 0],
						parameters: { resource: 'media', operation: 'upload', mediaType: 'video' },
						credentials: { fanvueOAuth2Api: { id: SANDBOX_CREDENTIAL_ID, name: 'Fanvue (sandbox)' } },
					},
				],
				connections: { Start: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			},
			credentials: sandboxCredentials(sb),
			startItems: [{ json: {}, binary: { data: { data: pngOf(100).toString('base64'), mimeType: 'image/png', fileName: 'a.png' } } }],
		});
		const failed = [...sb.store.media].reverse()[0];
		expect(failed.status).toBe('error');
		expect(result.error?.message).toBe(`Fanvue could not process the uploaded file (media ${failed.uuid})`);
	});

	it('acting as a managed creator: uploads into that creator’s vault and posts it as pay-to-view there', async () => {
		sb = await startSandbox({ fans: 5, mediaProcessingMs: 300 });
		const creator = sb.agency.creators()[0].uuid;
		const actAs = { actAs: 'creator', creator: { __rl: true, mode: 'uuid', value: creator } };
		const file = pngOf(2048);
		const upload = await runNode({
			parameters: { resource: 'media', operation: 'upload', ...actAs },
			credentials: sandboxCredentials(sb),
			inputItems: [{ json: {}, binary: { data: { data: file.toString('base64'), mimeType: 'image/png', fileName: 'promo.png' } } }],
		});
		expect(upload.error).toBeUndefined();
		const [media] = upload.output(upload.nodeName).map((i) => i.json);
		const store = sb.agency.storeFor(creator);
		expect(store.mediaByUuid.get(media.uuid).sha256).toBe(sha256(file));
		expect(sb.store.mediaByUuid.has(media.uuid)).toBe(false);

		const [post] = await node({ resource: 'post', operation: 'create', ...actAs, audience: 'subscribers', text: 'New', postFields: { mediaUuids: media.uuid, price: 600 } });
		expect(store.posts[0]).toMatchObject({ uuid: post.uuid, mediaUuids: [media.uuid], price: 600 });
	});

	it('media, vault folders, posts and tracking links round-trip through the node', async () => {
		sb = await startSandbox({ fans: 30, seed: 9 });
		const media = sb.store.media.slice(0, 2).map((m: { uuid: string }) => m.uuid);

		const [one] = await node({ resource: 'media', operation: 'get', media: { __rl: true, mode: 'uuid', value: media[0] }, variants: ['main'] });
		expect((one.variants as Array<{ variantType: string }>).map((v) => v.variantType)).toEqual(['main']);
		const videos = await node({ resource: 'media', operation: 'getMany', returnAll: true, variants: [], filters: { mediaType: 'video' } });
		expect(videos.map((m) => m.uuid).sort()).toEqual(sb.store.media.filter((m: { mediaType: string }) => m.mediaType === 'video').map((m: { uuid: string }) => m.uuid).sort());

		await node({ resource: 'vaultFolder', operation: 'create', name: 'Beach & Sun/July' });
		const folder = { __rl: true, mode: 'name', value: 'Beach & Sun/July' };
		expect(await node({ resource: 'vaultFolder', operation: 'addMedia', folder, mediaUuids: media.join(',') })).toEqual([{ name: 'Beach & Sun/July', addedCount: 2 }]);
		const inFolder = await node({ resource: 'vaultFolder', operation: 'getMedia', folder, returnAll: true });
		expect(inFolder.map((m) => m.uuid).sort()).toEqual([...media].sort());
		await node({ resource: 'vaultFolder', operation: 'removeMedia', folder, media: { __rl: true, mode: 'uuid', value: media[0] } });
		await node({ resource: 'vaultFolder', operation: 'rename', folder, newName: 'Summer' });
		expect((await node({ resource: 'vaultFolder', operation: 'get', folder: { __rl: true, mode: 'name', value: 'Summer' } }))[0]).toMatchObject({ mediaCount: 1 });
		await node({ resource: 'vaultFolder', operation: 'delete', folder: { __rl: true, mode: 'name', value: 'Summer' } });
		expect(sb.store.vaultFolders.map((f: { name: string }) => f.name)).not.toContain('Summer');

		const publishAt = new Date(Date.now() + 86_400_000).toISOString();
		const [post] = await node({ resource: 'post', operation: 'create', audience: 'subscribers', text: 'Soon', postFields: { mediaUuids: [media[1]], price: 1200, publishAt } });
		expect(sb.store.posts[0]).toMatchObject({ uuid: post.uuid, price: 1200, publishAt, mediaUuids: [media[1]] });
		const [fetched] = await node({ resource: 'post', operation: 'get', post: { __rl: true, mode: 'uuid', value: post.uuid } });
		expect(fetched).toMatchObject({ uuid: post.uuid, text: 'Soon', price: 1200, publishAt, publishedAt: null, likesCount: 0, tips: { count: 0, totalGross: 0, totalNet: 0 } });
		const posts = await node({ resource: 'post', operation: 'getMany', returnAll: true });
		expect(posts).toHaveLength(sb.store.posts.length);
		const liked = sb.store.posts.find((p: { likes: unknown[] }) => p.likes.length > 0);
		const likes = await node({ resource: 'post', operation: 'getLikes', post: { __rl: true, mode: 'uuid', value: liked.uuid }, returnAll: true });
		expect(likes).toHaveLength(liked.likes.length);

		const [link] = await node({ resource: 'trackingLink', operation: 'create', name: 'Bio', externalSocialPlatform: 'reddit' });
		const links = await node({ resource: 'trackingLink', operation: 'getMany', returnAll: false, limit: 2 });
		expect(links.map((l) => l.uuid)).toEqual(sb.store.trackingLinks.slice(0, 2).map((l: { uuid: string }) => l.uuid));
		await node({ resource: 'trackingLink', operation: 'delete', trackingLink: { __rl: true, mode: 'uuid', value: link.uuid } });
		expect(sb.store.trackingLinks.some((l: { uuid: string }) => l.uuid === link.uuid)).toBe(false);
	});
});

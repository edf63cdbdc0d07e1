'use strict';
// The sandbox's media side, as Fanvue and S3 document it: upload sessions, presigned part URLs
// (signature, expiry, no second credential), ETags, S3's multipart rules at completion,
// processing that ends ready or error, variants; vault folders; posts; tracking links.
const crypto = require('node:crypto');
const { startSandbox, call } = require('./helpers');

const FIVE_MIB = 5 * 1024 * 1024;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(200)]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('sandbox media, vault, posts, tracking links', () => {
	let sb;
	let token;
	const api = (method, path, body, t = token) => call(sb, method, path, { token: t, body });

	beforeEach(async () => {
		sb = await startSandbox({ fans: 20, mediaProcessingMs: 50 });
		token = sb.issueToken().access_token;
	});
	afterEach(async () => {
		await sb.stop();
	});

	async function session(mediaType = 'image') {
		const res = await api('POST', '/media/uploads', { name: 'Beach', filename: 'beach.png', mediaType });
		expect(res.status).toBe(200);
		return res.body;
	}
	async function partUrl(uploadId, n) {
		const res = await fetch(`${sb.url}/media/uploads/${uploadId}/parts/${n}/url`, { headers: { Authorization: `Bearer ${token}`, 'X-Fanvue-API-Version': '2025-06-26' } });
		expect(res.status).toBe(200);
		return res.text();
	}
	async function put(url, bytes, headers = {}) {
		const res = await fetch(url, { method: 'PUT', body: bytes, headers });
		return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
	}

	describe('uploads', () => {
		it('session -> part URL -> PUT (ETag = quoted MD5) -> complete -> processing -> ready with variants; the bytes are the ones sent', async () => {
			const { mediaUuid, uploadId } = await session();
			const url = await partUrl(uploadId, 1);
			const part = await put(url, PNG);
			expect(part).toMatchObject({ status: 200, etag: `"${crypto.createHash('md5').update(PNG).digest('hex')}"` });
			const done = await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 1, ETag: part.etag }] });
			expect(done).toMatchObject({ status: 200, body: { status: 'processing' } });
			expect((await api('GET', `/media/${mediaUuid}`)).body).toEqual({ uuid: mediaUuid, status: 'processing' });
			await sleep(60);
			const ready = await api('GET', `/media/${mediaUuid}?variants=main,blurred`);
			expect(ready.body).toMatchObject({ uuid: mediaUuid, status: 'ready', name: 'Beach', mediaType: 'image' });
			expect(ready.body.variants.map((v) => v.variantType)).toEqual(['main', 'blurred']);
			expect(sb.store.mediaByUuid.get(mediaUuid).sha256).toBe(crypto.createHash('sha256').update(PNG).digest('hex'));
			// Without variants there are no URLs (Fanvue's rule).
			expect((await api('GET', `/media/${mediaUuid}`)).body.variants).toEqual([]);
		});

		it('the storage refuses a request that also carries a bearer token, a tampered signature and an expired URL', async () => {
			const { uploadId } = await session();
			const url = await partUrl(uploadId, 1);
			const withToken = await put(url, PNG, { Authorization: `Bearer ${token}` });
			expect(withToken.status).toBe(400);
			expect(withToken.text).toContain('<Code>InvalidArgument</Code>');
			// Another first hex digit: always a change (replacing it with a fixed '0' was none for 1 URL in 16).
			const tampered = url.replace(/Signature=(.)/, (_, first) => `Signature=${first === '0' ? '1' : '0'}`);
			expect(tampered).not.toBe(url);
			expect((await put(tampered, PNG)).status).toBe(403);
			const expired = url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=1000');
			expect((await put(expired, PNG)).status).toBe(403);
			// The log keeps the size, not the bytes.
			const logged = sb.requests().filter((r) => r.method === 'PUT');
			expect(logged[0]).toMatchObject({ bodyBytes: PNG.length, status: 400 });
		});

		it("completion follows S3's rules: parts ascending, ETags matching, every part but the last at least 5 MiB", async () => {
			const { uploadId } = await session();
			const small = await put(await partUrl(uploadId, 1), PNG);
			const last = await put(await partUrl(uploadId, 2), PNG);
			const tooSmall = await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 1, ETag: small.etag }, { PartNumber: 2, ETag: last.etag }] });
			expect(tooSmall.status).toBe(400);
			expect(tooSmall.body.errors[0].message).toMatch(/^EntityTooSmall/);
			const wrongEtag = await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 1, ETag: '"abc"' }] });
			expect(wrongEtag.body.errors[0].message).toMatch(/^InvalidPart/);
			const order = await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 2, ETag: last.etag }, { PartNumber: 1, ETag: small.etag }] });
			expect(order.body.errors.map((e) => e.message.split(':')[0])).toContain('InvalidPartOrder');
			const missing = await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 3, ETag: last.etag }] });
			expect(missing.body.errors[0].message).toMatch(/^InvalidPart: part 3 was not uploaded/);
		});

		it('a 5 MiB first part and a short last part complete; the media is the concatenation', async () => {
			const { mediaUuid, uploadId } = await session();
			const first = Buffer.concat([PNG, Buffer.alloc(FIVE_MIB - PNG.length, 1)]);
			const second = Buffer.from('tail');
			const p1 = await put(await partUrl(uploadId, 1), first);
			const p2 = await put(await partUrl(uploadId, 2), second);
			const done = await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 1, ETag: p1.etag }, { PartNumber: 2, ETag: p2.etag }] });
			expect(done.status).toBe(200);
			const media = sb.store.mediaByUuid.get(mediaUuid);
			expect(media.sizeBytes).toBe(FIVE_MIB + 4);
			expect(media.sha256).toBe(crypto.createHash('sha256').update(Buffer.concat([first, second])).digest('hex'));
		});

		it('bytes that are not the declared type end in status error; a completed session takes no more parts', async () => {
			const { mediaUuid, uploadId } = await session('video');
			const url = await partUrl(uploadId, 1);
			const part = await put(url, PNG);
			await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 1, ETag: part.etag }] });
			await sleep(60);
			expect((await api('GET', `/media/${mediaUuid}`)).body).toEqual({ uuid: mediaUuid, status: 'error' });
			expect((await put(url, PNG)).status).toBe(404);
			expect((await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 1, ETag: part.etag }] })).status).toBe(400);
		});

		it('validates the session body and needs write:media', async () => {
			const bad = await api('POST', '/media/uploads', { name: '', filename: 'x', mediaType: 'gif' });
			expect(bad.body.errors.map((e) => e.field)).toEqual(['name', 'mediaType']);
			const readOnly = sb.issueToken({ scopes: ['openid', 'read:media'] }).access_token;
			expect((await api('POST', '/media/uploads', { name: 'a', filename: 'a', mediaType: 'image' }, readOnly)).status).toBe(403);
		});

		it('a message cannot carry media before it is ready', async () => {
			const { mediaUuid, uploadId } = await session();
			const fan = sb.store.fans.find((f) => f.status === 'subscriber');
			const early = await api('POST', `/chats/${fan.uuid}/message`, { text: 'x', mediaUuids: [mediaUuid] });
			expect(early.status).toBe(400);
			expect(early.body.errors[0].message).toBe(`Media ${mediaUuid} is not ready (status: created)`);
			const part = await put(await partUrl(uploadId, 1), PNG);
			await api('PATCH', `/media/uploads/${uploadId}`, { parts: [{ PartNumber: 1, ETag: part.etag }] });
			await sleep(60);
			expect((await api('POST', `/chats/${fan.uuid}/message`, { text: 'x', mediaUuids: [mediaUuid], price: 500 })).status).toBe(201);
		});
	});

	it('GET /users/me counts the posts and the ready media only', async () => {
		const before = (await api('GET', '/users/me')).body.contentCounts;
		await session();
		await api('POST', '/posts', { audience: 'subscribers', text: 'one more' });
		const after = (await api('GET', '/users/me')).body.contentCounts;
		expect(after.imageCount).toBe(before.imageCount);
		expect(after.postCount).toBe(sb.store.posts.length);
		expect(after.payToViewPostCount).toBe(sb.store.posts.filter((p) => p.price).length);
		expect(after.postCount).toBe(before.postCount + 1);
	});

	it('GET /media filters: status, mediaType, folderName; non-ready media shows only uuid and status', async () => {
		const { mediaUuid } = await session();
		const created = await api('GET', '/media?status=created&size=50');
		expect(created.body.data).toEqual([{ uuid: mediaUuid, status: 'created' }]);
		const videos = await api('GET', '/media?mediaType=video&size=50');
		expect(videos.body.data.length).toBeGreaterThan(0); // every() of nothing is true
		expect(videos.body.data.every((m) => m.mediaType === 'video')).toBe(true);
		const inFolder = await api('GET', '/media?folderName=Photos&size=50');
		const photos = sb.store.vaultFolders.find((f) => f.name === 'Photos');
		expect(inFolder.body.data.map((m) => m.uuid).sort()).toEqual([...photos.mediaUuids].sort());
		expect((await api('GET', '/media?status=done')).status).toBe(400);
	});

	it('vault folders: create (409 on a taken name), rename, add and remove media, delete keeps the media', async () => {
		expect((await api('POST', '/vault/folders', { name: 'Beach & Sun/July' })).status).toBe(201);
		expect((await api('POST', '/vault/folders', { name: 'beach & sun/july' })).status).toBe(409);
		const encoded = encodeURIComponent('Beach & Sun/July');
		const media = sb.store.media.slice(0, 2).map((m) => m.uuid);
		expect((await api('POST', `/vault/folders/${encoded}/media`, { mediaUuids: media })).body).toEqual({ addedCount: 2 });
		expect((await api('POST', `/vault/folders/${encoded}/media`, { mediaUuids: [media[0]] })).body).toEqual({ addedCount: 0 });
		expect((await api('GET', `/vault/folders/${encoded}`)).body).toMatchObject({ name: 'Beach & Sun/July', mediaCount: 2 });
		expect((await api('DELETE', `/vault/folders/${encoded}/media/${media[0]}`)).status).toBe(204);
		expect((await api('PATCH', `/vault/folders/${encoded}`, { name: 'Photos' })).status).toBe(409);
		expect((await api('PATCH', `/vault/folders/${encoded}`, { name: 'Summer' })).status).toBe(204);
		expect((await api('DELETE', '/vault/folders/Summer')).status).toBe(204);
		expect((await api('GET', '/vault/folders/Summer')).status).toBe(404);
		expect(sb.store.mediaByUuid.has(media[1])).toBe(true);
	});

	it('posts: create checks audience, price with media, dates; list pinned first; comments, likes, tips', async () => {
		const media = sb.store.media[0].uuid;
		const problems = await api('POST', '/posts', { audience: 'all', price: 500, publishAt: '2020-01-01T00:00:00Z' });
		expect(problems.body.errors.map((e) => e.field)).toEqual(['audience', 'price', 'text', 'publishAt']);
		const publishAt = new Date(Date.now() + 3600_000).toISOString();
		const created = await api('POST', '/posts', { audience: 'subscribers', text: 'New', mediaUuids: [media], price: 700, publishAt });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ text: 'New', price: 700, audience: 'subscribers', publishAt, publishedAt: null });
		const list = await api('GET', '/posts?size=50');
		expect(list.body.data[0].isPinned).toBe(true);
		expect(list.body.data.map((p) => p.uuid)).toContain(created.body.uuid);
		const liked = sb.store.posts.find((p) => p.likes.length && p.comments.length);
		const likes = await api('GET', `/posts/${liked.uuid}/likes?size=50`);
		expect(likes.body.data).toHaveLength(liked.likes.length);
		const comments = await api('GET', `/posts/${liked.uuid}/comments`);
		expect(comments.body.data[0]).toMatchObject({ uuid: liked.comments[0].uuid, text: liked.comments[0].text });
		expect((await api('GET', `/posts/${liked.uuid}`)).body).toMatchObject({ likesCount: liked.likes.length, commentsCount: liked.comments.length });
		expect((await api('GET', `/posts/${crypto.randomUUID()}/tips`)).status).toBe(404);
	});

	describe('agency forms', () => {
		it("uploads for a managed creator: the media lands in that creator's vault; a session is not completed for another creator", async () => {
			const [a, b] = sb.agency.creators().map((c) => c.uuid);
			const created = await api('POST', `/creators/${a}/media/uploads`, { name: 'Promo', filename: 'p.png', mediaType: 'image' });
			expect(created.status).toBe(200);
			const { mediaUuid, uploadId } = created.body;
			expect(sb.agency.storeFor(a).mediaByUuid.has(mediaUuid)).toBe(true);
			expect(sb.store.mediaByUuid.has(mediaUuid)).toBe(false);
			const urlAnswer = await call(sb, 'GET', `/creators/${a}/media/uploads/${uploadId}/parts/1/url`, { token });
			const part = await put(urlAnswer.body, PNG);
			const parts = { parts: [{ PartNumber: 1, ETag: part.etag }] };
			expect((await api('PATCH', `/creators/${b}/media/uploads/${uploadId}`, parts)).status).toBe(404);
			expect((await api('PATCH', `/media/uploads/${uploadId}`, parts)).status).toBe(404);
			expect((await api('PATCH', `/creators/${a}/media/uploads/${uploadId}`, parts)).status).toBe(200);
			await sleep(60);
			expect((await api('GET', `/creators/${a}/media/${mediaUuid}`)).body.status).toBe('ready');
			expect((await api('GET', `/media/${mediaUuid}`)).status).toBe(404);
		});

		it('posts and tracking links for a managed creator; a creator not managed is 403', async () => {
			const [a] = sb.agency.creators().map((c) => c.uuid);
			const store = sb.agency.storeFor(a);
			const post = await api('POST', `/creators/${a}/posts`, { audience: 'subscribers', text: 'From the agency' });
			expect(post.status).toBe(201);
			expect(store.posts[0].uuid).toBe(post.body.uuid);
			const link = await api('POST', `/creators/${a}/tracking-links`, { name: 'Agency bio', externalSocialPlatform: 'instagram' });
			expect(store.trackingLinks[0].uuid).toBe(link.body.uuid);
			const listed = await api('GET', `/creators/${a}/tracking-links?limit=50`);
			expect(listed.body.data.map((l) => l.uuid)).toEqual(store.trackingLinks.map((l) => l.uuid));
			expect((await api('DELETE', `/creators/${a}/tracking-links/${link.body.uuid}`)).status).toBe(204);
			expect((await api('GET', `/creators/${sb.agency.outsider.uuid}/media`)).status).toBe(403);
			expect((await api('POST', `/creators/${sb.agency.outsider.uuid}/posts`, { audience: 'subscribers', text: 'x' })).status).toBe(403);
			// Fanvue has no agency form for vault folders or for reading posts.
			expect((await api('GET', `/creators/${a}/vault/folders`)).status).toBe(404);
			expect((await api('GET', `/creators/${a}/posts`)).status).toBe(405);
		});
	});

	it('tracking links: cursor pages by limit, create validates the platform, delete', async () => {
		const first = await api('GET', '/tracking-links?limit=2');
		expect(first.body.data).toHaveLength(2);
		const rest = await api('GET', `/tracking-links?limit=50&cursor=${first.body.nextCursor}`);
		expect(rest.body.nextCursor).toBeNull();
		expect(first.body.data.length + rest.body.data.length).toBe(sb.store.trackingLinks.length);
		expect((await api('POST', '/tracking-links', { name: 'x', externalSocialPlatform: 'myspace' })).status).toBe(400);
		const created = await api('POST', '/tracking-links', { name: 'Bio', externalSocialPlatform: 'tiktok' });
		expect(created.body).toMatchObject({ name: 'Bio', externalSocialPlatform: 'tiktok', clicks: 0 });
		expect((await api('DELETE', `/tracking-links/${created.body.uuid}`)).status).toBe(204);
		expect((await api('DELETE', `/tracking-links/${created.body.uuid}`)).status).toBe(400);
		const noScope = sb.issueToken({ scopes: ['openid', 'read:tracking_links'] }).access_token;
		expect((await api('POST', '/tracking-links', { name: 'x', externalSocialPlatform: 'tiktok' }, noScope)).status).toBe(403);
	});
});

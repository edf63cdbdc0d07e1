'use strict';
// Agency mode in the sandbox: GET /creators, the /creators/{creator}/... form of the chat,
// message, list, fan and insight routes on each managed creator's own data, the documented
// scopes, 403 for a creator the agency does not manage, 404 for an unknown one, and rate-limit
// buckets per creator.
const { startSandbox, call, BASE_SCOPES } = require('./helpers');

describe('sandbox agency routes', () => {
	let sb;
	let token;
	let managed;
	let other;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 30, seed: 3, managedCreators: 3, managedCreatorFans: 40 });
		token = sb.issueToken().access_token;
		[managed, other] = sb.agency.creators();
	});
	afterAll(() => sb.stop());

	const storeOf = (creator) => sb.agency.managed.get(creator.uuid);
	const asCreator = (creator, path) => `/creators/${creator.uuid}${path}`;

	test('GET /creators pages through the managed creators, not the connected user nor the outsider', async () => {
		const first = await call(sb, 'GET', '/creators?page=1&size=2', { token });
		expect(first.status).toBe(200);
		expect(first.body.pagination).toEqual({ page: 1, size: 2, hasMore: true });
		const second = await call(sb, 'GET', '/creators?page=2&size=2', { token });
		const uuids = [...first.body.data, ...second.body.data].map((c) => c.uuid);
		expect(uuids).toEqual(sb.agency.creators().map((c) => c.uuid));
		expect(uuids).toHaveLength(3);
		expect(uuids).not.toContain(sb.creator.uuid);
		expect(uuids).not.toContain(sb.agency.outsider.uuid);
		expect(first.body.data[0]).toEqual({
			uuid: managed.uuid,
			handle: managed.handle,
			displayName: managed.displayName,
			nickname: null,
			isTopSpender: false,
			avatarUrl: managed.avatarUrl,
			registeredAt: managed.createdAt,
			role: 'creator',
		});
	});

	test("the agency form serves the managed creator's own fans, not the connected user's", async () => {
		const res = await call(sb, 'GET', `${asCreator(managed, '/subscribers')}?size=50`, { token });
		expect(res.status).toBe(200);
		const expected = storeOf(managed).fans.filter((f) => f.status === 'subscriber').map((f) => f.uuid);
		expect(res.body.data.map((f) => f.uuid)).toEqual(expected.slice(0, 50));
		const ownFans = new Set(sb.store.fans.map((f) => f.uuid));
		expect(res.body.data.some((f) => ownFans.has(f.uuid))).toBe(false);
	});

	test('a message sent as a managed creator lands in that creator’s chat, sent by that creator', async () => {
		const fan = storeOf(managed).fans.find((f) => f.status === 'subscriber' && f.hasChat);
		const sent = await call(sb, 'POST', asCreator(managed, `/chats/${fan.uuid}/message`), { token, body: { text: 'From the agency' } });
		expect(sent.status).toBe(201);
		const read = await call(sb, 'GET', `${asCreator(managed, `/chats/${fan.uuid}/messages`)}?size=1`, { token });
		expect(read.body.data[0]).toMatchObject({ uuid: sent.body.messageUuid, text: 'From the agency', sender: { uuid: managed.uuid } });
		// The same fan uuid means nothing in the connected user's own account.
		const own = await call(sb, 'POST', `/chats/${fan.uuid}/message`, { token, body: { text: 'x' } });
		expect(own.status).toBe(400);
	});

	test('403 for a creator the agency does not manage, 404 for an unknown one, 400 for a malformed uuid', async () => {
		const outsider = await call(sb, 'GET', `/creators/${sb.agency.outsider.uuid}/chats`, { token });
		expect(outsider.status).toBe(403);
		expect(outsider.body).toEqual({ error: 'Forbidden', message: 'You do not have access to this creator' });
		const self = await call(sb, 'GET', `/creators/${sb.creator.uuid}/chats`, { token });
		expect(self.status).toBe(404);
		const unknown = await call(sb, 'GET', '/creators/00000000-0000-4000-8000-000000000000/subscribers', { token });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ message: 'Creator not found' });
		const malformed = await call(sb, 'GET', '/creators/agency-star/subscribers', { token });
		expect(malformed.status).toBe(400);
		expect(malformed.body.errors[0].field).toBe('creatorUserUuid');
	});

	test('agency routes need read:creator on top of the scopes of the route', async () => {
		const withoutCreator = sb.issueToken({ scopes: [...BASE_SCOPES.split(' '), 'read:chat', 'read:fan', 'write:chat', 'read:insights'] }).access_token;
		for (const [method, path] of [
			['GET', '/creators'],
			['GET', asCreator(managed, '/chats')],
			['GET', asCreator(managed, '/chats/lists/smart')],
			['GET', asCreator(managed, '/insights/earnings')],
		]) {
			const res = await call(sb, method, path, { token: withoutCreator });
			expect(res.status).toBe(403);
			expect(res.body.message).toBe('Missing required scope: read:creator');
		}
		const withoutInsights = sb.issueToken({ scopes: [...BASE_SCOPES.split(' '), 'read:creator', 'read:fan'] }).access_token;
		const topSpenders = await call(sb, 'GET', asCreator(managed, '/insights/top-spenders'), { token: withoutInsights });
		expect(topSpenders.body.message).toBe('Missing required scope: read:insights');
	});

	test("the agency chat and custom-list lists take pages only: filters and search do not apply", async () => {
		const all = await call(sb, 'GET', `${asCreator(managed, '/chats')}?size=50`, { token });
		const filtered = await call(sb, 'GET', `${asCreator(managed, '/chats')}?size=50&filter=unread&search=zzz`, { token });
		expect(filtered.body.data).toEqual(all.body.data);
		expect(all.body.data).toHaveLength(storeOf(managed).chats.size);
		const lists = await call(sb, 'GET', `${asCreator(managed, '/chats/lists/custom')}?search=zzz`, { token });
		expect(lists.body.data.map((l) => l.uuid)).toEqual([...storeOf(managed).customLists.keys()]);
	});

	test('smart lists and custom list members of a managed creator', async () => {
		const smart = await call(sb, 'GET', asCreator(managed, '/chats/lists/smart'), { token });
		const subscribers = storeOf(managed).fans.filter((f) => f.status === 'subscriber');
		expect(smart.body.find((l) => l.uuid === 'subscribers').count).toBe(subscribers.length);
		const members = await call(sb, 'GET', `${asCreator(managed, '/chats/lists/smart/subscribers')}?size=50`, { token });
		expect(members.body.data.map((m) => m.uuid)).toEqual(subscribers.map((f) => f.uuid));
		const [list] = storeOf(managed).customLists.values();
		const custom = await call(sb, 'GET', `${asCreator(managed, `/chats/lists/custom/${list.uuid}`)}?size=50`, { token });
		expect(custom.body.data.map((m) => m.uuid).sort()).toEqual([...list.members].sort());
		// Another managed creator's list is not found for this one.
		const [foreign] = storeOf(other).customLists.values();
		expect((await call(sb, 'GET', asCreator(managed, `/chats/lists/custom/${foreign.uuid}`), { token })).status).toBe(404);
	});

	test('each managed creator has its own rate-limit bucket', async () => {
		const tight = await startSandbox({ fans: 5, managedCreators: 2, managedCreatorFans: 5, rateLimit: { capacity: 2, windowSeconds: 600 } });
		try {
			const t = tight.issueToken().access_token;
			const [a, b] = tight.agency.creators();
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await call(tight, 'GET', `/creators/${a.uuid}/subscribers`, { token: t })).status);
			expect(statuses).toEqual([200, 200, 429]);
			expect((await call(tight, 'GET', `/creators/${b.uuid}/subscribers`, { token: t })).status).toBe(200);
			expect((await call(tight, 'GET', '/subscribers', { token: t })).status).toBe(200);
		} finally {
			await tight.stop();
		}
	});
});

describe('sandbox insights: subscribers and top spenders', () => {
	let sb;
	let token;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 200, seed: 5 });
		token = sb.issueToken().access_token;
	});
	afterAll(() => sb.stop());

	test('top spenders: fans by gross paid in the period, most first, page style', async () => {
		const start = '2026-09-01T00:00:00Z';
		const end = '2026-10-15T00:00:00Z';
		const res = await call(sb, 'GET', `/insights/top-spenders?startDate=${start}&endDate=${end}&size=5`, { token });
		expect(res.status).toBe(200);
		// The model: sum the store's earnings per fan in [start, end).
		const sums = new Map();
		for (const e of sb.store.earnings) {
			if (!e.fanUuid || e.dateMs < Date.parse(start) || e.dateMs >= Date.parse(end)) continue;
			sums.set(e.fanUuid, (sums.get(e.fanUuid) || 0) + e.gross);
		}
		const expected = [...sums.entries()].sort((x, y) => y[1] - x[1]).slice(0, 5);
		expect(res.body.data.map((r) => [r.user.uuid, r.gross])).toEqual(expected);
		expect(res.body.pagination.hasMore).toBe(sums.size > 5);
		expect(res.body.data[0]).toEqual({ gross: expect.any(Number), net: expect.any(Number), messages: expect.any(Number), user: expect.objectContaining({ uuid: expected[0][0] }) });
	});

	test('subscribers: one record per day from midnight in the start offset, new subscriptions counted on their day', async () => {
		const start = '2026-10-01T00:00:00+02:00';
		const end = '2026-10-08T00:00:00+02:00';
		const res = await call(sb, 'GET', `/insights/subscribers?startDate=${encodeURIComponent(start)}&endDate=${encodeURIComponent(end)}&size=50`, { token });
		expect(res.status).toBe(200);
		expect(res.body.nextCursor).toBeNull();
		expect(res.body.data.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => new Date(Date.parse('2026-09-30T22:00:00Z') + i * 864e5).toISOString()));
		const newOn = (dayStart) => sb.store.fans.filter((f) => f.subscribedAt && Date.parse(f.subscribedAt) >= dayStart && Date.parse(f.subscribedAt) < dayStart + 864e5).length;
		expect(res.body.data.map((d) => d.newSubscribersCount)).toEqual(res.body.data.map((d) => newOn(Date.parse(d.date))));
		let running = 0;
		for (const d of res.body.data) {
			running += d.newSubscribersCount - d.cancelledSubscribersCount;
			expect(d.total).toBe(running);
		}
	});

	test('subscribers and top spenders validate dates and cursors like earnings', async () => {
		for (const path of ['/insights/subscribers?startDate=yesterday', '/insights/top-spenders?startDate=2026-10-02T00:00:00Z&endDate=2026-10-01T00:00:00Z', '/insights/subscribers?cursor=nope', '/insights/top-spenders?size=51']) {
			const res = await call(sb, 'GET', path, { token });
			expect(res.status).toBe(400);
			expect(res.body.errors).toHaveLength(1);
		}
	});
});

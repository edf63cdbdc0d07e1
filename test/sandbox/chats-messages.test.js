'use strict';
const { startSandbox, call } = require('./helpers');

describe('sandbox chats and messages', () => {
	let sb;
	let token;
	let fan;
	let media;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 120, seed: 7 });
		token = sb.issueToken().access_token;
		fan = sb.store.fans.find((f) => f.status === 'subscriber' && f.hasChat);
		media = sb.store.media[0].uuid;
	});
	afterAll(() => sb.stop());

	const send = (body, uuid = fan.uuid) => call(sb, 'POST', `/chats/${uuid}/message`, { token, body });

	test('send message validation: too long, price 299, non-integer price, price without media, no content', async () => {
		const cases = [
			[{ text: 'x'.repeat(5001) }, 'text'],
			[{ text: '' }, 'text'],
			[{ text: 'hi', mediaUuids: [media], price: 299 }, 'price'],
			[{ text: 'hi', mediaUuids: [media], price: 300.5 }, 'price'],
			[{ text: 'hi', price: 500 }, 'price'],
			[{}, 'text'],
			[{ mediaUuids: ['nope'] }, 'mediaUuids[0]'],
			[{ templateUuid: '00000000-0000-4000-8000-000000000000' }, 'templateUuid'],
		];
		for (const [body, field] of cases) {
			const res = await send(body);
			expect(res.status).toBe(400);
			expect(res.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
		}
		expect((await send({ text: 'x'.repeat(5000) })).status).toBe(201);
	});

	test('send message: 201 {messageUuid}, stored newest first; PPV keeps pricing; unknown fan is not contactable', async () => {
		const res = await send({ text: 'locked', mediaUuids: [media], price: 300 });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ messageUuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		const list = await call(sb, 'GET', `/chats/${fan.uuid}/messages?size=1&markAsRead=false`, { token });
		expect(list.body.data[0]).toMatchObject({ uuid: res.body.messageUuid, text: 'locked', hasMedia: true, sender: { uuid: sb.creator.uuid }, pricing: { USD: { price: 300 } } });
		const template = sb.store.templates.find((t) => t.price);
		expect((await send({ templateUuid: template.uuid })).status).toBe(201);
		const unknown = await send({ text: 'hi' }, '00000000-0000-4000-8000-000000000000');
		expect(unknown.status).toBe(400);
		expect(unknown.body).toEqual({ error: 'Bad Request', message: 'User is not contactable' });
	});

	test('markAsRead defaults to true (chat becomes read); false leaves it unread', async () => {
		await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text: 'are you there?' });
		expect(sb.store.chat(fan.uuid).isRead).toBe(false);
		await call(sb, 'GET', `/chats/${fan.uuid}/messages?markAsRead=false`, { token });
		expect(sb.store.chat(fan.uuid).isRead).toBe(false);
		const unread = await call(sb, 'GET', '/chats?filter=unread&size=50', { token });
		expect(unread.body.data.map((c) => c.user.uuid)).toContain(fan.uuid);
		await call(sb, 'GET', `/chats/${fan.uuid}/messages`, { token });
		expect(sb.store.chat(fan.uuid).isRead).toBe(true);
		expect(sb.store.chat(fan.uuid).unreadCount).toBe(0);
		expect((await call(sb, 'GET', `/chats/${fan.uuid}/messages?markAsRead=maybe`, { token })).status).toBe(400);
	});

	test('PATCH /chats/{id}: isRead, isMuted, nickname (max 30)', async () => {
		expect((await call(sb, 'PATCH', `/chats/${fan.uuid}`, { token, body: { isRead: false, isMuted: true, nickname: 'Bestie' } })).status).toBe(204);
		const chat = sb.store.chat(fan.uuid);
		expect(chat).toMatchObject({ isRead: false, isMuted: true, nickname: 'Bestie' });
		const long = await call(sb, 'PATCH', `/chats/${fan.uuid}`, { token, body: { nickname: 'x'.repeat(31) } });
		expect(long.status).toBe(400);
		expect(long.body.errors[0].field).toBe('nickname');
		const found = await call(sb, 'GET', '/chats?search=bestie', { token });
		expect(found.body.data.map((c) => c.user.uuid)).toEqual([fan.uuid]);
	});

	test('GET /chats filters and validation', async () => {
		const subs = await call(sb, 'GET', '/chats?filter[]=subscribers&filter[]=not_muted&size=50', { token });
		for (const c of subs.body.data) {
			expect(sb.store.fan(c.user.uuid).status).toBe('subscriber');
			expect(c.isMuted).toBe(false);
		}
		expect((await call(sb, 'GET', '/chats?filter=bogus', { token })).status).toBe(400);
		expect((await call(sb, 'GET', '/chats?sortBy=bogus', { token })).status).toBe(400);
		expect((await call(sb, 'GET', '/chats?size=51', { token })).body.errors[0].field).toBe('size');
		expect((await call(sb, 'GET', '/chats?size=0', { token })).status).toBe(400);
		expect((await call(sb, 'GET', '/chats?page=0', { token })).status).toBe(400);
		const list = [...sb.store.customLists.values()][0];
		const inList = await call(sb, 'GET', `/chats?customListId=${list.uuid}&size=50`, { token });
		expect(inList.body.data.length).toBeGreaterThan(0); // else the loop below checks nothing
		for (const c of inList.body.data) expect(list.members.has(c.user.uuid)).toBe(true);
	});

	test('page style walks to the end with correct counts (subscribers, followers, chats)', async () => {
		const walk = async (path) => {
			const seen = [];
			for (let page = 1; page < 100; page++) {
				const res = await call(sb, 'GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}&size=7`, { token });
				expect(res.status).toBe(200);
				expect(res.body.pagination).toEqual({ page, size: res.body.data.length, hasMore: expect.any(Boolean) });
				seen.push(...res.body.data);
				if (!res.body.pagination.hasMore) break;
			}
			return seen;
		};
		const subs = await walk('/subscribers');
		expect(subs.length).toBe(sb.store.fans.filter((f) => f.status === 'subscriber').length);
		expect(new Set(subs.map((s) => s.uuid)).size).toBe(subs.length);
		const followers = await walk('/followers');
		expect(followers.length).toBe(sb.store.fans.filter((f) => f.status === 'follower').length);
		expect(followers.some((f) => sb.store.fan(f.uuid).status === 'subscriber')).toBe(false);
		const chats = await walk('/chats');
		expect(chats.length).toBe(sb.store.chats.size);
		const times = chats.map((c) => c.lastMessageAt);
		expect([...times].sort().reverse()).toEqual(times);
	});

	test('page style pages by offset as Fanvue documents: page n of size s starts at record (n-1)*s', async () => {
		// The node's Limit is checked against this model, so the model must page like Fanvue does.
		const subscribers = sb.store.fans.filter((f) => f.status === 'subscriber').map((f) => f.uuid);
		expect(subscribers.length).toBeGreaterThan(20);
		for (const [page, size] of [[1, 7], [2, 7], [3, 5], [2, 10], [4, 3], [1, 50]]) {
			const res = await call(sb, 'GET', `/subscribers?page=${page}&size=${size}`, { token });
			const start = (page - 1) * size;
			expect(res.body.data.map((s) => s.uuid)).toEqual(subscribers.slice(start, start + size));
			expect(res.body.pagination).toEqual({ page, size: res.body.data.length, hasMore: start + size < subscribers.length });
		}
	});

	test('cursor style walks to the end: earnings (with filters) and chat media', async () => {
		const walk = async (path) => {
			const seen = [];
			let cursor = null;
			for (let i = 0; i < 1000; i++) {
				const res = await call(sb, 'GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`, { token });
				expect(res.status).toBe(200);
				seen.push(...res.body.data);
				cursor = res.body.nextCursor;
				if (cursor === null) break;
			}
			return seen;
		};
		const all = await walk('/insights/earnings?size=50');
		expect(all.length).toBe(sb.store.earnings.length);
		const tips = await walk('/insights/earnings?size=13&source=tip,message');
		expect(tips.length).toBe(sb.store.earnings.filter((e) => e.source === 'tip' || e.source === 'message').length);
		expect(new Set(tips.map((t) => t.source))).toEqual(new Set(['tip', 'message']));
		const start = '2026-10-01T00:00:00Z';
		const end = '2026-10-15T00:00:00+00:00';
		const ranged = await walk(`/insights/earnings?size=10&startDate=${encodeURIComponent(start)}&endDate=${encodeURIComponent(end)}`);
		expect(ranged.length).toBe(sb.store.earnings.filter((e) => e.dateMs >= Date.parse(start) && e.dateMs < Date.parse(end)).length);
		expect(ranged.length).toBeGreaterThan(0); // else the loop below checks nothing
		for (const e of ranged) expect(Number.isInteger(e.gross) && Number.isInteger(e.net)).toBe(true);
		expect((await call(sb, 'GET', '/insights/earnings?source=bogus', { token })).status).toBe(400);
		expect((await call(sb, 'GET', '/insights/earnings?cursor=garbage', { token })).status).toBe(400);
		expect((await call(sb, 'GET', '/insights/earnings?startDate=yesterday', { token })).status).toBe(400);

		const other = sb.store.fans.find((f) => f.status === 'follower' && f.hasChat);
		for (let i = 0; i < 5; i++) expect((await call(sb, 'POST', `/chats/${other.uuid}/message`, { token, body: { mediaUuids: [sb.store.media[i].uuid] } })).status).toBe(201);
		const mediaItems = await walk(`/chats/${other.uuid}/media?limit=2`);
		const expected = sb.store.messagesOf(sb.store.chat(other.uuid)).reduce((n, m) => n + m.mediaUuids.length, 0);
		expect(mediaItems.length).toBe(expected);
		expect(mediaItems[0].uuid).toBe(sb.store.media[4].uuid);
	});

	test('mass message: includedLists required; recipients = included minus excluded; stored per chat', async () => {
		const none = await call(sb, 'POST', '/chats/mass-messages', { token, body: { text: 'hi all' } });
		expect(none.status).toBe(400);
		expect(none.body.errors).toEqual(expect.arrayContaining([{ field: 'includedLists', message: expect.any(String) }]));
		const empty = await call(sb, 'POST', '/chats/mass-messages', { token, body: { text: 'hi', includedLists: {} } });
		expect(empty.status).toBe(400);
		const badPrice = await call(sb, 'POST', '/chats/mass-messages', { token, body: { text: 'hi', price: 299, mediaUuids: [media], includedLists: { smartListUuids: ['subscribers'] } } });
		expect(badPrice.body.errors[0].field).toBe('price');

		const vip = [...sb.store.customLists.values()][0];
		const before = sb.store.sentMessages;
		const res = await call(sb, 'POST', '/chats/mass-messages', {
			token,
			body: { text: 'Weekend special', includedLists: { smartListUuids: ['subscribers'] }, excludedLists: { customListUuids: [vip.uuid] } },
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ id: expect.any(String), recipientCount: expect.any(Number), createdAt: expect.any(String) });
		const expected = sb.store.fans.filter((f) => f.status === 'subscriber' && !vip.members.has(f.uuid));
		expect(res.body.recipientCount).toBe(expected.length);
		expect(sb.store.sentMessages - before).toBe(expected.length);
		const last = sb.store.lastMessageOf(sb.store.chat(expected[0].uuid));
		expect(last).toMatchObject({ text: 'Weekend special', type: 'BROADCAST', senderUuid: sb.creator.uuid });
		// The seed must hold a subscriber in the excluded list who has a chat, or the exclusion is not tested.
		const excludedFan = sb.store.fans.find((f) => f.status === 'subscriber' && vip.members.has(f.uuid) && sb.store.chat(f.uuid));
		expect(excludedFan).toBeDefined();
		expect(sb.store.lastMessageOf(sb.store.chat(excludedFan.uuid)).text).not.toBe('Weekend special');
	});

	test('smart lists: seven ids with counts; members paged; unknown id 400', async () => {
		const res = await call(sb, 'GET', '/chats/lists/smart', { token });
		expect(res.body.map((l) => l.uuid)).toEqual(['subscribers', 'auto_renewing', 'non_renewing', 'followers', 'free_trial_subscribers', 'expired_subscribers', 'spent_more_than_50']);
		const subs = res.body.find((l) => l.uuid === 'subscribers');
		expect(subs.count).toBe(sb.store.fans.filter((f) => f.status === 'subscriber').length);
		const members = await call(sb, 'GET', '/chats/lists/smart/subscribers?size=5', { token });
		expect(members.body.data[0]).toEqual({ uuid: expect.any(String), displayName: expect.any(String), handle: expect.any(String), isCreator: false });
		expect((await call(sb, 'GET', '/chats/lists/smart/nope', { token })).status).toBe(400);
	});

	test('custom lists CRUD, 409 on duplicate names, members add/remove', async () => {
		const created = await call(sb, 'POST', '/chats/lists/custom', { token, body: { name: 'Sandbox test list' } });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ uuid: expect.any(String), name: 'Sandbox test list', createdAt: expect.any(String) });
		expect((await call(sb, 'POST', '/chats/lists/custom', { token, body: { name: 'sandbox TEST list' } })).status).toBe(409);
		expect((await call(sb, 'POST', '/chats/lists/custom', { token, body: {} })).status).toBe(400);
		const id = created.body.uuid;
		const uuids = sb.store.fans.slice(0, 3).map((f) => f.uuid);
		const added = await call(sb, 'POST', `/chats/lists/custom/${id}/members`, { token, body: { userUuids: [...uuids, uuids[0]] } });
		expect(added.body).toEqual({ added: 3, skipped: 1 });
		const members = await call(sb, 'GET', `/chats/lists/custom/${id}`, { token });
		expect(members.body.data.map((m) => m.uuid).sort()).toEqual([...uuids].sort());
		expect((await call(sb, 'DELETE', `/chats/lists/custom/${id}/members/${uuids[0]}`, { token })).status).toBe(204);
		expect((await call(sb, 'DELETE', `/chats/lists/custom/${id}/members/${uuids[0]}`, { token })).status).toBe(404);
		expect((await call(sb, 'PATCH', `/chats/lists/custom/${id}`, { token, body: { name: 'VIP' } })).status).toBe(409);
		expect((await call(sb, 'PATCH', `/chats/lists/custom/${id}`, { token, body: { name: 'Renamed' } })).status).toBe(204);
		const search = await call(sb, 'GET', '/chats/lists/custom?search=renam', { token });
		expect(search.body.data).toEqual([{ uuid: id, name: 'Renamed', membersCount: 2, createdAt: expect.any(String) }]);
		expect((await call(sb, 'DELETE', `/chats/lists/custom/${id}`, { token })).status).toBe(204);
		const gone = await call(sb, 'GET', `/chats/lists/custom/${id}`, { token });
		expect(gone.status).toBe(404);
		expect(gone.body).toEqual({ message: expect.any(String) });
	});

	test('templates, unread counts, create chat', async () => {
		const list = await call(sb, 'GET', '/chats/templates?folderName=pp', { token });
		expect(list.body.data.length).toBeGreaterThan(0);
		for (const t of list.body.data) expect(t.folderName).toBe('PPV');
		const one = await call(sb, 'GET', `/chats/templates/${list.body.data[0].uuid}`, { token });
		expect(one.body).toEqual(list.body.data[0]);
		expect((await call(sb, 'GET', '/chats/templates/00000000-0000-4000-8000-000000000000', { token })).status).toBe(404);
		const unread = await call(sb, 'GET', '/chats/unread', { token });
		expect(unread.body.unreadChatsCount).toBe([...sb.store.chats.values()].filter((c) => !c.isRead).length);
		const noChat = sb.store.fans.find((f) => sb.store.isContactable(f) && !sb.store.chat(f.uuid));
		const created = await call(sb, 'POST', '/chats', { token, body: { userUuid: noChat.uuid } });
		expect(created.status).toBe(201);
		expect(sb.store.chat(noChat.uuid)).not.toBeNull();
		const stranger = sb.store.fans.find((f) => f.status === 'none');
		expect((await call(sb, 'POST', '/chats', { token, body: { userUuid: stranger.uuid } })).status).toBe(400);
	});
});

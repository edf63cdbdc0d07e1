'use strict';
const { startSandbox, call } = require('./helpers');

describe('sandbox seed', () => {
	test('same seed and size give identical data; another seed differs', async () => {
		const a = await startSandbox({ seed: 42, fans: 60 });
		const b = await startSandbox({ seed: 42, fans: 60 });
		const c = await startSandbox({ seed: 43, fans: 60 });
		try {
			expect(b.creator).toEqual(a.creator);
			expect(b.store.fans).toEqual(a.store.fans);
			expect(c.store.fans[0].uuid).not.toBe(a.store.fans[0].uuid);
			const snapshot = async (sb) => {
				const token = sb.issueToken().access_token;
				const out = [];
				for (const path of ['/chats?size=50', '/subscribers?size=50', '/followers?size=50', '/chats/lists/smart', '/chats/lists/custom', '/chats/templates', '/insights/earnings?size=50']) {
					out.push((await call(sb, 'GET', path, { token })).body);
				}
				const first = sb.store.fans.find((f) => f.hasChat);
				out.push((await call(sb, 'GET', `/chats/${first.uuid}/messages?markAsRead=false`, { token })).body);
				return out;
			};
			expect(await snapshot(b)).toEqual(await snapshot(a));
			// Fan #i does not depend on the total number of fans.
			const small = await startSandbox({ seed: 42, fans: 10 });
			expect(small.store.fans).toEqual(a.store.fans.slice(0, 10));
			await small.stop();
			const counts = a.state();
			expect(counts.subscribers).toBeGreaterThan(counts.followers);
			expect(a.store.customLists.size).toBeGreaterThanOrEqual(2);
			for (const f of a.store.fans) expect(f.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		} finally {
			await Promise.all([a.stop(), b.stop(), c.stop()]);
		}
	});

	// How fast is shown by benchmarks/sandbox-start.js, not asserted here.
	test('100,000 fans: seeded and served page by page', async () => {
		const sb = await startSandbox({ seed: 1, fans: 100000 });
		try {
			expect(sb.store.fans).toHaveLength(100000);
			const token = sb.issueToken().access_token;
			const res = await call(sb, 'GET', '/chats?size=50&page=20', { token });
			expect(res.status).toBe(200);
			expect(res.body.data).toHaveLength(50);
			const subs = await call(sb, 'GET', '/subscribers?page=1000&size=50', { token });
			expect(subs.body.data).toHaveLength(50);
		} finally {
			await sb.stop();
		}
	}, 60000);

	test('options are checked', async () => {
		await expect(startSandbox({ fans: 100001 })).rejects.toThrow(/fans/);
	});
});

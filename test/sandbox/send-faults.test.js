'use strict';
// The "delivered, then failed" fault: the send reaches the fans (the sandbox stores it) and the
// client gets a 500 or a cut connection, so it cannot tell the message went out. The fans' chats,
// read back through the API, are the independent witness. The fault seed is in the describe title:
// a failure is replayed with FANVUE_FAULT_SEED=<it> (sandbox/README.md "Seeded faults").
const { startSandbox, call } = require('./helpers');
const { resolveFaultSeed } = require('../../sandbox');

const FAULT_SEED = resolveFaultSeed();

describe(`sandbox fault deliverThenFail (FANVUE_FAULT_SEED=${FAULT_SEED})`, () => {
	let sb;
	let token;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 30, faultSeed: FAULT_SEED });
		token = sb.issueToken().access_token;
	});
	afterAll(() => sb.stop());
	afterEach(() => sb.clearFaults());

	const subscriberWithChat = (skip = 0) => sb.store.fans.filter((f) => f.status === 'subscriber' && f.hasChat)[skip];
	const newestTexts = async (fan) => (await call(sb, 'GET', `/chats/${fan.uuid}/messages?markAsRead=false`, { token })).body.data.map((m) => m.text);

	test("'error': the message is in the fan's chat, the answer is 500", async () => {
		const fan = subscriberWithChat(0);
		sb.setFaults({ deliverThenFail: 'error' });
		const res = await call(sb, 'POST', `/chats/${fan.uuid}/message`, { token, body: { text: 'delivered, then 500' } });
		expect(res.status).toBe(500);
		expect(res.body).toEqual({ error: 'Internal Server Error', message: expect.any(String) });
		sb.clearFaults();
		expect((await newestTexts(fan))[0]).toBe('delivered, then 500');
	});

	test("'drop': the message is in the fan's chat, the connection is cut without an answer", async () => {
		const fan = subscriberWithChat(1);
		sb.setFaults({ deliverThenFail: 'drop' });
		await expect(call(sb, 'POST', `/chats/${fan.uuid}/message`, { token, body: { text: 'delivered, then cut' } })).rejects.toThrow();
		const logged = sb.requests().filter((r) => r.method === 'POST' && r.path === `/chats/${fan.uuid}/message`);
		expect(logged.map((r) => r.status)).toEqual(['dropped']);
		sb.clearFaults();
		expect((await newestTexts(fan))[0]).toBe('delivered, then cut');
	});

	test('mass messages are delivered to every recipient, then answered 500', async () => {
		const before = sb.store.massMessages.length;
		sb.setFaults({ deliverThenFail: 'error' });
		const res = await call(sb, 'POST', '/chats/mass-messages', { token, body: { text: 'mass, then 500', includedLists: { smartListUuids: ['subscribers'] } } });
		expect(res.status).toBe(500);
		sb.clearFaults();
		expect(sb.store.massMessages.length).toBe(before + 1);
		const fan = sb.store.fan(sb.store.massMessages[before].recipientUuids[0]);
		expect((await newestTexts(fan))[0]).toBe('mass, then 500');
	});

	test('reads and refused sends are not affected; a bad value is refused by the control API', async () => {
		const fan = subscriberWithChat(2);
		sb.setFaults({ deliverThenFail: 'error' });
		expect((await call(sb, 'GET', '/users/me', { token })).status).toBe(200);
		// A send Fanvue refuses is not delivered, so it keeps its own answer.
		const refused = await call(sb, 'POST', `/chats/${fan.uuid}/message`, { token, body: {} });
		expect(refused.status).toBe(400);
		const bad = await fetch(`${sb.url}/_sandbox/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ deliverThenFail: 'sometimes' }),
		});
		expect(bad.status).toBe(400);
		expect(sb.faults().deliverThenFail).toBe('error');
	});
});

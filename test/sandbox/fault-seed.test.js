'use strict';
// The fault seed (issue 19): every random decision of the faults comes from a generator seeded
// with startSandbox's `faultSeed` (default FANVUE_FAULT_SEED, else a fresh one), so a failing
// chaos run can be replayed. The same scripted workload against two sandboxes with the same seed
// meets the same decisions, as a client sees them (statuses, dropped connections, webhook copies)
// and as the sandbox records them; another seed meets others. Nothing here pins what a given seed
// decides: only same against same and same against different are compared.
const { startSandbox, call, startReceiver } = require('./helpers');
const { resolveFaultSeed } = require('../../sandbox');

const REQUESTS = 80;
const ACTS = 12;

/**
 * One request at a time (so the n-th request meets the n-th decision) under random 5xx, dropped
 * connections and latency spikes; then fan messages one at a time under duplicate and held
 * webhook deliveries. Resolves what the client saw and the sandbox's decision record.
 */
async function scriptedRun(faultSeed, faults = { errorRate: 0.3, dropConnections: 0.1, latencySpikes: { rate: 0.2, ms: 1 } }) {
	const sb = await startSandbox({ fans: 20, faultSeed, rateLimit: { capacity: 100000, windowSeconds: 60 } });
	const rx = await startReceiver([200]);
	try {
		const token = sb.issueToken().access_token;
		sb.setFaults(faults);
		const statuses = [];
		for (let i = 0; i < REQUESTS; i++) {
			// A new connection each time: a dropped socket is not reused by the client.
			statuses.push(await call(sb, 'GET', '/users/me', { token, headers: { Connection: 'close' } }).then((r) => r.status, () => 'dropped'));
		}
		sb.clearFaults();
		sb.configureWebhook({ url: rx.url, events: ['Message Received'] });
		sb.setFaults({ duplicateDeliveries: 0.5, reorderDeliveriesMs: 20 });
		const copies = [];
		for (let i = 0; i < ACTS; i++) copies.push((await sb.fanActs({ type: 'message', text: `act ${i}` })).deliveries.length);
		return { seed: sb.faultSeed, statuses, copies, decisions: sb.faultDecisions(), logged: sb.requests().length };
	} finally {
		await rx.close();
		await sb.stop();
	}
}

const ofKind = (decisions, kind) => decisions.filter((d) => d.kind === kind).map((d) => d.value);

describe('seeded faults', () => {
	test('the same fault seed gives the same decisions, another seed other ones', async () => {
		const a = await scriptedRun(1234);
		const b = await scriptedRun(1234);
		const c = await scriptedRun(98765);
		expect(a.seed).toBe(1234);
		// Every request reached the sandbox once (no client retry of a dropped one).
		expect(a.logged).toBe(REQUESTS);
		// The workload met every kind of fault, so the comparison below means something.
		expect(a.statuses).toEqual(expect.arrayContaining([200, 'dropped']));
		expect(a.statuses.some((s) => [500, 502, 503].includes(s))).toBe(true);
		expect(new Set(a.copies)).toEqual(new Set([1, 2]));
		for (const kind of ['drop', 'spike', 'error', 'errorStatus', 'duplicate', 'hold']) expect(ofKind(a.decisions, kind).length).toBeGreaterThan(0);

		expect(b.statuses).toEqual(a.statuses);
		expect(b.copies).toEqual(a.copies);
		expect(b.decisions).toEqual(a.decisions);

		expect(c.statuses).not.toEqual(a.statuses);
		expect(c.decisions.map((d) => d.value)).not.toEqual(a.decisions.map((d) => d.value));
	});

	test("each kind of decision has its own stream: another fault switched on does not shift a kind's sequence", async () => {
		const errorsOnly = await scriptedRun(77, { errorRate: 0.5 });
		const withDrops = await scriptedRun(77, { errorRate: 0.5, dropConnections: 0.3 });
		const errorDraws = ofKind(withDrops.decisions, 'error');
		// Dropped requests never get to the error draw: fewer draws, but the same ones in order.
		expect(errorDraws.length).toBeLessThan(REQUESTS);
		expect(errorDraws).toEqual(ofKind(errorsOnly.decisions, 'error').slice(0, errorDraws.length));
		expect(ofKind(withDrops.decisions, 'duplicate')).toEqual(ofKind(errorsOnly.decisions, 'duplicate'));
	});

	test('the default seed: FANVUE_FAULT_SEED when set, else a fresh one each start; sb.faultSeed and the state name it', async () => {
		const saved = process.env.FANVUE_FAULT_SEED;
		try {
			process.env.FANVUE_FAULT_SEED = '4242';
			expect(resolveFaultSeed()).toBe(4242);
			const fromEnv = await startSandbox({ fans: 1 });
			expect(fromEnv.faultSeed).toBe(4242);
			expect((await (await fetch(`${fromEnv.url}/_sandbox/state`)).json()).faultSeed).toBe(4242);
			await fromEnv.stop();
			process.env.FANVUE_FAULT_SEED = 'chaos-1';
			expect(resolveFaultSeed()).toBe('chaos-1');
			delete process.env.FANVUE_FAULT_SEED;
			const [x, y] = await Promise.all([startSandbox({ fans: 1 }), startSandbox({ fans: 1 })]);
			expect(Number.isInteger(x.faultSeed)).toBe(true);
			expect(x.faultSeed).not.toBe(y.faultSeed); // 1 in 2^31 to be equal
			await Promise.all([x.stop(), y.stop()]);
			// An explicit seed wins over the environment.
			process.env.FANVUE_FAULT_SEED = '1';
			const explicit = await startSandbox({ fans: 1, faultSeed: 'given' });
			expect(explicit.faultSeed).toBe('given');
			await explicit.stop();
			await expect(startSandbox({ fans: 1, faultSeed: '' })).rejects.toThrow(/faultSeed/);
		} finally {
			if (saved === undefined) delete process.env.FANVUE_FAULT_SEED;
			else process.env.FANVUE_FAULT_SEED = saved;
		}
	});
});

/**
 * n8n queue mode with the packed package: Redis, PostgreSQL as n8n's database, `n8n start`,
 * `n8n webhook` and two `n8n worker` processes (harness/queue-stack.ts). Production webhooks
 * go to the webhook process, executions run on the workers. Proves what only queue mode can
 * break: both workers refreshing the same credential's single-use refresh token at once
 * (the sandbox revokes the whole connection on a reused refresh token, as Fanvue does), and
 * both workers drawing on one Fanvue rate-limit bucket, each pacing itself by Fanvue's headers.
 *
 * The other e2e files run against this stack too: jest project e2e-queue (FANVUE_E2E_MODE=queue).
 */
import axios from 'axios';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	connectFanvueCredential,
	ExecutionDetails,
	nodeOutput,
	packPackage,
	QueueStack,
	startFanvueSandbox,
	startQueueStack,
	uniqueSuffix,
	webhookWorkflow,
} from './harness';

const CLIENT_ID = 'queue-client';
const CLIENT_SECRET = 'queue-secret';
/** Fanvue's bucket is 200 requests / 60 s; a tenth of it refills at the same 3.3 requests/s but
 * empties after 20, so a few executions in parallel meet 429s within seconds. */
const SCALED_RATE_LIMIT = { capacity: 20, windowSeconds: 6 };

const post = (url: string, body: unknown) => axios.post(url, body, { validateStatus: () => true, timeout: 180_000 });

interface SandboxRequest {
	path: string;
	status: number | string | null;
	body?: { grant_type?: string };
}

/** Webhook (POST <hookPath>) → the packed Fanvue node with `parameters`. */
function fanvueWorkflow(hookPath: string, parameters: Record<string, unknown>, credential: { id: string; name: string }) {
	const base = webhookWorkflow(hookPath);
	return {
		...base,
		name: `queue ${hookPath}`,
		nodes: [
			...base.nodes,
			{
				parameters,
				id: 'c0000000-0000-4000-8000-000000000001',
				name: 'Fanvue',
				type: 'n8n-nodes-fanvue.fanvue',
				typeVersion: 1,
				position: [220, 0],
				credentials: { fanvueOAuth2Api: credential },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Fanvue', type: 'main', index: 0 }]] } },
	};
}

/**
 * Forwards everything to `target` unchanged, but holds each refresh at the token endpoint for
 * `delayMs` before passing it on: a token endpoint that takes its time, so the refreshes of two
 * workers overlap for certain instead of by chance (a refresh against the local sandbox takes
 * a few milliseconds). The sandbox still decides every answer.
 */
async function startSlowRefreshProxy(target: string, delayMs: number): Promise<{ url: string; stop(): Promise<void> }> {
	const upstream = new URL(target);
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const isRefresh = req.method === 'POST' && req.url === '/oauth2/token' && /grant_type=refresh_token/.test(body.toString());
			setTimeout(
				() => {
					const forwarded = http.request(
						{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
						(answer) => {
							res.writeHead(answer.statusCode ?? 502, answer.headers);
							answer.pipe(res);
						},
					);
					forwarded.on('error', () => res.destroy());
					forwarded.end(body);
				},
				isRefresh ? delayMs : 0,
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('queue mode: main + webhook process + two workers', () => {
	let stack: QueueStack | undefined;
	let sb: any;
	let credential: { id: string; name: string };
	let slowRefresh: { url: string; stop(): Promise<void> } | undefined;
	/** The same Fanvue account connected through startSlowRefreshProxy (its own tokens). */
	let slowRefreshCredential: { id: string; name: string };

	beforeAll(async () => {
		const packageDir = packPackage();
		[stack, sb] = await Promise.all([
			startQueueStack({ packageDir }),
			startFanvueSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, fans: 2000, seed: 12, rateLimit: SCALED_RATE_LIMIT }),
		]);
		await stack.rest.setupOwner();
		const connected = await connectFanvueCredential(stack.rest, sb, { name: 'Fanvue queue' });
		credential = { id: connected.id, name: connected.name };
		slowRefresh = await startSlowRefreshProxy(sb.url, 1500);
		const viaProxy = await connectFanvueCredential(stack.rest, { url: slowRefresh.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, { name: 'Fanvue slow refresh' });
		slowRefreshCredential = { id: viaProxy.id, name: viaProxy.name };
	});

	afterAll(async () => {
		if (stack) {
			// eslint-disable-next-line no-console
			console.log(`n8n output (every process) saved to ${stack.saveLogs('queue-mode')}`);
			await stack.stop();
		}
		await slowRefresh?.stop();
		await sb?.stop();
	});

	const queue = (): QueueStack => {
		if (!stack) throw new Error('the queue stack did not start (see beforeAll error)');
		return stack;
	};

	/** Which worker ran each execution (index into stack.workers); throws if none or both claim one. */
	function workerOf(runs: ExecutionDetails[]): number[] {
		const byWorker = queue().workers.map((_, i) => new Set(queue().executionIdsOfWorker(i)));
		return runs.map((run) => {
			const owners = byWorker.flatMap((ids, i) => (ids.has(String(run.id)) ? [i] : []));
			if (owners.length !== 1) throw new Error(`execution ${run.id} ran on workers [${owners.join(', ')}]`);
			return owners[0];
		});
	}

	test('the webhook process takes production webhooks and the workers run them, with the packed node', async () => {
		const rest = queue().rest;
		const hookPath = `queue-me-${uniqueSuffix()}`;
		const wf = await rest.importWorkflow(fanvueWorkflow(hookPath, { resource: 'user', operation: 'getCurrent' }, credential));
		await rest.publishWorkflow(wf.id);
		expect(queue().webhookUrl(hookPath)).toContain(`:${queue().webhookProcess.port}/webhook/`);
		// main does not serve production webhooks in queue mode (that is the webhook process's job).
		const answers = await Promise.all(Array.from({ length: 6 }, () => post(queue().webhookUrl(hookPath), {})));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
		const runs = await rest.waitForExecutions(wf.id, 6, 90_000, { exact: true });
		expect(runs.map((run) => run.status)).toEqual(Array(6).fill('success'));
		for (const run of runs) expect(nodeOutput(run, 'Fanvue')[0]).toMatchObject({ uuid: sb.creator.uuid });
		// Every execution ran on exactly one worker (the log line each worker writes when it takes one).
		expect(workerOf(runs)).toHaveLength(6);
		await rest.unpublishWorkflow(wf.id);
	});

	// n8n 2.41 serializes OAuth2 refreshes of one credential across processes (in queue mode a
	// lock in Redis, then a re-read of the stored token). Without that, two workers refreshing at
	// once present the same single-use refresh token twice, and the sandbox (like Fanvue) answers
	// invalid_grant and revokes the connection: seen with the workers' locks kept apart
	// (N8N_REDIS_KEY_PREFIX per worker), where this test fails with a refused refresh.
	test('both workers needing a token refresh at once: one refresh, no invalid_grant, every execution succeeds', async () => {
		const rest = queue().rest;
		const hookPath = `queue-refresh-${uniqueSuffix()}`;
		const wf = await rest.importWorkflow(fanvueWorkflow(hookPath, { resource: 'user', operation: 'getCurrent' }, slowRefreshCredential));
		await rest.publishWorkflow(wf.id);
		// Each round expires every access token, then sends a burst; repeated until both workers
		// took part in one round (the queue hands jobs to whichever worker asks first). Each
		// refresh takes 1.5 s at the token endpoint, so a second worker meeting the expired token
		// within that time wants to refresh while the first one's refresh is under way.
		let round = 0;
		let workersInRound: number[] = [];
		let runs: ExecutionDetails[] = [];
		while (new Set(workersInRound).size < 2 && round < 5) {
			round += 1;
			sb.clearRequests();
			sb.setFaults({ expireTokensEarly: true });
			const answers = await Promise.all(Array.from({ length: 8 }, () => post(queue().webhookUrl(hookPath), {})));
			expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
			runs = (await rest.waitForExecutions(wf.id, 8 * round, 120_000, { exact: true })).slice(-8);
			expect(runs.map((run) => [run.status, run.errorMessage])).toEqual(Array(8).fill(['success', undefined]));
			workersInRound = workerOf(runs);
			const refreshes = (sb.requests() as SandboxRequest[]).filter((r) => r.path === '/oauth2/token' && r.body?.grant_type === 'refresh_token');
			// One refresh per expiry, whichever worker did it; never a refused (reused) one.
			expect(refreshes.map((r) => r.status)).toEqual([200]);
		}
		// eslint-disable-next-line no-console
		console.log(`token refresh across workers: round ${round}, executions per worker ${JSON.stringify(workersInRound)}`);
		expect(new Set(workersInRound)).toEqual(new Set([0, 1]));
		// The connection is alive afterwards (a reused refresh token would have revoked it).
		expect((await post(queue().webhookUrl(hookPath), {})).status).toBe(200);
		const last = (await rest.waitForExecutions(wf.id, 8 * round + 1, 60_000, { exact: true })).at(-1)!;
		expect(last.status).toBe('success');
		await rest.unpublishWorkflow(wf.id);
	});

	test('both workers on one rate-limit bucket: 429s are waited out, nothing fails, every subscriber is returned', async () => {
		const rest = queue().rest;
		const hookPath = `queue-rate-${uniqueSuffix()}`;
		const wf = await rest.importWorkflow(
			fanvueWorkflow(hookPath, { resource: 'subscriber', operation: 'getMany', returnAll: true }, credential),
		);
		await rest.publishWorkflow(wf.id);
		const subscribers = sb.state().subscribers as number;
		const pages = Math.ceil(subscribers / 50);
		const executions = 4;
		// More requests than the bucket holds, from both workers at once.
		expect(executions * pages).toBeGreaterThan(2 * SCALED_RATE_LIMIT.capacity);
		sb.clearRequests();
		const answers = await Promise.all(Array.from({ length: executions }, () => post(queue().webhookUrl(hookPath), {})));
		expect(answers.map((a) => a.status)).toEqual(Array(executions).fill(200));
		const runs = await rest.waitForExecutions(wf.id, executions, 240_000, { exact: true });
		const failed = runs.filter((run) => run.status !== 'success');
		const requests = (sb.requests() as SandboxRequest[]).filter((r) => r.path === '/subscribers');
		const tooMany = requests.filter((r) => r.status === 429).length;
		const workers = workerOf(runs);
		// eslint-disable-next-line no-console
		console.log(
			`rate limit across workers (bucket ${SCALED_RATE_LIMIT.capacity} / ${SCALED_RATE_LIMIT.windowSeconds} s): ` +
				`${executions} executions (workers ${JSON.stringify(workers)}), ${requests.length} requests, ${tooMany} answered 429, ${failed.length} failed`,
		);
		expect(failed.map((run) => run.errorMessage)).toEqual([]);
		for (const run of runs) {
			const items = nodeOutput(run, 'Fanvue');
			expect(items).toHaveLength(subscribers);
			expect(new Set(items.map((item) => item.uuid)).size).toBe(subscribers);
		}
		expect(new Set(workers)).toEqual(new Set([0, 1]));
		await rest.unpublishWorkflow(wf.id);
	});
	test('killWorker / restartWorker, the chaos suite handles: the other worker takes over, the restarted one takes work again', async () => {
		const rest = queue().rest;
		const hookPath = `queue-kill-${uniqueSuffix()}`;
		const wf = await rest.importWorkflow(webhookWorkflow(hookPath));
		await rest.publishWorkflow(wf.id);
		await queue().killWorker(0);
		expect(queue().workers[0].running).toBe(false);
		const before = queue().executionIdsOfWorker(0).length;
		const answers = await Promise.all(Array.from({ length: 4 }, () => post(queue().webhookUrl(hookPath), {})));
		expect(answers.map((a) => a.status)).toEqual(Array(4).fill(200));
		const runs = await rest.waitForExecutions(wf.id, 4, 60_000, { exact: true });
		expect(runs.map((run) => run.status)).toEqual(Array(4).fill('success'));
		expect(workerOf(runs)).toEqual([1, 1, 1, 1]);
		await queue().restartWorker(0);
		expect(queue().workers[0].running).toBe(true);
		// Worker 1 stopped: only the restarted worker 0 can run the next one.
		await queue().stopWorker(1);
		expect((await post(queue().webhookUrl(hookPath), {})).status).toBe(200);
		const [last] = (await rest.waitForExecutions(wf.id, 5, 60_000, { exact: true })).slice(-1);
		expect(last.status).toBe('success');
		expect(queue().executionIdsOfWorker(0).slice(before)).toEqual([String(last.id)]);
		await queue().restartWorker(1);
		await rest.unpublishWorkflow(wf.id);
	});
});

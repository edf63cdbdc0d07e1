/**
 * What a Fanvue delivery costs n8n 2.41.1's expression engine, counted by n8n's own metrics
 * (/metrics, N8N_METRICS=true): with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true an expression
 * isolate is taken only when an expression is evaluated. n8n evaluates
 * `$parameter.options.binaryData` for every delivery to a webhook node of version 1 (its legacy
 * Webhook node rule), so the trigger is version 2 for new nodes; and it reads its credential (whose expression defaults, scopes and OAuth URLs, n8n resolves in an
 * isolate) at most once per SNAPSHOT_MAX_AGE_MS per workflow, whatever comes in; a delivery with a
 * stale signature does not read it at all. So genuine and forged deliveries alike take at most one
 * isolate per snapshot period, and a stale one none.
 */
import axios from 'axios';
import { randomUUID } from 'crypto';

import { SNAPSHOT_MAX_AGE_MS } from '../../nodes/FanvueTrigger/credentialSnapshot';
import { N8nInstance, connectFanvueCredential, packPackage, startFanvueSandbox, startN8n } from './harness';

async function expressionMetrics(n8n: N8nInstance): Promise<{ evaluations: number; isolates: number }> {
	const text = String((await axios.get(`${n8n.baseUrl}/metrics`, { responseType: 'text' })).data);
	const sum = (pattern: RegExp) =>
		text
			.split('\n')
			.filter((line) => pattern.test(line))
			.reduce((total, line) => total + Number(line.trim().split(/\s+/).pop()), 0);
	return {
		evaluations: sum(/^n8n_expression_evaluation_duration_seconds_count[{ ]/),
		isolates: sum(/^n8n_expression_pool_acquired_total[{ ]/),
	};
}

describe('a Fanvue delivery evaluates no expression (lazy isolate acquisition)', () => {
	let n8n: N8nInstance | undefined;
	let sb: any;
	let workflowId: string;
	let url: string;

	beforeAll(async () => {
		[n8n, sb] = await Promise.all([
			startN8n({ packageDir: packPackage(), env: { N8N_METRICS: 'true', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } }),
			startFanvueSandbox({ seed: 3, fans: 20 }),
		]);
		await n8n.rest.setupOwner();
		const credential = await connectFanvueCredential(n8n.rest, sb, { scopeGroups: ['webhooks'] });
		const webhookId = randomUUID();
		const description = (await n8n.rest.nodeTypes()).find((type) => type.name === 'n8n-nodes-fanvue.fanvueTrigger')!;
		// What the editor puts on a new node: the node's default version (else its newest).
		const versions = ([] as number[]).concat(description.version);
		const typeVersion = Number(description.defaultVersion ?? Math.max(...versions));
		const wf = await n8n.rest.importWorkflow({
			name: 'trigger without expressions',
			nodes: [
				{
					id: randomUUID(),
					name: 'Fanvue Trigger',
					type: 'n8n-nodes-fanvue.fanvueTrigger',
					typeVersion,
					position: [0, 0],
					webhookId,
					parameters: { events: ['follower.new'] },
					credentials: { fanvueOAuth2Api: { id: credential.id, name: credential.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		workflowId = wf.id;
		url = n8n.webhookUrl(`${webhookId}/webhook`);
		await n8n.rest.publishWorkflow(workflowId);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sb?.stop();
	});

	/**
	 * The trigger reads its credential at most once per SNAPSHOT_MAX_AGE_MS (credentialSnapshot.ts),
	 * and that read is the only thing in a delivery n8n evaluates expressions for (the credential's
	 * OAuth URLs and scopes, one isolate): so over a stretch of deliveries, isolates taken ≤ the
	 * snapshot periods the stretch spans. Anything evaluated per delivery would exceed it.
	 */
	async function isolatesOver(deliveries: () => Promise<void>): Promise<{ taken: number; allowed: number }> {
		const before = await expressionMetrics(n8n!);
		const started = Date.now();
		await deliveries();
		const allowed = Math.ceil((Date.now() - started) / SNAPSHOT_MAX_AGE_MS);
		return { taken: (await expressionMetrics(n8n!)).isolates - before.isolates, allowed };
	}

	test('genuine deliveries start executions taking at most one isolate per snapshot period', async () => {
		const follow = async () => {
			const act = await sb.fanActs({ type: 'follow' });
			expect(act.deliveries.map((d: any) => [d.url, d.status])).toEqual([[url, 200]]);
		};
		const { taken, allowed } = await isolatesOver(async () => {
			for (let i = 0; i < 8; i++) await follow();
			const runs = await n8n!.rest.waitForExecutions(workflowId, 8, 30_000, { exact: true });
			expect(runs.map((run) => run.status)).toEqual(Array(8).fill('success'));
		});
		expect(taken).toBeGreaterThan(0); // the first delivery reads the credential
		expect(taken).toBeLessThanOrEqual(allowed);
	});

	test('forged deliveries (fresh header, wrong signature) are refused taking at most one isolate per snapshot period', async () => {
		const body = '{"recipientUuid":"x","sender":{"uuid":"y"},"timestamp":"2026-01-01T00:00:00Z"}';
		const executionsBefore = (await n8n!.rest.listExecutions(workflowId)).length;
		const { taken, allowed } = await isolatesOver(async () => {
			for (let i = 0; i < 20; i++) {
				const res = await axios.post(url, body, {
					headers: { 'Content-Type': 'application/json', 'X-Fanvue-Signature': `t=${Math.floor(Date.now() / 1000)},v0=${'0'.repeat(64)}` },
					validateStatus: () => true,
				});
				expect(res.status).toBe(401);
			}
		});
		expect(taken).toBeLessThanOrEqual(allowed);
		expect(await n8n!.rest.listExecutions(workflowId)).toHaveLength(executionsBefore);
	});

	test('a delivery with a stale signature is refused without an expression or an isolate', async () => {
		const before = await expressionMetrics(n8n!);
		const res = await axios.post(url, '{"a":1}', {
			headers: { 'Content-Type': 'application/json', 'X-Fanvue-Signature': `t=${Math.floor(Date.now() / 1000) - 3600},v0=00` },
			validateStatus: () => true,
		});
		expect(res.status).toBe(401);
		expect(await expressionMetrics(n8n!)).toEqual(before);
	});
});

/**
 * What a Fanvue delivery costs n8n 2.41.1's expression engine, counted by n8n's own metrics
 * (/metrics, N8N_METRICS=true): with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true an expression
 * isolate is taken only when an expression is evaluated. n8n evaluates
 * `$parameter.options.binaryData` for every delivery to a webhook node of version 1 (its legacy
 * Webhook node rule), so the trigger is version 2 for new nodes; and it checks the signature
 * against its registration's secret before reading the credential, whose expression defaults
 * (scopes, OAuth URLs) n8n would resolve; the credential is read once, for the first delivery, to
 * unseal that secret. So neither a later genuine delivery (signed by the sandbox) nor a delivery
 * with a stale signature evaluates any expression or takes an isolate.
 */
import axios from 'axios';
import { randomUUID } from 'crypto';

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

	test('after the first, genuine deliveries start executions without an expression or an isolate', async () => {
		const follow = async () => {
			const act = await sb.fanActs({ type: 'follow' });
			expect(act.deliveries.map((d: any) => [d.url, d.status])).toEqual([[url, 200]]);
		};
		// The first delivery reads the credential once, to unseal the registration's secret (kept
		// sealed under the client secret in static data); the trigger keeps it for later ones.
		await follow();
		await n8n!.rest.waitForExecutions(workflowId, 1, 30_000, { exact: true });
		const before = await expressionMetrics(n8n!);
		for (let i = 0; i < 3; i++) await follow();
		const runs = await n8n!.rest.waitForExecutions(workflowId, 4, 30_000, { exact: true });
		expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'success', 'success']);
		expect(await expressionMetrics(n8n!)).toEqual(before);
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

/**
 * Small workflow JSON builders for harness tests and later e2e tests.
 */
import type { WorkflowJson } from './rest-client';

/**
 * A one-node workflow: n8n's Webhook node on `path` (production URL
 * http://127.0.0.1:<port>/webhook/<path>), answering as soon as the workflow starts.
 * A fixed `webhookId` keeps the node's identity stable across imports.
 */
export function webhookWorkflow(
	webhookPath: string,
	options: { name?: string; method?: string; webhookId?: string } = {},
): WorkflowJson {
	return {
		name: options.name ?? `e2e webhook ${webhookPath}`,
		nodes: [
			{
				parameters: { httpMethod: options.method ?? 'POST', path: webhookPath, options: {} },
				id: 'a0000000-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: options.webhookId ?? 'b0000000-0000-4000-8000-000000000001',
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** A random suffix for webhook paths / names so tests never collide. */
export function uniqueSuffix(): string {
	return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

// Runs a workflow once, the way the editor's "Execute workflow" button does, without
// publishing it and without waiting for its schedule: n8n 2.41.1's
//   POST /rest/workflows/:id/run  { triggerToStartFrom: { name: <trigger node name> } }
// (ManualRunDto, "full execution from a known trigger"). n8n runs the saved workflow (not a body
// copy) in mode 'manual' and answers { data: { executionId } } right away; the execution is
// then polled through GET /rest/executions/:id until it settles.
// n8n 1.x runs the body's copy instead (ManualRun.workflowData is required there: without it
// it answers 500 "Cannot read properties of undefined (reading 'id')"), so on 1.x the saved
// workflow goes along in the body.
// Works for Manual Trigger and Schedule Trigger workflows (the schedule trigger emits one item
// in manual mode). Webhook-style triggers answer { waitingForWebhook: true } instead (test
// webhooks), which is refused here.
import { decodeExecution, isSettled } from './executions';
import type { ExecutionDetails, ExecutionStatus } from './executions';
import { expectOk } from './http-client';
import { N8N_1X } from './paths';
import type { N8nRestClient } from './rest-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RunManuallyOptions {
	/** Trigger node to start from; default: the workflow's only trigger node (type ends with "Trigger"). */
	triggerNode?: string;
	/** How long to wait for the execution to settle (default 120 s). */
	timeoutMs?: number;
}

/** The names of a workflow's trigger nodes (node types ending in "Trigger" / "trigger"). */
export function triggerNodeNames(nodes: Array<{ name: string; type: string }>): string[] {
	return nodes.filter((node) => /trigger$/i.test(node.type)).map((node) => node.name);
}

/** Starts a manual run and returns the execution id (does not wait). */
export async function startManualRun(rest: N8nRestClient, workflowId: string, triggerNode?: string): Promise<string> {
	let trigger = triggerNode;
	const workflow = !trigger || N8N_1X ? await rest.getWorkflow(workflowId) : undefined;
	if (!trigger && workflow) {
		const triggers = triggerNodeNames(workflow.nodes as Array<{ name: string; type: string }>);
		if (triggers.length !== 1) {
			throw new Error(`workflow ${workflowId}: pass triggerNode, it has ${triggers.length} trigger nodes (${triggers.join(', ')})`);
		}
		trigger = triggers[0];
	}
	const res = expectOk(
		await rest.http.post(`/rest/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger },
			...(N8N_1X ? { workflowData: workflow } : {}),
		}),
		`POST /rest/workflows/${workflowId}/run`,
	);
	const answer = res.data?.data ?? {};
	if (!answer.executionId) {
		throw new Error(`POST /rest/workflows/${workflowId}/run started no execution: ${JSON.stringify(res.data)}`);
	}
	return String(answer.executionId);
}

/** Polls GET /rest/executions/:id until the execution settles; returns it decoded. */
export async function waitForExecution(rest: N8nRestClient, executionId: string, timeoutMs = 120_000): Promise<ExecutionDetails> {
	const deadline = Date.now() + timeoutMs;
	let status: ExecutionStatus | undefined;
	while (Date.now() < deadline) {
		const res = await rest.http.get(`/rest/executions/${executionId}`);
		if (res.status === 200 && res.data?.data) {
			status = res.data.data.status;
			if (status && isSettled(status)) return decodeExecution(res.data.data);
		}
		await sleep(250);
	}
	throw new Error(`execution ${executionId} did not settle within ${timeoutMs} ms (last status: ${status})`);
}

/**
 * Runs the workflow once (mode 'manual') and resolves the settled execution (status
 * success / error / canceled / crashed; it does not throw on an error status: check
 * `execution.status` and `execution.errorMessage`).
 */
export async function runWorkflowManually(
	rest: N8nRestClient,
	workflowId: string,
	options: RunManuallyOptions = {},
): Promise<ExecutionDetails> {
	const executionId = await startManualRun(rest, workflowId, options.triggerNode);
	return await waitForExecution(rest, executionId, options.timeoutMs);
}

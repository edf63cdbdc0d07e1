/**
 * Execution data as n8n 2.41 serves it, and helpers to read node outputs from it.
 *
 * GET /rest/executions?filter={"workflowId":…}&limit=… → { data: { results, count, … } }
 *   (summaries: id, status, mode, startedAt, stoppedAt, workflowId; newest first)
 * GET /rest/executions/:id → { data: { …summary, finished, data: "<flatted string>" } }
 *   where data decodes to IRunExecutionData: resultData.runData[nodeName][runIndex]
 *   .data.main[outputIndex] = [{ json, binary?, pairedItem }, …].
 */
import { parseFlatted } from './flatted';

export type ExecutionStatus =
	| 'new'
	| 'running'
	| 'success'
	| 'error'
	| 'canceled'
	| 'crashed'
	| 'waiting'
	| 'unknown';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: ExecutionStatus;
	mode: string;
	startedAt: string | null;
	stoppedAt: string | null;
	[key: string]: unknown;
}

export interface NodeRun {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	error?: { message: string; [key: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; [key: string]: unknown }> | null> };
	[key: string]: unknown;
}

export interface ExecutionDetails extends ExecutionSummary {
	finished: boolean;
	/** Decoded IRunExecutionData (undefined if n8n did not keep the data). */
	data?: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: { message: string; [key: string]: unknown };
		};
		[key: string]: unknown;
	};
	/** json of the items each node emitted on main output 0 in its last run: { [nodeName]: json[] }. */
	outputs: Record<string, Array<Record<string, unknown>>>;
	/** Execution-level error message, or the first node error, if any. */
	errorMessage?: string;
}

/** Statuses after which an execution no longer changes (for the purposes of a test). */
export const SETTLED_STATUSES: ExecutionStatus[] = ['success', 'error', 'canceled', 'crashed'];

export function isSettled(status: ExecutionStatus): boolean {
	return SETTLED_STATUSES.includes(status);
}

/**
 * The json of the items a node emitted: `outputIndex` of its main outputs (0 unless the node
 * has several, like IF / Switch) in run `runIndex` (default: the last run). [] if it did not
 * run or emitted nothing there.
 */
export function nodeOutput(
	execution: Pick<ExecutionDetails, 'data'>,
	nodeName: string,
	options: { runIndex?: number; outputIndex?: number } = {},
): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) return [];
	const run = runs[options.runIndex ?? runs.length - 1];
	const items = run?.data?.main?.[options.outputIndex ?? 0] ?? [];
	return items.map((item) => item.json);
}

/** Node names that ran in an execution, in runData order. */
export function executedNodes(execution: Pick<ExecutionDetails, 'data'>): string[] {
	return Object.keys(execution.data?.resultData?.runData ?? {});
}

/** Turns the raw `GET /rest/executions/:id` payload into ExecutionDetails. */
export function decodeExecution(raw: Record<string, any>): ExecutionDetails {
	const data = typeof raw.data === 'string' ? parseFlatted(raw.data) : raw.data;
	const details: ExecutionDetails = { ...raw, data, outputs: {} } as ExecutionDetails;
	for (const name of executedNodes(details)) details.outputs[name] = nodeOutput(details, name);
	const runData = details.data?.resultData?.runData ?? {};
	const nodeError = Object.values(runData)
		.flat()
		.find((r) => r?.error)?.error?.message;
	details.errorMessage = details.data?.resultData?.error?.message ?? nodeError;
	return details;
}

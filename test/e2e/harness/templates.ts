// The shipped workflow templates (workflows/*.json), imported the way a user imports them:
// as shipped, with only the credentials they reference pointed at the user's own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './paths';
import type { N8nRestClient, WorkflowJson, WorkflowRecord } from './rest-client';

export const WORKFLOWS_DIR = path.join(REPO_ROOT, 'workflows');

/** Credential ids in the user's n8n, by credential type (fanvueOAuth2Api, postgres, openAiApi). */
export type CredentialIds = Record<string, { id: string; name: string }>;

export function listTemplates(): string[] {
	return readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json')).sort();
}

export function readTemplate(file: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as WorkflowJson;
}

/** The SQL of a template's Postgres node, exactly as shipped (to run it without n8n). */
export function templateQuery(file: string, nodeName: string): string {
	const node = readTemplate(file).nodes.find((n) => n.name === nodeName);
	const query = (node?.parameters as { query?: unknown } | undefined)?.query;
	if (typeof query !== 'string') throw new Error(`${file} has no query node named ${nodeName}`);
	return query;
}

/**
 * What the editor's *Import from File* makes of a template: its nodes and connections in a
 * workflow of its own (the file's `id` is only used by `n8n import:workflow`), with every
 * credential reference pointed at the user's credential of that type and nothing else: the
 * parameters stay as shipped. Throws when the template references a type not given.
 */
export function withCredentials(template: WorkflowJson, credentials: CredentialIds): WorkflowJson {
	const { id: _cliImportId, ...workflow } = template;
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson & { nodes: Array<{ credentials?: CredentialIds; name: string }> };
	for (const node of copy.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const own = credentials[type];
			if (!own) throw new Error(`Template node "${node.name}" needs a ${type} credential; none given`);
			node.credentials![type] = own;
		}
	}
	return copy;
}

export async function importTemplate(rest: N8nRestClient, file: string, credentials: CredentialIds): Promise<WorkflowRecord> {
	return await rest.importWorkflow(withCredentials(readTemplate(file), credentials));
}

/** Runs template 01 once, as a user would before any other template: creates or migrates the tables. */
export async function setUpDatabase(rest: N8nRestClient, credentials: CredentialIds): Promise<void> {
	const { runWorkflowManually } = await import('./run-manually');
	const workflow = await importTemplate(rest, '01-setup-database.json', credentials);
	const run = await runWorkflowManually(rest, workflow.id);
	if (run.status !== 'success') throw new Error(`template 01 failed: ${run.errorMessage}`);
}

// Calls a node's list-search or load-options method the way n8n's editor does: through
// n8n-core's real LoadOptionsContext, with the runner's credential store and HTTP stack.
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { StoredCredential } from './n8n-runner';
import {
	FANVUE_NODE_TYPE,
	RunnerCredentialTypes,
	RunnerCredentialsHelper,
	RunnerNodeTypes,
	buildAdditionalData,
} from './n8n-runner';

interface MethodCall {
	credentials: Record<string, StoredCredential>;
	type?: string;
	parameters?: INode['parameters'];
}

function contextFor(call: MethodCall): { context: ILoadOptionsFunctions; nodeType: any } {
	const nodeTypes = new RunnerNodeTypes();
	const type = call.type ?? FANVUE_NODE_TYPE;
	const nodeCredentials: INode['credentials'] = {};
	for (const [id, credential] of Object.entries(call.credentials)) {
		nodeCredentials[credential.type] = { id, name: credential.name ?? id };
	}
	const node: INode = {
		id: 'node',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: call.parameters ?? {},
		credentials: nodeCredentials,
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new RunnerCredentialsHelper(new RunnerCredentialTypes(), call.credentials);
	const additionalData = buildAdditionalData({
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks('manual', 'load-options', { id: 'wf', nodes: [node], connections: {} } as never),
		executionId: 'load-options',
		workflowId: 'wf',
		mode: 'manual',
	});
	// As n8n's editor backend does: the node's current parameters travel with the request.
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return { context, nodeType: nodeTypes.getByNameAndVersion(type, 1) };
}

export async function listSearch(
	method: string,
	call: MethodCall & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { context, nodeType } = contextFor(call);
	return await nodeType.methods.listSearch[method].call(context, call.filter, call.paginationToken);
}

export async function loadOptions(method: string, call: MethodCall): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = contextFor(call);
	return await nodeType.methods.loadOptions[method].call(context);
}

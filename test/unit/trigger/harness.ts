// Real n8n-core contexts (HookContext for the webhook lifecycle, WebhookContext for deliveries)
// around the package's Fanvue Trigger, built from the in-process runner's registries and
// credential store. HTTP goes through n8n's own request helpers and OAuth2 signing, so nock
// sees real requests. Only the express request/response objects are hand-made.
import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	FANVUE_CREDENTIAL_TYPE,
	FANVUE_TRIGGER_NODE_TYPE,
	RunnerCredentialTypes,
	RunnerCredentialsHelper,
	RunnerNodeTypes,
	buildAdditionalData,
} from '../../helpers/n8n-runner';
import { FanvueTrigger } from '../../../nodes/FanvueTrigger/FanvueTrigger.node';

export const API = 'https://api.fanvue.com';
export const BASE_URL = 'http://localhost:5678';
export const WEBHOOK_ID = '5b0e1c2d-0000-4000-8000-00000000f4e1';
export const WEBHOOK_URL = `${BASE_URL}/webhook/${WEBHOOK_ID}/webhook`;
export const CREDENTIAL_ID = 'fanvue-cred-1';
export const NODE_NAME = 'Fanvue Trigger';

export function credentialData(overrides: IDataObject = {}): IDataObject {
	return {
		environment: 'production',
		clientId: 'client-id',
		clientSecret: 'client-secret',
		scopeGroups: ['webhooks'],
		webhookSigningSecret: '',
		oauthTokenData: {
			access_token: 'token-abc',
			refresh_token: 'refresh-abc',
			token_type: 'Bearer',
			expires_in: 3600,
		},
		...overrides,
	};
}

export interface TriggerSetup {
	parameters?: INodeParameters;
	credential?: IDataObject;
	/** Initial static data of the node (kept on the returned workflow). */
	staticData?: IDataObject;
	/** Where n8n is reached (the webhook URL starts with it); BASE_URL unless given. */
	baseUrl?: string;
}

export interface TriggerHarness {
	workflow: Workflow;
	node: INode;
	nodeType: FanvueTrigger;
	staticData(): IDataObject;
	hook(): HookContext;
	deliver(request: FakeRequestInput): Promise<Delivery>;
}

export interface FakeRequestInput {
	rawBody?: Buffer | string;
	headers?: Record<string, string | string[]>;
	/** Parsed body as n8n would have set it; defaults to JSON.parse(rawBody) when possible. */
	body?: unknown;
}

export interface Delivery {
	result: IWebhookResponseData;
	/** Status written with the response object, if any (n8n answers 200 itself otherwise). */
	status?: number;
	responseBody?: unknown;
}

class FakeResponse {
	statusCode?: number;
	body?: unknown;
	headers: Record<string, string> = {};
	ended = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}
	json(body: unknown) {
		this.body = body;
		this.ended = true;
		return this;
	}
	send(body: unknown) {
		this.body = body;
		this.ended = true;
		return this;
	}
	end(body?: unknown) {
		if (body !== undefined) this.body = body;
		this.ended = true;
		return this;
	}
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	writeHead(code: number, headers?: Record<string, string>) {
		this.statusCode = code;
		Object.assign(this.headers, headers ?? {});
		return this;
	}
}

function fakeRequest(input: FakeRequestInput) {
	const rawBody = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
	let body = input.body;
	if (body === undefined && rawBody) {
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			body = {};
		}
	}
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
	return {
		method: 'POST',
		url: `/webhook/${WEBHOOK_ID}/webhook`,
		headers,
		body: body ?? {},
		params: {},
		query: {},
		rawBody,
		contentType: 'application/json',
		header(name: string) {
			return headers[name.toLowerCase()];
		},
		async readRawBody() {},
	};
}

export function createTrigger(setup: TriggerSetup = {}): TriggerHarness {
	const nodeType = new FanvueTrigger();
	const node: INode = {
		id: 'trigger-node',
		name: NODE_NAME,
		type: FANVUE_TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: { events: ['message.received'], ...(setup.parameters ?? {}) },
		credentials: { [FANVUE_CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: 'Fanvue account' } },
	};
	const nodeTypes = new RunnerNodeTypes({ [FANVUE_TRIGGER_NODE_TYPE]: nodeType });
	const workflow = new Workflow({
		id: 'trigger-workflow',
		name: 'Fanvue Trigger test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: setup.staticData ? { [`node:${NODE_NAME}`]: structuredClone(setup.staticData) } : {},
		settings: { executionOrder: 'v1' },
	});
	// n8n resolves parameter defaults on the workflow's own node object.
	const workflowNode = workflow.getNode(NODE_NAME) as INode;
	const credentialsHelper = new RunnerCredentialsHelper(new RunnerCredentialTypes(), {
		[CREDENTIAL_ID]: {
			type: FANVUE_CREDENTIAL_TYPE,
			name: 'Fanvue account',
			data: credentialData(setup.credential) as never,
		},
	});

	const additionalDataFor = (mode: 'webhook' | 'trigger'): IWorkflowExecuteAdditionalData =>
		buildAdditionalData({
			credentialsHelper,
			hooks: new ExecutionLifecycleHooks(mode, 'exec-1', { id: workflow.id } as never),
			executionId: 'exec-1',
			workflowId: workflow.id,
			mode,
			baseUrl: setup.baseUrl ?? BASE_URL,
		});

	const webhookDescription = nodeType.description.webhooks![0];
	const webhookData = (additionalData: IWorkflowExecuteAdditionalData): IWebhookData => ({
		httpMethod: 'POST',
		node: NODE_NAME,
		path: `${WEBHOOK_ID}/webhook`,
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: WEBHOOK_ID,
	});

	return {
		workflow,
		node: workflowNode,
		nodeType,
		staticData: () => workflow.getStaticData('node', workflowNode),
		hook() {
			const additionalData = additionalDataFor('trigger');
			return new HookContext(workflow, workflowNode, additionalData, 'trigger', 'activate', webhookData(additionalData));
		},
		async deliver(input: FakeRequestInput): Promise<Delivery> {
			const additionalData = additionalDataFor('webhook');
			const response = new FakeResponse();
			additionalData.httpRequest = fakeRequest(input) as never;
			additionalData.httpResponse = response as never;
			const context = new WebhookContext(workflow, workflowNode, additionalData, 'webhook', webhookData(additionalData), [], null);
			const result = await nodeType.webhook.call(context);
			return { result, status: response.statusCode, responseBody: response.body };
		},
	};
}

/**
 * Moves this process's clock on by `ms` from now on (signatures made afterwards follow it), as if
 * that much time had passed: e.g. for a credential edit to be seen (credentialSnapshot.ts).
 * Undone by jest.restoreAllMocks().
 */
export function clockMovesOn(ms: number) {
	const shifted = Date.now() + ms;
	const since = performance.now(); // never mocked: the clock keeps running from there
	jest.spyOn(Date, 'now').mockImplementation(() => shifted + Math.round(performance.now() - since));
}

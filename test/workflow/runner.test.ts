// Proves the in-process runner (test/helpers/n8n-runner.ts): workflows run through
// n8n-core's WorkflowExecute, requests go through n8n's own HTTP stack and OAuth2 code,
// nock intercepts them on the wire.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import {
	FANVUE_CREDENTIAL_TYPE,
	runNode,
	runWorkflow,
	type StoredCredential,
} from '../helpers/n8n-runner';

const API = 'https://api.fanvue.test';
const AUTH = 'https://auth.fanvue.test';

/**
 * Test node: one authenticated request per item through
 * this.helpers.httpRequestWithAuthentication('fanvueOAuth2Api', ...), honouring continueOnFail
 * the way real nodes do.
 */
class AuthRequestNode implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Auth Request',
		name: 'test.authRequest',
		group: ['transform'],
		version: 1,
		description: 'Sends one authenticated request per item',
		defaults: { name: 'Auth Request' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: FANVUE_CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const method = this.getNodeParameter('method', i) as IHttpRequestMethods;
				const url = this.getNodeParameter('url', i) as string;
				const text = this.getNodeParameter('text', i) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					FANVUE_CREDENTIAL_TYPE,
					{ method, url, json: true, ...(text ? { body: { text } } : {}) },
				)) as IDataObject;
				out.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

const nodeTypes = { 'test.authRequest': new AuthRequestNode() };

function fanvueCredential(overrides: IDataObject = {}): Record<string, StoredCredential> {
	return {
		'cred-1': {
			type: FANVUE_CREDENTIAL_TYPE,
			name: 'Fanvue account',
			data: {
				environment: 'custom',
				customApiBaseUrl: API,
				customAuthServerUrl: AUTH,
				clientId: 'client-id',
				clientSecret: 'client-secret',
				oauthTokenData: {
					access_token: 'access-1',
					refresh_token: 'refresh-1',
					token_type: 'Bearer',
					expires_in: 3600,
				},
				...overrides,
			},
		},
	};
}

beforeAll(() => {
	nock.disableNetConnect();
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

describe('n8n workflow runner', () => {
	test('sends the bearer token from oauthTokenData through n8n-core', async () => {
		const scope = nock(API, { reqheaders: { authorization: 'Bearer access-1' } })
			.get('/users/me')
			.reply(200, { uuid: 'creator-1', handle: 'creator' });

		const result = await runNode({
			type: 'test.authRequest',
			nodeTypes,
			parameters: { method: 'GET', url: `${API}/users/me` },
			credentials: fanvueCredential(),
		});

		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		expect(result.executionOrder).toEqual(['Start', 'Node']);
		expect(result.output('Node')).toEqual([
			{ json: { uuid: 'creator-1', handle: 'creator' }, pairedItem: { item: 0 } },
		]);
		expect(result.credentialUpdates).toEqual([]);
		scope.done();
	});

	test('resolves expressions in node parameters from input items', async () => {
		const bodies: unknown[] = [];
		nock(API)
			.post('/chats/chat-a/message', (body) => (bodies.push(body), true))
			.reply(200, { messageUuid: 'm-a' })
			.post('/chats/chat-b/message', (body) => (bodies.push(body), true))
			.reply(200, { messageUuid: 'm-b' });

		const result = await runNode({
			type: 'test.authRequest',
			nodeTypes,
			parameters: {
				method: 'POST',
				url: `=${API}/chats/{{ $json.chatId }}/message`,
				text: '=Hi {{ $json.name.toUpperCase() }}, thanks for item {{ $itemIndex }}',
			},
			items: [
				{ chatId: 'chat-a', name: 'ann' },
				{ chatId: 'chat-b', name: 'bob' },
			],
			credentials: fanvueCredential(),
		});

		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{ text: 'Hi ANN, thanks for item 0' },
			{ text: 'Hi BOB, thanks for item 1' },
		]);
		expect(result.output('Node').map((item) => item.json.messageUuid)).toEqual(['m-a', 'm-b']);
		expect(result.output('Node').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
	});

	test('refreshes an expired token through n8n-core (401 -> refresh_token grant -> retry)', async () => {
		let tokenRequest: { body?: string; authorization?: string } = {};
		nock(API)
			.get('/users/me')
			.matchHeader('authorization', 'Bearer access-1')
			.reply(401, { message: 'token expired' });
		nock(AUTH)
			.post('/oauth2/token', (body: string | Record<string, string>) => {
				tokenRequest.body = typeof body === 'string' ? body : new URLSearchParams(body).toString();
				return true;
			})
			.reply(function () {
				tokenRequest.authorization = String(this.req.headers.authorization);
				return [
					200,
					{
						access_token: 'access-2',
						refresh_token: 'refresh-2',
						token_type: 'bearer',
						expires_in: 3600,
					},
				];
			});
		// retry of item 0, then item 1 straight away with the stored new token
		nock(API)
			.get('/users/me')
			.times(2)
			.matchHeader('authorization', 'Bearer access-2')
			.reply(200, { uuid: 'creator-1' });

		const result = await runNode({
			type: 'test.authRequest',
			nodeTypes,
			parameters: { method: 'GET', url: `${API}/users/me` },
			items: [{}, {}],
			credentials: fanvueCredential(),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Node')).toHaveLength(2);

		const params = new URLSearchParams(tokenRequest.body);
		expect(params.get('grant_type')).toBe('refresh_token');
		expect(params.get('refresh_token')).toBe('refresh-1');
		expect(params.get('client_secret')).toBeNull();
		expect(tokenRequest.authorization).toBe(
			`Basic ${Buffer.from('client-id:client-secret').toString('base64')}`,
		);

		expect(result.credentialUpdates).toHaveLength(1);
		const [update] = result.credentialUpdates;
		expect(update.id).toBe('cred-1');
		expect(update.type).toBe(FANVUE_CREDENTIAL_TYPE);
		expect(update.data.oauthTokenData).toMatchObject({
			access_token: 'access-2',
			refresh_token: 'refresh-2',
		});
		// the rest of the stored credential is untouched
		expect(result.credentials['cred-1'].data).toMatchObject({
			clientId: 'client-id',
			customApiBaseUrl: API,
			oauthTokenData: { access_token: 'access-2', refresh_token: 'refresh-2' },
		});
	});

	test('continueOnFail turns a failed request into an error item with pairedItem', async () => {
		nock(API)
			.get('/chats/ok')
			.reply(200, { ok: true })
			.get('/chats/missing')
			.reply(404, { message: 'Chat not found' });

		const result = await runNode({
			type: 'test.authRequest',
			nodeTypes,
			parameters: { method: 'GET', url: `=${API}/chats/{{ $json.id }}` },
			items: [{ id: 'ok' }, { id: 'missing' }],
			credentials: fanvueCredential(),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		const output = result.output('Node');
		expect(output).toHaveLength(2);
		expect(output[0]).toEqual({ json: { ok: true }, pairedItem: { item: 0 } });
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(String(output[1].json.error)).toMatch(/could not be found/i);
	});

	test('without continueOnFail the execution fails with the node error', async () => {
		nock(API).get('/chats/missing').reply(404, { message: 'Chat not found' });

		const result = await runNode({
			type: 'test.authRequest',
			nodeTypes,
			parameters: { method: 'GET', url: `${API}/chats/missing` },
			credentials: fanvueCredential(),
		});

		expect(result.run.status).toBe('error');
		expect(result.error).toBeDefined();
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.output('Node')).toEqual([]);
	});

	test('runs exported workflow JSON starting with a Manual Trigger', async () => {
		nock(API)
			.get('/users/me')
			.matchHeader('authorization', 'Bearer access-1')
			.reply(200, { uuid: 'creator-1' });

		const workflow = {
			name: 'Exported',
			nodes: [
				{
					parameters: {},
					id: '7a0c0b2e-0000-4000-8000-000000000001',
					name: "When clicking 'Execute workflow'",
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
				},
				{
					parameters: { method: 'GET', url: `${API}/users/me` },
					id: '7a0c0b2e-0000-4000-8000-000000000002',
					name: 'Who am I',
					type: 'test.authRequest',
					typeVersion: 1,
					position: [220, 0],
					credentials: { fanvueOAuth2Api: { id: 'cred-1', name: 'Fanvue account' } },
				},
			],
			connections: {
				"When clicking 'Execute workflow'": {
					main: [[{ node: 'Who am I', type: 'main', index: 0 }]],
				},
			},
			settings: { executionOrder: 'v1' },
			pinData: {},
		};

		const result = await runWorkflow({ workflow, nodeTypes, credentials: fanvueCredential() });

		expect(result.error).toBeUndefined();
		expect(result.executionOrder).toEqual(["When clicking 'Execute workflow'", 'Who am I']);
		expect(result.output('Who am I')[0].json).toEqual({ uuid: 'creator-1' });
	});

	test('startItems are fed to the start node (webhook-style start)', async () => {
		const result = await runWorkflow({
			workflow: {
				nodes: [
					{ id: 'a', name: 'Incoming', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
				],
				connections: {},
			},
			startItems: [{ json: { event: 'message.received' } }, { json: { event: 'tip.received' } }],
			mode: 'webhook',
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Incoming').map((item) => item.json)).toEqual([
			{ event: 'message.received' },
			{ event: 'tip.received' },
		]);
	});

	test('credential expressions resolve with $self and defaults, as in n8n', async () => {
		// A credential whose hidden fields are computed from its own data, like n8n's
		// built-in OAuth2 credentials and our Fanvue one.
		const selfCredential: ICredentialType = {
			name: 'selfTestOAuth2Api',
			displayName: 'Self Test OAuth2',
			extends: ['oAuth2Api'],
			properties: [
				{ displayName: 'Host', name: 'host', type: 'string', default: 'https://default.test' },
				{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'pkce' },
				{
					displayName: 'Access Token URL',
					name: 'accessTokenUrl',
					type: 'hidden',
					default: '={{ $self["host"] + "/token" }}',
				},
				{
					displayName: 'Scope',
					name: 'scope',
					type: 'hidden',
					default: '={{ ["a", "b"].concat($self["extra"] || []).join(" ") }}',
				},
				{ displayName: 'Extra', name: 'extra', type: 'multiOptions', options: [], default: [] },
			],
		};
		let seen: IDataObject = {};
		class CaptureNode implements INodeType {
			description: INodeType['description'] = {
				displayName: 'Capture',
				name: 'test.capture',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Capture' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: 'selfTestOAuth2Api', required: true }],
				properties: [],
			};

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				seen = (await this.getCredentials('selfTestOAuth2Api')) as IDataObject;
				return [this.getInputData()];
			}
		}

		const result = await runNode({
			type: 'test.capture',
			nodeTypes: { 'test.capture': new CaptureNode() },
			credentialTypes: [selfCredential],
			parameters: {},
			credentials: {
				x: {
					type: 'selfTestOAuth2Api',
					// a stored accessTokenUrl is ignored: the type owns its hidden OAuth fields
					data: { host: 'https://idp.test', extra: ['c'], accessTokenUrl: 'https://stale.test' },
				},
			},
		});

		expect(result.error).toBeUndefined();
		expect(seen).toMatchObject({
			host: 'https://idp.test',
			grantType: 'pkce',
			accessTokenUrl: 'https://idp.test/token',
			scope: 'a b c',
			authentication: 'header',
			clientId: '',
		});
	});

	test('talks to a real local HTTP server over sockets, refresh included, without leaking handles', async () => {
		// No nock here: n8n's HTTP stack and OAuth2 client open real connections to 127.0.0.1,
		// as they do against the local Fanvue sandbox.
		const seen: string[] = [];
		const readBody = async (req: IncomingMessage) => {
			let body = '';
			for await (const chunk of req) body += chunk;
			return body;
		};
		const server: Server = createServer(async (req, res) => {
			const body = await readBody(req);
			seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
			res.setHeader('content-type', 'application/json');
			if (req.url === '/oauth2/token') {
				const params = new URLSearchParams(body);
				res.end(
					JSON.stringify({
						access_token: `new-for-${params.get('refresh_token')}`,
						refresh_token: 'refresh-2',
						token_type: 'bearer',
						expires_in: 3600,
					}),
				);
				return;
			}
			if (req.headers.authorization !== 'Bearer new-for-refresh-1') {
				res.statusCode = 401;
				res.end(JSON.stringify({ message: 'expired' }));
				return;
			}
			res.end(JSON.stringify({ uuid: 'local-creator' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		nock.enableNetConnect('127.0.0.1');
		try {
			const result = await runNode({
				type: 'test.authRequest',
				nodeTypes,
				parameters: { method: 'GET', url: `${base}/users/me` },
				credentials: fanvueCredential({ customApiBaseUrl: base, customAuthServerUrl: base }),
			});
			expect(result.error).toBeUndefined();
			expect(result.output('Node')[0].json).toEqual({ uuid: 'local-creator' });
			expect(seen).toEqual([
				'GET /users/me Bearer access-1',
				`POST /oauth2/token Basic ${Buffer.from('client-id:client-secret').toString('base64')}`,
				'GET /users/me Bearer new-for-refresh-1',
			]);
		} finally {
			nock.disableNetConnect();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});

/**
 * Proves the e2e harness: a real n8n 2.41.1 loading the `npm pack` output of this package,
 * headless owner setup, publishing/unpublishing a webhook workflow through the REST API,
 * counting executions, the CLI fallback, restarts, the OAuth2 PKCE connect of a Fanvue
 * credential against the sandbox, and the packed Fanvue node running with that credential.
 *
 * One n8n for the whole file (beforeAll/afterAll); it is stopped even when tests fail.
 */
import axios from 'axios';
import * as path from 'path';
import {
	N8nInstance,
	connectFanvueCredential,
	packPackage,
	REPO_ROOT,
	startFanvueSandbox,
	startN8n,
	uniqueSuffix,
	webhookWorkflow,
	nodeOutput,
	parseFlatted,
} from './harness';

const post = (url: string, body: unknown) =>
	axios.post(url, body, { validateStatus: () => true, timeout: 30_000 });

/** Webhook (POST <hookPath>) → the packed Fanvue node (user / getCurrent) with the given credential. */
function fanvueUserWorkflow(
	hookPath: string,
	o: { name: string; webhookId: string; fanvueNodeId: string; credential: { id: string; name: string } },
) {
	const base = webhookWorkflow(hookPath, { webhookId: o.webhookId });
	return {
		...base,
		name: o.name,
		nodes: [
			...base.nodes,
			{
				parameters: { resource: 'user', operation: 'getCurrent' },
				id: o.fanvueNodeId,
				name: 'Fanvue',
				type: 'n8n-nodes-fanvue.fanvue',
				typeVersion: 1,
				position: [220, 0],
				credentials: { fanvueOAuth2Api: o.credential },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Fanvue', type: 'main', index: 0 }]] } },
	};
}

describe('e2e harness (real n8n + packed package)', () => {
	let n8n: N8nInstance | undefined;
	let packageDir: string;

	beforeAll(async () => {
		packageDir = packPackage();
		n8n = await startN8n({ packageDir });
	});

	afterAll(async () => {
		if (n8n) {
			const logFile = n8n.saveLogs('harness');
			// eslint-disable-next-line no-console
			console.log(`n8n output saved to ${logFile}`);
			await n8n.stop();
		}
	});

	const instance = (): N8nInstance => {
		if (!n8n) throw new Error('n8n did not start (see beforeAll error)');
		return n8n;
	};

	test('the packed package is what npm pack ships (package.json + dist, no sources)', () => {
		const pkg = require(path.join(packageDir, 'package.json'));
		expect(pkg.name).toBe('n8n-nodes-fanvue');
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(require('fs').existsSync(path.join(packageDir, file))).toBe(true);
		}
		expect(require('fs').existsSync(path.join(packageDir, 'nodes'))).toBe(false);
		expect(packageDir.startsWith(REPO_ROOT)).toBe(false);
	});

	test('n8n is up on 127.0.0.1 with a fresh user folder', async () => {
		const n = instance();
		expect(n.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const health = await axios.get(`${n.baseUrl}/healthz`);
		expect(health.status).toBe(200);
		expect(n.logs()).toContain('Editor is now accessible via');
	});

	test('owner setup works headlessly and the session cookie is kept', async () => {
		const owner = await instance().rest.setupOwner();
		expect(owner.email).toMatch(/@/);
		expect(owner.password.length).toBeGreaterThan(7);
		expect(instance().rest.http.jar.get('n8n-auth')).toBeTruthy();
		const me = await instance().rest.http.get('/rest/login');
		expect(me.status).toBe(200);
		expect(me.data.data.email).toBe(owner.email);
	});

	test('n8n knows the package node and credential', async () => {
		const nodes = await instance().rest.nodeTypes();
		const names = nodes.map((n) => n.name);
		expect(names).toContain('n8n-nodes-fanvue.fanvue');
		expect(names).toContain('n8n-nodes-base.webhook');
		const creds = (await instance().rest.credentialTypes()).map((c) => c.name);
		expect(creds).toContain('fanvueOAuth2Api');
		expect(instance().logs()).not.toMatch(/Error loading package|Cannot find module 'n8n-workflow'/);
	});

	test('a published webhook workflow runs once per POST, and unpublishing removes the URL', async () => {
		const rest = instance().rest;
		const hookPath = `harness-${uniqueSuffix()}`;
		const url = instance().webhookUrl(hookPath);
		const wf = await rest.importWorkflow(webhookWorkflow(hookPath));
		expect(wf.id).toBeTruthy();
		expect(wf.active).toBe(false);

		// Not published yet: the production URL is unknown.
		expect((await post(url, {})).status).toBe(404);

		const published = await rest.publishWorkflow(wf.id);
		expect(published.active).toBe(true);
		expect((await rest.publicationStatus(wf.id)).status).toBe('published');

		const res = await post(url, { hello: 'world', n: 1 });
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ message: 'Workflow was started' });

		const [execution] = await rest.waitForExecutions(wf.id, 1, 30_000, { exact: true });
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const items = nodeOutput(execution, 'Webhook');
		expect(items).toHaveLength(1);
		expect(items[0].body).toEqual({ hello: 'world', n: 1 });
		expect(execution.outputs.Webhook[0].body).toEqual({ hello: 'world', n: 1 });

		await rest.unpublishWorkflow(wf.id);
		expect((await rest.getWorkflow(wf.id)).active).toBe(false);
		const after = await post(url, { hello: 'again' });
		expect(after.status).toBe(404);
		// Still exactly one execution.
		expect(await rest.listExecutions(wf.id)).toHaveLength(1);

		// Edit the nodes (a new version), publish that, and the new path is live instead.
		const newPath = `${hookPath}-v2`;
		const edited = await rest.updateWorkflow(wf.id, {
			name: `renamed ${hookPath}`,
			nodes: webhookWorkflow(newPath).nodes,
		});
		expect(edited.name).toBe(`renamed ${hookPath}`);
		expect(edited.versionId).not.toBe(wf.versionId);
		await rest.publishWorkflow(wf.id);
		expect((await post(instance().webhookUrl(newPath), { v: 2 })).status).toBe(200);
		expect((await post(url, { v: 1 })).status).toBe(404);
		const runs = await rest.waitForExecutions(wf.id, 2, 30_000, { exact: true });
		expect(runs.map((r) => r.outputs.Webhook[0].body)).toEqual([{ hello: 'world', n: 1 }, { v: 2 }]);

		await rest.unpublishWorkflow(wf.id);
		await rest.deleteWorkflow(wf.id);
		await expect(rest.getWorkflow(wf.id)).rejects.toThrow(/HTTP 404|HTTP 403/);
	});

	test('publishing survives a restart; the CLI fallback imports and publishes while stopped', async () => {
		const n = instance();
		const rest = n.rest;
		const hookPath = `harness-restart-${uniqueSuffix()}`;
		const wf = await rest.importWorkflow(webhookWorkflow(hookPath, { webhookId: 'b0000000-0000-4000-8000-000000000002' }));
		await rest.publishWorkflow(wf.id);

		// While stopped: import and publish a second workflow with the n8n CLI.
		const cliPath = `harness-cli-${uniqueSuffix()}`;
		const port = n.port;
		await n.stop({ keepUserFolder: true });
		const cliId = await n.importWorkflowCli({
			...webhookWorkflow(cliPath, { webhookId: 'b0000000-0000-4000-8000-000000000003' }),
		});
		await n.publishWorkflowCli(cliId);
		await n.start();
		expect(n.port).toBe(port);
		// The session cookie outlives the restart (same encryption key, same database).
		const me = await rest.http.get('/rest/login');
		expect(me.status).toBe(200);
		expect(me.data.data.email).toBe(rest.owner?.email);
		expect((await rest.waitForPublishedWorkflows()).sort()).toEqual([wf.id, cliId].sort());

		expect((await post(n.webhookUrl(hookPath), { after: 'restart' })).status).toBe(200);
		const [execution] = await rest.waitForExecutions(wf.id, 1, 30_000, { exact: true });
		expect(execution.outputs.Webhook[0].body).toEqual({ after: 'restart' });

		expect((await post(n.webhookUrl(cliPath), { via: 'cli' })).status).toBe(200);
		const [cliExecution] = await rest.waitForExecutions(cliId, 1, 30_000, { exact: true });
		expect(cliExecution.outputs.Webhook[0].body).toEqual({ via: 'cli' });

		await rest.unpublishWorkflow(wf.id);
		await rest.unpublishWorkflow(cliId);
	});

	test('restart() brings n8n back with the session and nothing published', async () => {
		const n = instance();
		const pid = n.pid;
		await n.restart();
		expect(n.pid).not.toBe(pid);
		expect(await n.rest.waitForPublishedWorkflows()).toEqual([]);
		expect((await n.rest.http.get('/rest/login')).status).toBe(200);
	});

	// The sandbox and the connected credential are shared by the two Fanvue tests below.
	let sandbox: any;
	let fanvueCredential: { id: string; name: string } | undefined;
	const clientId = 'e2e-client-id';
	const clientSecret = 'e2e-client-secret';

	afterAll(async () => {
		await sandbox?.stop();
	});

	test('OAuth2 connect of a fanvueOAuth2Api credential (custom environment = sandbox) stores tokens', async () => {
		sandbox = await startFanvueSandbox({ clientId, clientSecret });
		const sb = sandbox;
		const rest = instance().rest;
		const { connection: result, ...cred } = await connectFanvueCredential(rest, sb, { name: 'Fanvue sandbox', scopeGroups: [] });
		expect(result.authorizationUrl.startsWith(`${sb.url}/oauth2/auth?`)).toBe(true);
		expect(result.authorizationParams.code_challenge_method).toBe('S256');
		expect(result.authorizationParams.client_id).toBe(clientId);
		expect(result.authorizationParams.scope).toContain('read:chat');
		expect(result.credential.data.oauthTokenData).toBeTruthy();

		const tokenCall = sb
			.requests()
			.find((r: { method: string; path: string }) => r.method === 'POST' && r.path === '/oauth2/token');
		expect(tokenCall).toBeTruthy();
		expect(tokenCall.status).toBe(200);
		expect(tokenCall.body.grant_type).toBe('authorization_code');
		expect(tokenCall.body.code_verifier).toBeTruthy();
		const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
		expect(tokenCall.headers.authorization).toBe(`Basic ${basic}`);
		fanvueCredential = { id: cred.id, name: cred.name };
	});

	test('a published workflow runs the packed Fanvue node with the connected credential', async () => {
		if (!fanvueCredential) throw new Error('needs the OAuth2 test above');
		const rest = instance().rest;
		const hookPath = `harness-fanvue-${uniqueSuffix()}`;
		const wf = await rest.importWorkflow(
			fanvueUserWorkflow(hookPath, {
				name: `e2e fanvue ${hookPath}`,
				webhookId: 'b0000000-0000-4000-8000-000000000004',
				fanvueNodeId: 'a0000000-0000-4000-8000-000000000002',
				credential: fanvueCredential,
			}),
		);
		await rest.publishWorkflow(wf.id);
		expect((await post(instance().webhookUrl(hookPath), {})).status).toBe(200);
		const [run] = await rest.waitForExecutions(wf.id, 1, 60_000, { exact: true });
		expect(run.errorMessage).toBeUndefined();
		expect(run.status).toBe('success');
		const me = nodeOutput(run, 'Fanvue');
		expect(me).toHaveLength(1);
		expect(JSON.stringify(me[0])).toContain(sandbox.creator.uuid);
		await rest.unpublishWorkflow(wf.id);
	});

	// Fanvue's refresh tokens are single-use and a reused one revokes the whole connection, so
	// parallel executions must not refresh the same credential at once. n8n 2.41 serializes
	// refreshes (a credential lock, then a re-read of the stored token): proved here for real.
	test('parallel executions with an expired token refresh it once and keep the connection', async () => {
		if (!fanvueCredential) throw new Error('needs the OAuth2 test above');
		const rest = instance().rest;
		const hookPath = `harness-refresh-${uniqueSuffix()}`;
		const wf = await rest.importWorkflow(
			fanvueUserWorkflow(hookPath, {
				name: `e2e refresh ${hookPath}`,
				webhookId: 'b0000000-0000-4000-8000-000000000005',
				fanvueNodeId: 'a0000000-0000-4000-8000-000000000003',
				credential: fanvueCredential,
			}),
		);
		await rest.publishWorkflow(wf.id);
		sandbox.clearRequests();
		sandbox.setFaults({ expireTokensEarly: true });
		const answers = await Promise.all(Array.from({ length: 4 }, () => post(instance().webhookUrl(hookPath), {})));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
		const runs = await rest.waitForExecutions(wf.id, 4, 90_000, { exact: true });
		expect(runs.map((run) => run.status)).toEqual(['success', 'success', 'success', 'success']);
		const refreshes = sandbox
			.requests()
			.filter((r: { path: string; body?: { grant_type?: string } }) => r.path === '/oauth2/token' && r.body?.grant_type === 'refresh_token');
		expect(refreshes.map((r: { status: number }) => r.status)).toEqual([200]);
		// The connection is still alive afterwards.
		expect((await post(instance().webhookUrl(hookPath), {})).status).toBe(200);
		const [, , , , last] = await rest.waitForExecutions(wf.id, 5, 60_000, { exact: true });
		expect(last.status).toBe('success');
		await rest.unpublishWorkflow(wf.id);
	});

	test('parseFlatted decodes n8n-style flatted data with shared references', () => {
		const text = '[{"a":"1","b":"2","c":"2"},"x",{"d":"3"},[]]';
		const value = parseFlatted<any>(text);
		expect(value).toEqual({ a: 'x', b: { d: [] }, c: { d: [] } });
		expect(value.b).toBe(value.c);
	});
});

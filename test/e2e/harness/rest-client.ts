/**
 * N8nRestClient: the parts of n8n 2.41's internal REST API (/rest/…) the e2e tests need,
 * over an HttpClient with a cookie jar. Every method throws a readable error on a non-2xx.
 *
 * Routes (n8n 2.41.1, see README.md):
 *   POST /rest/owner/setup, POST /rest/login
 *   POST /rest/credentials, GET /rest/credentials/:id?includeData=true
 *   GET  /rest/oauth2-credential/auth?id=…, GET /rest/oauth2-credential/callback?code&state
 *   POST /rest/workflows, GET /rest/workflows/:id
 *   POST /rest/workflows/:id/activate {versionId}   (= "Publish" in the editor)
 *   POST /rest/workflows/:id/deactivate {}          (= "Unpublish")
 *   GET  /rest/workflows/:id/publication-status     (publication is asynchronous)
 *   GET  /rest/executions?filter={"workflowId":…}&limit=…, GET /rest/executions/:id
 *   GET  /types/nodes.json, GET /types/credentials.json
 */
import * as fs from 'fs';
import * as path from 'path';
import { decodeExecution, ExecutionDetails, ExecutionSummary, isSettled } from './executions';
import { expectOk, HttpClient } from './http-client';
import { connectOAuth2, ConnectOAuth2Options, ConnectOAuth2Result } from './oauth';
import { N8N_1X } from './paths';

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
	/** The user object n8n returned. */
	user: Record<string, unknown>;
}

export interface CreatedCredential {
	id: string;
	name: string;
	type: string;
	[key: string]: unknown;
}

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	meta?: Record<string, unknown>;
	/** Optional fixed id; n8n ids are 16 alphanumerics. */
	id?: string;
	[key: string]: unknown;
}

export interface WorkflowRecord {
	id: string;
	name: string;
	active: boolean;
	versionId: string;
	activeVersionId: string | null;
	nodes: Array<Record<string, any>>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface PublicationStatus {
	status: 'published' | 'not_published' | 'in_progress' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	[key: string]: unknown;
}

/** Fields POST /rest/workflows accepts (CreateWorkflowDto); others (active, tags objects, …) are dropped. */
const CREATE_FIELDS = ['id', 'name', 'description', 'nodes', 'connections', 'settings', 'pinData', 'meta'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class N8nRestClient {
	readonly http: HttpClient;
	owner?: OwnerAccount;

	/** `userFolder` lets nodeTypes() read the types files n8n writes there. */
	constructor(
		readonly baseUrl: string,
		readonly userFolder?: string,
	) {
		this.http = new HttpClient(baseUrl);
	}

	// ----- users -------------------------------------------------------------------------

	/** Creates the instance owner on a fresh database and keeps its session cookie. */
	async setupOwner(
		account: Partial<Omit<OwnerAccount, 'user'>> = {},
	): Promise<OwnerAccount> {
		const body = {
			email: account.email ?? 'owner@e2e.example.com',
			password: account.password ?? 'E2e-Owner-Passw0rd',
			firstName: account.firstName ?? 'E2E',
			lastName: account.lastName ?? 'Owner',
		};
		const res = expectOk(await this.http.post('/rest/owner/setup', body), 'POST /rest/owner/setup');
		this.owner = { ...body, user: res.data.data };
		return this.owner;
	}

	/** Logs in (e.g. after a restart if the cookie was lost). */
	async login(email = this.owner?.email, password = this.owner?.password): Promise<Record<string, unknown>> {
		if (!email || !password) throw new Error('login(): no owner account known; call setupOwner() first');
		const res = expectOk(
			await this.http.post('/rest/login', { emailOrLdapLoginId: email, password }),
			'POST /rest/login',
		);
		return res.data.data;
	}

	/** After a restart: keeps the session if it still works, logs in again otherwise. */
	async reloginIfNeeded(): Promise<void> {
		if (!this.owner) return;
		const res = await this.http.get('/rest/login');
		if (res.status !== 200 || !res.data?.data?.id) await this.login();
	}

	// ----- credentials -------------------------------------------------------------------

	/** POST /rest/credentials; `data` is the plain credential data (n8n encrypts it). */
	async createCredential(input: {
		name: string;
		type: string;
		data: Record<string, unknown>;
	}): Promise<CreatedCredential> {
		const res = expectOk(await this.http.post('/rest/credentials', input), 'POST /rest/credentials');
		return res.data.data;
	}

	/** GET /rest/credentials/:id (includeData: decrypted data, with `oauthTokenData: true` once connected). */
	async getCredential(id: string, includeData = true): Promise<Record<string, any>> {
		const res = expectOk(
			await this.http.get(`/rest/credentials/${id}${includeData ? '?includeData=true' : ''}`),
			`GET /rest/credentials/${id}`,
		);
		return res.data.data;
	}

	/**
	 * Runs the OAuth2 authorization-code flow of a credential against its authorization server
	 * (the local sandbox, with autoApprove) and checks that n8n stored tokens. See oauth.ts.
	 */
	connectOAuth2(credentialId: string, options: ConnectOAuth2Options = {}): Promise<ConnectOAuth2Result> {
		return connectOAuth2(this, credentialId, options);
	}

	// ----- workflows ---------------------------------------------------------------------

	/** Creates a workflow from exported workflow JSON (unpublished). */
	async importWorkflow(json: WorkflowJson): Promise<WorkflowRecord> {
		const body: Record<string, unknown> = {};
		for (const key of CREATE_FIELDS) if (json[key] !== undefined) body[key] = json[key];
		body.settings = { executionOrder: 'v1', ...(json.settings ?? {}) };
		// n8n 1.x stores a new workflow without `active` as NULL and refuses it (NOT NULL constraint).
		if (N8N_1X) body.active = false;
		const res = expectOk(await this.http.post('/rest/workflows', body), 'POST /rest/workflows');
		return res.data.data;
	}

	async getWorkflow(id: string): Promise<WorkflowRecord> {
		const res = expectOk(await this.http.get(`/rest/workflows/${id}`), `GET /rest/workflows/${id}`);
		return res.data.data;
	}

	/** PATCH /rest/workflows/:id (e.g. changed nodes); returns the new record (new versionId). */
	async updateWorkflow(id: string, changes: Partial<WorkflowJson>): Promise<WorkflowRecord> {
		const current = await this.getWorkflow(id);
		const res = expectOk(
			await this.http.patch(`/rest/workflows/${id}`, { versionId: current.versionId, ...changes }),
			`PATCH /rest/workflows/${id}`,
		);
		return res.data.data;
	}

	async publicationStatus(id: string): Promise<PublicationStatus> {
		const res = expectOk(
			await this.http.get(`/rest/workflows/${id}/publication-status`),
			`GET /rest/workflows/${id}/publication-status`,
		);
		return res.data.data;
	}

	/**
	 * Publishes the workflow's current version (POST /rest/workflows/:id/activate) and waits
	 * until n8n has really registered its triggers (publication is applied asynchronously:
	 * a production webhook answers 404 for a moment after the POST returns). Throws with n8n's
	 * message if a trigger failed to activate.
	 */
	async publishWorkflow(id: string, options: { timeoutMs?: number } = {}): Promise<WorkflowRecord> {
		const current = await this.getWorkflow(id);
		const res = expectOk(
			await this.http.post(`/rest/workflows/${id}/activate`, { versionId: current.versionId }),
			`POST /rest/workflows/${id}/activate`,
		);
		if (!N8N_1X) await this.waitForPublication(id, current.versionId, options.timeoutMs ?? 30_000);
		return res.data.data;
	}

	/** Unpublishes (POST /rest/workflows/:id/deactivate) and waits until its triggers are removed. */
	async unpublishWorkflow(id: string, options: { timeoutMs?: number } = {}): Promise<WorkflowRecord> {
		const res = expectOk(
			await this.http.post(`/rest/workflows/${id}/deactivate`, {}),
			`POST /rest/workflows/${id}/deactivate`,
		);
		if (!N8N_1X) await this.waitForPublication(id, null, options.timeoutMs ?? 30_000);
		return res.data.data;
	}

	/** Waits until publication settles: `versionId` live (or, with null, nothing live). */
	async waitForPublication(id: string, versionId: string | null, timeoutMs = 30_000): Promise<PublicationStatus> {
		const deadline = Date.now() + timeoutMs;
		let last: PublicationStatus | undefined;
		while (Date.now() < deadline) {
			last = await this.publicationStatus(id);
			if (last.status !== 'in_progress' && last.pendingVersionId === null) {
				if (last.status === 'failed' || last.status === 'partial') {
					const errors = last.triggers.map((t) => t.errorMessage).filter(Boolean);
					throw new Error(`publishing workflow ${id} failed: ${errors.join('; ') || last.status}`);
				}
				if (versionId === null && last.status === 'not_published') return last;
				// A workflow without trigger nodes has nothing to register: not_published is final.
				if (versionId !== null && (last.liveVersionId === versionId || last.triggers.length === 0)) return last;
			}
			await sleep(200);
		}
		throw new Error(`workflow ${id}: publication did not settle in ${timeoutMs} ms: ${JSON.stringify(last)}`);
	}

	/** GET /rest/workflows: all workflows the user can see (records without nodes' details guaranteed). */
	async listWorkflows(): Promise<WorkflowRecord[]> {
		const res = expectOk(await this.http.get('/rest/workflows'), 'GET /rest/workflows');
		return res.data.data;
	}

	/**
	 * Waits until every published workflow's live version is its published version (after a
	 * restart n8n re-activates non-webhook triggers asynchronously; webhooks are served from
	 * the database at once). Returns the ids waited for.
	 */
	async waitForPublishedWorkflows(timeoutMs = 30_000): Promise<string[]> {
		const published = (await this.listWorkflows()).filter((w) => w.activeVersionId);
		for (const w of published) await this.waitForPublication(w.id, w.activeVersionId, timeoutMs);
		return published.map((w) => w.id);
	}

	/** DELETE /rest/workflows/:id (archives first, as n8n requires). */
	async deleteWorkflow(id: string): Promise<void> {
		await this.http.post(`/rest/workflows/${id}/archive`, {});
		expectOk(await this.http.delete(`/rest/workflows/${id}`), `DELETE /rest/workflows/${id}`);
	}

	// ----- executions --------------------------------------------------------------------

	/**
	 * Execution summaries of a workflow, newest first (no data; see getExecution). n8n pages
	 * by at most 100 (`limit` 1-100); this follows the pages: n8n 2.x by `nextCursor` (it refuses
	 * `lastId` with 400), n8n 1.x by `lastId` = older than. Running executions head the first
	 * page and may come again later: each id is listed once.
	 */
	async listExecutions(workflowId: string, options: { max?: number } = {}): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const max = options.max ?? 1000;
		const all: ExecutionSummary[] = [];
		const seen = new Set<string>();
		let after = '';
		while (all.length < max) {
			const page = Math.min(100, max - all.length);
			const res = expectOk(await this.http.get(`/rest/executions?filter=${filter}&limit=${page}${after}`), 'GET /rest/executions');
			const { results, nextCursor } = res.data.data as { results: ExecutionSummary[]; nextCursor?: string | null };
			for (const execution of results) {
				if (!seen.has(execution.id)) all.push(execution);
				seen.add(execution.id);
			}
			if (nextCursor !== undefined) {
				if (!nextCursor) break;
				after = `&cursor=${encodeURIComponent(nextCursor)}`;
			} else {
				if (results.length < page) break;
				after = `&lastId=${results[results.length - 1].id}`;
			}
		}
		return all.slice(0, max);
	}

	/** One execution with its decoded data and per-node outputs (see executions.ts). */
	async getExecution(id: string): Promise<ExecutionDetails> {
		const res = expectOk(await this.http.get(`/rest/executions/${id}`), `GET /rest/executions/${id}`);
		return decodeExecution(res.data.data);
	}

	/**
	 * Waits until the workflow has at least `count` executions and all of them have settled
	 * (success/error/canceled/crashed), then returns them oldest first, with data. Throws on
	 * timeout (default 30 s) and, with `exact`, if more than `count` exist.
	 *
	 * `exact` checks at once, with no quiet period: call it once whatever starts the executions
	 * has been answered (a webhook POST, a manual or CLI run returned). n8n stores an execution
	 * before it answers the webhook request that started it (responseMode onReceived; in queue
	 * mode the webhook process stores it before queueing it), and answers a request it starts
	 * nothing for without one: no request answered before this call can add an execution later.
	 * (A sender that redelivers after a non-2xx answer can: check the answers were 2xx.)
	 * `settleMs` still pauses before the check for a caller that asks for it; a pause is no
	 * witness that nothing else arrived, so new callers should not.
	 */
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 30_000,
		options: { exact?: boolean; settleMs?: number } = {},
	): Promise<ExecutionDetails[]> {
		const deadline = Date.now() + timeoutMs;
		let list: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			list = await this.listExecutions(workflowId);
			if (list.length >= count && list.every((e) => isSettled(e.status))) break;
			await sleep(250);
		}
		if (list.length < count || !list.every((e) => isSettled(e.status))) {
			throw new Error(
				`workflow ${workflowId}: expected ${count} settled executions within ${timeoutMs} ms, saw ` +
					JSON.stringify(list.map((e) => ({ id: e.id, status: e.status }))),
			);
		}
		if (options.exact) {
			if (options.settleMs) await sleep(options.settleMs);
			list = await this.listExecutions(workflowId);
			if (list.length !== count) {
				throw new Error(`workflow ${workflowId}: expected exactly ${count} executions, found ${list.length}`);
			}
		}
		const oldestFirst = [...list].sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
		return Promise.all(oldestFirst.map((e) => this.getExecution(e.id)));
	}

	// ----- node and credential types -----------------------------------------------------

	private async types(file: 'nodes.json' | 'credentials.json'): Promise<any[]> {
		// n8n writes the files it serves at /types/* into the user folder when it loads the nodes.
		// Read them there: the HTTP answer is ~17 MB and was seen aborted on a loaded machine.
		const onDisk = this.userFolder && path.join(this.userFolder, '.cache', 'n8n', 'public', 'types', file);
		if (onDisk && fs.existsSync(onDisk)) return JSON.parse(fs.readFileSync(onDisk, 'utf8'));
		const res = await this.http.get(`/types/${file}`, { maxContentLength: Infinity, maxBodyLength: Infinity });
		if (res.status === 200 && Array.isArray(res.data)) return res.data;
		throw new Error(`GET /types/${file}: HTTP ${res.status}`);
	}

	/** All node types n8n loaded (community ones as `<package>.<node>`, e.g. n8n-nodes-fanvue.fanvue). */
	async nodeTypes(): Promise<NodeTypeDescription[]> {
		return this.types('nodes.json');
	}

	/** All credential types n8n loaded (e.g. fanvueOAuth2Api). */
	async credentialTypes(): Promise<Array<{ name: string; displayName: string; [key: string]: unknown }>> {
		return this.types('credentials.json');
	}
}

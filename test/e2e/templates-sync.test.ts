/**
 * Template 05 "Fanvue: Sync fans to PostgreSQL" (workflows/05-sync-fans.json), end to end:
 * a real n8n 2.41.1 with the packed package, a real PostgreSQL set up by template 01, and the
 * Fanvue sandbox seeded with 1,000 fans. The Fanvue credential is connected through the real
 * OAuth2 PKCE flow; both templates are imported as shipped, only the credentials swapped, and
 * run once each time through the editor's manual-run route (POST /rest/workflows/:id/run,
 * harness/run-manually.ts), without waiting for the schedule.
 */
import axios from 'axios';

import {
	N8nInstance,
	PostgresDatabase,
	PostgresServer,
	TemplateStack,
	connectFanvueCredential,
	importTemplate,
	nodeOutput,
	readTemplate,
	startFanvueSandbox,
	startTemplateStack,
} from './harness';
import type { ExecutionDetails } from './harness';
import { runWorkflowManually } from './harness';

const CLIENT_ID = 'e2e-sync-client';
const CLIENT_SECRET = 'e2e-sync-secret';
const FANS = 1000;
const BATCH_SIZE = 500; // the template's "Batch subscribers" / "Batch followers" Code nodes

interface FanRow {
	id: string;
	model_id: string;
	fanvue_user_uuid: string;
	handle: string | null;
	display_name: string | null;
	nickname: string | null;
	avatar_url: string | null;
	status: string;
	is_top_spender: boolean | null;
	registered_at: Date | null;
	first_seen_at: Date;
	updated_at: Date;
}

describe('template 05: sync fans to PostgreSQL (real n8n + PostgreSQL + sandbox, 1,000 fans)', () => {
	let stack: TemplateStack | undefined;
	let n8n: N8nInstance | undefined;
	let pg: PostgresServer | undefined;
	let sb: any;
	let db: PostgresDatabase;
	let syncWorkflowId: string;
	const timings: string[] = [];

	beforeAll(async () => {
		// The database as a user gets it: template 01, as shipped (run by the stack).
		stack = await startTemplateStack({
			sandbox: { seed: 5, fans: FANS, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
			fanvueCredential: { name: 'Fanvue sandbox' },
			postgresCredentialName: 'Postgres e2e',
			logName: 'templates-sync',
		});
		({ n8n, pg, sb, db } = stack);
		if (!stack.fanvueConnection?.credential.data.oauthTokenData) throw new Error('OAuth2 connect stored no tokens');
		syncWorkflowId = (await importTemplate(n8n.rest, '05-sync-fans.json', stack.credentials)).id;
	});

	afterAll(async () => {
		// eslint-disable-next-line no-console
		if (timings.length) console.log(`template 05 timings:\n  ${timings.join('\n  ')}`);
		await stack?.stop('templates-sync');
	});

	const instance = (): N8nInstance => {
		if (!n8n || !pg || !sb) throw new Error('n8n, PostgreSQL or the sandbox did not start (see beforeAll error)');
		return n8n;
	};

	async function sync(label: string): Promise<ExecutionDetails> {
		const started = Date.now();
		const execution = await runWorkflowManually(instance().rest, syncWorkflowId, { timeoutMs: 240_000 });
		timings.push(`${label}: ${Date.now() - started} ms`);
		expect(execution.errorMessage).toBeUndefined();
		expect(execution.status).toBe('success');
		return execution;
	}

	/** Every fan of a list, read from the sandbox API the way any client pages through it. */
	async function apiList(listPath: '/subscribers' | '/followers'): Promise<Array<Record<string, any>>> {
		const { access_token } = sb.issueToken();
		const all: Array<Record<string, any>> = [];
		for (let page = 1; ; page++) {
			const res = await axios.get(`${sb.url}${listPath}`, {
				params: { page, size: 50 },
				headers: { authorization: `Bearer ${access_token}`, 'X-Fanvue-API-Version': sb.apiVersion },
			});
			all.push(...res.data.data);
			if (!res.data.pagination.hasMore) return all;
		}
	}

	async function fanRows(): Promise<FanRow[]> {
		return await db.query<FanRow>(`SELECT * FROM fans ORDER BY fanvue_user_uuid`);
	}

	async function countsByStatus(): Promise<Record<string, number>> {
		const rows = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM fans GROUP BY status`);
		return Object.fromEntries(rows.map((r) => [r.status, r.n]));
	}

	const withoutUpdatedAt = (rows: FanRow[]) => rows.map(({ updated_at: _updatedAt, ...rest }) => rest);

	test('the template as shipped: schedule trigger, Fanvue + Postgres credentials by name, query parameters', () => {
		const template = readTemplate('05-sync-fans.json') as any;
		expect(template.name).toBe('Fanvue: Sync fans to PostgreSQL');
		expect(template.id).toBe('FanvueTemplate05'); // for `n8n import:workflow --input=<file>`
		const byName = Object.fromEntries(template.nodes.map((node: any) => [node.name, node]));
		const triggers = template.nodes.filter((node: any) => /trigger$/i.test(node.type));
		expect(triggers.map((node: any) => node.type)).toEqual(['n8n-nodes-base.scheduleTrigger']);
		for (const node of template.nodes) {
			if (node.type === 'n8n-nodes-fanvue.fanvue') {
				expect(node.credentials).toEqual({ fanvueOAuth2Api: { id: 'REPLACE_ME', name: 'Fanvue account' } });
			}
			if (node.type === 'n8n-nodes-base.postgres') {
				expect(node.credentials).toEqual({ postgres: { id: 'REPLACE_ME', name: 'Postgres account' } });
				// Values travel as query parameters, never spliced into the SQL text.
				expect(node.parameters.query).not.toContain('{{');
				expect(node.parameters.options.queryReplacement).toMatch(/^=\{\{/);
			}
		}
		expect(byName['Get subscribers'].parameters).toMatchObject({ resource: 'subscriber', operation: 'getMany', returnAll: true });
		expect(byName['Get followers'].parameters).toMatchObject({ resource: 'follower', operation: 'getMany', returnAll: true });
		expect(byName['Upsert subscribers'].parameters.query).toMatch(/json_to_recordset\(\$2::json\)/);
		expect(byName['Upsert subscribers'].parameters.query).toMatch(/ON CONFLICT \(model_id, fanvue_user_uuid\) DO UPDATE/);
	});

	test('first run: the fans table holds exactly the sandbox subscribers and followers, in a few batched queries', async () => {
		const state = sb.state();
		const [subscribers, followers] = [await apiList('/subscribers'), await apiList('/followers')];
		expect(state.fans).toBe(FANS);
		expect(subscribers).toHaveLength(state.subscribers);
		expect(followers).toHaveLength(state.followers);
		expect(state.subscribers).toBeGreaterThan(BATCH_SIZE); // so the sync needs more than one batch
		sb.resetRateLimits();

		const execution = await sync('first run (empty fans table)');

		expect(await countsByStatus()).toEqual({ subscriber: state.subscribers, follower: state.followers });
		const [model] = await db.query<{ id: string; platform: string; handle: string; display_name: string }>(
			`SELECT id, platform, handle, display_name FROM models WHERE fanvue_user_uuid = $1`,
			[sb.creator.uuid],
		);
		expect(model).toMatchObject({ platform: 'fanvue', handle: sb.creator.handle, display_name: sb.creator.displayName });
		expect(await db.query(`SELECT DISTINCT model_id::text AS id FROM fans`)).toEqual([{ id: String(model.id) }]);

		// Rows carry the API's fields.
		const rows = await fanRows();
		const byUuid = new Map(rows.map((row) => [row.fanvue_user_uuid, row]));
		for (const [list, status] of [
			[subscribers, 'subscriber'],
			[followers, 'follower'],
		] as const) {
			for (const fan of list) {
				const row = byUuid.get(fan.uuid);
				expect(row).toBeTruthy();
				expect({
					status: row!.status,
					handle: row!.handle,
					display_name: row!.display_name,
					nickname: row!.nickname,
					avatar_url: row!.avatar_url,
					is_top_spender: row!.is_top_spender,
					registered_at: row!.registered_at?.toISOString() ?? null,
				}).toEqual({
					status,
					handle: fan.handle,
					display_name: fan.displayName,
					nickname: fan.nickname,
					avatar_url: fan.avatarUrl,
					is_top_spender: fan.isTopSpender,
					registered_at: fan.registeredAt ? new Date(fan.registeredAt).toISOString() : null,
				});
			}
		}

		// Batched: one INSERT ... SELECT FROM json_to_recordset per 500 fans, not one per fan.
		const subscriberBatches = nodeOutput(execution, 'Upsert subscribers');
		const followerBatches = nodeOutput(execution, 'Upsert followers');
		expect(subscriberBatches).toHaveLength(Math.ceil(state.subscribers / BATCH_SIZE));
		expect(followerBatches).toHaveLength(Math.max(1, Math.ceil(state.followers / BATCH_SIZE)));
		const sum = (items: Array<Record<string, unknown>>, key: string) => items.reduce((n, item) => n + Number(item[key]), 0);
		expect(sum(subscriberBatches, 'inserted')).toBe(state.subscribers);
		expect(sum(followerBatches, 'inserted')).toBe(state.followers);

		// The summary item.
		const summary = nodeOutput(execution, 'Summary');
		expect(summary).toHaveLength(1);
		expect(summary[0]).toMatchObject({
			model_id: String(model.id),
			handle: sb.creator.handle,
			subscribers_listed: state.subscribers,
			followers_listed: state.followers,
			marked_expired: 0,
			subscribers: state.subscribers,
			followers: state.followers,
			expired: 0,
			fans_total: state.subscribers + state.followers,
		});
	});

	test('second run: idempotent, nothing changes but updated_at', async () => {
		const before = await fanRows();
		const modelsBefore = await db.query(`SELECT id, platform, fanvue_user_uuid, handle, display_name, name FROM models`);
		sb.resetRateLimits();

		const execution = await sync('second run (nothing changed)');

		const after = await fanRows();
		expect(withoutUpdatedAt(after)).toEqual(withoutUpdatedAt(before));
		for (let i = 0; i < after.length; i++) expect(after[i].updated_at.getTime()).toBeGreaterThan(before[i].updated_at.getTime());
		expect(await db.query(`SELECT id, platform, fanvue_user_uuid, handle, display_name, name FROM models`)).toEqual(modelsBefore);
		const state = sb.state();
		expect(await countsByStatus()).toEqual({ subscriber: state.subscribers, follower: state.followers });
		const inserted = [...nodeOutput(execution, 'Upsert subscribers'), ...nodeOutput(execution, 'Upsert followers')].reduce(
			(n, item) => n + Number(item.inserted),
			0,
		);
		expect(inserted).toBe(0);
		expect(nodeOutput(execution, 'Summary')[0]).toMatchObject({ marked_expired: 0, expired: 0 });
	});

	test('fans who left are marked expired, status changes and new fans are picked up', async () => {
		const store = sb.store;
		// A follower subscribes, and a fan with no relation follows (sandbox fan acts).
		const upgraded = await sb.fanActs({ type: 'subscribe' });
		const newcomer = await sb.fanActs({ type: 'follow' });
		// A subscriber whose subscription ran out, and a follower who unfollowed (the sandbox has no
		// act for either, so its state is changed directly).
		const leaver = store.fans.find((fan: any) => fan.status === 'subscriber' && fan.uuid !== upgraded.fanUuid);
		const unfollower = store.fans.find((fan: any) => fan.status === 'follower' && fan.uuid !== newcomer.fanUuid);
		leaver.status = 'expired';
		unfollower.status = 'none';
		expect(store.fan(upgraded.fanUuid).status).toBe('subscriber');
		expect(store.fan(newcomer.fanUuid).status).toBe('follower');
		const [upgradedBefore] = await db.query<FanRow>(`SELECT * FROM fans WHERE fanvue_user_uuid = $1`, [upgraded.fanUuid]);
		expect(upgradedBefore.status).toBe('follower');
		sb.resetRateLimits();

		const execution = await sync('third run (2 left, 1 upgraded, 1 new)');

		const status = async (uuid: string) =>
			(await db.query<{ status: string }>(`SELECT status FROM fans WHERE fanvue_user_uuid = $1`, [uuid]))[0]?.status;
		expect(await status(leaver.uuid)).toBe('expired');
		expect(await status(unfollower.uuid)).toBe('expired');
		expect(await status(upgraded.fanUuid)).toBe('subscriber');
		expect(await status(newcomer.fanUuid)).toBe('follower');
		const [upgradedAfter] = await db.query<FanRow>(`SELECT * FROM fans WHERE fanvue_user_uuid = $1`, [upgraded.fanUuid]);
		expect(upgradedAfter.id).toBe(upgradedBefore.id); // same row, first_seen_at kept
		expect(upgradedAfter.first_seen_at).toEqual(upgradedBefore.first_seen_at);

		const state = sb.state();
		expect(await countsByStatus()).toEqual({ subscriber: state.subscribers, follower: state.followers, expired: 2 });
		expect(nodeOutput(execution, 'Summary')[0]).toMatchObject({
			marked_expired: 2,
			subscribers: state.subscribers,
			followers: state.followers,
			expired: 2,
		});
	});

	test('a creator with no subscribers and no followers: the sync still finishes with a zero summary', async () => {
		const rest = instance().rest;
		const empty = await startFanvueSandbox({ seed: 6, fans: 0, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
		try {
			const emptyDb = await pg!.createDatabase();
			const pgCred = await rest.createCredential({ name: 'Postgres empty', type: 'postgres', data: emptyDb.n8nCredentialData() });
			const fvCred = await connectFanvueCredential(rest, empty, { name: 'Fanvue empty sandbox', scopeGroups: ['webhooks'] });
			const credentials = {
				postgres: { id: pgCred.id, name: pgCred.name },
				fanvueOAuth2Api: { id: fvCred.id, name: fvCred.name },
			};
			const setup = await importTemplate(rest, '01-setup-database.json', credentials);
			expect((await runWorkflowManually(rest, setup.id)).status).toBe('success');
			const wf = await importTemplate(rest, '05-sync-fans.json', credentials);
			const execution = await runWorkflowManually(rest, wf.id);
			expect(execution.errorMessage).toBeUndefined();
			expect(execution.status).toBe('success');
			expect(nodeOutput(execution, 'Summary')).toEqual([
				expect.objectContaining({ subscribers_listed: 0, followers_listed: 0, marked_expired: 0, fans_total: 0 }),
			]);
			expect(await emptyDb.query(`SELECT count(*)::int AS n FROM fans`)).toEqual([{ n: 0 }]);
			expect(await emptyDb.query(`SELECT fanvue_user_uuid FROM models`)).toEqual([{ fanvue_user_uuid: empty.creator.uuid }]);
		} finally {
			await empty.stop();
		}
	});
});

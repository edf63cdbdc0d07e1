/**
 * Template 01 "Fanvue: Set up the database" (workflows/01-setup-database.json), end to end:
 * a real n8n 2.41.1 with the packed package imports the template as shipped (only the Postgres
 * credential swapped) and runs it once through the editor's manual-run route
 * (POST /rest/workflows/:id/run, see harness/run-manually.ts) against a real PostgreSQL:
 *   - an empty database gets every table, column and index of the shared contract;
 *   - a second run succeeds and changes nothing;
 *   - an OnlyFans-era database keeps its rows (platform 'onlyfans'), new rows default to
 *     'fanvue', the fanvue_* id columns exist, and no column stores tokens.
 */
import {
	N8nInstance,
	PostgresDatabase,
	PostgresServer,
	TemplateStack,
	importTemplate,
	nodeOutput,
	readTemplate,
	startTemplateStack,
} from './harness';
import { runWorkflowManually } from './harness';
import {
	CONTRACT_COLUMNS,
	CONTRACT_TABLES,
	CONTRACT_UNIQUE_KEYS,
	ONLYFANS_ERA_FIXTURE,
	columnsOf,
	findUniqueIndex,
	indexesOf,
	rowCounts,
	SEEDED_ROWS,
	schemaSnapshot,
} from './templates/db-schema';

const TEMPLATE = '01-setup-database.json';

describe('template 01: set up the database (real n8n + PostgreSQL)', () => {
	let stack: TemplateStack | undefined;
	let n8n: N8nInstance | undefined;
	let pg: PostgresServer | undefined;

	beforeAll(async () => {
		// n8n + PostgreSQL only: every test creates its own database and runs template 01 itself.
		stack = await startTemplateStack({ sandbox: false, setUpDatabase: false, logName: 'templates-database' });
		({ n8n, pg } = stack);
	});

	afterAll(async () => {
		await stack?.stop('templates-database');
	});

	const instance = (): N8nInstance => {
		if (!n8n || !pg) throw new Error('n8n or PostgreSQL did not start (see beforeAll error)');
		return n8n;
	};

	/** A database, a Postgres credential for it, and template 01 imported with that credential. */
	async function setUp(db: PostgresDatabase) {
		const rest = instance().rest;
		const cred = await rest.createCredential({
			name: `Postgres ${db.database}`,
			type: 'postgres',
			data: db.n8nCredentialData(),
		});
		const wf = await importTemplate(rest, TEMPLATE, { postgres: { id: cred.id, name: cred.name } });
		return wf;
	}

	async function run(workflowId: string) {
		const execution = await runWorkflowManually(instance().rest, workflowId, { timeoutMs: 120_000 });
		expect(execution.errorMessage).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('manual');
		return execution;
	}

	test('the template is importable as shipped: manual trigger, Postgres nodes, no secrets, sticky notes', () => {
		const template = readTemplate(TEMPLATE) as any;
		expect(template.name).toBe('Fanvue: Set up the database');
		expect(template.id).toBe('FanvueTemplate01'); // for `n8n import:workflow --input=<file>`
		expect(template.settings).toEqual({ executionOrder: 'v1' });
		const types = template.nodes.map((node: any) => node.type);
		expect(types).toContain('n8n-nodes-base.manualTrigger');
		const pgNodes = template.nodes.filter((node: any) => node.type === 'n8n-nodes-base.postgres');
		expect(pgNodes.length).toBeGreaterThanOrEqual(2);
		for (const node of pgNodes) {
			expect(node.credentials).toEqual({ postgres: { id: 'REPLACE_ME', name: 'Postgres account' } });
			expect(node.parameters.operation).toBe('executeQuery');
		}
		const notes = template.nodes
			.filter((node: any) => node.type === 'n8n-nodes-base.stickyNote')
			.map((node: any) => node.parameters.content)
			.join('\n');
		expect(notes).toMatch(/re-run/i);
		expect(notes).toMatch(/token/i);
		expect(notes).toContain('Postgres account');
	});

	test('empty database: every table, column and index of the contract; a second run changes nothing', async () => {
		const db = await pg!.createDatabase();
		const wf = await setUp(db);
		const t0 = Date.now();
		const first = await run(wf.id);
		const firstMs = Date.now() - t0;

		// Columns: every contract column with its type.
		const columns = await columnsOf(db);
		for (const [table, expected] of Object.entries(CONTRACT_COLUMNS)) {
			const actual = Object.fromEntries(
				columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c.data_type]),
			);
			expect({ table, columns: actual }).toEqual({ table, columns: expected });
		}
		// Defaults the templates rely on.
		const col = (table: string, name: string) => columns.find((c) => c.table_name === table && c.column_name === name)!;
		for (const table of ['models', 'chats', 'messages']) expect(col(table, 'platform').column_default).toMatch(/'fanvue'/);
		expect(col('messages', 'has_media').column_default).toBe('false');
		expect(col('messages', 'attempts').column_default).toBe('0');
		expect(col('fans', 'model_id').is_nullable).toBe('NO');
		expect(col('fans', 'fanvue_user_uuid').is_nullable).toBe('NO');
		expect(col('tips', 'amount_cents').is_nullable).toBe('NO');
		expect(col('webhook_deliveries', 'event').is_nullable).toBe('NO');
		expect(col('fans', 'first_seen_at').column_default).toBe('now()');
		expect(col('mass_messages', 'sent_at').column_default).toBe('now()');

		// Unique keys (ON CONFLICT targets of the other templates) and lookup indexes.
		const indexes = await indexesOf(db);
		for (const key of CONTRACT_UNIQUE_KEYS) {
			expect({ key, index: findUniqueIndex(indexes, key)?.indexname ?? null }).toEqual({ key, index: expect.any(String) });
		}
		const defs = indexes.map((i) => i.indexdef);
		expect(defs).toContainEqual(expect.stringMatching(/ON public\.fans USING btree \(model_id, status\)/));
		expect(defs).toContainEqual(expect.stringMatching(/ON public\.messages USING btree \(chat_id, created_at\)/));
		expect(defs).toContainEqual(expect.stringMatching(/ON public\.messages USING btree \(direction, status\)/));
		for (const table of ['subscriptions', 'tips', 'purchases']) {
			expect(defs).toContainEqual(expect.stringMatching(new RegExp(`ON public\\.${table} USING btree \\(model_id\\)`)));
		}
		// The unique keys work as ON CONFLICT targets.
		await db.query(
			`INSERT INTO webhook_deliveries (event_id, event, payload) VALUES ('e1', 'tip.received', '{}') ON CONFLICT (event_id) DO NOTHING`,
		);
		const again = await db.query(
			`INSERT INTO webhook_deliveries (event_id, event, payload) VALUES ('e1', 'tip.received', '{}') ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
		);
		expect(again).toEqual([]);
		await db.query(`DELETE FROM webhook_deliveries`);

		// No token columns anywhere.
		expect(columns.filter((c) => /token/i.test(c.column_name))).toEqual([]);

		// The report node lists the tables it ensured.
		const report = nodeOutput(first, 'Report tables');
		expect(report.map((row) => row.table_name)).toEqual(CONTRACT_TABLES);
		for (const row of report) {
			expect(row.columns).toBe(Object.keys(CONTRACT_COLUMNS[row.table_name as string]).length);
			expect(row.rows).toBe(SEEDED_ROWS[row.table_name as string] ?? 0);
			expect(row.indexes).toBeGreaterThanOrEqual(1);
		}

		// Second run: succeeds, and the schema is exactly the same.
		const before = await schemaSnapshot(db);
		const t1 = Date.now();
		const second = await run(wf.id);
		const secondMs = Date.now() - t1;
		expect(await schemaSnapshot(db)).toEqual(before);
		expect(nodeOutput(second, 'Report tables')).toEqual(report);
		expect(await rowCounts(db)).toEqual(Object.fromEntries(CONTRACT_TABLES.map((t) => [t, SEEDED_ROWS[t] ?? 0])));
		// eslint-disable-next-line no-console
		console.log(`template 01 on an empty database: first run ${firstMs} ms, second run ${secondMs} ms`);
	});

	test('OnlyFans-era database: old rows kept as platform onlyfans, new rows fanvue, fanvue_* columns, no tokens', async () => {
		const db = await pg!.createDatabase();
		await db.query(ONLYFANS_ERA_FIXTURE);
		const oldModels = await db.query(`SELECT id, name, onlyfans_username, created_at FROM models ORDER BY id`);
		const oldChats = await db.query(`SELECT id, model_id, fan_username, created_at FROM chats ORDER BY id`);
		const oldMessages = await db.query(`SELECT id, chat_id, sender, body, created_at FROM messages ORDER BY id`);
		const wf = await setUp(db);
		const execution = await run(wf.id);

		// The old rows survive untouched, marked as OnlyFans rows.
		expect(await db.query(`SELECT id, name, onlyfans_username, created_at FROM models ORDER BY id`)).toEqual(oldModels);
		expect(await db.query(`SELECT id, model_id, fan_username, created_at FROM chats ORDER BY id`)).toEqual(oldChats);
		expect(await db.query(`SELECT id, chat_id, sender, body, created_at FROM messages ORDER BY id`)).toEqual(oldMessages);
		for (const table of ['models', 'chats', 'messages']) {
			expect(await db.query(`SELECT DISTINCT platform FROM ${table}`)).toEqual([{ platform: 'onlyfans' }]);
		}

		// Every contract column exists (the old serial ids and timestamps keep their types).
		const columns = await columnsOf(db);
		for (const [table, expected] of Object.entries(CONTRACT_COLUMNS)) {
			const names = columns.filter((c) => c.table_name === table).map((c) => c.column_name);
			expect({ table, missing: Object.keys(expected).filter((name) => !names.includes(name)) }).toEqual({ table, missing: [] });
		}
		const has = (table: string, name: string) => columns.some((c) => c.table_name === table && c.column_name === name);
		expect(has('models', 'fanvue_user_uuid')).toBe(true);
		expect(has('chats', 'fanvue_chat_user_uuid')).toBe(true);
		expect(has('messages', 'fanvue_message_uuid')).toBe(true);
		// The OnlyFans columns are still there.
		expect(has('models', 'onlyfans_username')).toBe(true);
		expect(has('chats', 'fan_username')).toBe(true);
		expect(has('messages', 'body')).toBe(true);
		expect(columns.filter((c) => /token/i.test(c.column_name))).toEqual([]);
		const indexes = await indexesOf(db);
		for (const key of CONTRACT_UNIQUE_KEYS) expect(findUniqueIndex(indexes, key)).toBeTruthy();

		// New rows without a platform are Fanvue rows, and fit although the OnlyFans columns were NOT NULL.
		const creator = 'c0000000-0000-4000-8000-000000000001';
		const [model] = await db.query<{ id: number; platform: string }>(
			`INSERT INTO models (fanvue_user_uuid, handle, display_name) VALUES ($1, 'anna', 'Anna') RETURNING id, platform`,
			[creator],
		);
		expect(model.platform).toBe('fanvue');
		const [chat] = await db.query<{ id: number; platform: string }>(
			`INSERT INTO chats (model_id, fanvue_chat_user_uuid) VALUES ($1, 'f0000000-0000-4000-8000-000000000001') RETURNING id, platform`,
			[model.id],
		);
		expect(chat.platform).toBe('fanvue');
		const [message] = await db.query<{ platform: string; has_media: boolean; attempts: number }>(
			`INSERT INTO messages (chat_id, fanvue_message_uuid, direction, text, status)
			 VALUES ($1, 'a0000000-0000-4000-8000-000000000001', 'in', 'hi', 'pending') RETURNING platform, has_media, attempts`,
			[chat.id],
		);
		expect(message).toEqual({ platform: 'fanvue', has_media: false, attempts: 0 });
		// The Fanvue unique keys hold next to the old rows.
		await expect(
			db.query(`INSERT INTO models (fanvue_user_uuid) VALUES ($1)`, [creator]),
		).rejects.toThrow(/duplicate key/);

		const report = nodeOutput(execution, 'Report tables');
		expect(report.find((row) => row.table_name === 'messages')?.rows).toBe(5);
		expect(report.find((row) => row.table_name === 'models')?.rows).toBe(2);

		// Running it again changes nothing: same schema, same rows, platforms kept.
		const before = await schemaSnapshot(db);
		const rowsBefore = await db.query(`SELECT * FROM models ORDER BY id`);
		await run(wf.id);
		expect(await schemaSnapshot(db)).toEqual(before);
		expect(await db.query(`SELECT * FROM models ORDER BY id`)).toEqual(rowsBefore);
		expect(await db.query(`SELECT platform, count(*)::int AS n FROM messages GROUP BY platform ORDER BY platform`)).toEqual([
			{ platform: 'fanvue', n: 1 },
			{ platform: 'onlyfans', n: 5 },
		]);
	});
});

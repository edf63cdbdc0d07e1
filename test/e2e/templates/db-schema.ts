// The PostgreSQL schema template 01 (workflows/01-setup-database.json) must create, as the
// shared contract describes it, and helpers to read what a database actually holds.
import type { PostgresDatabase } from '../harness';

/** table -> column -> information_schema.columns.data_type */
export const CONTRACT_COLUMNS: Record<string, Record<string, string>> = {
	models: {
		id: 'bigint',
		name: 'text',
		created_at: 'timestamp with time zone',
		platform: 'character varying',
		fanvue_user_uuid: 'uuid',
		handle: 'text',
		display_name: 'text',
		updated_at: 'timestamp with time zone',
	},
	chats: {
		id: 'bigint',
		created_at: 'timestamp with time zone',
		platform: 'character varying',
		model_id: 'bigint',
		fan_id: 'bigint',
		fanvue_chat_user_uuid: 'uuid',
		last_message_at: 'timestamp with time zone',
		ai_flag: 'character varying',
		ai_flag_reason: 'text',
		ai_flagged_at: 'timestamp with time zone',
		ai_cleared_at: 'timestamp with time zone',
		ai_history_from: 'timestamp with time zone',
	},
	messages: {
		id: 'bigint',
		created_at: 'timestamp with time zone',
		platform: 'character varying',
		chat_id: 'bigint',
		fanvue_message_uuid: 'uuid',
		direction: 'character varying',
		text: 'text',
		has_media: 'boolean',
		price_cents: 'integer',
		sent_at: 'timestamp with time zone',
		status: 'character varying',
		reply_to_message_id: 'bigint',
		attempts: 'integer',
		last_error: 'text',
		answered_at: 'timestamp with time zone',
		last_attempt_at: 'timestamp with time zone',
		stored_at: 'timestamp with time zone',
		hold_reason: 'text',
		send_anyway: 'boolean',
	},
	fans: {
		id: 'bigint',
		model_id: 'bigint',
		fanvue_user_uuid: 'uuid',
		handle: 'text',
		display_name: 'text',
		nickname: 'text',
		avatar_url: 'text',
		status: 'character varying',
		is_top_spender: 'boolean',
		registered_at: 'timestamp with time zone',
		first_seen_at: 'timestamp with time zone',
		updated_at: 'timestamp with time zone',
		autopilot: 'character varying',
	},
	subscriptions: {
		id: 'bigint',
		model_id: 'bigint',
		fan_id: 'bigint',
		price_cents: 'integer',
		started_at: 'timestamp with time zone',
		event_id: 'text',
		welcomed_at: 'timestamp with time zone',
	},
	tips: {
		id: 'bigint',
		model_id: 'bigint',
		fan_id: 'bigint',
		amount_cents: 'integer',
		context: 'text',
		post_uuid: 'uuid',
		message_uuid: 'uuid',
		received_at: 'timestamp with time zone',
		event_id: 'text',
		thanked_at: 'timestamp with time zone',
	},
	purchases: {
		id: 'bigint',
		model_id: 'bigint',
		fan_id: 'bigint',
		amount_cents: 'integer',
		post_uuid: 'uuid',
		route_uuid: 'uuid',
		received_at: 'timestamp with time zone',
		event_id: 'text',
	},
	mass_messages: {
		id: 'bigint',
		model_id: 'bigint',
		fanvue_mass_message_id: 'text',
		text: 'text',
		included_lists: 'jsonb',
		excluded_lists: 'jsonb',
		recipient_count: 'integer',
		sent_at: 'timestamp with time zone',
		status: 'character varying',
		error: 'text',
	},
	webhook_deliveries: {
		event_id: 'text',
		event: 'text',
		received_at: 'timestamp with time zone',
		payload: 'jsonb',
	},
	ai_settings: {
		id: 'smallint',
		ai_enabled: 'boolean',
		default_autopilot: 'character varying',
		persona: 'text',
		model: 'text',
		context_messages: 'integer',
		max_replies_per_hour: 'integer',
		max_replies_per_day: 'integer',
		allow_offers: 'boolean',
		max_reply_chars: 'integer',
		human_pause_minutes: 'integer',
		reply_delay_min_seconds: 'integer',
		reply_delay_max_seconds: 'integer',
		updated_at: 'timestamp with time zone',
		check_model: 'text',
		check_timeout_seconds: 'integer',
		model_check_attempts: 'integer',
	},
	ai_reply_rules: {
		name: 'text',
		pattern: 'text',
		reason: 'text',
		is_offer: 'boolean',
		enabled: 'boolean',
	},
	ai_conversation_messages: {
		id: 'integer',
		session_id: 'character varying',
		message: 'jsonb',
	},
	ai_handoff_rules: {
		name: 'text',
		pattern: 'text',
		reason: 'text',
		enabled: 'boolean',
	},
	ai_alerts: {
		id: 'bigint',
		created_at: 'timestamp with time zone',
		chat_id: 'bigint',
		message_id: 'bigint',
		kind: 'character varying',
		reason: 'text',
	},
	ai_replies: {
		id: 'bigint',
		created_at: 'timestamp with time zone',
		chat_id: 'bigint',
		message_id: 'bigint',
		seen_message_ids: 'jsonb',
		model: 'text',
		verdict: 'text',
		autopilot: 'character varying',
		reply_id: 'bigint',
		approved_by: 'text',
		sent_at: 'timestamp with time zone',
		approved_at: 'timestamp with time zone',
		reply_text: 'text',
		reply_normalized: 'text',
		sent_anyway: 'boolean',
		model_check: 'text',
	},
	ai_model_checks: {
		id: 'bigint',
		created_at: 'timestamp with time zone',
		message_id: 'bigint',
		checked: 'character varying',
		checked_text: 'text',
		verdict: 'character varying',
		detail: 'text',
	},
};

/** Rows template 01 writes itself: the settings row and the shipped reply-check and hand-off rules. */
// The shipped rules: 11 reply rules (link, handle, email, phone, off_platform, payment, meeting, minors,
// price, discount, free) and 9 hand-off intents (custom_request, meeting, refund, complaint, minor,
// age, self_harm, legal, threat).
export const SEEDED_ROWS: Record<string, number> = { ai_settings: 1, ai_reply_rules: 11, ai_handoff_rules: 9 };

export const CONTRACT_TABLES = Object.keys(CONTRACT_COLUMNS);

/**
 * Unique keys the templates rely on (ON CONFLICT targets): table, columns in order, and the
 * partial-index predicate column (IS NOT NULL) if any.
 */
export const CONTRACT_UNIQUE_KEYS: Array<{ table: string; columns: string[]; partialNotNull?: string }> = [
	{ table: 'models', columns: ['fanvue_user_uuid'], partialNotNull: 'fanvue_user_uuid' },
	{ table: 'chats', columns: ['model_id', 'fanvue_chat_user_uuid'], partialNotNull: 'fanvue_chat_user_uuid' },
	{ table: 'messages', columns: ['fanvue_message_uuid'], partialNotNull: 'fanvue_message_uuid' },
	{ table: 'fans', columns: ['model_id', 'fanvue_user_uuid'] },
	{ table: 'subscriptions', columns: ['event_id'] },
	{ table: 'tips', columns: ['event_id'] },
	{ table: 'purchases', columns: ['event_id'] },
	{ table: 'webhook_deliveries', columns: ['event_id'] },
];

export interface ColumnInfo {
	table_name: string;
	column_name: string;
	data_type: string;
	is_nullable: string;
	column_default: string | null;
}

export interface IndexInfo {
	tablename: string;
	indexname: string;
	indexdef: string;
}

export async function columnsOf(db: PostgresDatabase): Promise<ColumnInfo[]> {
	return await db.query<ColumnInfo>(
		`SELECT table_name, column_name, data_type, is_nullable, column_default
		   FROM information_schema.columns
		  WHERE table_schema = 'public'
		  ORDER BY table_name, column_name`,
	);
}

export async function indexesOf(db: PostgresDatabase): Promise<IndexInfo[]> {
	return await db.query<IndexInfo>(
		`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
	);
}

/** Everything about the schema that a re-run must not change. */
export async function schemaSnapshot(db: PostgresDatabase) {
	const tables = await db.query<{ table_name: string }>(
		`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
	);
	const constraints = await db.query(
		`SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
		   FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
	);
	return { tables, columns: await columnsOf(db), indexes: await indexesOf(db), constraints };
}

/** Does a unique index (or PK/unique constraint index) exist on exactly these columns? */
export function findUniqueIndex(indexes: IndexInfo[], key: (typeof CONTRACT_UNIQUE_KEYS)[number]): IndexInfo | undefined {
	const cols = `(${key.columns.join(', ')})`;
	return indexes.find(
		(index) =>
			index.tablename === key.table &&
			/^CREATE UNIQUE INDEX/.test(index.indexdef) &&
			index.indexdef.includes(`USING btree ${cols}`) &&
			(key.partialNotNull ? index.indexdef.includes(`WHERE (${key.partialNotNull} IS NOT NULL)`) : !/ WHERE /.test(index.indexdef)),
	);
}

/** Row counts of the given tables. */
export async function rowCounts(db: PostgresDatabase, tables: string[] = CONTRACT_TABLES): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of tables) {
		const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
		counts[table] = row.n;
	}
	return counts;
}

/**
 * An OnlyFans-era database as a user might bring it: serial ids, timestamps without time zone,
 * NOT NULL OnlyFans columns, a foreign key, a few rows.
 */
export const ONLYFANS_ERA_FIXTURE = `
CREATE TABLE models (
  id SERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  onlyfans_username TEXT NOT NULL UNIQUE,
  created_at TIMESTAMP DEFAULT now()
);
CREATE TABLE chats (
  id SERIAL PRIMARY KEY,
  model_id INTEGER NOT NULL REFERENCES models(id),
  fan_username TEXT NOT NULL,
  created_at TIMESTAMP DEFAULT now()
);
CREATE TABLE messages (
  id SERIAL PRIMARY KEY,
  chat_id INTEGER NOT NULL REFERENCES chats(id),
  sender TEXT NOT NULL,
  body TEXT,
  created_at TIMESTAMP DEFAULT now()
);
INSERT INTO models (name, onlyfans_username, created_at) VALUES
  ('Anna', 'anna_of', '2024-03-01 10:00'),
  ('Bella', 'bella_of', '2024-05-12 08:30');
INSERT INTO chats (model_id, fan_username, created_at) VALUES
  (1, 'bob_fan', '2024-03-02 11:00'),
  (1, 'carl_fan', '2024-03-03 12:00'),
  (2, 'dave_fan', '2024-05-13 09:00');
INSERT INTO messages (chat_id, sender, body, created_at) VALUES
  (1, 'fan', 'hi Anna', '2024-03-02 11:01'),
  (1, 'model', 'hey Bob!', '2024-03-02 11:05'),
  (2, 'fan', 'new here', '2024-03-03 12:01'),
  (3, 'fan', 'hello', '2024-05-13 09:01'),
  (3, 'model', 'welcome', '2024-05-13 09:10');
`;

-- The shared schema contract (/tmp/issue5-shared.md), used by the AI template tests only until
-- workflows/01-setup-database.json exists (the tests run template 01 when it is there).
CREATE TABLE IF NOT EXISTS models (id BIGSERIAL PRIMARY KEY, name TEXT, created_at TIMESTAMPTZ DEFAULT now());
ALTER TABLE models ADD COLUMN IF NOT EXISTS platform VARCHAR(20) DEFAULT 'onlyfans';
ALTER TABLE models ALTER COLUMN platform SET DEFAULT 'fanvue';
ALTER TABLE models ADD COLUMN IF NOT EXISTS fanvue_user_uuid UUID;
ALTER TABLE models ADD COLUMN IF NOT EXISTS handle TEXT;
ALTER TABLE models ADD COLUMN IF NOT EXISTS display_name TEXT;
ALTER TABLE models ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ DEFAULT now();
CREATE UNIQUE INDEX IF NOT EXISTS models_fanvue_user_uuid_key ON models (fanvue_user_uuid) WHERE fanvue_user_uuid IS NOT NULL;

CREATE TABLE IF NOT EXISTS chats (id BIGSERIAL PRIMARY KEY, created_at TIMESTAMPTZ DEFAULT now());
ALTER TABLE chats ADD COLUMN IF NOT EXISTS platform VARCHAR(20) DEFAULT 'onlyfans';
ALTER TABLE chats ALTER COLUMN platform SET DEFAULT 'fanvue';
ALTER TABLE chats ADD COLUMN IF NOT EXISTS model_id BIGINT;
ALTER TABLE chats ADD COLUMN IF NOT EXISTS fan_id BIGINT;
ALTER TABLE chats ADD COLUMN IF NOT EXISTS fanvue_chat_user_uuid UUID;
ALTER TABLE chats ADD COLUMN IF NOT EXISTS last_message_at TIMESTAMPTZ;
CREATE UNIQUE INDEX IF NOT EXISTS chats_model_fan_key ON chats (model_id, fanvue_chat_user_uuid) WHERE fanvue_chat_user_uuid IS NOT NULL;

CREATE TABLE IF NOT EXISTS messages (id BIGSERIAL PRIMARY KEY, created_at TIMESTAMPTZ DEFAULT now());
ALTER TABLE messages ADD COLUMN IF NOT EXISTS platform VARCHAR(20) DEFAULT 'onlyfans';
ALTER TABLE messages ALTER COLUMN platform SET DEFAULT 'fanvue';
ALTER TABLE messages ADD COLUMN IF NOT EXISTS chat_id BIGINT;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS fanvue_message_uuid UUID;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS direction VARCHAR(8);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS text TEXT;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS has_media BOOLEAN DEFAULT false;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS price_cents INTEGER;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS sent_at TIMESTAMPTZ;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS status VARCHAR(16);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS reply_to_message_id BIGINT;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS attempts INTEGER DEFAULT 0;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS last_error TEXT;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS answered_at TIMESTAMPTZ;
CREATE UNIQUE INDEX IF NOT EXISTS messages_fanvue_message_uuid_key ON messages (fanvue_message_uuid) WHERE fanvue_message_uuid IS NOT NULL;

CREATE TABLE IF NOT EXISTS fans (
	id BIGSERIAL PRIMARY KEY, model_id BIGINT NOT NULL, fanvue_user_uuid UUID NOT NULL, handle TEXT,
	display_name TEXT, nickname TEXT, avatar_url TEXT, status VARCHAR(16), is_top_spender BOOLEAN,
	registered_at TIMESTAMPTZ, first_seen_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now(),
	UNIQUE (model_id, fanvue_user_uuid));
CREATE TABLE IF NOT EXISTS subscriptions (id BIGSERIAL PRIMARY KEY, model_id BIGINT, fan_id BIGINT, price_cents INTEGER,
	started_at TIMESTAMPTZ, event_id TEXT UNIQUE, welcomed_at TIMESTAMPTZ);
CREATE TABLE IF NOT EXISTS tips (id BIGSERIAL PRIMARY KEY, model_id BIGINT, fan_id BIGINT, amount_cents INTEGER NOT NULL,
	context TEXT, post_uuid UUID, message_uuid UUID, received_at TIMESTAMPTZ, event_id TEXT UNIQUE, thanked_at TIMESTAMPTZ);
CREATE TABLE IF NOT EXISTS purchases (id BIGSERIAL PRIMARY KEY, model_id BIGINT, fan_id BIGINT, amount_cents INTEGER,
	post_uuid UUID, route_uuid UUID, received_at TIMESTAMPTZ, event_id TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS mass_messages (id BIGSERIAL PRIMARY KEY, model_id BIGINT, fanvue_mass_message_id TEXT, text TEXT,
	included_lists JSONB, excluded_lists JSONB, recipient_count INTEGER, sent_at TIMESTAMPTZ DEFAULT now(),
	status VARCHAR(16), error TEXT);
CREATE TABLE IF NOT EXISTS webhook_deliveries (event_id TEXT PRIMARY KEY, event TEXT NOT NULL,
	received_at TIMESTAMPTZ DEFAULT now(), payload JSONB);

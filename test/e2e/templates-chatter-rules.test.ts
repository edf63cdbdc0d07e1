/**
 * The AI chatter's rules as template 01 creates them, run in a real PostgreSQL (no n8n): the reply
 * check ai_reply_check() with the shipped ai_reply_rules, the hand-off rules and ai_decide(), the
 * one decision templates 02 and 07 share. Each case is a sentence a fan or the model could write,
 * with what a person reading it would decide (held or not, handed off or not): the rules must
 * catch what they are for and leave everyday words alone ("your kids", an order number, "nice to
 * meet you").
 */
import { templateQuery, useTemplateDatabase } from './harness';

/** Template 01's migration script, exactly as shipped. */
const setupScript = (): string =>
	templateQuery('01-setup-database.json', 'Create or migrate tables');

describe('template 01: the reply check, the hand-off rules and ai_decide() in PostgreSQL', () => {
	const db = useTemplateDatabase();

	const check = async (reply: string): Promise<string | null> =>
		(await db.query<{ verdict: string | null }>('SELECT ai_reply_check($1) AS verdict', [reply]))[0].verdict;

	test.each([
		['Call me on +44 7700 900123 😘', 'contains a phone number'],
		['text me at (555) 123-4567', 'contains a phone number'],
		['my number is 555-123-4567', 'contains a phone number'],
		['appelle-moi au 06 12 34 56 78', 'contains a phone number'],
		['Your order 123456789012 is on its way 💕', null],
		['I noted ticket 20240501123, babe', null],
		['Next set drops on 2024-05-01 😘', null],
	])('phone numbers: %j -> %j', async (reply, verdict) => {
		expect(await check(reply)).toBe(verdict);
	});

	test.each([
		["I'm only 16 years old", 'mentions minors'],
		['she is a minor', 'mentions minors'],
		['my schoolgirl outfit', 'mentions minors'],
		['nothing underage here', 'mentions minors'],
		['Have fun with your kids tonight! 😊', null],
		['Say hi to the children for me', null],
		["That's just a minor detail, babe", null],
	])('minors: %j -> %j', async (reply, verdict) => {
		expect(await check(reply)).toBe(verdict);
	});

	/** A new fan message in a chat of its own, as template 02 stores it. */
	async function storeFanMessage(text: string, status = 'pending') {
		const [row] = await db.query<{ id: string; chat_id: string }>(
			`WITH model AS (INSERT INTO models (fanvue_user_uuid) VALUES (gen_random_uuid()) RETURNING id),
			 fan AS (INSERT INTO fans (model_id, fanvue_user_uuid) SELECT id, gen_random_uuid() FROM model RETURNING id, model_id, fanvue_user_uuid),
			 chat AS (INSERT INTO chats (model_id, fan_id, fanvue_chat_user_uuid) SELECT model_id, id, fanvue_user_uuid FROM fan RETURNING id)
			 INSERT INTO messages (chat_id, direction, text, status) SELECT id, 'in', $1, $2 FROM chat RETURNING id, chat_id`,
			[text, status],
		);
		return { id: Number(row.id), chatId: Number(row.chat_id) };
	}

	async function decide(messageId: number, claimedStatus = 'pending', creatorMessages: unknown[] = []) {
		return db.query<any>('SELECT * FROM ai_decide($1, $2, $3::json)', [messageId, claimedStatus, JSON.stringify(creatorMessages)]);
	}

	test.each([
		['Nice to meet you, Mia!', null],
		["I'm 15 minutes late, sorry", null],
		['My friend Sue says hi', null],
		['We played on the basketball court all day', null],
		["I'm 15", 'hand-off: may be a minor'],
		['How old are you?', 'hand-off: talks about age'],
		['Can we meet tonight?', 'hand-off: wants to meet'],
		['I want a refund', 'hand-off: asks for a refund'],
		['I will sue you', 'hand-off: raises a legal matter'],
		['Can you make a custom video for me?', 'hand-off: asks for custom content'],
	])('hand-off: %j -> %j', async (text, reason) => {
		const message = await storeFanMessage(text);
		const [decision] = await decide(message.id);
		expect([decision.skip_reason, decision.handoff]).toEqual([reason, reason ? true : null]);
		const [chat] = await db.query<any>('SELECT ai_flag FROM chats WHERE id = $1', [message.chatId]);
		expect(chat.ai_flag).toBe(reason ? 'needs_human' : null);
		expect(await db.query('SELECT reason FROM ai_alerts WHERE message_id = $1', [message.id])).toEqual(reason ? [{ reason }] : []);
	});

	test('ai_decide() answers only a message held in the status the caller claimed, and says what the templates need', async () => {
		const message = await storeFanMessage('Hi there', 'retrying');
		expect(await decide(message.id, 'pending')).toEqual([]);
		const [settings] = await db.query<any>('SELECT * FROM ai_settings');
		expect(await decide(message.id, 'retrying')).toEqual([
			{
				message_id: String(message.id),
				chat_id: String(message.chatId),
				fan_text: 'Hi there',
				autopilot: 'draft',
				skip_reason: null,
				handoff: null,
				persona: settings.persona,
				model: settings.model,
				context_messages: settings.context_messages,
				reply_delay_min_seconds: settings.reply_delay_min_seconds,
				reply_delay_max_seconds: settings.reply_delay_max_seconds,
				session_id: `fanvue-reply-${message.id}`,
			},
		]);
	});

	test('ai_decide(): a newer fan message supersedes; a creator message the templates did not send pauses the AI', async () => {
		const first = await storeFanMessage('hey');
		await db.query("INSERT INTO messages (chat_id, direction, text, status) VALUES ($1, 'in', 'still there?', 'pending')", [first.chatId]);
		const [superseded] = await decide(first.id);
		expect(superseded.skip_reason).toMatch(/^superseded/);
		expect((await db.query<any>('SELECT status FROM messages WHERE id = $1', [first.id]))[0].status).toBe('superseded');

		const paused = await storeFanMessage('is it really you?');
		const byHand = { uuid: '00000000-0000-4000-8000-00000000a001', text: 'It is me, writing myself', sentAt: new Date().toISOString() };
		const [decision] = await decide(paused.id, 'pending', [byHand]);
		expect(decision.skip_reason).toBe('paused: you wrote this fan by hand in the last 60 minutes');
		expect((await db.query<any>('SELECT status FROM messages WHERE id = $1', [paused.id]))[0].status).toBe('skipped');
	});

	test('running template 01 again replaces the shipped patterns that misfired, keeps a pattern the user changed', async () => {
		const upgraded = await db.server().createDatabase();
		await upgraded.query(setupScript());
		// An install made before the fix: the old shipped phone pattern, and a minors rule the
		// creator rewrote themselves.
		await upgraded.query("UPDATE ai_reply_rules SET pattern = '\\+?[0-9][0-9 ().-]{7,}[0-9]' WHERE name = 'phone'");
		await upgraded.query("UPDATE ai_reply_rules SET pattern = '\\mmy own rule\\M' WHERE name = 'minors'");
		const verdict = async (reply: string) =>
			(await upgraded.query<{ verdict: string | null }>('SELECT ai_reply_check($1) AS verdict', [reply]))[0].verdict;
		expect(await verdict('Your order 123456789012 is on its way')).toBe('contains a phone number');

		await upgraded.query(setupScript());
		expect(await verdict('Your order 123456789012 is on its way')).toBeNull();
		expect(await verdict('my number is 555-123-4567')).toBe('contains a phone number');
		expect(await verdict('this is my own rule')).toBe('mentions minors');
	});
});

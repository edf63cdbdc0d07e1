/**
 * The last gate before an AI reply goes out (template 01's ai_claim_for_send, called by template
 * 02's "Claim Message" right before the send) and the hand-off that a burst of fan messages must
 * not lose (ai_decide). Run as shipped in a real PostgreSQL with template 01's schema (no n8n).
 *
 * What the run saw before its typing delay and model call is no longer true when it sends: the
 * creator switched the AI off, put the fan on 'off' or 'draft', flagged the chat, the fan wrote
 * again or wrote "I'm 15" in the message before, or the creator wrote the fan by hand. Each case
 * changes one thing after the message was decided and expects the claim to refuse, with the
 * gate's reason on the audit row and the message in the state the templates move on from.
 */
import { randomUUID } from 'node:crypto';

import { Client } from 'pg';

import { chatRows, templateQuery, useTemplateDatabase } from './harness';
import type { ChatRow } from './harness';

const AUTO_REPLY = '02-ai-auto-reply.json';

describe('template 01: the gates are read again right before the send', () => {
	const db = useTemplateDatabase();

	beforeAll(async () => {
		await db.query(`UPDATE ai_settings SET default_autopilot = 'auto', human_pause_minutes = 60 WHERE id = 1`);
	});

	const { newChat, fanWrites, modelChecksPass } = chatRows(db);
	type Chat = ChatRow;

	const decide = async (messageId: number, creatorMessages: unknown[] = []) =>
		(await db.query<{ skip_reason: string | null; handoff: boolean }>(templateQuery(AUTO_REPLY, 'Decide'), [messageId, JSON.stringify(creatorMessages), '[]']))[0];

	/** 02's "Check Reply" for a passing reply, and (unless told not to) both model checks passing: the run's audit row. */
	async function checkReply(messageId: number, { modelChecks = true } = {}): Promise<number> {
		const [row] = await db.query<{ audit_id: string }>(templateQuery(AUTO_REPLY, 'Check Reply'), ['Movie night! 🍿', `s-${randomUUID()}`, 'auto', messageId, '[]', 'test-model']);
		if (modelChecks) await modelChecksPass(messageId, Number(row.audit_id));
		return Number(row.audit_id);
	}

	/** 02's "Claim Message" as shipped: a row only when the run may send (without its claim time). */
	const claim = async (messageId: number, audit: number, creatorMessages: unknown[] | null = []) =>
		(
			await db.query<{ message_id: string; claimed_at: string }>(templateQuery(AUTO_REPLY, 'Claim Message'), [
				messageId,
				creatorMessages === null ? null : JSON.stringify(creatorMessages),
				audit,
			])
		).map(({ message_id }) => ({ message_id }));

	const messageRow = async (id: number) =>
		(await db.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM messages WHERE id = $1', [id]))[0];
	const auditVerdict = async (id: number) => (await db.query<{ verdict: string }>('SELECT verdict FROM ai_replies WHERE id = $1', [id]))[0].verdict;
	const chatFlag = async (chat: Chat) =>
		(await db.query<{ ai_flag: string | null }>('SELECT ai_flag FROM chats WHERE id = $1', [chat.chatId]))[0].ai_flag;
	const alerts = async (chat: Chat) => (await db.query('SELECT 1 FROM ai_alerts WHERE chat_id = $1', [chat.chatId])).length;

	/** A fan message decided (to be answered) and its reply checked: the state of a run in its delay. */
	async function inFlight(text = 'What are you up to tonight?') {
		const chat = await newChat();
		const messageId = await fanWrites(chat, text);
		expect((await decide(messageId)).skip_reason).toBeNull();
		const audit = await checkReply(messageId);
		return { chat, messageId, audit };
	}

	test('nothing changed: the message is claimed for the send', async () => {
		const { messageId, audit } = await inFlight();
		expect(await claim(messageId, audit)).toEqual([{ message_id: String(messageId) }]);
		expect(await messageRow(messageId)).toMatchObject({ status: 'sending', last_error: null });
		expect(await auditVerdict(audit)).toBe('passed');
	});

	test.each([
		['the global switch turned off', 'skipped', `UPDATE ai_settings SET ai_enabled = false WHERE id = 1`, /^the AI is switched off/],
		['the fan put on autopilot off', 'skipped', `UPDATE fans SET autopilot = 'off' WHERE id = (SELECT fan_id FROM chats WHERE id = $1)`, /^autopilot is off/],
		['the fan put on autopilot draft', 'pending', `UPDATE fans SET autopilot = 'draft' WHERE id = (SELECT fan_id FROM chats WHERE id = $1)`, /^autopilot is no longer auto/],
		['the chat flagged for a person', 'skipped', `UPDATE chats SET ai_flag = 'needs_human' WHERE id = $1`, /^the chat waits for you/],
	])('during the delay, %s: nothing is claimed, the message is %s, the audit row says why', async (_what, status, change, reason) => {
		const { chat, messageId, audit } = await inFlight();
		await db.query(change, change.includes('$1') ? [chat.chatId] : []);
		try {
			expect(await claim(messageId, audit)).toEqual([]);
			expect(await messageRow(messageId)).toMatchObject({ status, last_error: expect.stringMatching(reason) });
			expect(await auditVerdict(audit)).toMatch(new RegExp(`^not sent: ${reason.source.slice(1)}`));
		} finally {
			await db.query(`UPDATE ai_settings SET ai_enabled = true WHERE id = 1`);
		}
	});

	test('the creator wrote the fan by hand during the delay (the chat read right before the send shows it): nothing is claimed', async () => {
		const { chat, messageId, audit } = await inFlight();
		const byHand = { uuid: randomUUID(), text: 'Hey you, give me a minute 💕', sentAt: new Date().toISOString() };
		expect(await claim(messageId, audit, [byHand])).toEqual([]);
		expect(await messageRow(messageId)).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/^paused: you wrote this fan by hand/) });
		expect(await chatFlag(chat)).toBeNull();
	});

	test('the chat could not be read right before the send: the reply is held, the message left for template 07 with one more attempt', async () => {
		const { messageId, audit } = await inFlight();
		expect(await claim(messageId, audit, null)).toEqual([]);
		expect(await messageRow(messageId)).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/could not be read/) });
		// (so that 07 gives up after maxAttempts rather than calling the model every run)
		expect((await db.query<any>('SELECT attempts FROM messages WHERE id = $1', [messageId]))[0].attempts).toBe(1);
	});

	test('the fan wrote again during the delay: this reply is superseded, the newer message is answered', async () => {
		const { chat, messageId, audit } = await inFlight();
		const newer = await fanWrites(chat, 'hello??', 1);
		expect(await claim(messageId, audit)).toEqual([]);
		expect((await messageRow(messageId)).status).toBe('superseded');
		expect((await decide(newer)).skip_reason).toBeNull();
	});

	test('two messages stored the other way round (queue mode): the one sent later is answered, the earlier one superseded', async () => {
		const chat = await newChat();
		const sentLater = await fanWrites(chat, 'and what are you doing tomorrow?', 10);
		const sentEarlier = await fanWrites(chat, 'hey babe', 30);
		expect((await decide(sentEarlier)).skip_reason).toMatch(/^superseded/);
		expect((await decide(sentLater)).skip_reason).toBeNull();
		const audit = await checkReply(sentLater);
		expect(await claim(sentLater, audit)).toEqual([{ message_id: String(sentLater) }]);
	});

	describe('the claim needs a recorded pass of both model checks, for the burst and the reply as they are now', () => {
		const HELD = /^the model checks have not passed/;
		const recordFanMessages = (messageId: number, text: string, categories: string | null, error: string | null = null) =>
			db.query(templateQuery(AUTO_REPLY, 'Record Fan Messages Check'), [messageId, null, text, categories, error]);

		test('no verdict recorded (a run that skipped its checks): not claimed, the message left for template 07', async () => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'What are you up to tonight?');
			expect((await decide(messageId)).skip_reason).toBeNull();
			const audit = await checkReply(messageId, { modelChecks: false });
			expect(await claim(messageId, audit)).toEqual([]);
			expect(await messageRow(messageId)).toMatchObject({ status: 'pending', last_error: expect.stringMatching(HELD) });
			expect(await auditVerdict(audit)).toMatch(/^not sent: the model checks have not passed/);
		});

		test('the passes were for a burst without a fan message delivered late since: not claimed', async () => {
			const { chat, messageId, audit } = await inFlight();
			await fanWrites(chat, 'are you there?', 90); // sent before, stored after the checks
			expect(await claim(messageId, audit)).toEqual([]);
			expect(await messageRow(messageId)).toMatchObject({ status: 'pending', last_error: expect.stringMatching(HELD) });
		});

		test('the newest verdict counts: a pass followed by a check without a verdict is not a pass', async () => {
			const { messageId, audit } = await inFlight();
			const [input] = await db.query<{ fan_messages: string }>(templateQuery(AUTO_REPLY, 'Fan Messages to Check'), [messageId, null]);
			await recordFanMessages(messageId, input.fan_messages, null, 'the model timed out');
			expect(await claim(messageId, audit)).toEqual([]);
		});

		test('a pass for another reply text does not count', async () => {
			const { messageId, audit } = await inFlight();
			await db.query(`UPDATE ai_replies SET reply_text = 'Movie night at mine, here is my number 😘' WHERE id = $1`, [audit]);
			expect(await claim(messageId, audit)).toEqual([]);
		});

		test('an intent the classifier found hands the chat to you: skipped, flagged, one alert with the rule\'s reason', async () => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'mi mamá revisa mi teléfono cada noche');
			expect((await decide(messageId)).skip_reason).toBeNull();
			const [input] = await db.query<{ fan_messages: string }>(templateQuery(AUTO_REPLY, 'Fan Messages to Check'), [messageId, null]);
			const [recorded] = await recordFanMessages(messageId, input.fan_messages, '["minor"]');
			expect(recorded).toMatchObject({ passed: false, handoff: true, skip_reason: expect.stringMatching(/^hand-off: may be a minor.*\(the model check\)$/) });
			expect(await messageRow(messageId)).toMatchObject({ status: 'skipped' });
			expect(await chatFlag(chat)).toBe('needs_human');
			expect(await alerts(chat)).toBe(1);
		});

		test('checks that got no answer at all count too: after model_check_attempts, the next run hands the chat to you instead of asking again', async () => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'What are you up to tonight?');
			const attempts = Number((await db.query<{ n: number }>('SELECT model_check_attempts AS n FROM ai_settings WHERE id = 1'))[0].n);
			const ask = () => db.query<{ fan_messages: string }>(templateQuery(AUTO_REPLY, 'Fan Messages to Check'), [messageId, null]);
			// Each time the classifier drops the item: no verdict is recorded, the check stays 'asked'.
			for (let attempt = 1; attempt <= attempts; attempt++) expect(await ask()).toHaveLength(1);
			expect(await ask()).toEqual([]);
			expect(await messageRow(messageId)).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(new RegExp(`^hand-off: the model checks gave no verdict ${attempts} times`)) });
			expect(await chatFlag(chat)).toBe('needs_human');
			expect(await alerts(chat)).toBe(1);
		});

		test('only the first answer to a check acts (n8n runs the recording once per classifier output that holds the item): one hand-off, one alert', async () => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'What are you up to tonight?');
			const [input] = await db.query<{ fan_messages: string }>(templateQuery(AUTO_REPLY, 'Fan Messages to Check'), [messageId, null]);
			// The recording node reads every output of the classifier, on each of its runs.
			const [first] = await recordFanMessages(messageId, input.fan_messages, '["minor"]');
			const [second] = await recordFanMessages(messageId, input.fan_messages, '["minor"]');
			expect(first).toMatchObject({ passed: false, handoff: true });
			expect(second).toMatchObject({ passed: false, handoff: false, skip_reason: 'this check was answered already' });
			expect(await alerts(chat)).toBe(1);
		});

		test('a verdict goes to the check written down when the model was asked', async () => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'What are you up to tonight?');
			const [input] = await db.query<{ fan_messages: string }>(templateQuery(AUTO_REPLY, 'Fan Messages to Check'), [messageId, null]);
			await recordFanMessages(messageId, input.fan_messages, '[]');
			expect(await db.query('SELECT verdict FROM ai_model_checks WHERE message_id = $1', [messageId])).toEqual([{ verdict: 'pass' }]);
		});

		test.each([
			['the item the Guardrails node passes on unchanged when it fails as a whole', (_text: string) => ({ held_reason: null, send_now: true, audit_id: '1' })],
			['an answer about another text', (_text: string) => ({ guardrailsInput: 'another reply', checks: [{ name: 'Off-platform', triggered: false }] })],
			['an answer with no checks', (text: string) => ({ guardrailsInput: text, checks: [] })],
			['a check that failed to run', (text: string) => ({ guardrailsInput: text, checks: [{ name: 'Off-platform', triggered: true, executionFailed: true, exception: { description: 'timeout' } }] })],
		])('the reply check takes %s as no verdict, whichever output it came from', async (_what, answer) => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'What are you up to tonight?');
			const audit = await checkReply(messageId, { modelChecks: false });
			const [reply] = await db.query<{ text: string }>('SELECT reply_text AS text FROM ai_replies WHERE id = $1', [audit]);
			const [recorded] = await db.query<any>(templateQuery(AUTO_REPLY, 'Record Reply Check'), [messageId, null, audit, reply.text, JSON.stringify(answer(reply.text))]);
			expect(recorded).toMatchObject({ passed: false, skip_reason: expect.stringMatching(/^the check of the reply gave no verdict/) });
			expect(await messageRow(messageId)).toMatchObject({ status: 'pending' });
		});

		test('checks without a verdict: the message back for template 07 each time, the chat handed to you after model_check_attempts', async () => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'What are you up to tonight?');
			const attempts = Number((await db.query<{ n: number }>('SELECT model_check_attempts AS n FROM ai_settings WHERE id = 1'))[0].n);
			for (let attempt = 1; attempt <= attempts; attempt++) {
				const [input] = await db.query<{ fan_messages: string }>(templateQuery(AUTO_REPLY, 'Fan Messages to Check'), [messageId, null]);
				const [recorded] = await recordFanMessages(messageId, input.fan_messages, null, 'the model timed out');
				expect(recorded.passed).toBe(false);
				expect(recorded.handoff).toBe(attempt === attempts);
				expect((await messageRow(messageId)).status).toBe(attempt === attempts ? 'skipped' : 'pending');
			}
			expect(await chatFlag(chat)).toBe('needs_human');
			expect(await alerts(chat)).toBe(1);
		});
	});

	test('a run that lost its claim changes nothing of the message', async () => {
		const { messageId, audit } = await inFlight();
		await db.query(`UPDATE messages SET status = 'retrying', last_attempt_at = now() WHERE id = $1`, [messageId]);
		expect(await claim(messageId, audit)).toEqual([]);
		expect((await messageRow(messageId)).status).toBe('retrying');
		expect(await auditVerdict(audit)).toMatch(/^not sent: the claim was lost/);
	});

	describe('one fan message, one reply: 02 and 07 cannot both answer it', () => {
		const RETRY = '07-retry-unanswered-messages.json';
		/** "Save Draft" of 02 (no claim time) or 07 (under its claim `claimedAt`). */
		const saveDraft = (file: string, messageId: number, audit: number, claimedAt: string | null = null) =>
			db.query<{ draft_id: string }>(templateQuery(file, 'Save Draft'), [messageId, 'Kept for review 😘', 'autopilot draft', audit, ...(claimedAt ? [claimedAt] : [])]);
		const liveReplies = async (messageId: number) =>
			(await db.query(`SELECT 1 FROM messages WHERE reply_to_message_id = $1 AND direction = 'out' AND status IN ('draft', 'approved', 'sending', 'sent', 'unknown')`, [messageId])).length;
		/** Template 07 takes the message over, as "Claim Unanswered Messages" does: its claim time. */
		const claimedBy07 = async (messageId: number) =>
			(await db.query<{ claimed_at: string }>(`UPDATE messages SET status = 'retrying', last_attempt_at = now() WHERE id = $1 RETURNING last_attempt_at::text AS claimed_at`, [messageId]))[0]
				.claimed_at;

		test('02, slow, saves a draft for a message 07 answered meanwhile: no draft is stored', async () => {
			const { messageId, audit } = await inFlight();
			await db.query(`UPDATE messages SET status = 'answered' WHERE id = $1`, [messageId]);
			expect(await saveDraft(AUTO_REPLY, messageId, audit)).toEqual([]);
			expect(await liveReplies(messageId)).toBe(0);
		});

		test('autopilot draft: 07 took the message over while 02 wrote, and both save a draft: one draft', async () => {
			const { messageId, audit } = await inFlight();
			const claimedAt = await claimedBy07(messageId);
			const audit07 = await checkReply(messageId, { modelChecks: false }); // (02's check SQL records nothing for a message 07 holds)
			expect(await saveDraft(RETRY, messageId, audit07, claimedAt)).toHaveLength(1);
			expect(await saveDraft(AUTO_REPLY, messageId, audit)).toEqual([]);
			expect(await liveReplies(messageId)).toBe(1);
			// and the other order: 02 first, then 07 (whose claim came later)
			const second = await inFlight();
			expect(await saveDraft(AUTO_REPLY, second.messageId, second.audit)).toHaveLength(1);
			const secondClaim = await claimedBy07(second.messageId);
			expect(await saveDraft(RETRY, second.messageId, await checkReply(second.messageId, { modelChecks: false }), secondClaim)).toEqual([]);
			expect(await liveReplies(second.messageId)).toBe(1);
		});

		test("07's held draft handed the message back 'pending' while 02's model wrote: 02's claim refuses, no second reply", async () => {
			const { messageId, audit } = await inFlight();
			const claimedAt = await claimedBy07(messageId);
			expect(await saveDraft(RETRY, messageId, await checkReply(messageId, { modelChecks: false }), claimedAt)).toHaveLength(1);
			expect((await messageRow(messageId)).status).toBe('pending');
			expect(await claim(messageId, audit)).toEqual([]);
			expect(await auditVerdict(audit)).toMatch(/^not sent: the claim was lost/);
			expect(await liveReplies(messageId)).toBe(1);
		});

		test.each(['Save Draft', 'Record Failure'])("02's %s leaves a message 07 holds with 07", async (node) => {
			const { messageId, audit } = await inFlight();
			await claimedBy07(messageId);
			const params = node === 'Save Draft' ? [messageId, 'Kept for review 😘', 'autopilot draft', audit] : [messageId, 'the model failed (e2e)', null];
			await db.query(templateQuery(AUTO_REPLY, node), params);
			expect((await messageRow(messageId)).status).toBe('retrying');
			expect(await liveReplies(messageId)).toBe(0);
		});
	});

	describe('a hand-off is sticky across a burst', () => {
		test("\"I'm 15\" then \"hey?\", both stored before either is decided: the first is handed off, not superseded; the second waits for you", async () => {
			const chat = await newChat();
			const first = await fanWrites(chat, "I'm 15 btw", 30);
			const second = await fanWrites(chat, 'hey? you there', 20);
			expect(await decide(first)).toMatchObject({ handoff: true, skip_reason: expect.stringMatching(/^hand-off: may be a minor/) });
			expect(await chatFlag(chat)).toBe('needs_human');
			expect((await decide(second)).skip_reason).toMatch(/^the chat waits for you/);
			expect(await alerts(chat)).toBe(1);
		});

		test('a phrase split over two messages ("I want my money" + "back. now."): the newest message is handed off on the burst', async () => {
			const chat = await newChat();
			const first = await fanWrites(chat, 'I want my money', 30);
			const second = await fanWrites(chat, 'back. now.', 20);
			expect((await decide(first)).skip_reason).toMatch(/^superseded/);
			expect(await decide(second)).toMatchObject({ handoff: true, skip_reason: expect.stringMatching(/asks for a refund/) });
			expect(await chatFlag(chat)).toBe('needs_human');
		});

		test('a hand-off rule the creator adds while a reply waits in its delay applies to that reply', async () => {
			const { chat, messageId, audit } = await inFlight('can you sing me happy birthday tomorrow?');
			await db.query(`INSERT INTO ai_handoff_rules (name, pattern, reason) VALUES ('birthday', '\\mbirthday\\M', 'asks for a birthday greeting')`);
			try {
				expect(await claim(messageId, audit)).toEqual([]);
				expect(await messageRow(messageId)).toMatchObject({ status: 'skipped', last_error: 'hand-off: asks for a birthday greeting' });
				expect(await chatFlag(chat)).toBe('needs_human');
				expect(await alerts(chat)).toBe(1);
			} finally {
				await db.query(`DELETE FROM ai_handoff_rules WHERE name = 'birthday'`);
			}
		});

		test('a fan message sent the same moment as the last reply that went out is still judged (its own text is always part of its burst)', async () => {
			const chat = await newChat();
			const earlier = await fanWrites(chat, 'hi', 60);
			await db.query(
				`INSERT INTO messages (platform, chat_id, direction, text, status, sent_at, reply_to_message_id) SELECT 'fanvue', chat_id, 'out', 'hey you', 'sent', now() - interval '20 seconds', id FROM messages WHERE id = $1`,
				[earlier],
			);
			await db.query(`UPDATE messages SET status = 'answered' WHERE id = $1`, [earlier]);
			const [{ id }] = await db.query<{ id: string }>(
				`INSERT INTO messages (platform, chat_id, direction, text, status, sent_at, fanvue_message_uuid, attempts)
				 SELECT 'fanvue', $1, 'in', 'I want a refund', 'pending', sent_at, gen_random_uuid(), 0 FROM messages WHERE reply_to_message_id = $2 RETURNING id`,
				[chat.chatId, earlier],
			);
			expect(await decide(Number(id))).toMatchObject({ handoff: true });
		});

		test('the burst a hand-off was made on ends there: what the fan writes after the flag is cleared is not joined to it', async () => {
			const chat = await newChat();
			const first = await fanWrites(chat, 'I want my money', 40);
			const second = await fanWrites(chat, 'back. now.', 30);
			expect((await decide(first)).skip_reason).toMatch(/^superseded/);
			expect((await decide(second)).handoff).toBe(true);
			await db.query('UPDATE chats SET ai_flag = NULL WHERE id = $1', [chat.chatId]);
			// Joined to the superseded first message this would read "I want my money back to …".
			expect((await decide(await fanWrites(chat, 'back to the fun stuff, what are you wearing?', 10))).skip_reason).toBeNull();
		});

		test('a new message asking for a person while the chat already waits for you is alerted again; the messages of an alerted burst are not', async () => {
			const chat = await newChat();
			const first = await fanWrites(chat, 'I want a refund', 50);
			expect((await decide(first)).handoff).toBe(true);
			expect((await decide(await fanWrites(chat, 'hello??', 40))).skip_reason).toMatch(/^the chat waits for you/);
			const selfHarm = await fanWrites(chat, 'honestly I want to die', 30);
			expect(await decide(selfHarm)).toMatchObject({ handoff: true, skip_reason: expect.stringMatching(/self-harm/) });
			expect(await db.query('SELECT message_id FROM ai_alerts WHERE chat_id = $1 ORDER BY id', [chat.chatId])).toEqual([
				{ message_id: String(first) },
				{ message_id: String(selfHarm) },
			]);
			// "I'm 15" then "hey?", the later one decided first (its burst holds both): one alert.
			const other = await newChat();
			const age = await fanWrites(other, "I'm 15", 20);
			const hey = await fanWrites(other, 'hey?', 10);
			expect((await decide(hey)).handoff).toBe(true);
			expect((await decide(age)).skip_reason).toMatch(/^superseded/);
			expect(await alerts(other)).toBe(1);
		});

		test('two messages of a burst decided at the same moment (two connections): one hand-off, one alert', async () => {
			const chat = await newChat();
			const age = await fanWrites(chat, "I'm 15", 20);
			const hey = await fanWrites(chat, 'hey? you there', 10);
			const { host, port, user, password, database } = db.database();
			const [a, b] = [new Client({ host, port, user, password, database }), new Client({ host, port, user, password, database })];
			await Promise.all([a.connect(), b.connect()]);
			try {
				// A decides inside a transaction it keeps open; B decides meanwhile, then A commits.
				await a.query('BEGIN');
				await a.query(templateQuery(AUTO_REPLY, 'Decide'), [hey, '[]', '[]']);
				const bDecides = b.query(templateQuery(AUTO_REPLY, 'Decide'), [age, '[]', '[]']);
				await a.query('COMMIT');
				const [decidedB] = (await bDecides).rows;
				expect(decidedB.handoff).toBe(false);
			} finally {
				await Promise.all([a.end(), b.end()]);
			}
			expect(await alerts(chat)).toBe(1);
			expect(await chatFlag(chat)).toBe('needs_human');
		});

		test('a message asking for a person delivered after a later one was handed off is alerted too', async () => {
			const chat = await newChat();
			const later = await fanWrites(chat, 'how old are you?', 10);
			expect((await decide(later)).handoff).toBe(true);
			const earlierButLate = await fanWrites(chat, 'i want to die', 20);
			expect(await decide(earlierButLate)).toMatchObject({ handoff: true, skip_reason: expect.stringMatching(/self-harm/) });
			expect(await alerts(chat)).toBe(2);
		});

		test('"I\'m 15" whose webhook never came, then "hey?": the chat read before the decision stores it, and the chat is handed off', async () => {
			const chat = await newChat();
			await db.query(`INSERT INTO webhook_deliveries (event_id, event, payload, received_at) VALUES (gen_random_uuid()::text, 'message-received', '{}', now() - interval '1 hour')`);
			const hey = await fanWrites(chat, 'hey?', 5);
			const creatorUuid = randomUUID();
			const lost = { uuid: randomUUID(), text: "I'm 15", sentAt: new Date(Date.now() - 30_000).toISOString(), sender: { uuid: chat.fanUuid }, recipient: { uuid: creatorUuid } };
			const earlierReply = { uuid: randomUUID(), text: 'hi cutie', sentAt: new Date(Date.now() - 3_600_000).toISOString(), sender: { uuid: creatorUuid }, recipient: { uuid: chat.fanUuid } };
			const [decided] = await db.query<any>(templateQuery(AUTO_REPLY, 'Decide'), [hey, '[]', JSON.stringify([lost, earlierReply])]);
			expect(decided).toMatchObject({ handoff: true, skip_reason: expect.stringMatching(/^hand-off: may be a minor/) });
			expect(await db.query('SELECT status FROM messages WHERE fanvue_message_uuid = $1', [lost.uuid])).toEqual([{ status: 'pending' }]);
			expect(await chatFlag(chat)).toBe('needs_human');
		});

		test('minors come first: a sign of a minor in any message since the chat was last cleared hands it off; once a person clears it, what came before is never given to the model again', async () => {
			const chat = await newChat();
			// Answered long ago, before anything looked for it:
			const old = await fanWrites(chat, "i'm 15 btw", 600);
			await db.query(`UPDATE messages SET status = 'answered' WHERE id = $1`, [old]);
			await db.query(
				`INSERT INTO messages (platform, chat_id, direction, text, status, sent_at, reply_to_message_id) VALUES ('fanvue', $1, 'out', 'haha cute', 'sent', now() - interval '9 minutes', $2)`,
				[chat.chatId, old],
			);
			const later = await fanWrites(chat, 'so what are you up to?', 60);
			expect(await decide(later)).toMatchObject({ handoff: true, skip_reason: 'hand-off: may be a minor' });
			expect(await chatFlag(chat)).toBe('needs_human');
			// A person looked and cleared it: the old message no longer counts ...
			await db.query('UPDATE chats SET ai_flag = NULL WHERE id = $1', [chat.chatId]);
			const next = await fanWrites(chat, 'hello again', 1);
			expect((await decide(next)).skip_reason).toBeNull();
			// ... and the conversation written for the model starts after the clearing.
			const [prepared] = await db.query<any>(templateQuery(AUTO_REPLY, 'Prepare Conversation'), [next, `s-${randomUUID()}`, chat.chatId, 20]);
			expect(prepared.history_messages).toBe(0);
		});

		test('a later hand-off keeps the reason "may be a minor" on the chat, so clearing it still keeps the earlier messages from the model', async () => {
			const chat = await newChat();
			expect((await decide(await fanWrites(chat, "i'm 15", 30))).handoff).toBe(true);
			expect((await decide(await fanWrites(chat, 'i want a refund', 10))).handoff).toBe(true);
			const [flag] = await db.query<any>('SELECT ai_flag_reason FROM chats WHERE id = $1', [chat.chatId]);
			expect(flag.ai_flag_reason).toMatch(/may be a minor/);
			await db.query('UPDATE chats SET ai_flag = NULL WHERE id = $1', [chat.chatId]);
			expect((await db.query<any>('SELECT ai_history_from FROM chats WHERE id = $1', [chat.chatId]))[0].ai_history_from).not.toBeNull();
		});

		test('a sign of a minor stored late (found in a chat read, dated when the fan sent it) after a later message was handed off is alerted', async () => {
			const chat = await newChat();
			const later = await fanWrites(chat, 'refund please', 5);
			expect((await decide(later)).handoff).toBe(true);
			const [{ id }] = await db.query<{ id: string }>(
				`INSERT INTO messages (platform, chat_id, direction, text, status, sent_at, created_at, fanvue_message_uuid, attempts)
				 VALUES ('fanvue', $1, 'in', 'i''m 15', 'pending', now() - interval '10 minutes', now() - interval '10 minutes', gen_random_uuid(), 0) RETURNING id`,
				[chat.chatId],
			);
			expect(await decide(Number(id))).toMatchObject({ handoff: true, skip_reason: expect.stringMatching(/may be a minor/) });
			expect(await alerts(chat)).toBe(2);
		});

		test('a message handed off earlier does not hand off every later one once the creator cleared the flag', async () => {
			const chat = await newChat();
			const first = await fanWrites(chat, 'I want a refund', 30);
			expect((await decide(first)).handoff).toBe(true);
			await db.query('UPDATE chats SET ai_flag = NULL WHERE id = $1', [chat.chatId]);
			const later = await fanWrites(chat, 'ok thanks, what are you doing today?', 10);
			expect((await decide(later)).skip_reason).toBeNull();
		});
	});
});

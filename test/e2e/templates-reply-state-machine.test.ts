/**
 * Template 01's reply state machine, function by function, in a real PostgreSQL with template
 * 01's schema (no n8n): one live reply per fan message is a unique index (and 01 settles the
 * duplicates earlier versions left before creating it); no transition moves a row for a run that
 * no longer holds its claim; a run slower than its lease that did send gets its reply settled as
 * sent; template 02b's claim re-reads the chat's gates; approving, rejecting and settling by hand
 * (the SQL the README gives) change only rows in the state they expect.
 */
import { randomUUID } from 'node:crypto';

import { chatRows, templateQuery, useTemplateDatabase } from './harness';

const SETUP = '01-setup-database.json';
const LIVE = `('draft', 'approved', 'sending', 'sent', 'unknown')`;

describe("template 01's reply state machine", () => {
	const db = useTemplateDatabase();
	const { newChat, fanWrites, modelChecksPass, draftCheckPasses } = chatRows(db);

	beforeAll(async () => {
		await db.query(`UPDATE ai_settings SET default_autopilot = 'auto' WHERE id = 1`);
	});

	const row = async (id: number) =>
		(await db.query<any>('SELECT id, status, reply_to_message_id, last_error, hold_reason, fanvue_message_uuid, attempts, text FROM messages WHERE id = $1', [id]))[0];
	const liveReplies = async (messageId: number) =>
		db.query<any>(`SELECT id, status FROM messages WHERE reply_to_message_id = $1 AND direction = 'out' AND status IN ${LIVE} ORDER BY id`, [messageId]);
	/** An AI reply to a fan message, written straight in (as an earlier version might have). */
	const reply = async (messageId: number, status: string, text = 'hey you 😘') =>
		Number(
			(
				await db.query<{ id: string }>(
					`INSERT INTO messages (platform, chat_id, direction, text, status, reply_to_message_id, last_attempt_at)
					 SELECT 'fanvue', chat_id, 'out', $2, $3, id, now() - interval '1 hour' FROM messages WHERE id = $1 RETURNING id`,
					[messageId, text, status],
				)
			)[0].id,
		);
	/** Template 07's claim of one message: its claim time. */
	const claim07 = async (messageId: number) =>
		(await db.query<{ claimed_at: string }>(`UPDATE messages SET status = 'retrying', last_attempt_at = clock_timestamp() WHERE id = $1 RETURNING last_attempt_at::text AS claimed_at`, [messageId]))[0].claimed_at;
	const audit = async (messageId: number) =>
		Number((await db.query<{ id: string }>(`INSERT INTO ai_replies (message_id, verdict, reply_text) VALUES ($1, 'passed', 'hey you 😘') RETURNING id`, [messageId]))[0].id);

	describe('one live reply per fan message', () => {
		test('a second live reply to the same fan message is refused by the database itself', async () => {
			const messageId = await fanWrites(await newChat(), 'hi');
			await reply(messageId, 'draft');
			await expect(reply(messageId, 'sent')).rejects.toMatchObject({ code: '23505' });
			// Replies that are not live (rejected, failed) may sit beside it.
			await reply(messageId, 'rejected');
			expect(await liveReplies(messageId)).toHaveLength(1);
		});

		test('a draft for a fan message that is answered already is refused by the database itself', async () => {
			const messageId = await fanWrites(await newChat(), 'hi');
			await db.query(`UPDATE messages SET status = 'answered' WHERE id = $1`, [messageId]);
			await expect(reply(messageId, 'draft')).rejects.toMatchObject({ code: '23514' });
			const rejected = await reply(messageId, 'rejected');
			await expect(db.query(`UPDATE messages SET status = 'approved' WHERE id = $1`, [rejected])).rejects.toMatchObject({ code: '23514' });
		});

		test('template 01 settles the duplicates earlier versions left before it creates the index: the reply furthest along is kept', async () => {
			await db.query('DROP INDEX messages_one_live_reply_key');
			const chat = await newChat();
			const draftThenSent = await fanWrites(chat, 'one', 90);
			const draft = await reply(draftThenSent, 'draft');
			const sent = await reply(draftThenSent, 'sent');
			const sentTwice = await fanWrites(chat, 'two', 60);
			const first = await reply(sentTwice, 'sent');
			const second = await reply(sentTwice, 'sent');
			const twoDrafts = await fanWrites(chat, 'three', 30);
			const older = await reply(twoDrafts, 'draft');
			const newer = await reply(twoDrafts, 'approved');

			await db.query(templateQuery(SETUP, 'Create or migrate tables'));

			expect(await row(sent)).toMatchObject({ status: 'sent', reply_to_message_id: String(draftThenSent) });
			expect(await row(draft)).toMatchObject({ status: 'rejected', last_error: expect.stringMatching(/^duplicate/) });
			expect(await row(first)).toMatchObject({ status: 'sent', reply_to_message_id: String(sentTwice) });
			// A duplicate that was sent stays what it is, sent, but is no longer the message's reply.
			expect(await row(second)).toMatchObject({ status: 'sent', reply_to_message_id: null, last_error: expect.stringMatching(/^duplicate/) });
			// approved is further along than draft
			expect(await row(newer)).toMatchObject({ status: 'approved' });
			expect(await row(older)).toMatchObject({ status: 'rejected' });
			await expect(reply(twoDrafts, 'draft')).rejects.toMatchObject({ code: '23505' });
		});
	});

	describe('a run that no longer holds its claim moves nothing', () => {
		const stale = new Date(Date.now() - 3_600_000).toISOString();
		test.each([
			['ai_store_draft', `SELECT * FROM ai_store_draft($1, 'retrying', $2::timestamptz, 'a draft', NULL, NULL)`],
			['ai_store_sent_reply', `SELECT * FROM ai_store_sent_reply($1, 'retrying', $2::timestamptz, gen_random_uuid(), 'a reply', NULL)`],
			['ai_record_failure', `SELECT * FROM ai_record_failure($1, 'retrying', $2::timestamptz, 'failed')`],
			['ai_park_unknown_reply', `SELECT * FROM ai_park_unknown_reply($1, 'retrying', $2::timestamptz, 'a reply', 'cut')`],
		])('%s with a claim another run took over since', async (_fn, sql) => {
			const messageId = await fanWrites(await newChat(), 'hi');
			const current = await claim07(messageId);
			const before = await row(messageId);
			expect(await db.query(sql, [messageId, stale])).toEqual([]);
			expect(await row(messageId)).toEqual(before);
			expect(await liveReplies(messageId)).toEqual([]);
			// The run holding the claim can.
			expect(await db.query(sql, [messageId, current])).toHaveLength(1);
		});

		test("template 02 before its claim holds 'pending' only: once 07 took the message, 02's draft and failure change nothing", async () => {
			const messageId = await fanWrites(await newChat(), 'hi');
			await claim07(messageId);
			expect(await db.query(`SELECT * FROM ai_store_draft($1, 'pending', NULL, 'a draft', NULL, NULL)`, [messageId])).toEqual([]);
			expect(await db.query(`SELECT * FROM ai_record_failure($1, 'pending', NULL, 'failed')`, [messageId])).toEqual([]);
			// and 'sending' without the claim's time is no claim at all
			expect(await db.query(`SELECT * FROM ai_park_unknown_reply($1, 'retrying', NULL, 'a reply', 'cut')`, [messageId])).toEqual([]);
			expect((await row(messageId)).status).toBe('retrying');
		});

		test("a refused draft says so in the run's audit row", async () => {
			const messageId = await fanWrites(await newChat(), 'hi');
			await claim07(messageId);
			const auditId = await audit(messageId);
			await db.query(`SELECT * FROM ai_store_draft($1, 'retrying', now() - interval '1 day', 'a draft', NULL, $2)`, [messageId, auditId]);
			expect((await db.query<any>('SELECT verdict FROM ai_replies WHERE id = $1', [auditId]))[0].verdict).toMatch(/^not used: another run took the message over/);
		});
	});

	test("a 07 run slower than its lease whose send went out: its reply, parked 'unknown' by the expiry, is settled sent, once", async () => {
		const messageId = await fanWrites(await newChat(), 'hi');
		const claimedAt = await claim07(messageId);
		const auditId = await audit(messageId);
		expect((await db.query<any>('SELECT * FROM ai_expire_claims(0)'))[0].message_ids).toContain(messageId);
		expect((await row(messageId)).status).toBe('unknown');
		const fanvueUuid = randomUUID();
		const [stored] = await db.query<any>(`SELECT * FROM ai_store_sent_reply($1, 'retrying', $2::timestamptz, $3::uuid, 'hey you 😘', $4)`, [messageId, claimedAt, fanvueUuid, auditId]);
		expect(stored).toMatchObject({ message_id: String(messageId) });
		expect(await row(messageId)).toMatchObject({ status: 'answered' });
		const live = await liveReplies(messageId);
		expect(live).toEqual([{ id: stored.reply_id, status: 'sent' }]);
		expect((await row(Number(stored.reply_id))).fanvue_message_uuid).toBe(fanvueUuid);
		// the same call again stores nothing more
		expect(await db.query(`SELECT * FROM ai_store_sent_reply($1, 'retrying', $2::timestamptz, gen_random_uuid(), 'x', NULL)`, [messageId, claimedAt])).toEqual([]);
	});

	test("a 02 run stopped after its send: the expired claim's reply row holds the text 02 wrote (its audit row comes before its claim), so the chat can settle it", async () => {
		const messageId = await fanWrites(await newChat(), 'what are you doing?');
		const [checked] = await db.query<any>(templateQuery('02-ai-auto-reply.json', 'Check Reply'), ['Movie night! 🍿', `s-${randomUUID()}`, 'auto', messageId, '[]', 'test-model']);
		await modelChecksPass(messageId, Number(checked.audit_id));
		const [claim] = await db.query<any>(templateQuery('02-ai-auto-reply.json', 'Claim Message'), [messageId, '[]', checked.audit_id]);
		expect(claim).toBeDefined();
		expect((await db.query<any>('SELECT * FROM ai_expire_claims(0)'))[0].message_ids).toContain(messageId);
		expect(await liveReplies(messageId)).toHaveLength(1);
		const [parked] = await liveReplies(messageId);
		expect(await row(parked.id)).toMatchObject({ status: 'unknown', text: 'Movie night! 🍿' });
	});

	test('autopilot draft: a burst whose earlier message, delivered late, completes a hand-off phrase leaves no draft and hands the chat off', async () => {
		const chat = await newChat();
		await db.query(`UPDATE fans SET autopilot = 'draft' WHERE id = (SELECT fan_id FROM chats WHERE id = $1)`, [chat.chatId]);
		const last = await fanWrites(chat, 'die', 10);
		expect((await db.query<any>(`SELECT * FROM ai_decide($1, 'pending', '[]')`, [last]))[0].skip_reason).toBeNull();
		await fanWrites(chat, 'sometimes i just want to', 20);
		expect(await db.query(`SELECT * FROM ai_store_draft($1, 'pending', NULL, 'aww 💕', NULL, NULL)`, [last])).toEqual([]);
		expect(await liveReplies(last)).toEqual([]);
		expect(await row(last)).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/^hand-off: may be at risk/) });
		expect((await db.query<any>('SELECT ai_flag FROM chats WHERE id = $1', [chat.chatId]))[0].ai_flag).toBe('needs_human');
		expect(await db.query<any>('SELECT kind FROM ai_alerts WHERE chat_id = $1', [chat.chatId])).toEqual([{ kind: 'needs_human' }]);
	});

	test('while the chat waits for you, each reason is alerted once: the earlier claim that met the sign of a minor, then the messages that carry it, decided after it', async () => {
		const chat = await newChat();
		const reasons = async () => (await db.query<any>('SELECT reason FROM ai_alerts WHERE chat_id = $1 ORDER BY id', [chat.chatId])).map((a) => a.reason);
		const decide = async (id: number) => (await db.query<any>(`SELECT * FROM ai_decide($1, 'pending', '[]')`, [id]))[0].skip_reason;
		// 02's run for "hey" waits in its typing delay; "I'm 15" and "hey?" come meanwhile.
		const first = await fanWrites(chat, 'hey', 30);
		const minor = await fanWrites(chat, "I'm 15", 20);
		const after = await fanWrites(chat, 'hey?', 10);
		const [claim] = await db.query<any>(`SELECT * FROM ai_claim_for_send($1, 'pending', NULL, '[]', $2)`, [first, await audit(first)]);
		expect(claim).toMatchObject({ claimed: false, stop_reason: expect.stringMatching(/^hand-off: may be a minor/) });
		expect(await decide(minor)).toMatch(/^superseded/);
		expect(await decide(after)).toBe('the chat waits for you (needs_human)');
		expect(await reasons()).toEqual([expect.stringMatching(/^hand-off: may be a minor/)]);
		// A new reason while it waits is news: told; the same again is not.
		expect(await decide(await fanWrites(chat, 'I want a refund', 5))).toMatch(/^hand-off: asks for a refund/);
		expect(await decide(await fanWrites(chat, 'refund me now', 4))).toBe('the chat waits for you (needs_human)');
		expect(await reasons()).toHaveLength(2);
		// Cleared by a person: the old messages do not hand off again, a new sign of a minor does.
		await db.query('UPDATE chats SET ai_flag = NULL WHERE id = $1', [chat.chatId]);
		expect(await decide(await fanWrites(chat, 'ok thanks', 3))).toBeNull();
		expect(await decide(await fanWrites(chat, 'im in 9th grade btw', 2))).toMatch(/^hand-off: may be a minor/);
		expect(await reasons()).toHaveLength(3);
	});

	test('an approved draft that fails for good: its fan message is no longer left waiting, and you are told', async () => {
		const messageId = await fanWrites(await newChat(), 'hi');
		const draftId = await reply(messageId, 'draft');
		await db.query(`SELECT ai_approve_draft($1)`, [draftId]);
		await draftCheckPasses(draftId);
		const [claimed] = (await db.query<any>('SELECT * FROM ai_claim_approved_drafts(100)')).filter((d) => d.draft_id === String(draftId));
		await db.query(`SELECT * FROM ai_record_draft_failure($1, $2::timestamptz, 'fan blocked you', 1)`, [draftId, claimed.claimed_at]);
		expect((await row(draftId)).status).toBe('failed');
		expect(await row(messageId)).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/could not be sent/) });
		expect(await db.query<any>('SELECT kind FROM ai_alerts WHERE message_id = $1', [messageId])).toEqual([{ kind: 'send_failed' }]);
	});

	describe("template 02b's claim re-reads the chat's gates right before the send", () => {
		async function approvedDraft() {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'what are you up to?', 120);
			const draftId = await reply(messageId, 'draft');
			expect((await db.query<any>(`SELECT ai_approve_draft($1, 'Ana') AS done`, [draftId]))[0].done).toBe(true);
			await draftCheckPasses(draftId);
			return { chat, messageId, draftId };
		}
		/** 02b's claim, as far as it concerns this draft (other tests leave approved drafts too). */
		const claimDrafts = async (draftId: number) => (await db.query<any>('SELECT * FROM ai_claim_approved_drafts(100)')).filter((d) => d.draft_id === String(draftId));

		test('nothing changed: claimed, with its claim time', async () => {
			const { draftId } = await approvedDraft();
			const claimed = await claimDrafts(draftId);
			expect(claimed).toEqual([expect.objectContaining({ draft_id: String(draftId), claimed_at: expect.any(String) })]);
			expect((await row(draftId)).status).toBe('sending');
		});

		test.each([
			['the AI switched off', () => `UPDATE ai_settings SET ai_enabled = false WHERE id = 1`, /the AI is switched off/],
			['the fan on autopilot off', () => `UPDATE fans SET autopilot = 'off' WHERE id = (SELECT fan_id FROM chats WHERE id = $1)`, /autopilot is off/],
			['the chat flagged for a person', () => `UPDATE chats SET ai_flag = 'needs_human' WHERE id = $1`, /the chat waits for you/],
		])('%s after the approval: not sent, back on the review page with the reason', async (_what, change, reason) => {
			const { chat, draftId } = await approvedDraft();
			const sql = change();
			await db.query(sql, sql.includes('$1') ? [chat.chatId] : []);
			try {
				expect(await claimDrafts(draftId)).toEqual([]);
				expect(await row(draftId)).toMatchObject({ status: 'draft', hold_reason: expect.stringMatching(reason) });
			} finally {
				await db.query(`UPDATE ai_settings SET ai_enabled = true WHERE id = 1`);
			}
		});

		test('the fan wrote a message asking for a person after the approval, not yet handled by its run: not sent, the chat handed to you', async () => {
			const { chat, draftId } = await approvedDraft();
			await fanWrites(chat, 'actually I want a refund', 5);
			expect(await claimDrafts(draftId)).toEqual([]);
			expect(await row(draftId)).toMatchObject({ status: 'draft', hold_reason: expect.stringMatching(/hand-off: asks for a refund/) });
			expect((await db.query<any>('SELECT ai_flag FROM chats WHERE id = $1', [chat.chatId]))[0].ai_flag).toBe('needs_human');
			expect(await db.query<any>('SELECT kind FROM ai_alerts WHERE chat_id = $1', [chat.chatId])).toEqual([{ kind: 'needs_human' }]);
		});

		test('a text the reply check holds is not sent after approval unless a person chose to send it anyway (recorded)', async () => {
			const chat = await newChat();
			const messageId = await fanWrites(chat, 'where can I see more?', 120);
			const draftId = await reply(messageId, 'draft', 'all my pics are on mia-secret.com 😘');
			await db.query(`INSERT INTO ai_replies (message_id, verdict, reply_text, reply_id) VALUES ($1, 'contains a link', 'all my pics are on mia-secret.com 😘', $2)`, [messageId, draftId]);
			await db.query(`SELECT ai_approve_draft($1, 'Ana')`, [draftId]);
			expect(await claimDrafts(draftId)).toEqual([]);
			expect(await row(draftId)).toMatchObject({ status: 'draft', hold_reason: expect.stringMatching(/the reply check holds the approved text: contains a link/) });
			await db.query(`SELECT ai_approve_draft($1, 'Ana', NULL, true)`, [draftId]);
			expect(await claimDrafts(draftId)).toHaveLength(1);
			expect((await db.query<any>('SELECT sent_anyway, approved_by FROM ai_replies WHERE reply_id = $1', [draftId]))[0]).toEqual({ sent_anyway: true, approved_by: 'Ana' });
		});

		describe('the model check of the approved text, before the claim', () => {
			const DRAFTS = '02b-send-approved-drafts.json';
			const toCheck = async () => (await db.query<any>(templateQuery(DRAFTS, 'Drafts to Check'), [100])).map((d) => Number(d.draft_id));
			const record = async (draftId: number, answer: (text: string) => unknown) => {
				const [draft] = await db.query<{ text: string }>('SELECT text FROM messages WHERE id = $1', [draftId]);
				return (await db.query<any>(templateQuery(DRAFTS, 'Record Draft Check'), [draftId, draft.text, JSON.stringify(answer(draft.text))]))[0];
			};
			const passes = (text: string) => ({ guardrailsInput: text, checks: [{ name: 'Off-platform', triggered: false }] });
			const flags = (text: string) => ({ guardrailsInput: text, checks: [{ name: 'Off-platform', triggered: true }] });
			const fails = () => ({ error: 'the model timed out', guardrailsInput: '' });
			async function approved(text = 'see you tonight 😘', edited: string | null = null) {
				const chat = await newChat();
				const messageId = await fanWrites(chat, 'what are you up to?', 120);
				const draftId = await reply(messageId, 'draft', text);
				await db.query(`SELECT ai_approve_draft($1, 'Ana', $2)`, [draftId, edited]);
				return draftId;
			}

			test('a text without a pass is listed for the check and not claimed; once it passes it is claimed', async () => {
				const draftId = await approved();
				expect(await toCheck()).toContain(draftId);
				expect(await claimDrafts(draftId)).toEqual([]);
				expect((await row(draftId)).status).toBe('approved');
				expect(await record(draftId, passes)).toMatchObject({ verdict: 'pass', hold_reason: null });
				expect(await toCheck()).not.toContain(draftId);
				expect(await claimDrafts(draftId)).toHaveLength(1);
			});

			test('a text edited on approval needs its own pass: the pass of the model\'s text does not count', async () => {
				const chat = await newChat();
				const messageId = await fanWrites(chat, 'what are you up to?', 120);
				const draftId = await reply(messageId, 'draft', 'see you tonight 😘');
				await draftCheckPasses(draftId);
				await db.query(`SELECT ai_approve_draft($1, 'Ana', 'see you tonight, my place 😘')`, [draftId]);
				expect(await toCheck()).toContain(draftId);
				expect(await claimDrafts(draftId)).toEqual([]);
			});

			test('a flagged text goes back to the review page with the reason; sent anyway, it is not checked again', async () => {
				const draftId = await approved();
				expect(await record(draftId, flags)).toMatchObject({ verdict: 'fail', hold_reason: expect.stringMatching(/^not sent after approval: the model check holds the approved text: Off-platform/) });
				expect(await row(draftId)).toMatchObject({ status: 'draft', hold_reason: expect.stringMatching(/the model check holds/) });
				await db.query(`SELECT ai_approve_draft($1, 'Ana', NULL, true)`, [draftId]);
				expect(await toCheck()).not.toContain(draftId);
				expect(await claimDrafts(draftId)).toHaveLength(1);
			});

			test('Send anyway covers the text as shown (line breaks as a browser sends them included), not an edit', async () => {
				const shown = 'see you tonight\nat mine 😘';
				const asShown = await approved(shown);
				await record(asShown, flags);
				await db.query(`SELECT ai_approve_draft($1, 'Ana', $2, true)`, [asShown, 'see you tonight\r\nat mine 😘']);
				expect(await row(asShown)).toMatchObject({ status: 'approved', text: shown });
				expect(await toCheck()).not.toContain(asShown);
				const editedToo = await approved(shown);
				await record(editedToo, flags);
				await db.query(`SELECT ai_approve_draft($1, 'Ana', 'come over tonight 😘', true)`, [editedToo]);
				expect(await toCheck()).toContain(editedToo);
				expect(await claimDrafts(editedToo)).toEqual([]);
			});

			test('checks without a verdict leave it approved, then send it back after model_check_attempts', async () => {
				const draftId = await approved();
				const attempts = Number((await db.query<{ n: number }>('SELECT model_check_attempts AS n FROM ai_settings WHERE id = 1'))[0].n);
				for (let attempt = 1; attempt <= attempts; attempt++) {
					const recorded = await record(draftId, fails);
					expect(recorded.verdict).toBe('error');
					expect((await row(draftId)).status).toBe(attempt === attempts ? 'draft' : 'approved');
				}
				expect((await row(draftId)).hold_reason).toMatch(/the model check gave no verdict/);
			});
		});

		test('a send under a claim another run took over stores nothing', async () => {
			const { draftId } = await approvedDraft();
			const [claimed] = await claimDrafts(draftId);
			const stale = new Date(Date.parse(claimed.claimed_at) - 60_000).toISOString();
			expect(await db.query('SELECT * FROM ai_store_sent_draft($1, $2::timestamptz, gen_random_uuid())', [draftId, stale])).toEqual([]);
			expect(await db.query(`SELECT * FROM ai_record_draft_failure($1, $2::timestamptz, 'refused', 3)`, [draftId, stale])).toEqual([]);
			expect(await db.query(`SELECT * FROM ai_park_unknown_draft($1, $2::timestamptz, 'cut')`, [draftId, stale])).toEqual([]);
			expect((await row(draftId)).status).toBe('sending');
			expect(await db.query('SELECT * FROM ai_store_sent_draft($1, $2::timestamptz, gen_random_uuid())', [draftId, claimed.claimed_at])).toHaveLength(1);
			expect((await row(draftId)).status).toBe('sent');
		});
	});

	describe('approving, rejecting and settling by hand (the SQL the README gives)', () => {
		test('a draft approved twice is approved once; a rejected one cannot be approved; rejecting skips the fan message', async () => {
			const messageId = await fanWrites(await newChat(), 'hi');
			const draftId = await reply(messageId, 'draft', 'hello 😊');
			expect((await db.query<any>(`SELECT ai_approve_draft($1, 'Ana', ' hello there 😊 ') AS done`, [draftId]))[0].done).toBe(true);
			expect((await db.query<any>(`SELECT ai_approve_draft($1, 'Ben', 'changed again') AS done`, [draftId]))[0].done).toBe(false);
			expect(await row(draftId)).toMatchObject({ status: 'approved', text: 'hello there 😊' });

			const other = await fanWrites(await newChat(), 'hey');
			const otherDraft = await reply(other, 'draft');
			expect((await db.query<any>(`SELECT ai_reject_draft($1, 'Ana') AS done`, [otherDraft]))[0].done).toBe(true);
			expect((await db.query<any>(`SELECT ai_approve_draft($1, 'Ana') AS done`, [otherDraft]))[0].done).toBe(false);
			expect(await row(otherDraft)).toMatchObject({ status: 'rejected' });
			expect(await row(other)).toMatchObject({ status: 'skipped', last_error: 'its AI draft was rejected by Ana' });
		});

		test("a 02/07 reply settled by hand: not there -> removed and the fan message answered again; there -> sent and answered", async () => {
			const chat = await newChat();
			const notThere = await fanWrites(chat, 'one', 60);
			await db.query(`UPDATE messages SET status = 'unknown' WHERE id = $1`, [notThere]);
			const lost = await reply(notThere, 'unknown');
			expect((await db.query<any>('SELECT ai_settle_unknown_reply($1, false) AS verdict', [lost]))[0].verdict).toBe('not_sent');
			expect(await row(lost)).toBeUndefined();
			expect((await row(notThere)).status).toBe('pending');

			const there = await fanWrites(chat, 'two', 30);
			await db.query(`UPDATE messages SET status = 'unknown' WHERE id = $1`, [there]);
			const went = await reply(there, 'unknown');
			const uuid = randomUUID();
			expect((await db.query<any>('SELECT ai_settle_unknown_reply($1, true, $2) AS verdict', [went, uuid]))[0].verdict).toBe('sent');
			expect(await row(went)).toMatchObject({ status: 'sent', fanvue_message_uuid: uuid });
			expect((await row(there)).status).toBe('answered');
			// settled once: a second call changes nothing
			expect((await db.query<any>('SELECT ai_settle_unknown_reply($1, false) AS verdict', [went]))[0].verdict).toBeNull();
		});

		test("an approved draft settled by hand as not sent goes back to 'approved', or 'failed' after max_attempts", async () => {
			const messageId = await fanWrites(await newChat(), 'hi');
			const draftId = await reply(messageId, 'unknown');
			await db.query('UPDATE messages SET attempts = 1 WHERE id = $1', [draftId]);
			expect((await db.query<any>('SELECT ai_settle_unknown_reply($1, false) AS verdict', [draftId]))[0].verdict).toBe('not_sent');
			expect((await row(draftId)).status).toBe('approved');
			expect((await row(messageId)).status).toBe('pending');
			await db.query(`UPDATE messages SET status = 'unknown' WHERE id = $1`, [draftId]);
			await db.query(`SELECT ai_settle_unknown_reply($1, false, max_attempts => 1)`, [draftId]);
			expect((await row(draftId)).status).toBe('failed');
		});
	});
});

/**
 * The audit row of an AI reply (table ai_replies) belongs to the run that wrote it. Templates 02
 * and 07 write it in "Check Reply" and complete it in "Save Sent Reply" or "Save Draft". When a
 * run outlasts 07's claimLeaseMinutes, another run takes the same fan message over, so one message
 * can have two runs' rows. The run that sends must complete its own row (the text the fan got,
 * with its verdict), not the newest row of the message, which can be the other run's. Run here as
 * shipped, in a real PostgreSQL with template 01's schema (no n8n); the interleaving is the one
 * where "newest row of the message" picks the wrong one: B checks, A checks, B saves.
 */
import { randomUUID } from 'node:crypto';

import { templateQuery, useTemplateDatabase } from './harness';

const TEMPLATES = [
	// claimedStatus: the fan message's state when the template saves a sent reply; draftStatus: when
	// it saves a draft (02 drafts before any claim, 07 under its claim).
	{ file: '02-ai-auto-reply.json', claimedStatus: 'sending', draftStatus: 'pending' },
	{ file: '07-retry-unanswered-messages.json', claimedStatus: 'retrying', draftStatus: 'retrying' },
];

describe('an AI reply completes the audit row of its own run', () => {
	const db = useTemplateDatabase();

	/** A fan's message waiting for an answer, with `status`, claimed (`claimedAt`) now. */
	async function fanMessage(status: string): Promise<{ messageId: number; claimedAt: string }> {
		const [row] = await db.query<{ id: string; claimed_at: string }>(
			`WITH model AS (INSERT INTO models (fanvue_user_uuid) VALUES (gen_random_uuid()) RETURNING id),
			 fan AS (INSERT INTO fans (model_id, fanvue_user_uuid) SELECT id, $1::uuid FROM model RETURNING id, model_id, fanvue_user_uuid),
			 chat AS (INSERT INTO chats (model_id, fan_id, fanvue_chat_user_uuid) SELECT model_id, id, fanvue_user_uuid FROM fan RETURNING id)
			 INSERT INTO messages (platform, chat_id, direction, text, status, sent_at, fanvue_message_uuid, last_attempt_at)
			 SELECT 'fanvue', id, 'in', 'What are you up to tonight?', $2, now() - interval '1 hour', gen_random_uuid(), now() FROM chat
			 RETURNING id, last_attempt_at::text AS claimed_at`,
			[randomUUID(), status],
		);
		return { messageId: Number(row.id), claimedAt: row.claimed_at };
	}

	/** A node's statement as shipped, with the run's claim as its last parameter when the statement takes one. */
	const runNode = <T>(file: string, node: string, params: unknown[], claimedAt: string) => {
		const sql = templateQuery(file, node);
		return db.query<T>(sql, sql.includes(`$${params.length + 1}`) ? [...params, claimedAt] : params);
	};

	/** "Check Reply" of one run: its audit row's id. */
	async function checkReply(file: string, messageId: number, reply: string): Promise<number> {
		const [row] = await db.query<{ audit_id: string }>(templateQuery(file, 'Check Reply'), [reply, `session-${randomUUID()}`, 'auto', messageId, '[]', 'test-model']);
		return Number(row.audit_id);
	}

	const auditRows = (messageId: number) =>
		db.query<{ id: string; reply_text: string; reply_id: string | null; approved_by: string | null; sent_at: Date | null }>(
			'SELECT id, reply_text, reply_id, approved_by, sent_at FROM ai_replies WHERE message_id = $1 ORDER BY id',
			[messageId],
		);

	describe.each(TEMPLATES)('$file', ({ file, claimedStatus, draftStatus }) => {
		test('Save Sent Reply: the sending run (checked first) completes its own row, not the newer row of the run that lost the message', async () => {
			const { messageId, claimedAt } = await fanMessage(claimedStatus);
			const auditB = await checkReply(file, messageId, 'Just chilling, you?');
			const auditA = await checkReply(file, messageId, 'Movie night!');
			expect(auditA).toBeGreaterThan(auditB);

			const [saved] = await runNode<{ reply_id: string }>(file, 'Save Sent Reply', [messageId, randomUUID(), 'Just chilling, you?', auditB], claimedAt);
			const rows = await auditRows(messageId);
			const byId = new Map(rows.map((r) => [Number(r.id), r]));
			expect(byId.get(auditB)).toMatchObject({ reply_text: 'Just chilling, you?', reply_id: saved.reply_id, approved_by: 'autopilot' });
			expect(byId.get(auditB)!.sent_at).not.toBeNull();
			expect(byId.get(auditA)).toMatchObject({ reply_text: 'Movie night!', reply_id: null, approved_by: null, sent_at: null });
		});

		test('Save Sent Reply after the claim was lost: nothing stored, the audit row left as Check Reply wrote it', async () => {
			const { messageId, claimedAt } = await fanMessage(claimedStatus);
			const audit = await checkReply(file, messageId, 'Just chilling, you?');
			// Another run answered the message meanwhile.
			await db.query(`UPDATE messages SET status = 'answered' WHERE id = $1`, [messageId]);

			const saved = await runNode(file, 'Save Sent Reply', [messageId, randomUUID(), 'Just chilling, you?', audit], claimedAt);
			expect(saved).toEqual([]);
			const [row] = await auditRows(messageId);
			expect(row).toMatchObject({ reply_text: 'Just chilling, you?', reply_id: null, approved_by: null, sent_at: null });
		});

		test('Save Draft: the drafting run (checked first) completes its own row, not the newer row of the other run', async () => {
			const { messageId, claimedAt } = await fanMessage(draftStatus);
			const auditB = await checkReply(file, messageId, 'Call me at 555-0100');
			const auditA = await checkReply(file, messageId, 'Movie night!');

			const [draft] = await runNode<{ draft_id: string }>(file, 'Save Draft', [messageId, 'Call me at 555-0100', 'phone number', auditB], claimedAt);
			const byId = new Map((await auditRows(messageId)).map((r) => [Number(r.id), r]));
			expect(byId.get(auditB)).toMatchObject({ reply_text: 'Call me at 555-0100', reply_id: draft.draft_id });
			expect(byId.get(auditA)).toMatchObject({ reply_text: 'Movie night!', reply_id: null });
		});
	});
});

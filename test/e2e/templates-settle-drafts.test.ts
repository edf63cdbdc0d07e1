/**
 * Template 02b's "Settle Unknown Drafts" as shipped, run in a real PostgreSQL with template 01's
 * schema (no n8n): an approved draft whose send may have reached the fan ('unknown') is settled
 * only by what the chat in Fanvue shows, and only from a chat read taken after the draft's last
 * send. The race it closes: run A finds the draft and reads the chat; meanwhile run B settles the
 * same draft as not sent, sends it again, and that send ends 'unknown' anew; A's chat read predates
 * B's send, so "not in the chat" no longer means "not sent", and requeuing it would send the fan
 * the same text twice. The chat reads below are built the way Fanvue returns a chat's messages.
 */
import { randomUUID } from 'node:crypto';

import { templateQuery, useTemplateDatabase } from './harness';

const CHAT_READ_LIMIT = 50;
const MAX_ATTEMPTS = 3;

describe("template 02b: an 'unknown' draft is settled only from a chat read taken after its last send", () => {
	const db = useTemplateDatabase();
	const settle = () => templateQuery('02b-send-approved-drafts.json', 'Settle Unknown Drafts');

	/** A fan's message (answered by an approved draft that was sent `sentSecondsAgo` and ended 'unknown'). */
	async function unknownDraft(sentSecondsAgo: number) {
		const fanUuid = randomUUID();
		const [row] = await db.query<{ message_id: string; draft_id: string; fan_wrote_at: Date }>(
			`WITH model AS (INSERT INTO models (fanvue_user_uuid) VALUES (gen_random_uuid()) RETURNING id),
			 fan AS (INSERT INTO fans (model_id, fanvue_user_uuid) SELECT id, $1::uuid FROM model RETURNING id, model_id, fanvue_user_uuid),
			 chat AS (INSERT INTO chats (model_id, fan_id, fanvue_chat_user_uuid) SELECT model_id, id, fanvue_user_uuid FROM fan RETURNING id),
			 incoming AS (
			   INSERT INTO messages (platform, chat_id, direction, text, status, sent_at, fanvue_message_uuid)
			   SELECT 'fanvue', id, 'in', 'Are you on Insta too?', 'pending', now() - interval '1 hour', gen_random_uuid() FROM chat
			   RETURNING id, chat_id, sent_at)
			 INSERT INTO messages (platform, chat_id, direction, text, status, reply_to_message_id, attempts, last_attempt_at)
			 SELECT 'fanvue', chat_id, 'out', 'Only here, babe 😘', 'unknown', id, 1, now() - make_interval(secs => $2) FROM incoming
			 RETURNING reply_to_message_id AS message_id, id AS draft_id, (SELECT sent_at FROM incoming) AS fan_wrote_at`,
			[fanUuid, sentSecondsAgo],
		);
		const fanMessage = { uuid: randomUUID(), text: 'Are you on Insta too?', sentAt: row.fan_wrote_at.toISOString(), sender: { uuid: fanUuid }, recipient: { uuid: randomUUID() } };
		return { fanUuid, draftId: Number(row.draft_id), messageId: Number(row.message_id), fanMessage };
	}

	async function settleWith(chatRead: unknown[], draftIds: number[], readFrom: Date) {
		return db.query<{ draft_id: string; verdict: string }>(settle(), [
			JSON.stringify(chatRead),
			CHAT_READ_LIMIT,
			JSON.stringify(draftIds),
			MAX_ATTEMPTS,
			readFrom.toISOString(),
		]);
	}

	const statusOf = async (id: number) => (await db.query<{ status: string }>('SELECT status FROM messages WHERE id = $1', [id]))[0].status;

	test('read after the send, the draft is not in the chat: not sent, approved again (sent by this run)', async () => {
		const draft = await unknownDraft(120);
		// The chat as read: the fan's message and nothing from the creator after it.
		const verdicts = await settleWith([draft.fanMessage], [draft.draftId], new Date(Date.now() - 1000));
		expect(verdicts.map((v) => [Number(v.draft_id), v.verdict])).toEqual([[draft.draftId, 'not_sent']]);
		expect(await statusOf(draft.draftId)).toBe('approved');
	});

	test('read after the send, the draft is in the chat: sent, the fan message answered', async () => {
		const draft = await unknownDraft(120);
		const ours = { uuid: randomUUID(), text: 'Only here, babe 😘', sentAt: new Date(Date.now() - 119_000).toISOString(), sender: { uuid: draft.fanMessage.recipient.uuid }, recipient: { uuid: draft.fanUuid } };
		const verdicts = await settleWith([ours, draft.fanMessage], [draft.draftId], new Date(Date.now() - 1000));
		expect(verdicts.map((v) => v.verdict)).toEqual(['sent']);
		expect(await statusOf(draft.draftId)).toBe('sent');
		expect(await statusOf(draft.messageId)).toBe('answered');
	});

	test('sent again after the chat read began: left alone for the next run, not requeued', async () => {
		const draft = await unknownDraft(5);
		// This run's look began 60 s ago, before the draft's latest send (5 s ago): the chat it read
		// cannot show that send, so it must not conclude "not sent".
		const verdicts = await settleWith([draft.fanMessage], [draft.draftId], new Date(Date.now() - 60_000));
		expect(verdicts).toEqual([]);
		expect(await statusOf(draft.draftId)).toBe('unknown');
	});
});

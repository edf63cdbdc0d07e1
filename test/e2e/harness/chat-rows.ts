// Rows of one fan's chat written straight into a template database, as the templates would have
// stored them: for the tests that run the templates' SQL without n8n.
import { randomUUID } from 'node:crypto';

import type { TemplateDatabase } from './template-database';
import { templateQuery } from './templates';

export interface ChatRow {
	chatId: number;
	fanUuid: string;
}

export function chatRows(db: TemplateDatabase) {
	return {
		/** A creator, a fan and their chat. */
		async newChat(): Promise<ChatRow> {
			const fanUuid = randomUUID();
			const [row] = await db.query<{ id: string }>(
				`WITH model AS (INSERT INTO models (fanvue_user_uuid) VALUES (gen_random_uuid()) RETURNING id),
				 fan AS (INSERT INTO fans (model_id, fanvue_user_uuid) SELECT id, $1::uuid FROM model RETURNING id, model_id, fanvue_user_uuid)
				 INSERT INTO chats (model_id, fan_id, fanvue_chat_user_uuid) SELECT model_id, id, fanvue_user_uuid FROM fan RETURNING id`,
				[fanUuid],
			);
			return { chatId: Number(row.id), fanUuid };
		},
		/** A fan message stored as 02's "Store Incoming Message" stores it ('pending'), sent `secondsAgo`. */
		async fanWrites(chat: ChatRow, text: string, secondsAgo = 60): Promise<number> {
			const [row] = await db.query<{ id: string }>(
				`INSERT INTO messages (platform, chat_id, direction, text, status, sent_at, fanvue_message_uuid, attempts)
				 VALUES ('fanvue', $1, 'in', $2, 'pending', now() - make_interval(secs => $3), gen_random_uuid(), 0) RETURNING id`,
				[chat.chatId, text, secondsAgo],
			);
			return Number(row.id);
		},
		/**
		 * Template 02's model checks passing, with its own SQL ("Fan Messages to Check", "Record Fan
		 * Messages Check", "Record Reply Check"): the Text Classifier found no intent in the burst
		 * as it is now, and the Guardrails node passed the reply of the audit row. Without them the
		 * claim before the send refuses the reply.
		 */
		async modelChecksPass(messageId: number, auditId: number): Promise<void> {
			const file = '02-ai-auto-reply.json';
			const [input] = await db.query<{ fan_messages: string }>(templateQuery(file, 'Fan Messages to Check'), [messageId, null]);
			await db.query(templateQuery(file, 'Record Fan Messages Check'), [messageId, null, input.fan_messages, '[]', null]);
			const [reply] = await db.query<{ text: string }>('SELECT reply_text AS text FROM ai_replies WHERE id = $1', [auditId]);
			const answer = { guardrailsInput: reply.text, checks: [{ name: 'Off-platform', triggered: false, confidenceScore: 0.05 }] };
			await db.query(templateQuery(file, 'Record Reply Check'), [messageId, null, auditId, reply.text, JSON.stringify(answer)]);
		},
		/** Template 02b's model check passing an approved draft's text, with its own SQL ("Record Draft Check"). */
		async draftCheckPasses(draftId: number): Promise<void> {
			const [draft] = await db.query<{ text: string }>('SELECT text FROM messages WHERE id = $1', [draftId]);
			const answer = { guardrailsInput: draft.text, checks: [{ name: 'Off-platform', triggered: false, confidenceScore: 0.05 }] };
			await db.query(templateQuery('02b-send-approved-drafts.json', 'Record Draft Check'), [draftId, draft.text, JSON.stringify(answer)]);
		},
	};
}

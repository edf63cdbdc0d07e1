/**
 * Template 07 "Fanvue: Retry unanswered messages" together with template 02 "Fanvue: AI
 * auto-reply", end to end (real n8n 2.41.1 + packed package, real PostgreSQL with the schema of
 * template 01, the Fanvue sandbox, the OpenAI-compatible completion server). Both templates are
 * imported as shipped (only credentials swapped); 02 is published, 07 is run one run at a time
 * through n8n's manual-run API (POST /rest/workflows/:id/run, see harness/run-manually.ts) and
 * left unpublished, so that its own 5-minute schedule never runs between a test's steps.
 *
 * No fan ever gets the same reply twice: the witness is the fan's chat in the sandbox, under its
 * faults `failSends` (503, nothing delivered), `deliverThenFail: 'error'` (delivered, then 500)
 * and `deliverThenFail: 'drop'` (delivered, then the connection cut), and a fan Fanvue refuses
 * to message (400, nothing delivered).
 *
 * Template 07 only looks at messages and sends older than `retryAfterSeconds` (120 s as shipped):
 * instead of waiting, the tests move created_at and last_attempt_at 10 minutes back.
 */
import type { ExecutionDetails } from '../harness';
import { importTemplate, nodeOutput } from '../harness';
import { runWorkflowManually } from '../harness';
import { defaultReply } from '../harness/completion-server';
import { freePort } from '../harness/ports';
import {
	eventually,
	executionCount,
	fanPicker,
	messageRows,
	newExecutions,
	repliesTo,
	setAiSettings,
	useAiEnv,
	templateSetting,
	templateWith,
} from '../templates/ai-setup';

const AUTO_REPLY = '02-ai-auto-reply.json';
const RETRY = '07-retry-unanswered-messages.json';

describe('template 07: retry unanswered messages', () => {
	let autoReplyId: string;
	let retryId: string;
	let nextFan: () => any;

	const e = useAiEnv();

	/** A fan message answered (or not) by template 02; resolves after its execution settled. */
	async function fanMessageThrough02(text: string, fan = nextFan()) {
		const { sb, n8n } = e();
		const before = await executionCount(n8n, autoReplyId);
		const act = await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text });
		expect(act.deliveries.map((d: any) => d.status)).toEqual([200]);
		const [run] = await newExecutions(n8n, autoReplyId, before, 1);
		return { fan, act, run };
	}

	/** The same, while Fanvue refuses to message this fan (400 "User is not contactable"). */
	async function refusedThrough02(text: string) {
		const fan = nextFan();
		fan.status = 'none';
		try {
			return await fanMessageThrough02(text, fan);
		} finally {
			fan.status = 'subscriber';
		}
	}

	const run07 = () => runWorkflowManually(e().n8n.rest, retryId);

	/** Ten minutes later, for a fan message and its replies. */
	const backdate = (messageId: number) =>
		e().db.query(
			`UPDATE messages SET created_at = created_at - interval '10 minutes', last_attempt_at = last_attempt_at - interval '10 minutes'
			 WHERE id = $1 OR reply_to_message_id = $1`,
			[messageId],
		);

	/** A fan message 02 could not answer (the model failed), ten minutes old: pending, for 07. */
	async function leftFor07(text: string, fan = nextFan()) {
		e().ai.fail({ status: 500, message: 'model overloaded (e2e)' });
		let pending;
		try {
			pending = await fanMessageThrough02(text, fan);
		} finally {
			e().ai.clearFailure();
		}
		const { incoming } = await messageRows(e().db, pending.act.payload.messageUuid);
		expect(incoming).toMatchObject({ status: 'pending' });
		await backdate(incoming.id);
		return { ...pending, incoming };
	}

	const sendsTo = (fanUuid: string) =>
		e().sb.requests().filter((r: any) => r.method === 'POST' && r.path === `/chats/${fanUuid}/message`);
	/** 07's reads of the chat to settle unknown replies (Read Chat, 50 messages); the pause check of
	 * 02 and 07 (Read Recent Chat) reads the 20 newest. */
	const chatReads = (fanUuid: string) =>
		e().sb.requests().filter((r: any) => r.method === 'GET' && r.path === `/chats/${fanUuid}/messages` && r.query.size === '50');

	/** The one item Send Reply put on its error output, as the next node got it. */
	function sendFailure(run: ExecutionDetails) {
		expect(nodeOutput(run, 'Send Reply', { outputIndex: 0 })).toEqual([]);
		const failed = nodeOutput(run, 'Send Reply', { outputIndex: 1 });
		expect(failed).toHaveLength(1);
		return failed[0] as { error: string; details: { description: string | null; httpCode: number | null; mayHaveBeenSent: boolean } };
	}

	beforeAll(async () => {
		nextFan = fanPicker(e().sb);
		// Template 02 sends at once only on autopilot 'auto' (new installs keep drafts): switched as a user does.
		await setAiSettings(e().db, { default_autopilot: 'auto', reply_delay_min_seconds: 0, reply_delay_max_seconds: 0 });
		autoReplyId = (await importTemplate(e().n8n.rest, AUTO_REPLY, e().credentials)).id;
		retryId = (await importTemplate(e().n8n.rest, RETRY, e().credentials)).id;
		await e().n8n.rest.publishWorkflow(autoReplyId);
	});

	afterEach(() => e().sb.clearFaults());

	test("a failed send's item as n8n 2.41.1 hands it on: the same fields on the regular and on the error output", async () => {
		const { sb, n8n, credentials } = e();
		const fan = nextFan();
		const send = (name: string, onError: string, y: number) => ({
			parameters: { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: fan.uuid }, text: `={{ $json.text }} (${name})` },
			name,
			type: 'n8n-nodes-fanvue.fanvue',
			typeVersion: 1,
			position: [440, y],
			credentials: { fanvueOAuth2Api: credentials.fanvueOAuth2Api },
			onError,
		});
		const noOp = (name: string, y: number) => ({ parameters: {}, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, y] });
		const main = (...targets: string[][]) => ({ main: targets.map((t) => t.map((node) => ({ node, type: 'main', index: 0 }))) });
		const wf = await n8n.rest.importWorkflow({
			name: 'e2e: failed send items',
			nodes: [
				{ parameters: {}, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
				{
					parameters: { assignments: { assignments: [{ id: 'a1', name: 'text', value: 'Delivered, then 500', type: 'string' }, { id: 'a2', name: 'draftId', value: 42, type: 'number' }] }, options: {} },
					name: 'Input',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [220, 0],
				},
				send('Send (Continue)', 'continueRegularOutput', -100),
				send('Send (Error Output)', 'continueErrorOutput', 100),
				noOp('After Continue', -100),
				noOp('After Error Output', 100),
			],
			connections: {
				Start: main(['Input']),
				Input: main(['Send (Continue)', 'Send (Error Output)']),
				'Send (Continue)': main(['After Continue']),
				'Send (Error Output)': main([], ['After Error Output']),
			},
			settings: { executionOrder: 'v1' },
		});
		sb.setFaults({ deliverThenFail: 'error' });
		const run = await runWorkflowManually(n8n.rest, wf.id);
		expect(run.status).toBe('success');
		const details = { description: expect.stringMatching(/\S/), httpCode: 500, mayHaveBeenSent: true };
		expect(nodeOutput(run, 'After Continue')).toEqual([{ error: expect.stringMatching(/^Fanvue answered 500/), details }]);
		// On the error output n8n merges the input item's fields in.
		expect(nodeOutput(run, 'After Error Output')).toEqual([
			{ text: 'Delivered, then 500', draftId: 42, error: expect.stringMatching(/^Fanvue answered 500/), details },
		]);
		// Both really reached the fan: that is what mayHaveBeenSent warns about.
		expect(repliesTo(sb, fan.uuid).map((m: any) => m.text).sort()).toEqual([
			'Delivered, then 500 (Send (Continue))',
			'Delivered, then 500 (Send (Error Output))',
		]);
	});

	test('503 to the send (nothing delivered): parked unknown; 07 sees the chat without the reply and answers once', async () => {
		const { sb, db, ai } = e();
		sb.setFaults({ failSends: true });
		// No long digit run in the text: the default reply echoes it, and 02's reply check holds phone numbers.
		const text = `Hello? Anyone? ${Date.now().toString(36)}`;
		const completionsBefore = ai.completions().length;
		const { fan, act, run } = await fanMessageThrough02(text);
		sb.clearFaults();
		// The send failure went to the error output: the execution itself succeeded.
		expect(run.status).toBe('success');
		expect(sendFailure(run)).toMatchObject({ error: expect.stringMatching(/^Fanvue answered 503/), details: { httpCode: 503, mayHaveBeenSent: true } });
		expect(nodeOutput(run, 'Park Unknown Reply')).toHaveLength(1);
		expect(nodeOutput(run, 'Record Failure')).toEqual([]);
		const firstReply = ai.completions()[completionsBefore].reply;

		const parked = await messageRows(db, act.payload.messageUuid);
		expect(parked.incoming).toMatchObject({ direction: 'in', status: 'unknown', attempts: 1, answered_at: null });
		expect(parked.incoming.last_error).toMatch(/503/);
		expect(parked.outgoing).toHaveLength(1);
		expect(parked.outgoing[0]).toMatchObject({ direction: 'out', status: 'unknown', text: firstReply, fanvue_message_uuid: null });
		expect(parked.outgoing[0].last_attempt_at).toBeTruthy();
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
		expect(sendsTo(fan.uuid).map((r: any) => r.status)).toEqual([503]);

		// Still young (< retryAfterSeconds): 07 neither looks at the chat nor sends.
		const young = await run07();
		expect(young.status).toBe('success');
		expect(nodeOutput(young, 'Find Unknown Replies')).toEqual([]);
		expect(nodeOutput(young, 'Claim Unanswered Messages')).toEqual([]);
		expect(chatReads(fan.uuid)).toEqual([]);

		// Ten minutes later 07 reads the chat (without marking it read), does not find the reply,
		// and answers the message again in the same run: one reply, the new model text.
		await backdate(parked.incoming.id);
		const retried = await run07();
		expect(retried.errorMessage).toBeUndefined();
		expect(retried.status).toBe('success');
		expect(chatReads(fan.uuid).map((r: any) => r.query.markAsRead)).toEqual(['false']);
		expect(nodeOutput(retried, 'Settle Unknown Replies')).toEqual([
			expect.objectContaining({ reply_id: parked.outgoing[0].id, message_id: parked.incoming.id, verdict: 'not_sent' }),
		]);
		const calls = ai.completions().slice(completionsBefore + 1);
		expect(calls).toHaveLength(1);
		// 07 answers with the persona of ai_settings, the one template 02 uses.
		expect(calls[0].messages.find((m) => m.role === 'system')?.content).toContain((await setAiSettings(db)).persona);
		expect(calls[0].messages.filter((m) => m.role === 'user').pop()?.content).toContain(text);
		const replies = repliesTo(sb, fan.uuid);
		expect(replies.map((m: any) => m.text)).toEqual([calls[0].reply]);
		const answered = await messageRows(db, act.payload.messageUuid);
		expect(answered.incoming).toMatchObject({ status: 'answered', attempts: 2, last_error: null });
		expect(answered.incoming.answered_at).toBeTruthy();
		expect(answered.outgoing).toHaveLength(1);
		expect(answered.outgoing[0]).toMatchObject({ status: 'sent', text: calls[0].reply, fanvue_message_uuid: replies[0].uuid });

		// Running 07 again sends nothing more.
		const again = await run07();
		expect(again.status).toBe('success');
		expect(nodeOutput(again, 'Find Unknown Replies')).toEqual([]);
		expect(nodeOutput(again, 'Claim Unanswered Messages')).toEqual([]);
		expect(repliesTo(sb, fan.uuid)).toHaveLength(1);
		expect(ai.completions().length).toBe(completionsBefore + 2);
	});

	/**
	 * What a run killed between 02's "Claim Message" and saving the send leaves: the fan's message
	 * 'sending', no reply row (the reply's text only in its ai_replies row). Made from a settled run
	 * by taking the reply row away; the claim moved back beyond 07's lease (claimLeaseMinutes).
	 */
	async function killedAfterClaim(messageId: number, leaseMinutes: number) {
		const { db } = e();
		await db.query("DELETE FROM messages WHERE reply_to_message_id = $1 AND direction = 'out'", [messageId]);
		await db.query('UPDATE ai_replies SET reply_id = NULL, approved_by = NULL, sent_at = NULL WHERE message_id = $1', [messageId]);
		await db.query(
			`UPDATE messages SET status = 'sending', answered_at = NULL, last_error = NULL,
			   created_at = now() - make_interval(mins => $2 + 2), last_attempt_at = now() - make_interval(mins => $2 + 1)
			 WHERE id = $1`,
			[messageId, leaseMinutes],
		);
	}

	test("a message left 'sending' by a killed run: after the lease 07 settles it by the chat, never sending a reply twice", async () => {
		const { sb, db, ai } = e();
		const lease = templateSetting(RETRY, 'claimLeaseMinutes');
		expect(lease).toBe(60);

		// (a) Killed after the send went out: the fan has the reply; 07 finds it and stores it as sent.
		const completionsBefore = ai.completions().length;
		const delivered = await fanMessageThrough02('Did my message arrive? a');
		const reply = ai.completions()[completionsBefore].reply;
		expect(repliesTo(sb, delivered.fan.uuid).map((m: any) => m.text)).toEqual([reply]);
		const deliveredRows = await messageRows(db, delivered.act.payload.messageUuid);
		await killedAfterClaim(deliveredRows.incoming.id, lease);

		// (b) Killed before the send: nothing reached the fan (503); 07 answers it once.
		sb.setFaults({ failSends: true });
		const lost = await fanMessageThrough02('Did my message arrive? b');
		sb.clearFaults();
		expect(repliesTo(sb, lost.fan.uuid)).toEqual([]);
		const lostRows = await messageRows(db, lost.act.payload.messageUuid);
		await killedAfterClaim(lostRows.incoming.id, lease);

		// (c) Claimed within the lease: the run may still be sending; 07 leaves it alone.
		const young = await fanMessageThrough02('Did my message arrive? c');
		const youngRows = await messageRows(db, young.act.payload.messageUuid);
		await db.query("DELETE FROM messages WHERE reply_to_message_id = $1 AND direction = 'out'", [youngRows.incoming.id]);
		await db.query("UPDATE messages SET status = 'sending', answered_at = NULL, created_at = now() - interval '15 minutes', last_attempt_at = now() - make_interval(mins => $2 - 2) WHERE id = $1", [youngRows.incoming.id, lease]);

		const sendsBefore = sb.requests().filter((r: any) => r.method === 'POST' && /^\/chats\/[^/]+\/message$/.test(r.path)).length;
		const parked = await run07();
		expect(parked.errorMessage).toBeUndefined();
		expect(nodeOutput(parked, 'Park Expired Claims')).toEqual([
			expect.objectContaining({ expired_claims: 2, message_ids: [Number(deliveredRows.incoming.id), Number(lostRows.incoming.id)] }),
		]);
		// A run that is only slow may still be sending: the chat is read retryAfterSeconds after the
		// parking, not in the same run. Then (as if that time had passed) the next run settles them.
		const parkedIds = [deliveredRows.incoming.id, lostRows.incoming.id];
		expect(nodeOutput(parked, 'Settle Unknown Replies').filter((r) => parkedIds.includes(r.message_id as string))).toEqual([]);
		await db.query("UPDATE messages SET created_at = created_at - interval '10 minutes' WHERE direction = 'out' AND status = 'unknown' AND reply_to_message_id = ANY($1::bigint[])", [parkedIds]);
		const settled = await run07();
		expect(settled.errorMessage).toBeUndefined();
		expect(settled.status).toBe('success');
		expect(nodeOutput(settled, 'Settle Unknown Replies')).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ message_id: deliveredRows.incoming.id, verdict: 'sent', fanvue_message_uuid: repliesTo(sb, delivered.fan.uuid)[0].uuid }),
				expect.objectContaining({ message_id: lostRows.incoming.id, verdict: 'not_sent' }),
			]),
		);

		// The fan of (a) still has one reply, now stored as sent with Fanvue's uuid.
		expect(repliesTo(sb, delivered.fan.uuid)).toHaveLength(1);
		const a = await messageRows(db, delivered.act.payload.messageUuid);
		expect(a.incoming).toMatchObject({ status: 'answered' });
		expect(a.outgoing).toEqual([expect.objectContaining({ status: 'sent', text: reply, fanvue_message_uuid: repliesTo(sb, delivered.fan.uuid)[0].uuid })]);
		// The fan of (b) got exactly one reply, from this run.
		const bReplies = repliesTo(sb, lost.fan.uuid);
		expect(bReplies).toHaveLength(1);
		const b = await messageRows(db, lost.act.payload.messageUuid);
		expect(b.incoming).toMatchObject({ status: 'answered' });
		expect(b.outgoing).toEqual([expect.objectContaining({ status: 'sent', fanvue_message_uuid: bReplies[0].uuid })]);
		// (c) untouched, and only (b)'s reply was sent by this run.
		expect((await messageRows(db, young.act.payload.messageUuid)).incoming).toMatchObject({ status: 'sending' });
		const sendsAfter = sb.requests().filter((r: any) => r.method === 'POST' && /^\/chats\/[^/]+\/message$/.test(r.path)).length;
		expect(sendsAfter - sendsBefore).toBe(1);

		// Nothing more on the next run.
		const again = await run07();
		expect(nodeOutput(again, 'Park Expired Claims')).toEqual([expect.objectContaining({ expired_claims: 0 })]);
		expect(repliesTo(sb, delivered.fan.uuid)).toHaveLength(1);
		expect(repliesTo(sb, lost.fan.uuid)).toHaveLength(1);
		// (c) must not disturb later tests' claims.
		await db.query("UPDATE messages SET status = 'answered' WHERE id = $1", [youngRows.incoming.id]);
	});

	test("a fan message whose webhook never arrived (n8n down): 07 finds it in the chat list, stores it once, answers it once", async () => {
		const { sb, db, n8n, ai } = e();
		// This database has had Fanvue deliveries before (only messages since the first are looked for).
		await fanMessageThrough02('Hi, first message through the webhook');
		await db.query("UPDATE webhook_deliveries SET received_at = received_at - interval '1 hour'");
		const fan = nextFan();
		// n8n down for Fanvue: 02 unpublished, so no delivery of this message reaches a workflow.
		await n8n.rest.unpublishWorkflow(autoReplyId);
		let act: any;
		try {
			act = await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text: 'Is anyone reading this?' });
		} finally {
			await n8n.rest.publishWorkflow(autoReplyId);
		}
		expect(act.deliveries.filter((d: any) => d.status >= 200 && d.status < 300)).toEqual([]);
		expect((await messageRows(db, act.payload.messageUuid)).incoming).toBeUndefined();

		// Younger than retryAfterSeconds: its webhook may still come; 07 leaves it alone.
		const completionsBefore = ai.completions().length;
		const young = await run07();
		expect(young.errorMessage).toBeUndefined();
		expect(nodeOutput(young, 'Chats With Missed Messages')).toEqual([]);
		expect(nodeOutput(young, 'Store Missed Messages')).toEqual([]);
		expect((await messageRows(db, act.payload.messageUuid)).incoming).toBeUndefined();

		// Ten minutes later (the fan's message moved back in the sandbox's chat): 07 reads the chats
		// whose last message is the fan's, stores the missing one and answers it in the same run.
		const chat = sb.store.chat(fan.uuid);
		const inFanvue = sb.store.lastMessageOf(chat);
		expect(inFanvue.uuid).toBe(act.payload.messageUuid);
		inFanvue.sentAt = chat.lastMessageAt = new Date(Date.now() - 10 * 60_000).toISOString();
		sb.store.touchChats();
		const found = await run07();
		expect(found.errorMessage).toBeUndefined();
		expect(nodeOutput(found, 'Store Missed Messages')).toEqual([expect.objectContaining({ stored: 1, message_uuids: [act.payload.messageUuid] })]);
		const replies = repliesTo(sb, fan.uuid);
		expect(replies.map((m: any) => m.text)).toEqual([ai.completions()[completionsBefore].reply]);
		const rows = await messageRows(db, act.payload.messageUuid);
		expect(rows.incoming).toMatchObject({ direction: 'in', status: 'answered', text: 'Is anyone reading this?' });
		expect(rows.outgoing).toEqual([expect.objectContaining({ status: 'sent', fanvue_message_uuid: replies[0].uuid })]);

		// The next run finds nothing more to store or answer.
		const again = await run07();
		expect(nodeOutput(again, 'Chats With Missed Messages')).toEqual([]);
		expect(nodeOutput(again, 'Claim Unanswered Messages')).toEqual([]);

		// The webhook arriving late after all (Fanvue's redelivery): the same uuid is the same row; not answered twice.
		const before = await executionCount(n8n, autoReplyId);
		const late = await sb.redeliver(act);
		expect(late.map((d: any) => d.status)).toEqual([200]);
		await newExecutions(n8n, autoReplyId, before, 1);
		expect(repliesTo(sb, fan.uuid)).toHaveLength(1);
		expect(await db.query('SELECT id FROM messages WHERE fanvue_message_uuid = $1', [act.payload.messageUuid])).toHaveLength(1);
	});

	test('n8n down while the fan writes "I\'m 15" then "hey?": 07 reads the chat back, stores both, hands the chat off and sends nothing', async () => {
		const { sb, db, n8n, ai } = e();
		await fanMessageThrough02('Hi, first message through the webhook');
		await db.query("UPDATE webhook_deliveries SET received_at = received_at - interval '1 hour'");
		const fan = nextFan();
		await n8n.rest.unpublishWorkflow(autoReplyId);
		const acts: any[] = [];
		try {
			for (const text of ["I'm 15 btw", 'hey? you there']) acts.push(await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text }));
		} finally {
			await n8n.rest.publishWorkflow(autoReplyId);
		}
		for (const act of acts) expect((await messageRows(db, act.payload.messageUuid)).incoming).toBeUndefined();
		// Ten and nine minutes ago, in the sandbox's chat: past retryAfterSeconds.
		const chat = sb.store.chat(fan.uuid);
		for (const [i, message] of sb.store.messagesOf(chat).slice(-2).entries()) message.sentAt = new Date(Date.now() - (10 - i) * 60_000).toISOString();
		chat.lastMessageAt = sb.store.lastMessageOf(chat).sentAt;
		sb.store.touchChats();

		const completionsBefore = ai.completions().length;
		const run = await run07();
		expect(run.errorMessage).toBeUndefined();
		expect(nodeOutput(run, 'Read Missed Chat').length).toBeGreaterThanOrEqual(2);
		expect(nodeOutput(run, 'Store Missed Messages')).toEqual([expect.objectContaining({ stored: 2, message_uuids: acts.map((act) => act.payload.messageUuid) })]);
		const [first, second] = await Promise.all(acts.map(async (act) => (await messageRows(db, act.payload.messageUuid)).incoming));
		expect(first).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/^hand-off: may be a minor/) });
		expect(second).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/^the chat waits for you/) });
		const [flag] = await db.query<any>('SELECT ai_flag FROM chats WHERE id = $1', [first.chat_id]);
		expect(flag.ai_flag).toBe('needs_human');
		expect(await db.query('SELECT kind FROM ai_alerts WHERE message_id = $1', [first.id])).toEqual([{ kind: 'needs_human' }]);
		expect(ai.completions().length).toBe(completionsBefore);
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
	});

	test('delivered, then 500: the fan has the reply once; 07 finds it in the chat and marks it sent, sending nothing', async () => {
		const { sb, db, ai } = e();
		sb.setFaults({ deliverThenFail: 'error' });
		const completionsBefore = ai.completions().length;
		const { fan, act, run } = await fanMessageThrough02('Will you answer me twice?');
		sb.clearFaults();
		expect(run.status).toBe('success');
		expect(sendFailure(run).details).toMatchObject({ httpCode: 500, mayHaveBeenSent: true });
		const reply = ai.completions()[completionsBefore].reply;
		const replies = repliesTo(sb, fan.uuid);
		expect(replies.map((m: any) => m.text)).toEqual([reply]);

		const parked = await messageRows(db, act.payload.messageUuid);
		expect(parked.incoming.status).toBe('unknown');
		expect(parked.outgoing.map((o: any) => [o.status, o.text])).toEqual([['unknown', reply]]);

		await backdate(parked.incoming.id);
		const checked = await run07();
		expect(checked.status).toBe('success');
		expect(nodeOutput(checked, 'Settle Unknown Replies')).toEqual([
			expect.objectContaining({ reply_id: parked.outgoing[0].id, verdict: 'sent', fanvue_message_uuid: replies[0].uuid }),
		]);
		expect(nodeOutput(checked, 'Claim Unanswered Messages')).toEqual([]);
		expect(ai.completions().length).toBe(completionsBefore + 1);
		expect(sendsTo(fan.uuid)).toHaveLength(1);
		expect(repliesTo(sb, fan.uuid)).toHaveLength(1);
		const settled = await messageRows(db, act.payload.messageUuid);
		expect(settled.incoming).toMatchObject({ status: 'answered', attempts: 1, last_error: null });
		expect(settled.outgoing).toHaveLength(1);
		expect(settled.outgoing[0]).toMatchObject({ status: 'sent', text: reply, fanvue_message_uuid: replies[0].uuid, last_error: null });

		const again = await run07();
		expect(nodeOutput(again, 'Find Unknown Replies')).toEqual([]);
		expect(repliesTo(sb, fan.uuid)).toHaveLength(1);
	});

	test("Fanvue refuses 02's send (400): pending; 07's send is delivered and its connection cut: never sent twice, even with the fault still on", async () => {
		const { sb, db, ai } = e();
		const { fan, act, run } = await refusedThrough02('Are you there? (refused first)');
		expect(run.status).toBe('success');
		expect(sendFailure(run)).toMatchObject({ error: expect.stringMatching(/not contactable/), details: { httpCode: 400, mayHaveBeenSent: false } });
		expect(nodeOutput(run, 'Record Failure')).toHaveLength(1);
		expect(nodeOutput(run, 'Park Unknown Reply')).toEqual([]);
		const refused = await messageRows(db, act.payload.messageUuid);
		expect(refused.incoming).toMatchObject({ status: 'pending', attempts: 1 });
		expect(refused.incoming.last_error).toMatch(/not contactable/);
		expect(refused.outgoing).toEqual([]);
		expect(repliesTo(sb, fan.uuid)).toEqual([]);

		// 07 answers it; Fanvue delivers the reply and cuts the connection before answering.
		sb.setFaults({ deliverThenFail: 'drop' });
		await backdate(refused.incoming.id);
		const completionsBefore = ai.completions().length;
		const cut = await run07();
		expect(cut.status).toBe('success');
		expect(sendFailure(cut).details).toMatchObject({ httpCode: null, mayHaveBeenSent: true });
		const reply = ai.completions()[completionsBefore].reply;
		expect(repliesTo(sb, fan.uuid).map((m: any) => m.text)).toEqual([reply]);
		const parked = await messageRows(db, act.payload.messageUuid);
		expect(parked.incoming).toMatchObject({ status: 'unknown', attempts: 2 });
		expect(parked.outgoing.map((o: any) => o.status)).toEqual(['unknown']);

		// The fault stays on. Right away 07 leaves it alone; ten minutes later it finds the reply.
		const soon = await run07();
		expect(nodeOutput(soon, 'Find Unknown Replies')).toEqual([]);
		expect(nodeOutput(soon, 'Claim Unanswered Messages')).toEqual([]);
		await backdate(refused.incoming.id);
		const checked = await run07();
		expect(checked.status).toBe('success');
		expect(nodeOutput(checked, 'Settle Unknown Replies').map((r) => r.verdict)).toEqual(['sent']);
		expect(sendsTo(fan.uuid).map((r: any) => r.status)).toEqual([400, 'dropped']);
		const replies = repliesTo(sb, fan.uuid);
		expect(replies).toHaveLength(1);
		const settled = await messageRows(db, act.payload.messageUuid);
		expect(settled.incoming).toMatchObject({ status: 'answered', attempts: 2 });
		expect(settled.outgoing.map((o: any) => [o.status, o.fanvue_message_uuid])).toEqual([['sent', replies[0].uuid]]);
	});

	test('the global switch turned off while 07\'s model writes: 07 sends nothing, the message is skipped with the reason', async () => {
		const { sb, db, ai } = e();
		const pending = await leftFor07('Are you around tonight?');

		const model = ai.hold(1);
		let run;
		try {
			const running = run07();
			await eventually(async () => model.waiting() === 1, 60_000, "07's model call");
			await setAiSettings(db, { ai_enabled: false });
			model.release();
			run = await running;
		} finally {
			model.release();
			await setAiSettings(db, { ai_enabled: true });
		}
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Claim for Send')).toEqual([expect.objectContaining({ claimed: false, stop_reason: 'the AI is switched off (ai_settings.ai_enabled)' })]);
		expect(nodeOutput(run, 'Send Reply')).toEqual([]);
		expect(sendsTo(pending.fan.uuid)).toHaveLength(0);
		expect((await messageRows(db, pending.act.payload.messageUuid)).incoming).toMatchObject({ status: 'skipped', last_error: 'the AI is switched off (ai_settings.ai_enabled)' });
		expect(repliesTo(sb, pending.fan.uuid)).toEqual([]);
	});

	test.each([
		['its reply would be sent', defaultReply],
		['its reply would be held as a draft (a link in it)', () => 'Find all my pics on https://example.com/me 😘'],
	])('a 07 run slower than the lease leaves nothing once another run took its message over: %s', async (_case, lateReply) => {
		const { sb, db, ai, n8n, credentials } = e();
		// Run B comes from a copy of 07 whose lease is 0 minutes and which reads the chat at once
		// (retryAfterSeconds 0): it takes over A's claim and settles it in one run. (A batch large
		// enough for the fan messages earlier tests left waiting, which it answers too.)
		const takeOver = await n8n.rest.importWorkflow({
			...templateWith(RETRY, credentials, { 'Retry Settings': { claimLeaseMinutes: 0, retryAfterSeconds: 0, batchSize: 100 } }),
			name: `07, lease 0 (${_case})`,
		});
		// A fan message 02 could not answer (the model failed): pending, for 07.
		const pending = await leftFor07('Still there, babe?');
		const rows = { incoming: pending.incoming };

		// Run A claims the message and waits on a model that hangs.
		const hangingModel = ai.hold(1);
		const runA = run07();
		await eventually(async () => hangingModel.waiting() === 1, 60_000, "run A's model call");
		expect((await messageRows(db, pending.act.payload.messageUuid)).incoming).toMatchObject({ status: 'retrying' });
		// Run B parks the message (A's claim is past B's lease), finds no reply in the chat, and answers it.
		const runB = await runWorkflowManually(n8n.rest, takeOver.id);
		expect(runB.status).toBe('success');
		expect(nodeOutput(runB, 'Park Expired Claims')).toEqual([expect.objectContaining({ message_ids: [Number(rows.incoming.id)] })]);
		expect(repliesTo(sb, pending.fan.uuid)).toHaveLength(1);

		// The model answers A at last: A finds its claim gone and leaves nothing, no reply, no draft.
		ai.setReply(lateReply);
		try {
			hangingModel.release();
			const a = await runA;
			expect(a.status).toBe('success');
			// Its claim for the send (or its draft) is refused: the message is not A's any more.
			expect(nodeOutput(a, 'Send Reply')).toEqual([]);
			// (Save Draft passes an empty item on to the next message when it stores nothing.)
			expect(nodeOutput(a, 'Save Draft').filter((row) => row.draft_id)).toEqual([]);
			// A's audit row says its reply was not used; B's row is the one with the reply.
			const audit = await db.query<any>('SELECT verdict, reply_id FROM ai_replies WHERE message_id = $1 ORDER BY id', [rows.incoming.id]);
			expect(audit.filter((row) => row.reply_id !== null)).toHaveLength(1);
			expect(audit.at(-1).verdict).toMatch(/^not (sent: the claim was lost|used: another run took the message over)/);
		} finally {
			ai.setReply(defaultReply);
		}
		expect(repliesTo(sb, pending.fan.uuid)).toHaveLength(1);
		const after = await messageRows(db, pending.act.payload.messageUuid);
		expect(after.incoming).toMatchObject({ status: 'answered' });
		expect(after.outgoing.map((o: any) => o.status)).toEqual(['sent']);
	});

	test('an AI failure leaves the message pending with the error; 07 answers it later', async () => {
		const { sb, db, ai } = e();
		ai.fail({ status: 500, message: 'model overloaded (e2e)' });
		let pending;
		try {
			const { fan, act, run } = await fanMessageThrough02('Are you online?');
			expect(run.status).toBe('success');
			expect(nodeOutput(run, 'Record Failure')).toHaveLength(1);
			pending = { fan, act };
		} finally {
			ai.clearFailure();
		}
		const rows = await messageRows(db, pending.act.payload.messageUuid);
		expect(rows.incoming).toMatchObject({ status: 'pending', attempts: 1 });
		// n8n's OpenAI error handler replaces the provider's message with its own text.
		expect(rows.incoming.last_error).toBeTruthy();
		expect(rows.outgoing).toEqual([]);
		expect(repliesTo(sb, pending.fan.uuid)).toEqual([]);

		await backdate(rows.incoming.id);
		const retried = await run07();
		expect(retried.status).toBe('success');
		expect(repliesTo(sb, pending.fan.uuid)).toHaveLength(1);
		expect((await messageRows(db, pending.act.payload.messageUuid)).incoming.status).toBe('answered');
	});

	test('two 07 runs at the same time answer a message once; failures count up to maxAttempts', async () => {
		const { sb, db } = e();
		const maxAttempts = templateSetting(RETRY, 'maxAttempts');

		// Refused in 02 and in the first 07 run: attempts 2, still pending.
		const fan = nextFan();
		fan.status = 'none';
		let act: any;
		try {
			({ act } = await fanMessageThrough02('Ping (concurrency)', fan));
			const { incoming } = await messageRows(db, act.payload.messageUuid);
			await backdate(incoming.id);
			const failedRetry = await run07();
			expect(failedRetry.status).toBe('success');
		} finally {
			fan.status = 'subscriber';
		}
		const afterFailure = (await messageRows(db, act.payload.messageUuid)).incoming;
		expect(afterFailure).toMatchObject({ status: 'pending', attempts: 2 });
		expect(afterFailure.last_error).toMatch(/not contactable/);

		// Two runs at once: exactly one claims it, exactly one reply.
		const runs = await Promise.all([run07(), run07()]);
		expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
		const claims = runs.map((r) => nodeOutput(r, 'Claim Unanswered Messages').length);
		expect(claims.sort()).toEqual([0, 1]);
		expect(repliesTo(sb, fan.uuid)).toHaveLength(1);
		expect((await messageRows(db, act.payload.messageUuid)).incoming).toMatchObject({ status: 'answered', attempts: 3 });

		// A message that has used up its attempts is left alone.
		const exhausted = await refusedThrough02('Ping (given up)');
		const exhaustedRow = (await messageRows(db, exhausted.act.payload.messageUuid)).incoming;
		await db.query('UPDATE messages SET attempts = $2 WHERE id = $1', [exhaustedRow.id, maxAttempts]);
		await backdate(exhaustedRow.id);
		const skip = await run07();
		expect(skip.status).toBe('success');
		expect(nodeOutput(skip, 'Claim Unanswered Messages')).toEqual([]);
		expect(repliesTo(sb, exhausted.fan.uuid)).toEqual([]);
		expect((await messageRows(db, exhausted.act.payload.messageUuid)).incoming).toMatchObject({ status: 'pending', attempts: maxAttempts });
	});

	test('07 keeps the guardrails of 02, one message at a time: each chat as its own role messages, the reply check, autopilot off', async () => {
		const { sb, db, ai } = e();
		const [a, b, c] = [nextFan(), nextFan(), nextFan()];
		const first = await fanMessageThrough02('A says hello', a);
		expect(first.run.status).toBe('success');
		const firstReply = repliesTo(sb, a.uuid)[0].text;
		// The model fails for the next three messages: 02 leaves them pending for 07.
		ai.fail({ status: 500, message: 'model overloaded (e2e)' });
		let pending: Array<{ act: any }>;
		try {
			pending = [await fanMessageThrough02('A asks where to find more', a), await fanMessageThrough02('B says hi', b), await fanMessageThrough02('C says hi', c)];
		} finally {
			ai.clearFailure();
		}
		const rows = await Promise.all(pending.map((p) => messageRows(db, p.act.payload.messageUuid)));
		expect(rows.map((r) => r.incoming.status)).toEqual(['pending', 'pending', 'pending']);
		for (const r of rows) await backdate(r.incoming.id);
		await db.query("UPDATE fans SET autopilot = 'off' WHERE fanvue_user_uuid = $1", [c.uuid]);
		// A's retried reply carries a link; B's is the default one.
		ai.setReply((messages) =>
			messages[messages.length - 1].content === 'A asks where to find more' ? 'All my sets are on www.mia-sets.example 😘' : defaultReply(messages),
		);
		const completionsBefore = ai.completions().length;
		try {
			const run = await run07();
			expect(run.errorMessage).toBeUndefined();
			expect(run.status).toBe('success');
		} finally {
			ai.setReply(defaultReply);
		}

		// Two model calls (C's autopilot is off), each with its own chat only, as role messages.
		const calls = ai.completions().slice(completionsBefore);
		expect(calls.map((call) => call.messages.slice(1))).toEqual([
			[
				{ role: 'user', content: 'A says hello' },
				{ role: 'assistant', content: firstReply },
				{ role: 'user', content: 'A asks where to find more' },
			],
			[{ role: 'user', content: 'B says hi' }],
		]);
		// A: held as a draft with the reason, nothing more sent. B: answered. C: skipped.
		const [heldA, answeredB, skippedC] = await Promise.all(pending.map((p) => messageRows(db, p.act.payload.messageUuid)));
		expect(repliesTo(sb, a.uuid).map((m: any) => m.text)).toEqual([firstReply]);
		expect(heldA.outgoing.map((o: any) => [o.status, o.hold_reason])).toEqual([['draft', 'contains a link']]);
		expect(repliesTo(sb, b.uuid).map((m: any) => m.text)).toEqual([calls[1].reply]);
		expect(answeredB.incoming.status).toBe('answered');
		expect(repliesTo(sb, c.uuid)).toEqual([]);
		expect(skippedC.incoming).toMatchObject({ status: 'skipped', last_error: 'autopilot is off for this fan' });
	});

	test('an alert the creator switched on but whose mail server is down fails alone: the run goes on to the next message', async () => {
		const { db, ai, n8n, credentials } = e();
		// The creator turns the optional alert on; the mail server does not answer (a closed port).
		const smtp = await n8n.rest.createCredential({ name: 'mail (down)', type: 'smtp', data: { user: 'u', password: 'p', host: '127.0.0.1', port: await freePort(), secure: false } });
		const wf = templateWith(RETRY, credentials) as any;
		const alert = wf.nodes.find((n: any) => n.name === 'Alert Creator');
		delete alert.disabled;
		alert.credentials = { smtp: { id: smtp.id, name: smtp.name } };
		const alerting = await n8n.rest.importWorkflow({ ...wf, name: '07 with its alert on' });
		// Two fan messages 02 could not answer (the model failed); by 07's run, a rule the creator
		// added hands both to a person.
		ai.fail({ status: 500, message: 'model overloaded (e2e)' });
		const handOffs = [];
		try {
			for (const text of ['my package never arrived', 'my parcel never arrived either']) handOffs.push(await fanMessageThrough02(text));
		} finally {
			ai.clearFailure();
		}
		for (const { act } of handOffs) await backdate((await messageRows(db, act.payload.messageUuid)).incoming.id);
		await db.query("INSERT INTO ai_handoff_rules (name, pattern, reason) VALUES ('delivery (alert on)', '\\mnever arrived\\M', 'asks about a delivery')");
		try {
			const run = await runWorkflowManually(n8n.rest, alerting.id);
			expect(run.status).toBe('success');
			// One message at a time: the alert ran once per message, failing each time.
			const alerts = [0, 1].flatMap((runIndex) => nodeOutput(run, 'Alert Creator', { runIndex }));
			expect(alerts).toHaveLength(2);
			for (const item of alerts) expect(String(item.error)).toMatch(/ECONNREFUSED|connect/i);
			for (const { act } of handOffs) {
				expect((await messageRows(db, act.payload.messageUuid)).incoming).toMatchObject({ status: 'skipped', last_error: 'hand-off: asks about a delivery' });
			}
		} finally {
			await db.query("DELETE FROM ai_handoff_rules WHERE name = 'delivery (alert on)'");
		}
	});

	test("07 hands a chat off like 02, with the rules a creator adds, and passes it to its (disabled) alert", async () => {
		const { db, ai, sb } = e();
		const fan = nextFan();
		// The model fails: 02 leaves the message pending for 07.
		const pending = await leftFor07('my package never arrived', fan);
		// Meanwhile the creator adds a hand-off rule of their own, as the README shows.
		await db.query("INSERT INTO ai_handoff_rules (name, pattern, reason) VALUES ('delivery', '\\mnever arrived\\M', 'asks about a delivery')");
		const completionsBefore = ai.completions().length;
		try {
			const run = await run07();
			expect(run.status).toBe('success');
			expect(ai.completions().length).toBe(completionsBefore);
			expect(repliesTo(sb, fan.uuid)).toEqual([]);
			const after = await messageRows(db, pending.act.payload.messageUuid);
			expect(after.incoming).toMatchObject({ status: 'skipped', last_error: 'hand-off: asks about a delivery' });
			const [chat] = await db.query<any>('SELECT ai_flag FROM chats WHERE id = $1', [after.incoming.chat_id]);
			expect(chat.ai_flag).toBe('needs_human');
			expect(await db.query('SELECT kind, reason FROM ai_alerts WHERE message_id = $1', [after.incoming.id])).toEqual([
				{ kind: 'needs_human', reason: 'hand-off: asks about a delivery' },
			]);
			// The optional alert (shipped disabled, as in 02) gets the hand-off.
			expect(nodeOutput(run, 'Hand-off?').map((item) => [item.handoff, item.skip_reason])).toEqual([[true, 'hand-off: asks about a delivery']]);
		} finally {
			await db.query("DELETE FROM ai_handoff_rules WHERE name = 'delivery'");
		}
	});
});

/**
 * Template 07 "Fanvue: Retry unanswered messages" together with template 02 "Fanvue: AI
 * auto-reply", end to end (real n8n 2.41.1 + packed package, real PostgreSQL with the schema of
 * template 01, the Fanvue sandbox, the OpenAI-compatible completion server). Both templates are
 * imported as shipped (only credentials swapped) and published; 07 is run once at a time through
 * n8n's manual-run API (POST /rest/workflows/:id/run, see harness/run-manually.ts).
 *
 * Template 07 only retries messages older than `retryAfterSeconds` (120 s as shipped): instead of
 * waiting, the tests move the message's created_at 10 minutes back in PostgreSQL.
 */
import { importTemplate, nodeOutput } from './harness';
import { runWorkflowManually } from './harness';
import {
	AiEnv,
	executionCount,
	fanPicker,
	messageRows,
	newExecutions,
	repliesTo,
	startAiEnv,
	templateSetting,
} from './templates/ai-setup';

const AUTO_REPLY = '02-ai-auto-reply.json';
const RETRY = '07-retry-unanswered-messages.json';

describe('template 07: retry unanswered messages', () => {
	let env: AiEnv | undefined;
	let autoReplyId: string;
	let retryId: string;
	let nextFan: () => any;

	const e = (): AiEnv => {
		if (!env) throw new Error('set-up failed (see beforeAll)');
		return env;
	};

	/** A fan message answered (or not) by template 02; resolves after its execution settled. */
	async function fanMessageThrough02(text: string) {
		const { sb, n8n } = e();
		const fan = nextFan();
		const before = await executionCount(n8n, autoReplyId);
		const act = await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text });
		expect(act.deliveries.map((d: any) => d.status)).toEqual([200]);
		const [run] = await newExecutions(n8n, autoReplyId, before, 1);
		return { fan, act, run };
	}

	const backdate = (id: number) =>
		e().db.query("UPDATE messages SET created_at = created_at - interval '10 minutes' WHERE id = $1", [id]);

	beforeAll(async () => {
		env = await startAiEnv();
		nextFan = fanPicker(env.sb);
		autoReplyId = (await importTemplate(env.n8n.rest, AUTO_REPLY, env.credentials)).id;
		retryId = (await importTemplate(env.n8n.rest, RETRY, env.credentials)).id;
		await env.n8n.rest.publishWorkflow(autoReplyId);
		await env.n8n.rest.publishWorkflow(retryId);
	});

	afterAll(async () => {
		e().sb?.clearFaults();
		await env?.stop('templates-retry');
	});

	test('a failed send leaves the message pending; 07 answers it once, and never again', async () => {
		const { sb, db, ai, n8n } = e();
		sb.setFaults({ failSends: true });
		const text = `Hello? Anyone? ${Date.now()}`;
		const { fan, act, run } = await fanMessageThrough02(text);
		// The send failure went to the error output: the execution itself succeeded.
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Send Reply', { outputIndex: 0 })).toEqual([]);
		expect(nodeOutput(run, 'Send Reply', { outputIndex: 1 })).toHaveLength(1); // the error output
		expect(nodeOutput(run, 'Save Sent Reply')).toEqual([]);
		expect(nodeOutput(run, 'Record Failure')).toHaveLength(1);

		const failed = await messageRows(db, act.payload.messageUuid);
		expect(failed.incoming).toMatchObject({ direction: 'in', status: 'pending', attempts: 1, answered_at: null });
		expect(failed.incoming.last_error).toMatch(/503|unavailable/i);
		expect(failed.outgoing).toEqual([]);
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
		// The send was really attempted (and refused) at Fanvue.
		expect(sb.requests().filter((r: any) => r.method === 'POST' && r.path === `/chats/${fan.uuid}/message`).map((r: any) => r.status)).toEqual([503]);

		// Still young (< retryAfterSeconds): 07 leaves it to template 02.
		sb.clearFaults();
		const young = await runWorkflowManually(n8n.rest, retryId);
		expect(young.status).toBe('success');
		expect(nodeOutput(young, 'Claim Unanswered Messages')).toEqual([]);
		expect(repliesTo(sb, fan.uuid)).toEqual([]);

		// Ten minutes later, 07 answers it: one reply, the model's text, rows updated.
		await backdate(failed.incoming.id);
		const completionsBefore = ai.completions().length;
		const retried = await runWorkflowManually(n8n.rest, retryId);
		expect(retried.errorMessage).toBeUndefined();
		expect(retried.status).toBe('success');
		const calls = ai.completions().slice(completionsBefore);
		expect(calls).toHaveLength(1);
		expect(calls[0].messages.find((m) => m.role === 'system')?.content).toContain(templateSetting(RETRY, 'persona'));
		expect(calls[0].messages.filter((m) => m.role === 'user').pop()?.content).toContain(text);
		const replies = repliesTo(sb, fan.uuid);
		expect(replies.map((m: any) => m.text)).toEqual([calls[0].reply]);
		const answered = await messageRows(db, act.payload.messageUuid);
		expect(answered.incoming).toMatchObject({ status: 'answered', attempts: 2 });
		expect(answered.incoming.answered_at).toBeTruthy();
		expect(answered.incoming.last_error).toBeNull();
		expect(answered.outgoing).toHaveLength(1);
		expect(answered.outgoing[0]).toMatchObject({ status: 'sent', direction: 'out', text: calls[0].reply, fanvue_message_uuid: replies[0].uuid });

		// Running 07 again sends nothing more.
		const again = await runWorkflowManually(n8n.rest, retryId);
		expect(again.status).toBe('success');
		expect(nodeOutput(again, 'Claim Unanswered Messages')).toEqual([]);
		expect(repliesTo(sb, fan.uuid)).toHaveLength(1);
		expect(ai.completions().length).toBe(completionsBefore + 1);
	});

	test('an AI failure leaves the message pending with the error; 07 answers it later', async () => {
		const { sb, db, ai, n8n } = e();
		ai.fail({ status: 500, message: 'model overloaded (e2e)' });
		let pending;
		try {
			const { fan, act, run } = await fanMessageThrough02('Are you online?');
			expect(run.status).toBe('success');
			pending = { fan, act };
		} finally {
			ai.clearFailure();
		}
		const rows = await messageRows(db, pending.act.payload.messageUuid);
		expect(rows.incoming).toMatchObject({ status: 'pending', attempts: 1 });
		// n8n's OpenAI error handler replaces the provider's message with its own text.
		expect(rows.incoming.last_error).toBeTruthy();
		// eslint-disable-next-line no-console
		console.log(`last_error after an AI failure: ${rows.incoming.last_error}`);
		expect(repliesTo(sb, pending.fan.uuid)).toEqual([]);

		await backdate(rows.incoming.id);
		const retried = await runWorkflowManually(n8n.rest, retryId);
		expect(retried.status).toBe('success');
		expect(repliesTo(sb, pending.fan.uuid)).toHaveLength(1);
		expect((await messageRows(db, pending.act.payload.messageUuid)).incoming.status).toBe('answered');
	});

	test('two 07 runs at the same time answer a message once; failures count up to maxAttempts', async () => {
		const { sb, db, n8n } = e();
		const maxAttempts = templateSetting(RETRY, 'maxAttempts');

		// Fails in 02 and in the first 07 run: attempts 2, still pending.
		sb.setFaults({ failSends: true });
		const { fan, act } = await fanMessageThrough02('Ping (concurrency)');
		const { incoming } = await messageRows(db, act.payload.messageUuid);
		await backdate(incoming.id);
		const failedRetry = await runWorkflowManually(n8n.rest, retryId);
		expect(failedRetry.status).toBe('success');
		const afterFailure = (await messageRows(db, act.payload.messageUuid)).incoming;
		expect(afterFailure).toMatchObject({ status: 'pending', attempts: 2 });
		expect(afterFailure.last_error).toMatch(/503|unavailable/i);
		sb.clearFaults();

		// Two runs at once: exactly one reply. (07 is published: its own 5-minute schedule may
		// take the message in between, so the test counts claims, at most one, and replies.)
		const runs = await Promise.all([runWorkflowManually(n8n.rest, retryId), runWorkflowManually(n8n.rest, retryId)]);
		expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
		const claims = runs.map((r) => nodeOutput(r, 'Claim Unanswered Messages').length);
		expect(claims.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
		expect(repliesTo(sb, fan.uuid)).toHaveLength(1);
		expect((await messageRows(db, act.payload.messageUuid)).incoming).toMatchObject({ status: 'answered', attempts: 3 });

		// A message that has used up its attempts is left alone.
		sb.setFaults({ failSends: true });
		const exhausted = await fanMessageThrough02('Ping (given up)');
		sb.clearFaults();
		const exhaustedRow = (await messageRows(db, exhausted.act.payload.messageUuid)).incoming;
		await db.query('UPDATE messages SET attempts = $2 WHERE id = $1', [exhaustedRow.id, maxAttempts]);
		await backdate(exhaustedRow.id);
		const skip = await runWorkflowManually(n8n.rest, retryId);
		expect(skip.status).toBe('success');
		expect(nodeOutput(skip, 'Claim Unanswered Messages')).toEqual([]);
		expect(repliesTo(sb, exhausted.fan.uuid)).toEqual([]);
		expect((await messageRows(db, exhausted.act.payload.messageUuid)).incoming).toMatchObject({ status: 'pending', attempts: maxAttempts });
	});
});

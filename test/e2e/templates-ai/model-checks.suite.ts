/**
 * The model checks of template 02 in a real n8n 2.41.1: n8n's Text Classifier reads the fan's
 * burst and n8n's Guardrails node the reply, both through the template's Check Model (an OpenAI
 * Chat Model node) and the local completion server, which answers each of them as a model would
 * (routed on the system message n8n writes). What is proved is the wiring and that the checks fail
 * closed, never what a real model detects: a verdict acts, a check that errors, answers what
 * cannot be read or takes too long holds the reply, and the classifier reads every message of the
 * burst.
 */
import { importTemplate } from '../harness';
import { defaultReply } from '../harness/completion-server';
import { executionCount, fanPicker, messageRows, newExecutions, repliesTo, setAiSettings, useAiEnv } from '../templates/ai-setup';

const AUTO_REPLY = '02-ai-auto-reply.json';

describe('template 02: the model checks on both sides, failing closed', () => {
	let workflowId: string;
	let nextFan: () => any;

	const e = useAiEnv();

	/** Fan messages through the sandbox, a moment apart; resolves once their executions settled. */
	async function fanWrites(fan: any, ...texts: string[]) {
		const { n8n, sb, db } = e();
		const before = await executionCount(n8n, workflowId);
		const acts = [];
		for (const text of texts) acts.push(await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text }));
		const runs = await newExecutions(n8n, workflowId, before, texts.length);
		// (a check that failed took its node's error output: the execution succeeds, its errorMessage says why)
		expect(runs.map((run) => run.status)).toEqual(texts.map(() => 'success'));
		return Promise.all(acts.map(async (act) => (await messageRows(db, act.payload.messageUuid)).incoming));
	}
	const checksOf = async (messageId: number) =>
		e().db.query<any>('SELECT checked, checked_text, verdict, detail FROM ai_model_checks WHERE message_id = $1 ORDER BY id', [messageId]);
	const chatOf = async (messageId: number) =>
		(await e().db.query<any>('SELECT c.ai_flag, c.ai_flag_reason, c.id FROM chats c JOIN messages m ON m.chat_id = c.id WHERE m.id = $1', [messageId]))[0];
	const alertsOf = async (chatId: number) => e().db.query<any>('SELECT kind, reason FROM ai_alerts WHERE chat_id = $1 ORDER BY id', [chatId]);

	beforeAll(async () => {
		nextFan = fanPicker(e().sb);
		await setAiSettings(e().db, { default_autopilot: 'auto', reply_delay_min_seconds: 0, reply_delay_max_seconds: 0 });
		workflowId = (await importTemplate(e().n8n.rest, AUTO_REPLY, e().credentials)).id;
		await e().n8n.rest.publishWorkflow(workflowId);
	});

	afterEach(async () => {
		const { ai, db } = e();
		ai.setReply((messages) => defaultReply(messages));
		ai.classify(undefined);
		ai.guard(undefined);
		ai.clearFailure();
		await setAiSettings(db, { reply_delay_min_seconds: 0, reply_delay_max_seconds: 0, check_timeout_seconds: 30 });
	});

	test('both checks pass: the reply is sent, and both verdicts are recorded for the exact texts', async () => {
		const { ai, sb } = e();
		const fan = nextFan();
		ai.setReply(() => 'Movie night sounds perfect 🍿');
		const checksBefore = ai.checks().length;
		const [incoming] = await fanWrites(fan, 'what are you up to tonight?');
		expect(incoming.status).toBe('answered');
		expect(repliesTo(sb, fan.uuid).map((m: any) => m.text)).toEqual(['Movie night sounds perfect 🍿']);
		expect(await checksOf(incoming.id)).toEqual([
			{ checked: 'fan_messages', checked_text: 'what are you up to tonight?', verdict: 'pass', detail: null },
			{ checked: 'reply', checked_text: 'Movie night sounds perfect 🍿', verdict: 'pass', detail: null },
		]);
		// One call of each: the classifier read the fan's text, the guardrail the reply.
		const calls = ai.checks().slice(checksBefore);
		expect(calls.map((call) => [call.route, call.messages.at(-1)?.content])).toEqual([
			['classifier', 'what are you up to tonight?'],
			['guardrail', 'Movie night sounds perfect 🍿'],
		]);
	});

	test('a fan who writes in Spanish that she is a minor, in words the rules miss: the classifier, reading the whole burst, hands off; no reply, the chat flagged, one alert', async () => {
		const { ai, sb } = e();
		const fan = nextFan();
		// The "model" finds a minor only when it sees both messages: proof the burst is read whole.
		ai.classify((text) => (/hola guapo/.test(text) && /mi mam[aá] revisa mi tel[eé]fono/.test(text) ? ['minor'] : []));
		await setAiSettings(e().db, { reply_delay_min_seconds: 3, reply_delay_max_seconds: 3 });
		const callsBefore = ai.completions().length;
		const [first, second] = await fanWrites(fan, 'hola guapo', 'mi mamá revisa mi teléfono cada noche, escríbeme después de las 10');
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
		expect(ai.completions().length).toBe(callsBefore);
		expect(first.status).toBe('superseded');
		expect(second).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/^hand-off: may be a minor.*\(the model check\)$/) });
		const chat = await chatOf(second.id);
		expect(chat.ai_flag).toBe('needs_human');
		expect(await alertsOf(chat.id)).toEqual([{ kind: 'needs_human', reason: expect.stringMatching(/may be a minor/) }]);
		expect((await checksOf(second.id)).map((c) => [c.checked, c.verdict, c.checked_text])).toEqual([
			['fan_messages', 'fail', 'hola guapo mi mamá revisa mi teléfono cada noche, escríbeme después de las 10'],
		]);
	});

	test.each([
		['an intent and "none of these" at once (the item on two outputs, Other first)', (categories: string[]) => JSON.stringify({ ...Object.fromEntries(categories.map((c) => [c, c === 'minor'])), fallback: true })],
		['two intents at once', (categories: string[]) => JSON.stringify({ ...Object.fromEntries(categories.map((c) => [c, c === 'refund' || c === 'legal'])), fallback: false })],
		['the never-true category beside an intent', (categories: string[]) => JSON.stringify({ ...Object.fromEntries(categories.map((c) => [c, c === 'model_check_placeholder' || c === 'threat'])), fallback: false })],
	])('a classifier answer with %s: handed off with every intent, once; nothing sent', async (_what, answer) => {
		const { ai, sb } = e();
		const fan = nextFan();
		ai.classify((_text, categories) => answer(categories));
		const callsBefore = ai.completions().length;
		const [incoming] = await fanWrites(fan, 'what are you up to tonight?');
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
		expect(ai.completions().length).toBe(callsBefore);
		expect(incoming).toMatchObject({ status: 'skipped', last_error: expect.stringMatching(/^hand-off: .*\(the model check\)$/) });
		const chat = await chatOf(incoming.id);
		expect(await alertsOf(chat.id)).toHaveLength(1);
		expect((await checksOf(incoming.id)).map((c) => c.verdict)).toEqual(['fail']);
		if (answer(['refund', 'legal']).includes('"legal":true')) expect(incoming.last_error).toMatch(/refund.*legal|legal.*refund/);
	});

	test.each([
		['errors', () => e().ai.fail({ route: 'classifier', status: 500 })],
		['answers what cannot be read', () => e().ai.classify(() => 'I think this is fine')],
	])('a classifier that %s holds the reply: nothing sent, the model never asked for one, the message left for template 07', async (_what, breakIt) => {
		const { ai, sb } = e();
		const fan = nextFan();
		breakIt();
		const callsBefore = ai.completions().length;
		const [incoming] = await fanWrites(fan, 'what are you up to tonight?');
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
		expect(ai.completions().length).toBe(callsBefore);
		expect(incoming).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^the check of the fan's messages gave no verdict/) });
		expect((await checksOf(incoming.id)).map((c) => c.verdict)).toEqual(['error']);
	});

	test('a classifier slower than check_timeout_seconds holds the reply', async () => {
		const { ai, sb, db } = e();
		const fan = nextFan();
		await setAiSettings(db, { check_timeout_seconds: 1 });
		// Every attempt of n8n's OpenAI client is held past the timeout (it tries again on its own).
		const held = ai.hold(10, 'classifier');
		try {
			const [incoming] = await fanWrites(fan, 'what are you up to tonight?');
			expect(held.waiting()).toBeGreaterThan(0);
			expect(repliesTo(sb, fan.uuid)).toEqual([]);
			expect(incoming).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/gave no verdict/) });
		} finally {
			held.release();
		}
	});

	test('the guardrail flags the reply: kept as a draft with the reason, nothing sent', async () => {
		const { ai, sb, db } = e();
		const fan = nextFan();
		ai.setReply(() => 'Find me where the blue bird sings, same name 😘');
		ai.guard((text) => text.includes('blue bird'));
		const [incoming] = await fanWrites(fan, 'where else can I find you?');
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
		const { outgoing } = await messageRows(db, incoming.fanvue_message_uuid);
		expect(outgoing).toEqual([expect.objectContaining({ status: 'draft', hold_reason: expect.stringMatching(/^the model check holds it: Off-platform/) })]);
		expect((await checksOf(incoming.id)).map((c) => [c.checked, c.verdict])).toEqual([
			['fan_messages', 'pass'],
			['reply', 'fail'],
		]);
	});

	test.each([
		['errors', () => e().ai.fail({ route: 'guardrail', status: 500 })],
		['answers what cannot be read', () => e().ai.guard(() => 'looks fine to me')],
	])('a guardrail that %s holds the reply: nothing sent, the message left for template 07', async (_what, breakIt) => {
		const { ai, sb } = e();
		const fan = nextFan();
		ai.setReply(() => 'Movie night sounds perfect 🍿');
		breakIt();
		const [incoming] = await fanWrites(fan, 'what are you up to tonight?');
		expect(repliesTo(sb, fan.uuid)).toEqual([]);
		expect(incoming).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^the check of the reply gave no verdict/) });
		expect((await checksOf(incoming.id)).map((c) => [c.checked, c.verdict])).toEqual([
			['fan_messages', 'pass'],
			['reply', 'error'],
		]);
	});
});

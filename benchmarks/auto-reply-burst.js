'use strict';
// Benchmark 2: a burst of fan messages through the AI auto-reply template (workflows/02) in a
// real n8n with PostgreSQL (schema by template 01), the local completion server standing in for
// OpenAI, and the sandbox at Fanvue's bucket. `fans` different subscribers write at once;
// then: replies sent, fans answered twice (must be 0), fans left unanswered (must be 0), and the
// time from the burst to the last reply against the bucket's lower bound for every API request
// the template made (counted by the sandbox in the same run).
// `startStack` (startTemplateStack's options → a TemplateStack) picks the n8n: the single process
// by default, or startQueueTemplateStack (main + webhook process + two workers, Redis,
// PostgreSQL as n8n's database) with `mode: QUEUE_MODE`. Alone (`node
// benchmarks/auto-reply-burst.js`) it runs both, one after the other; BENCH_FANS sets the burst,
// BENCH_MODE=single or queue runs one, BENCH_WARM_UP=1 lets one fan write (and be answered)
// before the burst, so that the trigger meets the burst with the connected account looked up.
const { harness, startQueueTemplateStack } = require('./lib/stack');

const QUEUE_MODE = 'queue mode, two workers';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Where the time went, from n8n's own records of the template's executions: their statuses,
 * how long after the burst each started (in queue mode: waited in the queue for a worker) and
 * how long each ran.
 */
async function executionTimes(rest, workflowId, burstAt) {
	const executions = await rest.listExecutions(workflowId);
	const statuses = {};
	const toStart = [];
	const run = [];
	for (const execution of executions) {
		statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
		if (!execution.startedAt) continue;
		const startedAt = Date.parse(execution.startedAt);
		toStart.push(startedAt - burstAt);
		if (execution.stoppedAt) run.push(Date.parse(execution.stoppedAt) - startedAt);
	}
	const summary = (values) => {
		const sorted = values.sort((a, b) => a - b);
		return { p50: percentile(sorted, 50), max: sorted[sorted.length - 1] ?? 0 };
	};
	return { statuses, toStart: summary(toStart), run: summary(run) };
}

/** The sandbox's webhook delivery attempts of the burst: how n8n answered (status, or the connection error). */
function deliveryOutcomes(attempts, firstAnswersMs) {
	const outcomes = {};
	for (const attempt of attempts) {
		const outcome = attempt.status === null ? String(attempt.error) : `HTTP ${attempt.status}`;
		outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
	}
	const accepted = new Set(attempts.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.id)).size;
	return { attempts: attempts.length, outcomes, accepted, firstAnswersMs };
}

async function autoReplyBurstBenchmark({
	fans = 200,
	bucket = { capacity: 200, windowSeconds: 60 },
	startStack = harness.startTemplateStack,
	mode = 'single process',
	warmUp = false,
	n8nEnv,
	log = console.log,
} = {}) {
	const logName = mode === QUEUE_MODE ? 'bench-auto-reply-queue' : 'bench-auto-reply';
	const stack = await startStack({
		sandbox: { seed: 1, fans: 1000, rateLimit: bucket, clientId: 'bench-ai-client', clientSecret: 'bench-ai-secret', maxRecordedRequests: 50_000 },
		withOpenAi: true,
		logName,
		n8nEnv,
	});
	try {
		const { n8n, sb, db, credentials } = stack;
		// Autopilot on and no human-like delay, as a user switches it in ai_settings.
		await db.query('UPDATE ai_settings SET default_autopilot = $1, reply_delay_min_seconds = 0, reply_delay_max_seconds = 0 WHERE id = 1', ['auto']);
		const workflow = await harness.importTemplate(n8n.rest, '02-ai-auto-reply.json', credentials);
		await n8n.rest.publishWorkflow(workflow.id);
		const withChat = sb.store.fans.filter((f) => f.status === 'subscriber' && f.hasChat);
		const writers = withChat.slice(0, fans);
		if (writers.length < fans || (warmUp && withChat.length === fans)) throw new Error(`only ${withChat.length} subscribers with a chat`);
		const repliesTo = (fan) => sb.store.messagesOf(sb.store.chat(fan.uuid)).filter((m) => m.senderUuid === sb.creator.uuid && m.viaApi);
		if (warmUp) {
			// One message from another fan first, answered before the burst: the trigger has then
			// looked up the connected account once (it remembers it), as on an account in use.
			const early = withChat[fans];
			await sb.fanActs({ type: 'message', fanUuid: early.uuid, text: 'Hi, warming up' });
			const until = Date.now() + 120_000;
			while (repliesTo(early).length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 1000));
			log(`  warm-up: ${repliesTo(early).length ? 'one message answered' : 'no answer in 2 minutes'} before the burst`);
		}
		sb.resetRateLimits();
		sb.clearRequests();
		sb.clearDeliveries();
		const started = Date.now();
		// Resolves once n8n answered every first delivery attempt (retries go on in the background).
		await Promise.all(writers.map((fan, i) => sb.fanActs({ type: 'message', fanUuid: fan.uuid, text: `Hi! Question number ${i} for you` })));
		const firstAnswersMs = Date.now() - started;
		// Wait until every fan has a reply, or nothing has changed for two minutes.
		let answered = 0;
		let lastChange = Date.now();
		while (answered < fans && Date.now() - lastChange < 120_000) {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const now = writers.filter((fan) => repliesTo(fan).length > 0).length;
			if (now !== answered) lastChange = Date.now();
			answered = now;
		}
		await new Promise((resolve) => setTimeout(resolve, 5000)); // a late duplicate would show up here
		const replies = writers.map((fan) => repliesTo(fan));
		const sent = replies.reduce((n, r) => n + r.length, 0);
		const duplicates = replies.filter((r) => r.length > 1).length;
		const unanswered = replies.filter((r) => r.length === 0).length;
		const replyTimes = replies.flat().map((m) => Date.parse(m.sentAt));
		const apiRequests = sb.requests().filter((r) => !r.path.startsWith('/oauth2'));
		const served = apiRequests.filter((r) => r.status !== 429).length;
		const tooMany = apiRequests.filter((r) => r.status === 429).length;
		const boundMs = (Math.max(0, served - bucket.capacity) / (bucket.capacity / bucket.windowSeconds)) * 1000;
		const ms = replyTimes.length ? Math.max(...replyTimes) - started : null;
		const executions = await executionTimes(n8n.rest, workflow.id, started);
		const deliveries = deliveryOutcomes(sb.deliveries(), firstAnswersMs);
		const result = {
			mode,
			warmUp,
			n8nEnv: n8nEnv ?? {},
			fans,
			sent,
			duplicates,
			unanswered,
			apiRequests: served,
			tooManyRequests: tooMany,
			ms,
			boundMs,
			ratio: boundMs > 0 && ms !== null ? ms / boundMs : null,
			deliveries,
			executions,
		};
		log(
			`benchmark 2: ${fans} fan messages at once through template 02 (${result.mode}${warmUp ? ', after one message' : ''}${n8nEnv ? `, ${Object.entries(n8nEnv).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}), bucket ${bucket.capacity} / ${bucket.windowSeconds} s: ` +
				`${sent} replies, ${duplicates} fans answered twice, ${unanswered} unanswered, ${served} API requests (${tooMany} × 429); ` +
				`${ms === null ? 'no reply' : `last reply after ${(ms / 1000).toFixed(1)} s`}, bound ${(boundMs / 1000).toFixed(1)} s${result.ratio === null ? '' : ` (x${result.ratio.toFixed(3)})`}`,
		);
		const s = (msValue) => `${(msValue / 1000).toFixed(1)} s`;
		log(
			`  webhook deliveries: ${deliveries.attempts} attempts (${Object.entries(deliveries.outcomes).map(([outcome, n]) => `${n} ${outcome}`).join(', ')}), ` +
				`${deliveries.accepted} accepted; every first attempt answered after ${s(firstAnswersMs)}`,
		);
		log(
			`  n8n's executions: ${Object.entries(executions.statuses).map(([status, n]) => `${n} ${status}`).join(', ')}; ` +
				`from the burst to an execution's start p50 ${s(executions.toStart.p50)} / max ${s(executions.toStart.max)}, ` +
				`run p50 ${s(executions.run.p50)} / max ${s(executions.run.max)}`,
		);
		return result;
	} finally {
		await stack.stop(logName);
	}
}

module.exports = { autoReplyBurstBenchmark, QUEUE_MODE };

if (require.main === module) {
	(async () => {
		const fans = Number(process.env.BENCH_FANS ?? 200);
		const only = process.env.BENCH_MODE;
		const warmUp = process.env.BENCH_WARM_UP === '1';
		// BENCH_N8N_ENV='{"N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE":"true"}': settings for n8n.
		const n8nEnv = process.env.BENCH_N8N_ENV ? JSON.parse(process.env.BENCH_N8N_ENV) : undefined;
		if (only !== 'queue') await autoReplyBurstBenchmark({ fans, warmUp, n8nEnv });
		if (only !== 'single') await autoReplyBurstBenchmark({ fans, warmUp, n8nEnv, startStack: startQueueTemplateStack, mode: QUEUE_MODE });
	})().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}

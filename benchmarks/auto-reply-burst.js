'use strict';
// Benchmark 2: a burst of fan messages through the AI auto-reply template (workflows/02) in a
// real n8n with PostgreSQL (schema by template 01), the local completion server standing in for
// OpenAI, and the sandbox at Fanvue's bucket. `fans` different subscribers write at once;
// then: replies sent, fans answered twice (must be 0), fans left unanswered (must be 0), and the
// time from the burst to the last reply against the bucket's lower bound for every API request
// the template made (counted by the sandbox in the same run).
// Queue mode: pass `startStack` (a function taking startTemplateStack's options and resolving a
// TemplateStack) that starts the harness's queue-mode stack with two workers, and a `mode` label;
// the default is the single-process stack.
const { harness } = require('./lib/stack');

async function autoReplyBurstBenchmark({
	fans = 200,
	bucket = { capacity: 200, windowSeconds: 60 },
	startStack = harness.startTemplateStack,
	mode = 'single process',
	log = console.log,
} = {}) {
	const stack = await startStack({
		sandbox: { seed: 1, fans: 1000, rateLimit: bucket, clientId: 'bench-ai-client', clientSecret: 'bench-ai-secret', maxRecordedRequests: 50_000 },
		withOpenAi: true,
		logName: 'bench-auto-reply',
	});
	try {
		const { n8n, sb, db, credentials } = stack;
		// Autopilot on and no human-like delay, as a user switches it in ai_settings.
		await db.query('UPDATE ai_settings SET default_autopilot = $1, reply_delay_min_seconds = 0, reply_delay_max_seconds = 0 WHERE id = 1', ['auto']);
		const workflow = await harness.importTemplate(n8n.rest, '02-ai-auto-reply.json', credentials);
		await n8n.rest.publishWorkflow(workflow.id);
		const writers = sb.store.fans.filter((f) => f.status === 'subscriber' && f.hasChat).slice(0, fans);
		if (writers.length < fans) throw new Error(`only ${writers.length} subscribers with a chat`);
		const repliesTo = (fan) => sb.store.messagesOf(sb.store.chat(fan.uuid)).filter((m) => m.senderUuid === sb.creator.uuid && m.viaApi);
		sb.resetRateLimits();
		sb.clearRequests();
		const started = Date.now();
		await Promise.all(writers.map((fan, i) => sb.fanActs({ type: 'message', fanUuid: fan.uuid, text: `Hi! Question number ${i} for you` })));
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
		const lastReplyAt = Math.max(...replies.flat().map((m) => Date.parse(m.sentAt)));
		const apiRequests = sb.requests().filter((r) => !r.path.startsWith('/oauth2'));
		const served = apiRequests.filter((r) => r.status !== 429).length;
		const tooMany = apiRequests.filter((r) => r.status === 429).length;
		const boundMs = (Math.max(0, served - bucket.capacity) / (bucket.capacity / bucket.windowSeconds)) * 1000;
		const ms = lastReplyAt - started;
		const result = { mode, fans, sent, duplicates, unanswered, apiRequests: served, tooManyRequests: tooMany, ms, boundMs, ratio: boundMs > 0 ? ms / boundMs : null };
		log(
			`benchmark 2: ${fans} fan messages at once through template 02 (${result.mode}), bucket ${bucket.capacity} / ${bucket.windowSeconds} s: ` +
				`${sent} replies, ${duplicates} fans answered twice, ${unanswered} unanswered, ${served} API requests (${tooMany} × 429); ` +
				`last reply after ${(ms / 1000).toFixed(1)} s, bound ${(boundMs / 1000).toFixed(1)} s${result.ratio === null ? '' : ` (x${result.ratio.toFixed(3)})`}`,
		);
		return result;
	} finally {
		await stack.stop('bench-auto-reply');
	}
}

module.exports = { autoReplyBurstBenchmark };

if (require.main === module) {
	autoReplyBurstBenchmark({ fans: Number(process.env.BENCH_FANS ?? 200) }).catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}

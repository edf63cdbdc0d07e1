'use strict';
// Benchmark 3: time to answer signed Fanvue deliveries. Three workflows of the same shape in one
// n8n: the Fanvue Trigger (automatic registration, the default) → No Op; n8n's bare Webhook
// node → No Op (the baseline: what n8n itself costs); and what a user builds without the
// package: Webhook (raw body) → Code checking the HMAC → IF → No Op. All answer as soon as the
// execution is created (n8n's "Immediately"). p50/p95/p99 over `count` deliveries, one at a
// time and `inFlight` at once, as ratios to the bare Webhook node; then forged deliveries (a
// wrong signature): what refusing one costs the trigger.
const crypto = require('crypto');
const { randomUUID } = crypto;
const { startStack, fanvueCredential } = require('./lib/stack');
const { node, chain } = require('./lib/workflows');

const sign = (secret, body, t = Math.floor(Date.now() / 1000)) =>
	`t=${t},v0=${crypto.createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex')}`;

const DIY_CHECK = `
const crypto = require('crypto');
const secret = ${'$'}env.BENCH_SIGNING_SECRET;
return $input.all().map((item) => {
	const header = String(item.json.headers['x-fanvue-signature'] || '');
	const t = (/(?:^|,)t=(\\d+)/.exec(header) || [])[1];
	const given = [...header.matchAll(/v0=([0-9a-f]+)/g)].map((m) => m[1]);
	const raw = Buffer.from(item.binary.data.data, 'base64');
	const expected = crypto.createHmac('sha256', secret).update(t + '.').update(raw).digest('hex');
	const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= 300;
	return { json: { valid: Boolean(t) && fresh && given.includes(expected), body: item.json.body } };
});`;

/** The trigger as the editor adds it today: version 2 (version 1 makes n8n evaluate an expression per delivery). */
function triggerWorkflow(credential, typeVersion = 2) {
	const webhookId = randomUUID();
	const trigger = node('Fanvue Trigger', 'n8n-nodes-fanvue.fanvueTrigger', typeVersion, { events: ['follower.new'] }, {
		webhookId,
		credentials: { fanvueOAuth2Api: credential },
	});
	return { url: `webhook/${webhookId}/webhook`, workflow: chain('bench: Fanvue Trigger', [trigger, node('Done', 'n8n-nodes-base.noOp', 1, {})]) };
}

function webhookWorkflow(name, { rawBody = false, then = [] } = {}) {
	const path = `bench-${randomUUID()}`;
	const webhook = node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived', options: rawBody ? { rawBody: true } : {} }, {
		webhookId: randomUUID(),
	});
	return { url: `webhook/${path}`, workflow: chain(name, [webhook, ...then, node('Done', 'n8n-nodes-base.noOp', 1, {})]) };
}

function diyWorkflow() {
	return webhookWorkflow('bench: Webhook + Code (HMAC) + IF', {
		rawBody: true,
		then: [
			node('Check signature', 'n8n-nodes-base.code', 2, { jsCode: DIY_CHECK }),
			node('Valid?', 'n8n-nodes-base.if', 2, {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
					conditions: [{ id: randomUUID(), leftValue: '={{ $json.valid }}', rightValue: true, operator: { type: 'boolean', operation: 'true', singleValue: true } }],
					combinator: 'and',
				},
				options: {},
			}),
		],
	});
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Sends `count` deliveries, `inFlight` at a time; resolves the latencies (ms) and the statuses seen. */
async function deliver(url, body, secret, { count, inFlight, forge = false }) {
	const latencies = [];
	const statuses = {};
	let next = 0;
	async function worker() {
		while (next < count) {
			next += 1;
			const header = forge ? sign('not-the-secret', body) : sign(secret, body);
			const started = process.hrtime.bigint();
			const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-fanvue-signature': header } });
			await res.arrayBuffer();
			latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
			statuses[res.status] = (statuses[res.status] ?? 0) + 1;
		}
	}
	await Promise.all(Array.from({ length: inFlight }, worker));
	return { latencies, statuses };
}

function summary(runs) {
	const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const statuses = {};
	for (const run of runs) for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
	return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), statuses };
}

/**
 * `count` deliveries to each variant in blocks of `block`, the variants taking turns, so that a
 * change in the machine's load (it is shared) falls on all of them alike.
 */
async function inTurns(variants, { count, inFlight, block = 50, forge = false }) {
	const runs = variants.map(() => []);
	for (let sent = 0; sent < count; sent += block) {
		for (const [i, v] of variants.entries()) {
			runs[i].push(await deliver(v.fullUrl, v.body, v.secret, { count: Math.min(block, count - sent), inFlight, forge }));
		}
	}
	return runs.map(summary);
}

async function triggerLatencyBenchmark({ count = 1000, inFlight = 10, forged = 200, env = {}, label = 'n8n defaults', log = console.log } = {}) {
	const diySecret = crypto.randomBytes(24).toString('hex');
	const stack = await startStack({ sandbox: { seed: 1, fans: 50 }, env: { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto', N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', BENCH_SIGNING_SECRET: diySecret, ...env } });
	try {
		const { n8n, sb, rest } = stack;
		const credential = await fanvueCredential(stack, { scopeGroups: ['webhooks'] });
		const trigger = triggerWorkflow(credential);
		const variants = [
			{ label: 'Webhook node (baseline)', ...webhookWorkflow('bench: bare Webhook'), secret: diySecret },
			{ label: 'Fanvue Trigger', ...trigger },
			{ label: 'Webhook + Code (HMAC) + IF', ...diyWorkflow(), secret: diySecret },
		];
		for (const variant of variants) {
			const imported = await rest.importWorkflow(variant.workflow);
			await rest.publishWorkflow(imported.id);
		}
		// The secret Fanvue gave the trigger's registration when it was published.
		variants[1].secret = [...sb.store.webhookSubscriptions.values()][0].signingSecret;
		const { payload } = await sb.fanActs({ type: 'follow' });
		const body = JSON.stringify(payload);
		log(`benchmark 3: ${count} signed deliveries per workflow, one at a time and ${inFlight} in flight (${label})`);
		for (const variant of variants) {
			variant.fullUrl = `${n8n.baseUrl}/${variant.url}`;
			variant.body = body;
			await deliver(variant.fullUrl, body, variant.secret, { count: 20, inFlight: 1 }); // warm-up
		}
		const sequential = await inTurns(variants, { count, inFlight: 1 });
		const parallel = await inTurns(variants, { count, inFlight });
		const forgedRuns = await inTurns(variants.slice(1), { count: forged, inFlight: 1, forge: true });
		const results = variants.map((variant, i) => ({
			label: variant.label,
			sequential: sequential[i],
			parallel: parallel[i],
			forged: i === 0 ? undefined : forgedRuns[i - 1],
		}));
		const base = results[0];
		for (const r of results) {
			const ratio = (mode, p) => (r[mode][p] / base[mode][p]).toFixed(2);
			log(
				`  ${r.label}: one at a time p50 ${r.sequential.p50.toFixed(1)} ms (x${ratio('sequential', 'p50')}), p95 ${r.sequential.p95.toFixed(1)} (x${ratio('sequential', 'p95')}), p99 ${r.sequential.p99.toFixed(1)} (x${ratio('sequential', 'p99')}); ` +
					`${inFlight} in flight p50 ${r.parallel.p50.toFixed(1)} ms (x${ratio('parallel', 'p50')}), p95 ${r.parallel.p95.toFixed(1)}, p99 ${r.parallel.p99.toFixed(1)}; ` +
					`answers ${JSON.stringify({ ...r.sequential.statuses })}` +
					(r.forged ? `; forged: p50 ${r.forged.p50.toFixed(1)} ms (x${(r.forged.p50 / base.sequential.p50).toFixed(2)} a valid bare Webhook delivery), answers ${JSON.stringify(r.forged.statuses)}` : ''),
			);
		}
		return { label, env, count, inFlight, results };
	} finally {
		await stack.stop();
	}
}

module.exports = { triggerLatencyBenchmark, triggerWorkflow, webhookWorkflow, sign };

if (require.main === module) {
	triggerLatencyBenchmark({ count: Number(process.env.BENCH_DELIVERIES ?? 1000) }).catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}

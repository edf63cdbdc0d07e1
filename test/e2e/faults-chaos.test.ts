/**
 * Chaos run (issue 13): fan messages through the AI auto-reply template (02, published) on the
 * real stack (n8n 2.41.1 + packed package, PostgreSQL with template 01's schema, the sandbox, the
 * completion server) while the sandbox injects everything at once: 10 % random 5xx, recurring
 * 429 storms, latency spikes, access tokens that die long before expires_in, duplicate and
 * out-of-order webhook deliveries. Mid-run n8n is killed (SIGKILL; in queue mode one worker) and
 * started again, and PostgreSQL is restarted once. The faults stay on while the sandbox's delivery
 * retries run out and 02's executions settle (so redeliveries meet them too); then they stop and
 * template 07 (retry unanswered messages, run by hand) settles what was left: replies that may
 * have gone out, messages left 'sending' by the killed n8n (its claim lease), and messages whose
 * delivery never got through (it finds them in the chat list).
 *
 * The witnesses are independent of the code under test: the sandbox's store (every reply that
 * reached a fan's chat, every delivery attempt and OAuth answer) and the templates' database.
 * Every fan message must be answered exactly once or parked for a person ('unknown'); 0 fans
 * with two replies, 0 delivered-but-lost messages, 0 refused refreshes (invalid_grant).
 *
 * FANVUE_CHAOS_MESSAGES (default 100, about 3 minutes on 2 shared cores: CI's size; the issue's
 * 300 with FANVUE_CHAOS_MESSAGES=300) scales the run; the stack is the template stack, which
 * runs n8n in queue mode when the harness is asked to (FANVUE_E2E_MODE=queue, jest project
 * e2e-queue): then one worker is killed instead of n8n, and the PostgreSQL restarted is n8n's
 * own database too.
 *
 * The sandbox's fault decisions are seeded (sandbox/README.md "Seeded faults"): the seed is in the
 * describe title and the figures, and FANVUE_FAULT_SEED=<it> replays the same decisions (not the
 * same timing: which request meets which decision depends on n8n).
 */
import path from 'node:path';

import { N8nInstance, QueueStack, REPO_ROOT, importTemplate, nodeOutput, runWorkflowManually, startTemplateStack } from './harness';
import { AiEnv, CLIENT_ID, CLIENT_SECRET, eventually, fanPicker, repliesTo, setAiSettings, templateWith } from './templates/ai-setup';
import { printFigures } from './faults/figures';
import { RestartedPostgres, restartPostgres } from './faults/restart-postgres';
import { executionData, grepSecrets, n8nDatabaseFiles, n8nLogs, postgresTables, secretsOf, secretsTable } from './faults/secrets';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { resolveFaultSeed } = require(path.join(REPO_ROOT, 'sandbox'));

const MESSAGES = Number(process.env.FANVUE_CHAOS_MESSAGES ?? 100);
/** FANVUE_FAULT_SEED, else a fresh one: named in the title so a failed run can be replayed. */
const FAULT_SEED: number | string = resolveFaultSeed();
const SEND_CONCURRENCY = 2;
const AUTO_REPLY = '02-ai-auto-reply.json';
const RETRY = '07-retry-unanswered-messages.json';
const LOG_DIR = path.join(REPO_ROOT, 'test-output', 'n8n-logs');
/**
 * Sandbox delivery retries: 1+2+4+…+256 s ≈ 8.5 minutes of redelivery. 8 attempts (≈ 2 minutes)
 * were used up while a killed n8n took 137 s to come back on 2 overloaded cores: 50 of 150 messages
 * never arrived. Fanvue does not document its schedule; a restart normally takes 10-20 s.
 */
const WEBHOOK_RETRY = { attempts: 10, baseDelayMs: 1000 };

const FAULTS = {
	errorRate: 0.1,
	rateLimitStorms: { everySeconds: 30, seconds: 4 },
	latencySpikes: { rate: 0.05, ms: 3000 },
	// Fanvue says expires_in 3600; the tokens die after 20 s: n8n refreshes under load.
	accessTokenLifetimeSeconds: 20,
	duplicateDeliveries: 0.1,
	reorderDeliveriesMs: 2000,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * n8n answers its REST API with 503 "Database is not ready" while its own database ping times
 * out (seen here with SQLite on 2 overloaded cores, for minutes after the kill): the test's own
 * look-ups wait that out instead of failing the run.
 */
async function whenDatabaseReady<T>(call: () => Promise<T>, timeoutMs = 5 * 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await call();
		} catch (error) {
			if (!/HTTP 503/.test(String((error as Error).message)) || Date.now() > deadline) throw error;
			await sleep(2000);
		}
	}
}

interface Sent {
	index: number;
	fanUuid: string;
	messageUuid: string;
}

interface Killed {
	name: string;
	downMs: number;
	/** Queue mode: the executions the worker was running when it was killed (from its log). */
	heldExecutions: string[];
	/**
	 * Executions that started before this moment are not waited for (0: all are). A killed n8n
	 * may list its executions as running for good; in queue mode n8n settles those of a killed
	 * worker itself (README "Queue mode"), and the run waits for that.
	 */
	waitOnlyForExecutionsSince: number;
}

/** SIGKILL to the process group (n8n and its task runners), then the same process started again. */
async function killAndRestart(n8n: N8nInstance): Promise<Killed> {
	const killProcessGroup = async (instance: N8nInstance) => {
		process.kill(-instance.pid!, 'SIGKILL');
		while (instance.running) await sleep(50);
	};
	if (n8n instanceof QueueStack) {
		// Worker 0 is killed while it runs an execution of 02 (one comes within seconds while the
		// messages keep arriving), so the run shows what becomes of an execution a worker dies in.
		const holding = Date.now() + 60_000;
		while (!n8n.executionIdsRunningOnWorker(0).length && Date.now() < holding) await sleep(20);
		const heldExecutions = n8n.executionIdsRunningOnWorker(0);
		const started = Date.now();
		await killProcessGroup(n8n.workers[0]);
		// Started again as a process supervisor (systemd, a container's restart policy) would: a
		// worker whose start meets the PostgreSQL restart (n8n's database, in queue mode) exits
		// ("Worker exiting due to an error") and is started once more.
		for (let attempt = 1; ; attempt++) {
			try {
				await n8n.workers[0].start();
				break;
			} catch (error) {
				if (attempt >= 5) throw error;
				await sleep(2000);
			}
		}
		return { name: 'one n8n worker', downMs: Date.now() - started, heldExecutions, waitOnlyForExecutionsSince: 0 };
	}
	const started = Date.now();
	await killProcessGroup(n8n);
	await n8n.start();
	await whenDatabaseReady(() => n8n.rest.reloginIfNeeded());
	await whenDatabaseReady(() => n8n.rest.waitForPublishedWorkflows());
	return { name: 'n8n', downMs: Date.now() - started, heldExecutions: [], waitOnlyForExecutionsSince: Date.now() };
}

describe(`chaos run: ${MESSAGES} fan messages through the auto-reply template under every fault (FANVUE_FAULT_SEED=${FAULT_SEED})`, () => {
	let env: AiEnv | undefined;
	let restartedPg: RestartedPostgres | undefined;
	let autoReplyId: string;
	let retryId: string;

	const e = (): AiEnv => {
		if (!env) throw new Error('set-up failed (see beforeAll)');
		return env;
	};

	beforeAll(async () => {
		// eslint-disable-next-line no-console
		console.log(`Chaos run: sandbox fault seed ${FAULT_SEED}; replay with FANVUE_FAULT_SEED=${FAULT_SEED}`);
		env = (await startTemplateStack({
			sandbox: {
				faultSeed: FAULT_SEED,
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				fans: Math.max(800, MESSAGES * 3),
				webhookRetry: WEBHOOK_RETRY,
				maxRecordedRequests: 500_000,
				rateLimit: { capacity: 600, windowSeconds: 60 },
			},
			withOpenAi: true,
			// The run restarts PostgreSQL: a server of its own, not the run's shared one.
			ownPostgres: true,
			logName: 'faults-chaos',
		})) as AiEnv;
		await setAiSettings(env.db, { default_autopilot: 'auto', reply_delay_min_seconds: 0, reply_delay_max_seconds: 0 });
		autoReplyId = (await importTemplate(env.n8n.rest, AUTO_REPLY, env.credentials)).id;
		// 07 as shipped but taking up to 100 messages a run and looking at every chat of the run for
		// messages whose delivery never got through (its Retry Settings, as a user sets them). It runs
		// only after every delivery was accepted or ran out of attempts and 02's executions settled:
		// no webhook is left to wait for, so retryAfterSeconds is 0.
		retryId = (
			await env.n8n.rest.importWorkflow(
				templateWith(RETRY, env.credentials, { 'Retry Settings': { batchSize: 100, reconcileChats: MESSAGES + 50, retryAfterSeconds: 0 } }),
			)
		).id;
		await env.n8n.rest.publishWorkflow(autoReplyId);
	});

	afterAll(async () => {
		env?.sb?.clearFaults();
		try {
			restartedPg?.stopRestarted();
		} finally {
			await env?.stop('faults-chaos');
		}
	});

	/**
	 * Waits until no execution of the workflow (started since `since`) is running or waiting. Called
	 * once the sandbox has no delivery left to send (deliveriesDone): n8n stores an execution before
	 * it answers the delivery that starts it, so none can come after that; no quiet period needed.
	 */
	async function executionsSettled(workflowId: string, since: number, timeoutMs: number): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		let busy: Array<{ id: string; status: string }> = [];
		while (Date.now() < deadline) {
			const list = await whenDatabaseReady(() => e().n8n.rest.listExecutions(workflowId, { max: 10_000 }));
			busy = list.filter((x) => !['success', 'error', 'canceled', 'crashed'].includes(x.status) && new Date(x.startedAt ?? 0).getTime() >= since);
			if (!busy.length) return list.length;
			await sleep(1000);
		}
		throw new Error(`executions of ${workflowId} still running after ${timeoutMs} ms: ${busy.map((x) => `${x.id} ${x.status}`).join(', ')}`);
	}

	/** Waits until the sandbox has sent every delivery and retry it will send (each has its last answer). */
	async function deliveriesDone(timeoutMs: number) {
		await eventually(async () => e().sb.pendingDeliveries() === 0, timeoutMs, 'the sandbox to finish delivering (retries included)');
	}

	function deliveriesByMessage(): Map<string, any[]> {
		const map = new Map<string, any[]>();
		for (const d of e().sb.deliveries()) {
			const uuid = JSON.parse(d.body).messageUuid;
			map.set(uuid, [...(map.get(uuid) ?? []), d]);
		}
		return map;
	}

	test('every fan message answered exactly once or parked unknown; 0 duplicates, 0 lost, 0 invalid_grant', async () => {
		const { sb, db, n8n } = e();
		const nextFan = fanPicker(sb);
		const fans = Array.from({ length: MESSAGES }, () => nextFan());
		const runStarted = Date.now();
		// The connection's first token was issued before the faults: it dies now, every later one after 20 s.
		sb.setFaults({ ...FAULTS, expireTokensEarly: true });

		const sent: Sent[] = [];
		const killAt = Math.floor(MESSAGES / 3);
		const pgRestartAt = Math.floor((2 * MESSAGES) / 3);
		let killed: Killed | undefined;
		let pgDownMs: number | undefined;
		let next = 0;
		const disruption: Array<Promise<void>> = [];
		await Promise.all(
			Array.from({ length: SEND_CONCURRENCY }, async () => {
				while (next < MESSAGES) {
					const index = next++;
					// The disruptions start while other messages keep arriving; they are not awaited here.
					if (index === killAt) disruption.push(killAndRestart(n8n).then((k) => void (killed = k)));
					if (index === pgRestartAt) disruption.push(restartPostgres(db).then((r) => void ((restartedPg = r), (pgDownMs = r.downMs))));
					const fan = fans[index];
					const act = await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text: `Hello there, are you around today? (${index.toString(36)})` });
					sent.push({ index, fanUuid: fan.uuid, messageUuid: act.payload.messageUuid });
				}
			}),
		);
		await Promise.all(disruption);
		const sendingMs = Date.now() - runStarted;

		// The faults stay on while the sandbox redelivers and n8n's executions finish.
		await deliveriesDone(10 * 60_000);
		await executionsSettled(autoReplyId, killed?.waitOnlyForExecutionsSince ?? 0, 10 * 60_000);
		const faultsOnMs = Date.now() - runStarted;
		sb.clearFaults();

		// Template 07 settles what is left, as its schedule would (messages and claims moved an hour
		// back instead of waiting for its retryAfterSeconds and claimLeaseMinutes).
		let retryRuns = 0;
		let storedFromChatList = 0;
		let expiredClaims = 0;
		for (; retryRuns < 10; retryRuns++) {
			await db.query("UPDATE messages SET created_at = created_at - interval '61 minutes', last_attempt_at = last_attempt_at - interval '61 minutes'");
			const run = await whenDatabaseReady(() => runWorkflowManually(n8n.rest, retryId));
			const stored = Number(nodeOutput(run, 'Store Missed Messages')[0]?.stored ?? 0);
			const expired = Number(nodeOutput(run, 'Park Expired Claims')[0]?.expired_claims ?? 0);
			storedFromChatList += stored;
			expiredClaims += expired;
			if (!stored && !expired && !nodeOutput(run, 'Claim Unanswered Messages').length && !nodeOutput(run, 'Find Unknown Replies').length) break;
		}

		// The accounting, from the sandbox's store and the templates' database.
		const byMessage = deliveriesByMessage();
		const rows = await db.query<any>(
			`SELECT m.fanvue_message_uuid::text AS uuid, m.status,
			        (SELECT count(*)::int FROM messages o WHERE o.reply_to_message_id = m.id AND o.direction = 'out' AND o.status = 'sent') AS sent_replies
			 FROM messages m WHERE m.direction = 'in'`,
		);
		const rowOf = new Map(rows.map((r) => [r.uuid, r]));
		const counts: Record<string, number> = {
			'fan messages sent': sent.length,
			'delivery attempts': [...byMessage.values()].reduce((n, a) => n + a.length, 0),
			'accepted (2xx) at least once': 0,
			'answered exactly once': 0,
			'parked unknown (for a person)': 0,
			'other status': 0,
			'delivery never accepted (retries used up)': 0,
			'lost (no row in the end)': 0,
			'fans with 2+ replies': 0,
			'replies without a sent row': 0,
		};
		const problems: string[] = [];
		for (const s of sent) {
			const attempts = byMessage.get(s.messageUuid) ?? [];
			const accepted = attempts.some((a) => a.status >= 200 && a.status < 300);
			const row = rowOf.get(s.messageUuid);
			const replies = repliesTo(sb, s.fanUuid).length;
			if (accepted) counts['accepted (2xx) at least once']++;
			else counts['delivery never accepted (retries used up)']++;
			if (replies > 1) {
				counts['fans with 2+ replies']++;
				problems.push(`${s.messageUuid}: ${replies} replies at the fan`);
			}
			if (!row) {
				counts['lost (no row in the end)']++;
				const answer = attempts.find((a) => a.status >= 200 && a.status < 300)?.responseBody;
				problems.push(
					`${s.messageUuid}: ${accepted ? `accepted (${answer}) but not stored` : 'never accepted'} (${attempts.map((a) => a.status ?? a.error).join(',')})`,
				);
				continue;
			}
			if (row.status === 'answered' && replies === 1 && row.sent_replies === 1) counts['answered exactly once']++;
			else if (row.status === 'unknown' && replies <= 1) counts['parked unknown (for a person)']++;
			else {
				counts['other status']++;
				problems.push(`${s.messageUuid}: status ${row.status}, ${replies} replies at the fan, ${row.sent_replies} sent rows`);
			}
			if (replies > row.sent_replies && row.status !== 'unknown') counts['replies without a sent row']++;
		}
		const tokenCalls = sb.requests().filter((r: any) => r.path === '/oauth2/token');
		counts['token refreshes'] = tokenCalls.filter((r: any) => r.body?.grant_type === 'refresh_token' && r.status === 200).length;
		counts['invalid_grant'] = tokenCalls.filter((r: any) => r.status === 400).length + (n8n.logs().match(/invalid_grant/g)?.length ?? 0);
		const api = sb.requests().filter((r: any) => !r.path.startsWith('/oauth2/'));
		counts['API calls'] = api.length;
		counts['injected 5xx / 429 answered'] = api.filter((r: any) => r.status >= 500 || r.status === 429).length;
		counts[`${killed?.name ?? 'n8n'} killed, down ms`] = killed?.downMs ?? -1;
		counts['PostgreSQL restarted, down ms'] = pgDownMs ?? -1;
		const autoReplyRuns = await whenDatabaseReady(() => n8n.rest.listExecutions(autoReplyId, { max: 10_000 }));
		counts['02 executions'] = autoReplyRuns.length;
		counts['02 executions crashed or failed'] = autoReplyRuns.filter((x) => x.status === 'crashed' || x.status === 'error').length;
		if (n8n instanceof QueueStack) {
			const held = new Set(killed?.heldExecutions);
			const statusesOfHeld = autoReplyRuns.filter((x) => held.has(String(x.id))).map((x) => x.status);
			counts['02 executions the killed worker was running'] = held.size;
			for (const status of new Set(statusesOfHeld)) counts[`… of them ended ${status}`] = statusesOfHeld.filter((x) => x === status).length;
		}
		counts['07 runs to settle'] = retryRuns + 1;
		counts['07: stored from the chat list (delivery lost)'] = storedFromChatList;
		counts['07: claims expired (run killed)'] = expiredClaims;
		counts['sending phase s'] = Math.round(sendingMs / 1000);
		counts['faults on s'] = Math.round(faultsOnMs / 1000);
		counts['whole run s'] = Math.round((Date.now() - runStarted) / 1000);
		printFigures(`Chaos run: ${MESSAGES} fan messages, FANVUE_FAULT_SEED=${FAULT_SEED}`, Object.entries(counts).map(([figure, value]) => ({ figure, value })));
		// eslint-disable-next-line no-console
		if (problems.length) console.log(`Chaos run problems (replay with FANVUE_FAULT_SEED=${FAULT_SEED}):\n${problems.slice(0, 100).join('\n')}`);

		expect(killed).toBeDefined();
		expect(pgDownMs).toBeDefined();
		expect(counts['fans with 2+ replies']).toBe(0);
		expect(counts['lost (no row in the end)']).toBe(0);
		expect(counts['invalid_grant']).toBe(0);
		expect(problems).toEqual([]);
		expect(counts['answered exactly once'] + counts['parked unknown (for a person)']).toBe(MESSAGES);
	}, 90 * 60_000); // CI's whole limit: the bound is the waits above (deliveries 10 min, executions 10 min), not this

	test('secrets: no issued token, client secret or signing secret in n8n, its logs, the executions or the PostgreSQL tables', async () => {
		const { sb, n8n, db } = e();
		n8n.saveLogs('faults-chaos');
		const signing = [...sb.store.webhookSubscriptions.values()].map((s: any) => ({ kind: 'signing secret', value: s.signingSecret }));
		const secrets = await secretsOf(sb, signing);
		const places = [...n8nDatabaseFiles(n8n), ...n8nLogs(n8n, LOG_DIR), ...(await whenDatabaseReady(() => executionData(n8n, [autoReplyId, retryId]))), ...(await postgresTables(db))];
		const hits = grepSecrets(secrets, places);
		printFigures('Secrets grep after the chaos run', [secretsTable(secrets, places, hits)]);
		expect(hits).toEqual([]);
		expect(signing.length).toBeGreaterThan(0);
		expect(secrets.filter((s) => s.kind === 'refresh token').length).toBeGreaterThan(1);
	}, 20 * 60_000); // every execution read back over REST
});

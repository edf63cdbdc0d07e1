/**
 * Abuse run (issue 13): 1,000 deliveries that strangers could post to the Fanvue Trigger's
 * production webhook URL on a real n8n 2.41.1 loading the packed package: forged (signed with
 * another secret), unsigned, stale (outside the 5-minute window), replayed (a genuine delivery's
 * signature on another body), oversized, malformed JSON, the wrong content type, and header
 * injection (raw bytes on a socket: smuggled second signature, CR/LF and NUL in values, bad
 * names, Content-Length together with Transfer-Encoding). The witnesses are n8n's own execution
 * list (0 executions started), the status each one got, and a genuine delivery from the sandbox
 * afterwards (still one execution: n8n stays responsive). Then the secrets grep.
 *
 * Statuses: 401 (signature), 400 (the trigger: not JSON, not a JSON object, wrong content type;
 * or Node's HTTP parser: an invalid request), 413 (too large: the trigger above 1 MiB, n8n above
 * its 16 MiB N8N_PAYLOAD_SIZE_MAX), and 422, which n8n itself answers for a body sent as
 * application/json (or XML) that does not parse, before any node runs.
 */
import { createHmac } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

import { N8nInstance, REPO_ROOT, connectFanvueCredential, packPackage, startFanvueSandbox, startN8n } from './harness';
import { percentile, printFigures } from './faults/figures';
import { executionData, grepSecrets, n8nDatabaseFiles, n8nLogs, secretsOf, secretsTable } from './faults/secrets';

const SIGNING_SECRET = 'whsec_e2e_abuse_signing_secret_0123456789';
const CLIENT_ID = 'e2e-abuse-client';
const CLIENT_SECRET = 'e2e-abuse-client-secret-do-not-leak';
const WEBHOOK_ID = 'c0000000-0000-4000-8000-00000000ab05';
/** FANVUE_ABUSE_DELIVERIES scales the run (a multiple of the 8 kinds; default the 1,000). */
const TOTAL = Number(process.env.FANVUE_ABUSE_DELIVERIES ?? 1000);
const CONCURRENCY = 10;
/** Bodies over n8n's own N8N_PAYLOAD_SIZE_MAX (16 MiB): n8n refuses them before any node runs. */
const OVER_N8N_LIMIT = "oversized (over n8n's 16 MiB)";
const LOG_DIR = path.join(REPO_ROOT, 'test-output', 'n8n-logs');

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (secret: string, t: number, body: string | Buffer) => createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
const signature = (body: string | Buffer, secret = SIGNING_SECRET, t = nowSeconds()) => `t=${t},v0=${sign(secret, t, body)}`;

/** A fan message as Fanvue delivers it (the classic Message Received payload). */
function fanMessage(i: number, fanUuid: string, creatorUuid: string): Record<string, unknown> {
	const uuid = `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
	return {
		message: { uuid, text: `abuse ${i}`, hasMedia: false, mediaUuids: [], price: null, createdAt: new Date().toISOString() },
		messageUuid: uuid,
		sender: { uuid: fanUuid, handle: 'stranger', displayName: 'Stranger', avatarUrl: null },
		recipientUuid: creatorUuid,
		isMuted: false,
		timestamp: new Date().toISOString(),
	};
}

interface Attempt {
	kind: string;
	status: number | string;
	ms: number;
}

type Delivery = { kind: string } & ({ headers: Record<string, string>; body: string | Buffer } | { raw: (host: string) => string });

/**
 * Sends bytes on a plain socket and reads the status line. Every delivery goes this way, not only
 * the header tricks a well-behaved client refuses to send: n8n answers (or closes) before it has
 * read a large body, and an HTTP client then cancels its pending write with an error raised where
 * no caller can catch it (write ECANCELED, seen in CI). Here the socket's error listener stays
 * attached for its whole life, so a late write error has a listener.
 */
function rawRequest(port: number, bytes: Buffer): Promise<number | string> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		let settled = false;
		const done = (result: number | string) => {
			if (settled) return;
			settled = true;
			socket.destroy();
			resolve(result);
		};
		// A guard against a hang (counted as an unexpected status), not a latency bound: 2 minutes without a byte.
		socket.setTimeout(120_000, () => done('timeout'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('latin1');
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
			if (m) done(Number(m[1]));
		});
		socket.on('error', (e) => done(`error ${(e as NodeJS.ErrnoException).code ?? e.message}`));
		socket.on('end', () => done(answer ? answer.slice(0, 40) : 'closed without answer'));
		socket.write(bytes);
	});
}

/** A well-formed HTTP/1.1 POST of `body` with `headers`, as bytes. */
function postBytes(host: string, requestPath: string, headers: Record<string, string>, body: string | Buffer): Buffer {
	const payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const lines = [`POST ${requestPath} HTTP/1.1`, `Host: ${host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${payload.length}`, 'Connection: close'];
	return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

describe('abuse run: 1,000 hostile deliveries to the Fanvue Trigger', () => {
	let n8n: N8nInstance | undefined;
	let sb: any;
	let workflowId: string;

	const instance = () => {
		if (!n8n) throw new Error('n8n did not start (see beforeAll)');
		return n8n;
	};
	const triggerPath = () => `/webhook/${WEBHOOK_ID}/webhook`;
	const executions = async () => (await instance().rest.listExecutions(workflowId, { max: 5000 })).length;

	beforeAll(async () => {
		const packageDir = packPackage();
		[n8n, sb] = await Promise.all([startN8n({ packageDir }), startFanvueSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, fans: 20 })]);
		await n8n.rest.setupOwner();
		const cred = await connectFanvueCredential(n8n.rest, sb, { name: 'Fanvue (abuse)', scopeGroups: [], webhookSigningSecret: SIGNING_SECRET });
		const wf = await n8n.rest.importWorkflow({
			name: 'e2e: abuse run',
			nodes: [
				{
					parameters: { registration: 'manual', events: ['message.received'], options: {} },
					id: 'd0000000-0000-4000-8000-00000000ab05',
					name: 'Fanvue Trigger',
					type: 'n8n-nodes-fanvue.fanvueTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: WEBHOOK_ID,
					credentials: { fanvueOAuth2Api: { id: cred.id, name: cred.name } },
				},
				{ parameters: {}, id: 'e0000000-0000-4000-8000-00000000ab05', name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0] },
			],
			connections: { 'Fanvue Trigger': { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		workflowId = wf.id;
		await n8n.rest.publishWorkflow(workflowId);
		sb.configureWebhook({ url: n8n.webhookUrl(`${WEBHOOK_ID}/webhook`), events: ['Message Received'], signingSecret: SIGNING_SECRET });
	});

	afterAll(async () => {
		if (n8n) {
			// eslint-disable-next-line no-console
			console.log(`n8n output saved to ${n8n.saveLogs('faults-abuse')}`);
			await n8n.stop();
		}
		await sb?.stop();
	});

	/**
	 * A genuine delivery from the sandbox, answered 200; resolves once its execution is listed and
	 * settled, with the executions started since `since` (a count taken earlier) by then. n8n
	 * stores a delivery's execution before it answers it: once the genuine one's is seen, every
	 * delivery answered before it would be seen too, so the count needs no quiet period.
	 */
	async function genuineDelivery(text: string, since: number) {
		const act = await sb.fanActs({ type: 'message', text });
		expect(act.deliveries.map((d: any) => d.status)).toEqual([200]);
		const runs = await instance().rest.waitForExecutions(workflowId, since + 1, 120_000);
		const newest = runs[runs.length - 1];
		expect(newest.outputs['Fanvue Trigger'][0]).toMatchObject({ event: 'message.received', message: { text } });
		return { act, started: runs.length - since };
	}

	/** One maker per delivery, called when it is sent (bodies of 1-17 MiB are not all held at once; signatures are fresh). */
	function hostileDeliveries(genuine: { body: string; signatureHeader: string }): Array<() => Delivery> {
		const fan = sb.store.fans[0].uuid;
		const creator = sb.creator.uuid;
		const json = (i: number) => JSON.stringify(fanMessage(i, fan, creator));
		const jsonHeaders = (body: string | Buffer, sig?: string) => ({ 'Content-Type': 'application/json', ...(sig ? { 'X-Fanvue-Signature': sig } : {}) });
		const kinds: Array<(i: number) => Delivery> = [
			(i) => {
				const body = json(i);
				return { kind: 'forged (another secret)', headers: jsonHeaders(body, signature(body, `whsec_guess_${i}`)), body };
			},
			(i) => {
				const body = json(i);
				const variants = [undefined, '', `t=${nowSeconds()}`, `v0=${'0'.repeat(64)}`];
				const sig = variants[i % variants.length];
				return { kind: 'unsigned', headers: { 'Content-Type': 'application/json', ...(sig === undefined ? {} : { 'X-Fanvue-Signature': sig }) }, body };
			},
			(i) => {
				const body = json(i);
				// Signed with the real secret, 10 minutes or more outside the 300 s window either way
				// (a request can wait seconds for a busy n8n: a t just past the edge would come back in).
				const t = nowSeconds() + (i % 2 ? -600 - i : 600 + i);
				return { kind: 'stale (real secret, old or future t)', headers: jsonHeaders(body, signature(body, SIGNING_SECRET, t)), body };
			},
			(i) => {
				// A genuine delivery's signature header, replayed on another body (the same fan message with other text).
				const body = i % 2 ? json(i) : genuine.body.replace(/"text":"[^"]*"/, `"text":"replayed ${i}"`);
				return { kind: 'replayed signature on another body', headers: jsonHeaders(body, genuine.signatureHeader), body };
			},
			(i) => {
				// Signed with the real secret, valid JSON, over the trigger's 1 MiB (two over n8n's own 16 MiB, unsigned).
				const huge = i < 2;
				const padding = 'x'.repeat(huge ? 17 * 1024 * 1024 : 1024 * 1024 + 1);
				const body = JSON.stringify({ ...fanMessage(i, fan, creator), padding });
				return { kind: huge ? OVER_N8N_LIMIT : 'oversized (over 1 MiB, real signature)', headers: jsonHeaders(body, huge ? undefined : signature(body)), body };
			},
			(i) => {
				const bodies = ['{"message":', '{"a":1}}', 'not json at all', '\u0000\u0001', '[1,2', '{"messageUuid":"x",}'];
				const body = bodies[i % bodies.length];
				const contentType = i % 3 === 0 ? 'text/plain' : 'application/json';
				// Signed with the real secret: only the body is wrong.
				return { kind: 'malformed JSON (real signature)', headers: { 'Content-Type': contentType, 'X-Fanvue-Signature': signature(body) }, body };
			},
			(i) => {
				const body = json(i);
				const types = ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'text/html', 'application/xml', 'multipart/form-data; boundary=x'];
				return { kind: 'wrong content type (real signature)', headers: { 'Content-Type': types[i % types.length], 'X-Fanvue-Signature': signature(body) }, body };
			},
			(i) => {
				const body = json(i);
				const valid = signature(body);
				const start = (host: string) => `POST ${triggerPath()} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n`;
				const tricks = [
					// A second, smuggled signature header next to the genuine one.
					(host: string) => `${start(host)}X-Fanvue-Signature: t=1,v0=${'0'.repeat(64)}\r\nX-Fanvue-Signature: ${valid}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
					// CR inside a header value, smuggling a signature line.
					(host: string) => `${start(host)}X-Note: a\rX-Fanvue-Signature: ${valid}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
					// NUL in the signature.
					(host: string) => `${start(host)}X-Fanvue-Signature: t=${nowSeconds()},v0=\u0000${valid.slice(-64)}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
					// A header name with a space.
					(host: string) => `${start(host)}X-Fanvue Signature: ${valid}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
					// Request smuggling: Content-Length and Transfer-Encoding together.
					(host: string) => `${start(host)}X-Fanvue-Signature: ${valid}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
					// A forged signature folded over two lines (obs-fold).
					(host: string) => `${start(host)}X-Fanvue-Signature: t=${nowSeconds()},\r\n v0=${'f'.repeat(64)}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
				];
				return { kind: 'header injection (raw bytes)', raw: tricks[i % tricks.length] };
			},
		];
		const perKind = Math.ceil(TOTAL / kinds.length);
		return kinds.flatMap((make) => Array.from({ length: perKind }, (_, i) => () => make(i)));
	}

	async function send(delivery: Delivery): Promise<Attempt> {
		const started = process.hrtime.bigint();
		const host = `127.0.0.1:${instance().port}`;
		const bytes = 'raw' in delivery ? Buffer.from(delivery.raw(host), 'latin1') : postBytes(host, triggerPath(), delivery.headers, delivery.body);
		const status = await rawRequest(instance().port, bytes);
		return { kind: delivery.kind, status, ms: Number(process.hrtime.bigint() - started) / 1e6 };
	}

	test('1,000 hostile deliveries: 0 executions, each refused with 400/401/413/422; a genuine one still works', async () => {
		const first = await genuineDelivery('genuine before the abuse', await executions());
		expect(first.started).toBe(1);
		const genuine = first.act.deliveries[0];
		const before = await executions();
		const requestsBefore = sb.requests().length;

		const deliveries = hostileDeliveries(genuine);
		expect(deliveries.length).toBeGreaterThanOrEqual(TOTAL);
		// Interleaved, so that every kind meets a busy n8n.
		const order = deliveries.map((d, i) => ({ d, key: (i * 7919) % deliveries.length })).sort((a, b) => a.key - b.key).map((x) => x.d);
		const attempts: Attempt[] = [];
		let next = 0;
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < order.length) {
					attempts.push(await send(order[next++]()));
					// eslint-disable-next-line no-console
					if (attempts.length % 100 === 0) console.log(`abuse run: ${attempts.length} of ${order.length} answered`);
				}
			}),
		);

		// Every hostile delivery has its answer (or its closed connection) by now. None waited on
		// Fanvue: the trigger refused them all without a single API call (a look-up, a token refresh).
		const apiCallsDuringAbuse = sb.requests().slice(requestsBefore).map((r: any) => `${r.method} ${r.path}`);
		// The witness that they started nothing: a genuine delivery afterwards, whose execution is
		// then the only new one (n8n is still responsive, too).
		const after = await genuineDelivery('genuine after the abuse', before);
		const started = after.started - 1;

		const kinds = [...new Set(attempts.map((a) => a.kind))];
		const rows = kinds.map((kind) => {
			const mine = attempts.filter((a) => a.kind === kind);
			const statuses: Record<string, number> = {};
			for (const a of mine) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
			const ms = mine.map((a) => a.ms);
			return {
				kind,
				sent: mine.length,
				statuses: Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(' '),
				'p50 ms': Math.round(percentile(ms, 50)),
				'p99 ms': Math.round(percentile(ms, 99)),
			};
		});
		const allMs = attempts.map((a) => a.ms);
		rows.push({ kind: 'all', sent: attempts.length, statuses: `executions started: ${started}`, 'p50 ms': Math.round(percentile(allMs, 50)), 'p99 ms': Math.round(percentile(allMs, 99)) });
		printFigures('Abuse run: hostile deliveries to the Fanvue Trigger', rows);

		expect(attempts).toHaveLength(deliveries.length);
		expect(started).toBe(0);
		expect(apiCallsDuringAbuse).toEqual([]);
		// n8n 2.41.1 answers a body over its own limit with 500, not the 413 its body reader
		// raises (the webhook handler drops the status), or closes the connection while the body is
		// still being written (EPIPE, ECONNRESET or ECANCELED on a busy machine, or an end without
		// an answer); no node runs either way.
		const refusedOverLimit = (a: Attempt) =>
			a.kind === OVER_N8N_LIMIT && (a.status === 500 || a.status === 'closed without answer' || /^error E(PIPE|CONNRESET|CANCELED)$/.test(String(a.status)));
		const unexpected = attempts.filter((a) => ![400, 401, 413, 422].includes(a.status as number) && !refusedOverLimit(a));
		expect(unexpected.map((a) => `${a.kind}: ${a.status}`)).toEqual([]);
		// Signature problems are always 401, whatever else is wrong with the request.
		for (const kind of ['forged (another secret)', 'unsigned', 'stale (real secret, old or future t)', 'replayed signature on another body']) {
			expect(attempts.filter((a) => a.kind === kind && a.status !== 401)).toEqual([]);
		}
		expect(attempts.filter((a) => a.kind === 'oversized (over 1 MiB, real signature)' && a.status !== 413)).toEqual([]);
		// How long the refusals took is a figure (the table above, and test-output/faults-figures.md),
		// not an assertion: it depends on the machine and its load (p99 22 s was seen with 20
		// requests in flight, megabyte bodies among them, on 2 cores at a load average of 17-22).
	}, 30 * 60_000); // 1,000 requests (some of 1-17 MiB) on a 2-core machine shared with other runs

	test('secrets: no token, client secret or signing secret in n8n database, logs or execution data', async () => {
		const n = instance();
		n.saveLogs('faults-abuse');
		const secrets = await secretsOf(sb, [{ kind: 'signing secret', value: SIGNING_SECRET }]);
		const places = [...n8nDatabaseFiles(n), ...n8nLogs(n, LOG_DIR), ...(await executionData(n, [workflowId]))];
		const hits = grepSecrets(secrets, places);
		printFigures('Secrets grep after the abuse run', [secretsTable(secrets, places, hits)]);
		expect(secrets.filter((s) => s.kind === 'access token').length).toBeGreaterThan(0);
		expect(places.some((p) => p.name.startsWith('n8n database file'))).toBe(true);
		expect(hits).toEqual([]);
	});
});

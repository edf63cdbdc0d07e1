// A small OpenAI-compatible server for the e2e tests of the AI templates: n8n's OpenAI credential
// (type openAiApi) gets its "Base URL" (field `url`) pointed at `<server.url>/v1`.
//
// Routes (127.0.0.1 only):
//   GET  /v1/models             → { object: 'list', data: [{ id, object: 'model', created, owned_by }] }
//   POST /v1/chat/completions   → a chat.completion (or, with "stream": true, chat.completion.chunk SSE)
//   POST /v1/responses          → a Responses API answer (n8n's OpenAI Chat Model v1.3 uses it when
//                                  its "Use Responses API" toggle is on; the templates turn it off)
// Replies are deterministic (see defaultReply), never tool calls. Every request is recorded.
// `fail` makes the completion routes answer an OpenAI-style error (default 500).
//
// Three callers share the routes, told apart by their system message (routeOf): the templates' AI
// Agent ('agent'), n8n's Text Classifier ('classifier', answered as a model would: the categories
// `classify` finds true, else "fallback") and n8n's Guardrails node ('guardrail': flagged when
// `guard` says so). completions() lists the agent's calls, checks() the other two; fail() and
// hold() act on one route (the agent's unless told).
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who sent a completion request: the templates' AI Agent, n8n's Text Classifier or its Guardrails node. */
export type CompletionRoute = 'agent' | 'classifier' | 'guardrail';

/** Tells the caller by the system message n8n's nodes write (the same words in 1.123.81 and 2.41.1). */
export function routeOf(messages: ChatMessage[]): CompletionRoute {
	const system = messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.content).join('\n');
	if (system.includes('Please classify the text provided by the user into one of the following categories')) return 'classifier';
	if (system.includes('how likely the input is violative of the guardrail')) return 'guardrail';
	return 'agent';
}

/** The Text Classifier's categories, as its system message names them. */
function categoriesIn(messages: ChatMessage[]): string[] {
	const system = messages.find((m) => m.role === 'system')?.content ?? '';
	const listed = /following categories: (.*?), and use the provided formatting/s.exec(system)?.[1] ?? '';
	return listed.split(', ').filter(Boolean);
}

export interface ChatMessage {
	role: string;
	content: string;
}

export interface RecordedCompletionRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: any;
	/** The conversation sent to the model, normalised from either API shape. */
	messages: ChatMessage[];
	/** What the server answered (undefined for failures and non-completion routes). */
	reply?: string;
	/** Which node asked (completion routes only). */
	route?: CompletionRoute;
	status: number;
	at: string;
}

export interface CompletionServerOptions {
	port?: number;
	/** Model ids listed by GET /v1/models (default ['gpt-e2e-mini']). */
	models?: string[];
	/** Builds the reply from the conversation (default: defaultReply). */
	reply?: (messages: ChatMessage[], body: any) => string;
}

export interface FailureOptions {
	/** Whose requests fail (default 'agent'). */
	route?: CompletionRoute;
	status?: number;
	message?: string;
	/** Fail only the next N completion requests (default: until clearFailure()). */
	times?: number;
}

export interface CompletionServer {
	/** http://127.0.0.1:<port> */
	url: string;
	/** What n8n's OpenAI credential takes as Base URL: http://127.0.0.1:<port>/v1 */
	baseUrl: string;
	port: number;
	requests(): RecordedCompletionRequest[];
	/** The AI Agent's completion requests (chat/completions and responses). */
	completions(): RecordedCompletionRequest[];
	/** The model checks' requests: the Text Classifier's and the Guardrails node's (or one route's). */
	checks(route?: 'classifier' | 'guardrail'): RecordedCompletionRequest[];
	/**
	 * The categories the Text Classifier's "model" finds true in a text (default: none, so
	 * "fallback"); a string instead is answered as is (an answer that cannot be parsed, say).
	 */
	classify(decide: ((text: string, categories: string[]) => string[] | string) | undefined): void;
	/** Whether the Guardrails node's "model" flags a text (default: never); a string is answered as is. */
	guard(decide: ((text: string, prompt: string) => boolean | string) | undefined): void;
	clearRequests(): void;
	fail(options?: FailureOptions): void;
	clearFailure(): void;
	setReply(reply: (messages: ChatMessage[], body: any) => string): void;
	/**
	 * Holds the next `times` completion requests unanswered until release() (a model that is slow
	 * to answer); waiting() tells how many are held now. Keep it short: n8n's OpenAI client gives
	 * up and retries after its own timeout.
	 */
	hold(times?: number, route?: CompletionRoute): { waiting(): number; release(): void };
	stop(): Promise<void>;
}

/** The text of one message content (string, or an array of parts as the APIs allow). */
function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part: any) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : ''))
			.join('');
	}
	return content == null ? '' : JSON.stringify(content);
}

function messagesOf(path: string, body: any): ChatMessage[] {
	if (path.endsWith('/chat/completions')) {
		return (Array.isArray(body?.messages) ? body.messages : []).map((m: any) => ({
			role: String(m.role),
			content: contentText(m.content),
		}));
	}
	// Responses API: `instructions` (system) + `input` (string or list of items).
	const out: ChatMessage[] = [];
	if (typeof body?.instructions === 'string') out.push({ role: 'system', content: body.instructions });
	if (typeof body?.input === 'string') out.push({ role: 'user', content: body.input });
	else if (Array.isArray(body?.input)) {
		for (const item of body.input) {
			if (item && typeof item === 'object' && 'role' in item) {
				out.push({ role: String(item.role), content: contentText(item.content) });
			}
		}
	}
	return out;
}

/**
 * "Thanks for your message about "<last line of the last user message>"! 😊": deterministic, and
 * the fan's text (the templates put it last in the prompt) shows up in the reply.
 */
export function defaultReply(messages: ChatMessage[]): string {
	const lastUser = [...messages].reverse().find((m) => m.role === 'user' || m.role === 'human');
	const lines = (lastUser?.content ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
	let about = lines.length ? lines[lines.length - 1] : 'that';
	if (about.length > 80) about = `${about.slice(0, 77)}...`;
	return `Thanks for your message about "${about}"! 😊`;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}-e2e-${Date.now().toString(36)}-${++counter}`;
const approxTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export async function startCompletionServer(options: CompletionServerOptions = {}): Promise<CompletionServer> {
	const models = options.models ?? ['gpt-e2e-mini'];
	let reply = options.reply ?? ((messages: ChatMessage[]) => defaultReply(messages));
	let failure: (FailureOptions & { remaining: number }) | undefined;
	let classify: ((text: string, categories: string[]) => string[] | string) | undefined;
	let guard: ((text: string, prompt: string) => boolean | string) | undefined;
	const recorded: RecordedCompletionRequest[] = [];
	let holding: { route: CompletionRoute; remaining: number; held: Array<() => void>; released: boolean } | undefined;

	/** What a model would answer n8n's Text Classifier or Guardrails node. */
	const checkAnswer = (route: CompletionRoute, messages: ChatMessage[]): string => {
		const text = [...messages].reverse().find((m) => m.role === 'user' || m.role === 'human')?.content ?? '';
		if (route === 'classifier') {
			const categories = categoriesIn(messages);
			const found = classify?.(text, categories) ?? [];
			if (typeof found === 'string') return found;
			return JSON.stringify({ ...Object.fromEntries(categories.map((c) => [c, found.includes(c)])), fallback: found.length === 0 });
		}
		const system = messages.find((m) => m.role === 'system')?.content ?? '';
		const flagged = guard?.(text, system) ?? false;
		if (typeof flagged === 'string') return flagged;
		return JSON.stringify({ confidenceScore: flagged ? 0.95 : 0.05, flagged });
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
		const raw = await readBody(req);
		let body: any = undefined;
		if (raw) {
			try {
				body = JSON.parse(raw);
			} catch {
				body = raw;
			}
		}
		const entry: RecordedCompletionRequest = {
			method: req.method ?? 'GET',
			path,
			headers: req.headers,
			body,
			messages: [],
			status: 0,
			at: new Date().toISOString(),
		};
		recorded.push(entry);
		const answer = (status: number, payload: unknown) => {
			entry.status = status;
			sendJson(res, status, payload);
		};

		if (req.method === 'GET' && path === '/v1/models') {
			return answer(200, {
				object: 'list',
				data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'e2e' })),
			});
		}
		const isChat = path === '/v1/chat/completions';
		const isResponses = path === '/v1/responses';
		if (req.method !== 'POST' || (!isChat && !isResponses)) {
			return answer(404, { error: { message: `Unknown route ${req.method} ${path}`, type: 'invalid_request_error', code: null } });
		}
		if (typeof body !== 'object' || body === null) {
			return answer(400, { error: { message: 'The body is not JSON', type: 'invalid_request_error', code: null } });
		}
		entry.messages = messagesOf(path, body);
		const route = routeOf(entry.messages);
		entry.route = route;
		if (failure && failure.remaining !== 0 && (failure.route ?? 'agent') === route) {
			if (failure.remaining > 0) failure.remaining -= 1;
			return answer(failure.status ?? 500, {
				error: { message: failure.message ?? 'The e2e completion server was told to fail', type: 'server_error', code: null },
			});
		}
		if (holding && holding.remaining > 0 && holding.route === route) {
			holding.remaining -= 1;
			const hold = holding;
			await new Promise<void>((resolve) => (hold.released ? resolve() : hold.held.push(resolve)));
		}
		const model = typeof body.model === 'string' ? body.model : models[0];
		const text = route === 'agent' ? reply(entry.messages, body) : checkAnswer(route, entry.messages);
		entry.reply = text;
		const promptTokens = approxTokens(entry.messages.map((m) => m.content).join('\n'));
		const completionTokens = approxTokens(text);
		const created = Math.floor(Date.now() / 1000);

		if (isChat && body.stream === true) {
			const id = nextId('chatcmpl');
			entry.status = 200;
			res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
			const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
				res.write(
					`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`,
				);
			chunk({ role: 'assistant', content: '' }, null);
			chunk({ content: text }, null);
			chunk({}, 'stop');
			if (body.stream_options?.include_usage) {
				res.write(
					`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } })}\n\n`,
				);
			}
			res.end('data: [DONE]\n\n');
			return;
		}
		if (isChat) {
			return answer(200, {
				id: nextId('chatcmpl'),
				object: 'chat.completion',
				created,
				model,
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: text, refusal: null },
						logprobs: null,
						finish_reason: 'stop',
					},
				],
				usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
				system_fingerprint: 'fp_e2e',
			});
		}
		// Responses API (non-streaming).
		return answer(200, {
			id: nextId('resp'),
			object: 'response',
			created_at: created,
			status: 'completed',
			model,
			output: [
				{
					type: 'message',
					id: nextId('msg'),
					status: 'completed',
					role: 'assistant',
					content: [{ type: 'output_text', text, annotations: [] }],
				},
			],
			output_text: text,
			usage: { input_tokens: promptTokens, output_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
		});
	};

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error', code: null } });
			else res.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://127.0.0.1:${port}`;

	return {
		url,
		baseUrl: `${url}/v1`,
		port,
		requests: () => recorded.slice(),
		completions: () => recorded.filter((r) => r.route === 'agent'),
		checks: (route) => recorded.filter((r) => (route ? r.route === route : r.route === 'classifier' || r.route === 'guardrail')),
		classify: (decide) => {
			classify = decide;
		},
		guard: (decide) => {
			guard = decide;
		},
		clearRequests: () => {
			recorded.length = 0;
		},
		fail: (o: FailureOptions = {}) => {
			failure = { ...o, remaining: o.times ?? -1 };
		},
		clearFailure: () => {
			failure = undefined;
		},
		setReply: (fn) => {
			reply = fn;
		},
		hold: (times = 1, route: CompletionRoute = 'agent') => {
			const hold = { route, remaining: times, held: [] as Array<() => void>, released: false };
			holding = hold;
			return {
				waiting: () => hold.held.length,
				release: () => {
					hold.released = true;
					hold.remaining = 0;
					for (const resolve of hold.held.splice(0)) resolve();
				},
			};
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/**
 * Reviewing AI drafts without SQL (issue 10): template 02 in draft mode (a new install's default)
 * keeps every reply as a draft; template 02b's review page (an n8n Form behind basic auth) shows
 * them, and a reviewer approves (edited), rejects or keeps each one. Real n8n 2.41.1 with the
 * packed package, real PostgreSQL (template 01), the Fanvue sandbox and the completion server.
 *
 * The page is used over HTTP the way n8n's form page script drives it in a browser: GET the form,
 * POST it (multipart, with the page's x-auth-token), poll the execution status until the next page
 * waits, GET that page, POST it. The witness of what reached a fan is the fan's chat in the sandbox.
 */
import { N8nInstance, importTemplate, nodeOutput } from '../harness';
import {
	REVIEW_LOGIN as LOGIN,
	eventually,
	executionCount,
	fanPicker,
	messageRows,
	newExecutions,
	repliesTo,
	setAiSettings,
	useAiEnv,
} from '../templates/ai-setup';

const AUTO_REPLY = '02-ai-auto-reply.json';
const SEND_APPROVED = '02b-send-approved-drafts.json';
const FORM_PATH = '/form/fanvue-review-drafts';

const basicAuth = (login = LOGIN) => 'Basic ' + Buffer.from(`${login.user}:${login.password}`).toString('base64');

/** What handlebars' escaping did to a value shown in the page. */
const unescapeHtml = (s: string) =>
	s.replace(/&(amp|lt|gt|quot|#x27|#39|#x60|#x3D);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x60': '`', '#x3D': '=' })[e as string]!);

interface PageField {
	name: string;
	kind: 'textarea' | 'select' | 'hidden';
	value: string;
	options?: string[];
}

/** The fields of a rendered form page as the browser would send them (form.elements, in order). */
function fieldsOf(html: string): PageField[] {
	const form = html.slice(html.indexOf("id='n8n-form'"));
	const fields: Array<PageField & { at: number }> = [];
	for (const m of form.matchAll(/<textarea[^>]*name='(field-\d+)'[^>]*>([\s\S]*?)<\/textarea>/g)) {
		fields.push({ at: m.index!, name: m[1], kind: 'textarea', value: unescapeHtml(m[2]) });
	}
	for (const m of form.matchAll(/<select id='(field-\d+)' name='field-\d+'[^>]*>([\s\S]*?)<\/select>/g)) {
		const options = [...m[2].matchAll(/<option value='([^']*)'( selected)?/g)].filter((o) => o[1] !== '');
		const selected = options.find((o) => o[2]);
		fields.push({ at: m.index!, name: m[1], kind: 'select', value: selected ? unescapeHtml(selected[1]) : '', options: options.map((o) => unescapeHtml(o[1])) });
	}
	for (const m of form.matchAll(/<input type="hidden" id="(field-\d+)" name="field-\d+" value="([^"]*)"/g)) {
		fields.push({ at: m.index!, name: m[1], kind: 'hidden', value: unescapeHtml(m[2]) });
	}
	return fields.sort((a, b) => a.at - b.at).map(({ at: _at, ...field }) => field);
}

/** The review page in a browser: the form's pages over HTTP, as n8n's page script drives them. */
class ReviewPage {
	constructor(
		private readonly n8n: N8nInstance,
		private readonly login = LOGIN,
	) {}

	private url(pathOrUrl: string) {
		const url = new URL(pathOrUrl, this.n8n.baseUrl);
		return `${this.n8n.baseUrl}${url.pathname}${url.search}`;
	}

	async get(pathOrUrl: string) {
		return fetch(this.url(pathOrUrl), { headers: { authorization: basicAuth(this.login) } });
	}

	/** Polls `<page>/n8n-execution-status` (as the page script does) until it says `want`. */
	async statusBecomes(waitingUrl: string, want: string) {
		const url = new URL(this.url(waitingUrl));
		url.pathname += '/n8n-execution-status';
		return eventually(async () => {
			const text = (await (await fetch(url)).text()).trim();
			if (['canceled', 'crashed', 'error'].includes(text)) throw new Error(`the review run ended with ${text}`);
			return text === want ? text : undefined;
		}, 60_000, `execution status ${want}`);
	}

	/** Opens the form, gives the reviewer's name, and returns the drafts page. */
	async open(reviewer: string) {
		const first = await this.get(FORM_PATH);
		expect(first.status).toBe(200);
		const html = await first.text();
		const authToken = /const authToken = '([^']*)'/.exec(html)?.[1] ?? '';
		expect(html).toContain("name='field-0'"); // the first page's one field: the reviewer's name
		const body = new FormData();
		body.append('field-0', reviewer);
		const posted = await fetch(this.url(FORM_PATH), { method: 'POST', body, headers: { authorization: basicAuth(this.login), 'x-auth-token': authToken } });
		expect(posted.status).toBe(200);
		const { formWaitingUrl } = (await posted.json()) as { formWaitingUrl: string };
		expect(formWaitingUrl).toMatch(/\/form-waiting\//);
		await this.statusBecomes(formWaitingUrl, 'form-waiting');
		const page = await this.get(formWaitingUrl);
		expect(page.status).toBe(200);
		const pageHtml = await page.text();
		return { waitingUrl: formWaitingUrl, html: pageHtml, fields: fieldsOf(pageHtml) };
	}

	/** Sends the drafts page with the given field values (the others as shown) and waits for the run's end. */
	async submit(page: { waitingUrl: string; fields: PageField[] }, values: Record<string, string>) {
		const response = await this.post(page, values);
		expect(response.status).toBe(200);
		await this.statusBecomes(page.waitingUrl, 'success');
	}

	/** POSTs the drafts page (every field, as form.elements holds them), nothing more. */
	async post(page: { waitingUrl: string; fields: PageField[] }, values: Record<string, string>) {
		const body = new FormData();
		for (const field of page.fields) body.append(field.name, values[field.name] ?? field.value);
		return fetch(this.url(page.waitingUrl), { method: 'POST', body });
	}
}

/** The textarea showing a draft's text, and the decision right after it. */
function draftFields(fields: PageField[], draftText: string) {
	const index = fields.findIndex((f) => f.kind === 'textarea' && f.value === draftText);
	expect(index).toBeGreaterThanOrEqual(0);
	const decision = fields.slice(index + 1).find((f) => f.kind === 'select')!;
	return { text: fields[index], decision };
}

describe('template 02b: the review page (approve, edit, reject drafts without SQL)', () => {
	let autoReplyId: string;
	let draftsId: string;
	let nextFan: () => any;

	const e = useAiEnv();

	/** A fan message through template 02 (draft mode): returns its rows once its run settled. */
	async function fanSays(fan: any, text: string) {
		const { n8n, sb, db } = e();
		const before = await executionCount(n8n, autoReplyId);
		const act = await sb.fanActs({ type: 'message', fanUuid: fan.uuid, text });
		const [run] = await newExecutions(n8n, autoReplyId, before, 1);
		expect(run.status).toBe('success');
		return messageRows(db, act.payload.messageUuid);
	}

	beforeAll(async () => {
		nextFan = fanPicker(e().sb);
		// A new install's default: every reply is a draft. No human-like delay, to keep it quick.
		expect((await setAiSettings(e().db, { reply_delay_min_seconds: 0, reply_delay_max_seconds: 0 })).default_autopilot).toBe('draft');
		autoReplyId = (await importTemplate(e().n8n.rest, AUTO_REPLY, e().credentials)).id;
		draftsId = (await importTemplate(e().n8n.rest, SEND_APPROVED, e().credentials)).id;
		await e().n8n.rest.publishWorkflow(autoReplyId);
		await e().n8n.rest.publishWorkflow(draftsId);
	});

	test('the page needs the review login', async () => {
		const page = new ReviewPage(e().n8n, { user: LOGIN.user, password: 'wrong' });
		expect((await page.get(FORM_PATH)).status).toBe(401);
	});

	test('draft mode: the drafts appear on the page; one approved (edited) is sent once, right away, with the reviewer in the audit; one rejected is never sent', async () => {
		const { ai, sb, db, n8n } = e();
		const [anna, ben] = [nextFan(), nextFan()];
		const annaDraft = 'Hi Anna! My day was lovely, thanks for asking 😊';
		const benDraft = 'Only for you: a free set tonight 😘';
		ai.setReply((messages) => (messages[messages.length - 1].content.startsWith('Hi Mia') ? annaDraft : benDraft));
		const annaRows = await fanSays(anna, 'Hi Mia, how was your day?');
		const benRows = await fanSays(ben, 'Send me something special <3');
		expect(annaRows.outgoing.map((o: any) => [o.status, o.text, o.hold_reason])).toEqual([['draft', annaDraft, null]]);
		expect(benRows.outgoing.map((o: any) => [o.status, o.hold_reason])).toEqual([['draft', 'offers something for free']]);
		expect([...repliesTo(sb, anna.uuid), ...repliesTo(sb, ben.uuid)]).toEqual([]);

		const browser = new ReviewPage(n8n);
		const page = await browser.open('Alice');
		// The page shows each draft with what the fan wrote and why the check held it.
		expect(page.html).toContain('Hi Mia, how was your day?');
		expect(page.html).toContain('Send me something special &lt;3');
		expect(page.html).toContain('offers something for free');
		const annaFields = draftFields(page.fields, annaDraft);
		const benFields = draftFields(page.fields, benDraft);
		expect(annaFields.decision.options).toEqual(['Keep as draft', 'Approve and send', 'Reject']);
		expect(annaFields.decision.value).toBe('Keep as draft');

		const edited = 'Hi Anna! My day was lovely, and yours? 💕';
		await browser.submit(page, {
			[annaFields.text.name]: edited,
			[annaFields.decision.name]: 'Approve and send',
			[benFields.decision.name]: 'Reject',
		});
		// Sent right away, as the issue asks (02b's schedule alone would take up to a minute): by the
		// end of the page's own run (submit() waited for it) the reply is in Anna's chat, and that run
		// is the one that sent it. The page's run is the execution its form-waiting URL names.
		const sent = repliesTo(sb, anna.uuid);
		expect(sent.map((m: any) => m.text)).toEqual([edited]);
		expect(repliesTo(sb, ben.uuid)).toEqual([]);
		const reviewRunId = /\/form-waiting\/([^/?#]+)/.exec(page.waitingUrl)?.[1];
		expect(reviewRunId).toBeDefined();
		const reviewRun = await n8n.rest.getExecution(reviewRunId!);
		expect(reviewRun.status).toBe('success');
		expect(nodeOutput(reviewRun, 'Apply Decisions')).toEqual([{ approved: 1, rejected: 1, reviewer: 'Alice' }]);
		expect(nodeOutput(reviewRun, 'Send Draft').map((item) => item.messageUuid)).toEqual([sent[0].uuid]);

		const [annaAfter, benAfter] = [await messageRows(db, annaRows.incoming.fanvue_message_uuid), await messageRows(db, benRows.incoming.fanvue_message_uuid)];
		expect(annaAfter.incoming.status).toBe('answered');
		expect(annaAfter.outgoing.map((o: any) => [o.status, o.text, o.fanvue_message_uuid])).toEqual([['sent', edited, sent[0].uuid]]);
		expect(benAfter.incoming).toMatchObject({ status: 'skipped', last_error: 'its AI draft was rejected by Alice' });
		expect(benAfter.outgoing.map((o: any) => o.status)).toEqual(['rejected']);
		const [audit] = await db.query<any>('SELECT * FROM ai_replies WHERE reply_id = $1', [annaAfter.outgoing[0].id]);
		expect(audit).toMatchObject({ approved_by: 'Alice', autopilot: 'draft', verdict: 'passed' });
		expect(audit.approved_at).toBeTruthy();
		expect(audit.sent_at.getTime()).toBeGreaterThanOrEqual(audit.approved_at.getTime());

		// Sending the same page again (a double click, a replayed request) sends nothing more, and
		// the next visit shows no draft.
		await browser.post(page, { [annaFields.decision.name]: 'Approve and send' });
		const again = await browser.open('Alice');
		expect(again.html).toContain('No drafts are waiting for review.');
		expect(repliesTo(sb, anna.uuid)).toHaveLength(1);
		expect(sb.requests().filter((r: any) => r.method === 'POST' && r.path === `/chats/${anna.uuid}/message`)).toHaveLength(1);
	});
	test('a text the reply check holds (as written, or edited in on the page) is not sent on approval; the page offers Send anyway, which sends it once and records it', async () => {
		const { ai, sb, db, n8n } = e();
		const [eve, finn] = [nextFan(), nextFan()];
		const eveDraft = 'Only for you: a free set tonight 😘';
		const finnDraft = 'Thinking of you 💕';
		ai.setReply((messages) => (messages[messages.length - 1].content.startsWith('Eve here') ? eveDraft : finnDraft));
		const eveRows = await fanSays(eve, 'Eve here, got anything for me?');
		const finnRows = await fanSays(finn, 'Finn here, miss me?');

		const browser = new ReviewPage(n8n);
		const page = await browser.open('Alice');
		const eveFields = draftFields(page.fields, eveDraft);
		const finnFields = draftFields(page.fields, finnDraft);
		// Held by the check: the page says so and offers Send anyway; a clean draft does not.
		expect(eveFields.decision.options).toEqual(['Keep as draft', 'Approve and send', 'Send anyway', 'Reject']);
		expect(finnFields.decision.options).toEqual(['Keep as draft', 'Approve and send', 'Reject']);
		// Approve both, Finn's edited to something the check holds: neither goes out.
		await browser.submit(page, {
			[eveFields.decision.name]: 'Approve and send',
			[finnFields.text.name]: 'add me on t e l e g r a m 😘',
			[finnFields.decision.name]: 'Approve and send',
		});
		expect([...repliesTo(sb, eve.uuid), ...repliesTo(sb, finn.uuid)]).toEqual([]);
		const [eveHeld, finnHeld] = [await messageRows(db, eveRows.incoming.fanvue_message_uuid), await messageRows(db, finnRows.incoming.fanvue_message_uuid)];
		expect(eveHeld.outgoing.map((o: any) => [o.status, o.hold_reason])).toEqual([['draft', expect.stringMatching(/reply check holds the approved text: offers something for free/)]]);
		expect(finnHeld.outgoing.map((o: any) => [o.status, o.hold_reason])).toEqual([['draft', expect.stringMatching(/reply check holds the approved text: mentions contact off Fanvue/)]]);

		// Back on the page with the reason; Send anyway sends Eve's, once, and the audit says so.
		const again = await browser.open('Alice');
		const eveAgain = draftFields(again.fields, eveDraft);
		await browser.submit(again, { [eveAgain.decision.name]: 'Send anyway' });
		expect(repliesTo(sb, eve.uuid).map((m: any) => m.text)).toEqual([eveDraft]);
		expect(repliesTo(sb, finn.uuid)).toEqual([]);
		const [audit] = await db.query<any>('SELECT approved_by, sent_anyway FROM ai_replies WHERE reply_id = $1', [eveHeld.outgoing[0].id]);
		expect(audit).toEqual({ approved_by: 'Alice', sent_anyway: true });

		// In a chat handed to the creator for a possible minor the page never offers Send anyway.
		await db.query(`UPDATE chats SET ai_flag = 'needs_human', ai_flag_reason = 'hand-off: may be a minor' WHERE id = $1`, [finnHeld.incoming.chat_id]);
		try {
			const minorPage = await browser.open('Alice');
			const finnAgain = draftFields(minorPage.fields, 'add me on t e l e g r a m 😘');
			expect(finnAgain.decision.options).toEqual(['Keep as draft', 'Approve and send', 'Reject']);
			expect(minorPage.html).toContain('the fan may be a minor, it cannot be sent');
		} finally {
			await db.query('UPDATE chats SET ai_flag = NULL WHERE id = $1', [finnHeld.incoming.chat_id]);
		}
	});

	test('a text edited on the page is checked by the model before it is sent: flagged, it comes back with the reason and Send anyway; sent anyway, it goes once', async () => {
		const { ai, sb, db, n8n } = e();
		const fan = nextFan();
		const modelText = 'Good morning sunshine ☀️';
		const edited = 'find me where the blue bird sings, same name 😘';
		ai.setReply(() => modelText);
		// The guardrail "model" flags the edited text only; the rules let it through.
		ai.guard((text) => text.includes('blue bird'));
		try {
			const rows = await fanSays(fan, 'morning!');
			const browser = new ReviewPage(n8n);
			const page = await browser.open('Alice');
			const fields = draftFields(page.fields, modelText);
			await browser.submit(page, { [fields.text.name]: edited, [fields.decision.name]: 'Approve and send' });
			expect(repliesTo(sb, fan.uuid)).toEqual([]);
			const held = await messageRows(db, rows.incoming.fanvue_message_uuid);
			expect(held.outgoing.map((o: any) => [o.status, o.text, o.hold_reason])).toEqual([
				['draft', edited, expect.stringMatching(/the model check holds the approved text: Off-platform/)],
			]);
			const again = await browser.open('Alice');
			const editedFields = draftFields(again.fields, edited);
			expect(editedFields.decision.options).toEqual(['Keep as draft', 'Approve and send', 'Send anyway', 'Reject']);
			expect(again.html).toContain('the model check: Off-platform');
			const checksBefore = ai.checks('guardrail').length;
			await browser.submit(again, { [editedFields.decision.name]: 'Send anyway' });
			expect(repliesTo(sb, fan.uuid).map((m: any) => m.text)).toEqual([edited]);
			// Sent anyway: not checked again.
			expect(ai.checks('guardrail').length).toBe(checksBefore);
		} finally {
			ai.guard(undefined);
		}
	});

	test("a draft with $ and < in it reaches the fan as written, unedited or edited (the form page's JSON and HTML escaping undone)", async () => {
		const { ai, sb, n8n } = e();
		const [cara, dan] = [nextFan(), nextFan()];
		const caraDraft = "You're my $& favourite, $$ and all <3";
		const danDraft = 'Miss you <3';
		ai.setReply((messages) => (messages[messages.length - 1].content.startsWith('Hey Mia') ? caraDraft : danDraft));
		await fanSays(cara, 'Hey Mia, who is your favourite?');
		await fanSays(dan, 'Missed me?');

		const browser = new ReviewPage(n8n);
		const page = await browser.open('Alice');
		// Found by their start: the page shows "<" as the text "&lt;" (n8n's form escapes it twice).
		const startingWith = (start: string) => draftFields(page.fields, page.fields.find((f) => f.kind === 'textarea' && f.value.startsWith(start))?.value ?? start);
		const caraFields = startingWith("You're my $& favourite");
		const danFields = startingWith('Miss you');
		const danEdited = `${danFields.text.value} >:)`;
		await browser.submit(page, {
			[caraFields.decision.name]: 'Approve and send',
			[danFields.text.name]: danEdited,
			[danFields.decision.name]: 'Approve and send',
		});
		const caraSent = await eventually(async () => (repliesTo(sb, cara.uuid).length ? repliesTo(sb, cara.uuid) : undefined), 30_000, "Cara's reply");
		const danSent = await eventually(async () => (repliesTo(sb, dan.uuid).length ? repliesTo(sb, dan.uuid) : undefined), 30_000, "Dan's reply");
		expect(caraSent!.map((m: any) => m.text)).toEqual([caraDraft]);
		expect(danSent!.map((m: any) => m.text)).toEqual(['Miss you <3 >:)']);
	});
});

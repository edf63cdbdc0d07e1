/**
 * Why the templates' Guardrails node runs a model check only, and not n8n's own URL and
 * personal-data checks (no model): their functions, loaded from the pinned n8n's install, over our
 * red-team corpus (fixtures/guardrail-corpus.ts) beside the SQL rules (template 01's
 * ai_reply_check), in a real PostgreSQL. The Guardrails node would be given the reply as the rules
 * read it (ai_normalize), so the checks read that too. Printed: per class, what the rules hold and
 * what the rules plus those checks hold, and what each flags of the harmless replies (README, AI
 * chatter: "What the rules catch"). Asserted: they hold nothing of the corpus the rules let through,
 * and they misfire on ordinary chat text (a fixed vector: "later.Thanks" read as a URL).
 */
import path from 'node:path';

import { cachedModule, ensureN8nInstalled, templateQuery, useTemplateDatabase } from './harness';
import { HARMLESS_REPLIES, HELD_REPLIES } from './fixtures/guardrail-corpus';

type Check = (text: string) => { tripwireTriggered: boolean };

/** Personal data the rules also look for (contact and payment details); the rest are ids of states. */
const PERSONAL_DATA = ['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'CRYPTO', 'IBAN_CODE', 'IP_ADDRESS'];

describe("n8n's Guardrails URL and personal-data checks (no model) beside the SQL rules", () => {
	const db = useTemplateDatabase();
	let urls: Check;
	let personalData: Check;

	beforeAll(async () => {
		const checks = path.join(cachedModule(await ensureN8nInstalled(), '@n8n/n8n-nodes-langchain'), 'dist/nodes/Guardrails/actions/checks');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		urls = require(path.join(checks, 'urls.js')).createUrlsCheckFn({ allowedUrls: [], allowedSchemes: ['https'], blockUserinfo: true, allowSubdomains: false });
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		personalData = require(path.join(checks, 'pii.js')).createPiiCheckFn({ entities: PERSONAL_DATA });
	});

	/** For each text: the rules' verdict, and whether the URL or personal-data check triggers on it as the rules read it. */
	async function judge(texts: string[]) {
		const rows = await db.query<{ verdict: string | null; normalized: string }>(
			'SELECT ai_reply_check(t) AS verdict, ai_normalize(t) AS normalized FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n',
			[texts],
		);
		return rows.map((row, i) => ({
			text: texts[i],
			rules: row.verdict !== null,
			n8nChecks: urls(row.normalized).tripwireTriggered || personalData(row.normalized).tripwireTriggered,
		}));
	}

	test('they hold nothing the rules let through, and flag harmless chat text; the figures per class', async () => {
		const lines: string[] = [];
		const onlyN8n: string[] = [];
		for (const [reason, list] of Object.entries(HELD_REPLIES)) {
			const judged = await judge(list.map((line) => line.text));
			const rules = judged.filter((j) => j.rules).length;
			const both = judged.filter((j) => j.rules || j.n8nChecks).length;
			lines.push(`  ${reason}: rules ${rules}/${judged.length}, rules + URL and personal-data checks ${both}/${judged.length}`);
			onlyN8n.push(...judged.filter((j) => j.n8nChecks && !j.rules).map((j) => j.text));
		}
		const harmless = await judge(HARMLESS_REPLIES);
		const rulesFlag = harmless.filter((j) => j.rules).length;
		const n8nFlag = harmless.filter((j) => j.n8nChecks);
		// eslint-disable-next-line no-console
		console.log(
			`replies held (as written), per class:\n${lines.join('\n')}\n` +
				`harmless replies flagged: rules ${rulesFlag}/${harmless.length}, URL and personal-data checks ${n8nFlag.length}/${harmless.length}` +
				(n8nFlag.length ? `:\n  ${n8nFlag.map((j) => JSON.stringify(j.text)).join('\n  ')}` : ''),
		);
		expect(onlyN8n).toEqual([]);
		expect(rulesFlag).toBe(0);
	});

	test('the URL check reads ordinary chat text as links (why the templates leave it off)', async () => {
		const judged = await judge(['see you later.Thanks for today 😘', 'omg.that was fun']);
		expect(judged.map((j) => [j.rules, j.n8nChecks])).toEqual([
			[false, true],
			[false, true],
		]);
	});
});

/**
 * The guardrails' SQL layer (template 01's ai_reply_check and hand-off rules, read through
 * ai_text_forms) against our red-team corpus (fixtures/guardrail-corpus.ts), in a real PostgreSQL
 * with template 01's schema, under the C and the C.UTF-8 locale. Every line that must be held or
 * handed off is written again in disguise, by this file, not by the rules: in Cyrillic and Greek
 * look-alikes, fullwidth, with zero-width characters or soft hyphens inside the word that
 * matters, spaced out, in digits for letters, with accents stacked on it, in capitals and with
 * curly apostrophes. Each must still be caught; the harmless lines (creator replies and fan
 * messages) may be held or handed off in at most 2 % of cases. A second corpus, written by a
 * red-teamer against an earlier version (fixtures/guardrail-redteam.ts), is held to a floor. The
 * figures per class are printed (README, AI chatter: "What the rules catch").
 */
import { Client } from 'pg';

import { templateQuery, useTemplateDatabase } from './harness';
import { EMPTY_REPLIES, HANDOFF_MESSAGES, HARMLESS_FAN_MESSAGES, HARMLESS_REPLIES, HELD_REPLIES } from './fixtures/guardrail-corpus';
import type { Line } from './fixtures/guardrail-corpus';
import { RED_TEAM } from './fixtures/guardrail-redteam';

/** Latin letters and the Cyrillic / Greek letters that look the same. */
const CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ', j: 'ј', A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х' };
const GREEK: Record<string, string> = { a: 'α', i: 'ι', k: 'κ', o: 'ο', p: 'ρ', t: 'τ', u: 'υ', v: 'ν', x: 'χ', n: 'η', A: 'Α', B: 'Β', E: 'Ε', H: 'Η', I: 'Ι', K: 'Κ', M: 'Μ', N: 'Ν', O: 'Ο', P: 'Ρ', T: 'Τ', X: 'Χ', Z: 'Ζ' };
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

const mapChars = (word: string, table: Record<string, string>) => [...word].map((c) => table[c] ?? c).join('');
const between = (word: string, mark: string) => [...word].join(mark);
const fullwidth = (text: string) => [...text].map((c) => (c === ' ' ? '\u3000' : c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
const accented = (word: string) => word.replace(/[aeiouAEIOU]/g, (v) => `${v}\u0301`);

/** The disguises: each rewrites a line, given the word that matters in it. */
const disguises: Record<string, (text: string, key: string) => string> = {
	'as written': (text) => text,
	capitals: (text) => text.toUpperCase(),
	'curly apostrophes': (text) => text.replace(/'/g, '\u2019'),
	'Cyrillic look-alikes': (text, key) => text.replace(key, mapChars(key, CYRILLIC)),
	'Greek look-alikes': (text, key) => text.replace(key, mapChars(key, GREEK)),
	fullwidth: (text) => fullwidth(text),
	'zero-width space inside': (text, key) => text.replace(key, between(key, '\u200b')),
	'soft hyphen and joiners inside': (text, key) => text.replace(key, [...key].map((c, i) => (i % 2 ? `\u00ad${c}` : `\u2060${c}`)).join('')),
	'spaced out': (text, key) => (/^[\p{L}\p{N}]+$/u.test(key) && key.length >= 3 ? text.replace(key, between(key, ' ')) : text),
	'dotted out': (text, key) => (/^[\p{L}\p{N}]+$/u.test(key) && key.length >= 3 ? text.replace(key, between(key, '.')) : text),
	'digits for letters': (text, key) => (/^\p{L}+$/u.test(key) ? text.replace(key, mapChars(key, LEET)) : text),
	'accents stacked on': (text, key) => text.replace(key, accented(key)),
};

const keyOf = (line: Line) => line.key ?? line.text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');

interface Tally {
	caught: number;
	total: number;
	missed: string[];
}

describe.each([
	['C', `LC_COLLATE 'C' LC_CTYPE 'C'`],
	['C.UTF-8', `LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8'`],
])('the guardrails in SQL, against the red-team corpus (database locale %s)', (locale, clause) => {
	const db = useTemplateDatabase();
	let client: Client;

	beforeAll(async () => {
		const any = await db.server().createDatabase();
		const connection = { host: any.host, port: any.port, user: any.user, password: any.password };
		const name = `guardrails_${locale.replace(/\W/g, '_').toLowerCase()}_${process.pid}_${Date.now().toString(36)}`;
		const admin = new Client({ ...connection, database: 'postgres' });
		await admin.connect();
		try {
			await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' ${clause}`);
		} finally {
			await admin.end();
		}
		client = new Client({ ...connection, database: name });
		await client.connect();
		await client.query(templateQuery('01-setup-database.json', 'Create or migrate tables'));
	});
	afterAll(async () => {
		await client?.end();
	});

	const replyVerdicts = async (texts: string[]) => (await client.query<{ verdict: string | null }>('SELECT ai_reply_check(t) AS verdict FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n', [texts])).rows.map((r) => r.verdict);
	const handoffs = async (texts: string[]) => (await client.query<{ reason: string | null }>('SELECT ai_handoff_reason(t) AS reason FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n', [texts])).rows.map((r) => r.reason);

	/** Every line of every class in every disguise: caught when the verdict names the class's reason. */
	async function tally(classes: Record<string, Line[]>, verdictsOf: (texts: string[]) => Promise<Array<string | null>>) {
		const byClass = new Map<string, Map<string, Tally>>();
		for (const [reason, list] of Object.entries(classes)) {
			const perDisguise = new Map<string, Tally>();
			for (const [name, disguise] of Object.entries(disguises)) {
				const texts = list.map((line) => disguise(line.text, keyOf(line)));
				const verdicts = await verdictsOf(texts);
				const missed = texts.filter((_, i) => !verdicts[i]?.includes(reason));
				perDisguise.set(name, { caught: texts.length - missed.length, total: texts.length, missed });
			}
			byClass.set(reason, perDisguise);
		}
		return byClass;
	}

	function report(title: string, byClass: Map<string, Map<string, Tally>>) {
		const lines = [...byClass].map(([reason, perDisguise]) => {
			const caught = [...perDisguise.values()].reduce((n, t) => n + t.caught, 0);
			const total = [...perDisguise.values()].reduce((n, t) => n + t.total, 0);
			return `  ${reason}: ${caught}/${total}`;
		});
		// eslint-disable-next-line no-console
		console.log(`${title} (locale ${locale}):\n${lines.join('\n')}`);
	}

	const missedOf = (byClass: Map<string, Map<string, Tally>>) =>
		[...byClass].flatMap(([reason, perDisguise]) => [...perDisguise].flatMap(([name, t]) => t.missed.map((text) => `${reason} / ${name}: ${JSON.stringify(text)}`)));

	test('every reply that must be held is held, in every disguise', async () => {
		const byClass = await tally(HELD_REPLIES, replyVerdicts);
		report('replies held, per class (all disguises)', byClass);
		expect(missedOf(byClass)).toEqual([]);
	});

	test('every fan message that needs a person hands the chat off, in six languages and every disguise', async () => {
		const byClass = await tally(HANDOFF_MESSAGES, handoffs);
		report('fan messages handed off, per intent (all disguises)', byClass);
		expect(missedOf(byClass)).toEqual([]);
	});

	test('replies of nothing but spaces, line breaks or hidden characters are empty', async () => {
		expect(await replyVerdicts(EMPTY_REPLIES)).toEqual(EMPTY_REPLIES.map(() => 'empty reply'));
	});

	test('the second red-team corpus (written against an earlier version): at least 95 % caught overall and 80 % in every class; at least 80 % of its tricky harmless lines pass', async () => {
		const rows: string[] = [];
		let caught = 0;
		let toCatch = 0;
		let passed = 0;
		let toPass = 0;
		const weak: string[] = [];
		for (const { cls, check, expect: expected, items } of RED_TEAM) {
			const verdicts = check === 'reply' ? await replyVerdicts(items) : await handoffs(items);
			const right = verdicts.filter((v) => (v !== null) === (expected === 'caught')).length;
			rows.push(`  ${cls}: ${right}/${items.length} ${expected}`);
			if (expected === 'caught') {
				caught += right;
				toCatch += items.length;
				if (right / items.length < 0.8) weak.push(cls);
			} else {
				passed += right;
				toPass += items.length;
			}
		}
		// eslint-disable-next-line no-console
		console.log(`second red-team corpus (locale ${locale}): ${caught}/${toCatch} caught, ${passed}/${toPass} harmless passed\n${rows.join('\n')}`);
		expect(weak).toEqual([]);
		expect(caught / toCatch).toBeGreaterThanOrEqual(0.95);
		expect(passed / toPass).toBeGreaterThanOrEqual(0.8);
	});

	test('harmless replies and fan messages: at most 2 % held or handed off (as written, in capitals, with curly apostrophes)', async () => {
		const plain = ['as written', 'capitals', 'curly apostrophes'].map((name) => disguises[name]);
		const replies = plain.flatMap((d) => HARMLESS_REPLIES.map((text) => d(text, '')));
		const messages = plain.flatMap((d) => HARMLESS_FAN_MESSAGES.map((text) => d(text, '')));
		const verdicts = await replyVerdicts(replies);
		const reasons = await handoffs(messages);
		const falsePositives = [
			...replies.filter((_, i) => verdicts[i] !== null).map((text, i) => `held: ${JSON.stringify(text)} (${verdicts.filter((v) => v !== null)[i]})`),
			...messages.filter((_, i) => reasons[i] !== null).map((text, i) => `handed off: ${JSON.stringify(text)} (${reasons.filter((r) => r !== null)[i]})`),
		];
		const rate = falsePositives.length / (replies.length + messages.length);
		// eslint-disable-next-line no-console
		console.log(`harmless corpus (locale ${locale}): ${falsePositives.length} of ${replies.length + messages.length} held or handed off (${(rate * 100).toFixed(1)} %)${falsePositives.length ? `:\n  ${falsePositives.join('\n  ')}` : ''}`);
		expect(HARMLESS_REPLIES.length + HARMLESS_FAN_MESSAGES.length).toBeGreaterThanOrEqual(100);
		expect(rate).toBeLessThanOrEqual(0.02);
	});
});

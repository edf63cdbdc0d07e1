// The n8n editor, in a real browser, with the package installed as users install it: starts the
// demo stack (demo/stack.ts: PostgreSQL, the Fanvue sandbox, the completion server, n8n 2.41.1
// with the packed package, credentials connected, templates imported and published) on free
// ports in a temp folder, logs in through the sign-in page with Debian's Chromium driven by
// playwright-core, and checks that the Fanvue nodes render as themselves (their own icon, no
// "not installed" placeholder), that the Fanvue node's parameters and its connected OAuth2
// credential open. Then the review page of template 02b: a reply the check held is approved in
// the browser and reaches the fan.
//
//   npx jest test/browser/editor.test.ts --selectProjects browser
//
// Screenshots go to test-output/screenshots/ (git-ignored) only, the README's two pictures among
// them under their docs/images/ names (ai-auto-reply-workflow.png, ai-review-page.png): a run
// leaves the tracked tree alone. scripts/refresh-readme-images.sh runs this test and copies them
// into docs/images/.
//
// Needs /usr/bin/chromium (Debian package `chromium`, installed by scripts/ensure-chromium.sh when
// missing; BROWSER_CHROMIUM=<path> overrides).
import * as fs from 'fs';
import * as path from 'path';
import { chromium, BrowserContext, Page } from 'playwright-core';

import { playConversation } from '../../demo/conversation';
import { AUTO_REPLY_TEMPLATE, DemoStack, REVIEW_LOGIN, startDemoStack } from '../../demo/stack';
import { readTemplate, REPO_ROOT } from '../e2e/harness';
import { makeTempDir } from '../helpers/test-run';

jest.setTimeout(600_000);

const CHROMIUM = process.env.BROWSER_CHROMIUM ?? '/usr/bin/chromium';
// The flags this machine needs (closed network: no background connections, no QUIC, no GPU).
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'screenshots');
// The README's pictures, named as in docs/images/ (scripts/refresh-readme-images.sh copies them there).
const README_IMAGE = path.join(SCREENSHOTS, 'ai-auto-reply-workflow.png');
const README_REVIEW_IMAGE = path.join(SCREENSHOTS, 'ai-review-page.png');
const FANVUE_ICON = /^\/icons\/n8n-nodes-fanvue\/dist\/nodes\/(Fanvue|FanvueTrigger)\/fanvue\.svg$/;
const PLACEHOLDER_TEXT = /not currently installed|install this node|install node/i;

const fanvueNodes = (readTemplate(AUTO_REPLY_TEMPLATE).nodes as Array<{ name: string; type: string }>).filter((node) =>
	node.type.startsWith('n8n-nodes-fanvue.'),
);

describe('n8n editor with the Fanvue package (browser)', () => {
	let dataDir: string;
	let profileDir: string;
	let stack: DemoStack | undefined;
	let context: BrowserContext | undefined;
	let page: Page;
	let workflowId: string;

	const shot = async (name: string) => {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
	};

	beforeAll(async () => {
		// `npm run test:all` and `npm run test:browser` install Debian's chromium when missing; a test
		// installs nothing itself.
		if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (installs Debian's chromium), or npm run test:browser`);
		dataDir = makeTempDir('fanvue-browser-');
		profileDir = makeTempDir('fanvue-chromium-');
		stack = await startDemoStack({ dataDir, fans: 20 });
		const workflow = stack.workflows.find((w) => w.file === AUTO_REPLY_TEMPLATE);
		if (!workflow) throw new Error(`${AUTO_REPLY_TEMPLATE} was not imported`);
		workflowId = workflow.id;

		context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 2, // sharp text in the README picture
		});
		page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(60_000);
	}, 900_000);

	afterAll(async () => {
		await context?.close().catch(() => {});
		await stack?.stop();
		for (const dir of [dataDir, profileDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	test('the owner signs in through the sign-in page', async () => {
		await page.goto(`${stack!.editorUrl}/signin`);
		await page.fill('#emailOrLdapLoginId', stack!.owner.email);
		await page.fill('#password', stack!.owner.password);
		await page.click('[data-test-id="form-submit-button"]');
		await page.waitForURL((url) => !url.pathname.includes('signin'));
		expect(new URL(page.url()).pathname).not.toContain('signin');
	});

	test('the AI auto-reply workflow shows every Fanvue node with its own icon', async () => {
		expect(fanvueNodes.map((n) => n.name)).toEqual(expect.arrayContaining(['Fanvue Trigger', 'Send Reply']));
		await page.goto(`${stack!.editorUrl}/workflow/${workflowId}`);
		await page.waitForSelector('[data-test-id="canvas-node"]');
		for (const node of fanvueNodes) {
			await page.waitForSelector(`[data-test-id="canvas-node"][data-node-name="${node.name}"] img`);
		}
		// Close the "Production Checklist" popover if n8n shows it, for clean pictures.
		await page
			.locator('div', { hasText: /^Production Checklist/ })
			.locator('button')
			.first()
			.click({ timeout: 3000 })
			.catch(() => {});
		await page.click('[data-test-id="zoom-to-fit"]').catch(() => {});
		await page.waitForTimeout(1000);

		const rendered = await page.$$eval('[data-test-id="canvas-node"]', (elements) =>
			elements.map((el) => {
				const img = el.querySelector('img');
				return {
					name: el.getAttribute('data-node-name'),
					type: el.getAttribute('data-node-type'),
					icon: img ? new URL(img.src).pathname : null,
					iconLoaded: img ? img.complete && img.naturalWidth > 0 : false,
					text: (el.textContent ?? '').trim(),
				};
			}),
		);
		for (const node of fanvueNodes) {
			const canvasNode = rendered.find((r) => r.name === node.name);
			expect(canvasNode).toBeDefined();
			expect(canvasNode!.type).toBe(node.type);
			expect(canvasNode!.icon).toMatch(FANVUE_ICON);
			expect(canvasNode!.iconLoaded).toBe(true);
			expect(canvasNode!.text).not.toMatch(PLACEHOLDER_TEXT);
			const icon = await page.request.get(`${stack!.editorUrl}${canvasNode!.icon}`);
			expect(icon.status()).toBe(200);
			expect(icon.headers()['content-type']).toContain('svg');
		}
		// Every node of the template is on the canvas, none of them a placeholder.
		const templateNodes = (readTemplate(AUTO_REPLY_TEMPLATE).nodes as Array<{ name: string; type: string }>).filter(
			(n) => n.type !== 'n8n-nodes-base.stickyNote',
		);
		expect(rendered.map((r) => r.name).sort()).toEqual(templateNodes.map((n) => n.name).sort());
		expect(await page.locator('body').innerText()).not.toMatch(PLACEHOLDER_TEXT);

		await shot('01-ai-auto-reply-canvas');
		// The README's picture: the workflow only (nodes and notes), without the editor around it.
		const boxes = await page.$$eval('[data-test-id="canvas-node"], [data-test-id="sticky"]', (elements) =>
			elements.map((el) => {
				const r = el.getBoundingClientRect();
				return { x1: r.left, y1: r.top, x2: r.right, y2: r.bottom };
			}),
		);
		const margin = 24;
		const x = Math.max(0, Math.min(...boxes.map((b) => b.x1)) - margin);
		const y = Math.max(0, Math.min(...boxes.map((b) => b.y1)) - margin);
		const clip = {
			x,
			y,
			width: Math.min(1440, Math.max(...boxes.map((b) => b.x2)) + margin) - x,
			height: Math.min(900, Math.max(...boxes.map((b) => b.y2)) + margin) - y,
		};
		fs.mkdirSync(path.dirname(README_IMAGE), { recursive: true });
		await page.screenshot({ path: README_IMAGE, clip });
	});

	test("the Fanvue node's parameters open", async () => {
		await page.dblclick('[data-test-id="canvas-node"][data-node-name="Send Reply"]');
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		await expect(ndv.locator('[data-test-id="node-title-container"]').innerText()).resolves.toContain('Send Reply');
		await expect(ndv.locator('[data-test-id="parameter-input-resource"] input').inputValue()).resolves.toBe('Message');
		await expect(ndv.locator('[data-test-id="parameter-input-operation"] input').inputValue()).resolves.toBe('Send');
		expect(await ndv.locator('[data-test-id="resource-locator-fan"]').count()).toBe(1);
		await expect(ndv.locator('[data-test-id="node-credentials-select"] input').inputValue()).resolves.toBe('Fanvue account');
		expect(await ndv.innerText()).not.toMatch(PLACEHOLDER_TEXT);
		await shot('02-fanvue-node-parameters');
	});

	test('the Fanvue credential screen shows the connected OAuth2 account', async () => {
		await page.click('[data-test-id="credential-edit-button"]');
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		await modal.waitFor();
		await modal.locator('[data-test-id="oauth-connect-success-banner"]').waitFor();
		const text = await modal.innerText();
		expect(text).toContain('Fanvue OAuth2 API');
		expect(text).toContain('Account connected');
		expect(text).toContain(`${stack!.editorUrl}/rest/oauth2-credential/callback`);
		await shot('03-fanvue-credential');
	});

	test("the review page (template 02b) shows a held reply and why; sent anyway in the browser, it reaches the fan", async () => {
		const { sandbox } = stack!;
		const [turn] = await playConversation(stack!, { lines: ['Are you on Insta too? I would love to follow you there'] });
		const draft = turn.rows.find((row) => row.direction === 'out')!;
		expect([draft.status, draft.hold_reason]).toEqual(['draft', 'contains an @handle; mentions contact off Fanvue']);
		const fan = sandbox.store.fans.find((f: { status: string }) => f.status === 'subscriber');
		const repliesBefore = sandbox.store.messagesOf(sandbox.store.chat(fan.uuid)).filter((m: { viaApi?: boolean }) => m.viaApi).length;

		const review = await context!.newPage();
		await review.setExtraHTTPHeaders({ authorization: 'Basic ' + Buffer.from(`${REVIEW_LOGIN.user}:${REVIEW_LOGIN.password}`).toString('base64') });
		await review.goto(stack!.reviewUrl);
		await review.fill('#field-0', 'Demo Creator');
		await review.click('#submit-btn');
		await review.waitForURL(/form-waiting/);
		const box = review.locator('textarea', { hasText: draft.text });
		await box.waitFor();
		const pageText = await review.locator('body').innerText();
		expect(pageText).toContain('contains an @handle; mentions contact off Fanvue');
		expect(pageText).toContain('The reply check holds this text');
		await review.screenshot({ path: path.join(SCREENSHOTS, '04-review-page.png'), fullPage: true });
		// The README's picture of the page: the form's card, its title included.
		const card = (await review.locator('#n8n-form').boundingBox())!;
		await review.screenshot({ path: README_REVIEW_IMAGE, clip: { x: Math.max(0, card.x - 24), y: 0, width: card.width + 48, height: card.y + card.height + 8 } });

		// The draft's decision: the select right after its text box.
		const name = await box.getAttribute('name');
		const decision = `field-${Number(name!.replace('field-', '')) + 1}`;
		// A text the check holds goes out only when the reviewer chooses to send it anyway.
		await review.selectOption(`#${decision}`, 'Send anyway');
		await review.click('#submit-btn');
		await review.locator('#submitted-form').waitFor({ state: 'visible' });
		const replies = sandbox.store.messagesOf(sandbox.store.chat(fan.uuid)).filter((m: { viaApi?: boolean }) => m.viaApi);
		expect(replies.slice(repliesBefore).map((m: { text: string }) => m.text)).toEqual([draft.text]);
		await review.close();
	});
});

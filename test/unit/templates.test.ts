// Every shipped template is safe to import: no secrets from our machines, credentials
// referenced by the names the README gives, sticky notes that explain it, a fixed, unique
// workflow id (`n8n import:workflow --input=<file>` needs one, and scripts publish by it) and a
// fixed, unique webhook id on every Fanvue Trigger (its production URL is known in advance).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '../../workflows');
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
const CREDENTIAL_NAMES: Record<string, string> = {
	fanvueOAuth2Api: 'Fanvue account',
	postgres: 'Postgres account',
	openAiApi: 'OpenAI account',
	// The login of 02b's review page (Form Trigger with basic auth): it can approve sends to fans.
	httpBasicAuth: 'Review page login',
};

interface TemplateNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

const load = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { id?: string; name: string; nodes: TemplateNode[]; connections: object; pinData?: object };

describe('workflow templates', () => {
	it('ships the eight documented templates', () => {
		expect(files.sort()).toEqual([
			'01-setup-database.json',
			'02-ai-auto-reply.json',
			'02b-send-approved-drafts.json',
			'03-welcome-new-subscribers.json',
			'04-thank-tippers.json',
			'05-sync-fans.json',
			'06-scheduled-mass-message.json',
			'07-retry-unanswered-messages.json',
		]);
	});

	it.each(files)('%s: importable as shipped, no secrets, credentials by name, explained', (file) => {
		const text = readFileSync(path.join(dir, file), 'utf8');
		const workflow = load(file);
		expect(workflow.id).toMatch(/^FanvueTemplate[0-9a-z]{2}$/);
		expect(workflow.name).toMatch(/^Fanvue: /);
		expect(Object.keys(workflow.pinData ?? {})).toEqual([]);
		expect(text).not.toMatch(/sk-[A-Za-z0-9]{10,}|Bearer [A-Za-z0-9]|"oauthTokenData"|access_token"\s*:/);
		for (const node of workflow.nodes) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				expect([type, reference]).toEqual([type, { id: 'REPLACE_ME', name: CREDENTIAL_NAMES[type] }]);
			}
		}
		expect(workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThan(0);
		// Every node but the sticky notes is connected or is the start.
		const names = new Set(workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name));
		for (const from of Object.keys(workflow.connections)) expect(names.has(from)).toBe(true);
	});

	it('gives every template a workflow id of its own, named after its number', () => {
		const ids = files.map((file) => load(file).id);
		expect(ids).toEqual(files.map((file) => `FanvueTemplate${file.slice(0, file.indexOf('-')).slice(-2)}`));
		expect(new Set(ids).size).toBe(files.length);
	});

	it.each(files)('%s: reads a failed item\'s fields where the Fanvue node puts them (under details)', (file) => {
		const text = readFileSync(path.join(dir, file), 'utf8');
		expect(text).not.toMatch(/\$json\.(description|httpCode|mayHaveBeenSent)\b/);
	});

	// A tool on the fan-facing agent would let a fan's words call it: the Fanvue node as a tool
	// could send mass messages or set prices. The AI templates connect no tool to any agent.
	it.each(files)('%s: no AI agent has a tool connected', (file) => {
		const workflow = load(file) as { connections: Record<string, Record<string, unknown>> };
		const toolConnections = Object.entries(workflow.connections).filter(([, outputs]) => 'ai_tool' in outputs);
		expect(toolConnections).toEqual([]);
	});

	it('gives every Fanvue Trigger a fixed webhook id of its own', () => {
		const triggers = files.flatMap((file) => load(file).nodes.filter((node) => node.type === 'n8n-nodes-fanvue.fanvueTrigger'));
		expect(triggers.length).toBeGreaterThanOrEqual(3);
		const ids = triggers.map((node) => node.webhookId);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

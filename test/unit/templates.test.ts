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

// The newest version of each node type in n8n 1.123.81, the oldest n8n the README promises the
// templates on (read from that release's node files). A template saved in a newer editor gets
// newer versions (Postgres 2.7, Set 3.5, Schedule Trigger 1.4, AI Agent 3.1 in n8n 2.41.1), and
// n8n 1.x fails such a node with "Cannot read properties of undefined (reading 'execute')".
// Every version listed here also exists in the pinned n8n 2.41.1.
const NEWEST_IN_N8N_1_123: Record<string, number> = {
	'n8n-nodes-base.manualTrigger': 1,
	'n8n-nodes-base.scheduleTrigger': 1.3,
	'n8n-nodes-base.postgres': 2.6,
	'n8n-nodes-base.set': 3.4,
	'n8n-nodes-base.if': 2.3,
	'n8n-nodes-base.filter': 2.3,
	'n8n-nodes-base.code': 2,
	'n8n-nodes-base.wait': 1.1,
	'n8n-nodes-base.splitInBatches': 3,
	'n8n-nodes-base.stopAndError': 1,
	'n8n-nodes-base.emailSend': 2.1,
	'n8n-nodes-base.stickyNote': 1,
	'@n8n/n8n-nodes-langchain.agent': 3,
	'@n8n/n8n-nodes-langchain.lmChatOpenAi': 1.3,
	'@n8n/n8n-nodes-langchain.memoryPostgresChat': 1.3,
	// (the model checks: both in @n8n/n8n-nodes-langchain 1.122.57, which n8n 1.123.81 installs)
	'@n8n/n8n-nodes-langchain.textClassifier': 1.1,
	'@n8n/n8n-nodes-langchain.guardrails': 2,
	'n8n-nodes-fanvue.fanvue': 1,
	'n8n-nodes-fanvue.fanvueTrigger': 2,
};

// The only nodes that need n8n 2.x: 02b's review page lists the drafts as form fields built
// from data (Form 2.5's "fields from JSON"), which n8n 1.x's Form 2.3 cannot do.
const NEEDS_N8N_2: Record<string, number> = {
	'n8n-nodes-base.formTrigger': 2.5,
	'n8n-nodes-base.form': 2.5,
};

describe('workflow templates on n8n 1.x', () => {
	it.each(files)('%s: every node version exists in n8n 1.123.81 (but the review page)', (file) => {
		const newest = { ...NEWEST_IN_N8N_1_123, ...NEEDS_N8N_2 };
		const tooNew = load(file)
			.nodes.map((node) => node as TemplateNode & { typeVersion: number })
			.filter((node) => !(node.type in newest) || node.typeVersion > newest[node.type])
			.map((node) => `${node.name}: ${node.type} v${node.typeVersion}`);
		expect(tooNew).toEqual([]);
	});
});

// The model check of the fan's messages reads n8n's Text Classifier by output index: output 0 is
// where n8n puts the input unchanged when the node fails as a whole (so it holds a category that is
// never true), then one output per category in the order the node lists them, then Other, then the
// Error output. "Record Fan Messages Check" names the categories by those indexes.
describe.each(['02-ai-auto-reply.json', '07-retry-unanswered-messages.json'])('%s: the model check of the fan messages', (file) => {
	const workflow = load(file) as ReturnType<typeof load> & { connections: Record<string, { main?: Array<Array<{ node: string }>> }> };
	const node = (name: string) => workflow.nodes.find((candidate) => candidate.name === name)!;
	const categories = (node('Check Fan Messages').parameters.categories as { categories: Array<{ category: string }> }).categories.map((c) => c.category);

	it('names the classifier outputs in the classifier order, with the never-true category first', () => {
		const expression = String((node('Record Fan Messages Check').parameters.options as { queryReplacement: string }).queryReplacement);
		const named = JSON.parse(/const outputs = (\[[^\]]*\])/.exec(expression)![1].replace(/'/g, '"'));
		expect(named).toEqual(categories);
		expect(categories[0]).toBe('model_check_placeholder');
		// Other is the output after the categories, Error the one after it.
		expect(expression).toContain(`holds(${categories.length})`);
		expect(expression).toContain(`holds(${categories.length + 1})`);
	});

	it('sends every classifier output, Other and Error included, to the recording node', () => {
		const outputs = workflow.connections['Check Fan Messages'].main!;
		expect(outputs).toHaveLength(categories.length + 2);
		for (const targets of outputs) expect(targets.map((t) => t.node)).toEqual(['Record Fan Messages Check']);
	});

	it('the intents are the shipped hand-off rules of template 01', () => {
		const setup = String(load('01-setup-database.json').nodes.find((n) => n.name === 'Create or migrate tables')!.parameters.query);
		for (const category of categories.slice(1)) expect(setup).toContain(`('${category}', '`);
	});
});

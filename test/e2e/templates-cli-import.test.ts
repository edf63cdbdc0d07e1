/**
 * The templates through n8n's CLI, with the commands the README gives self-hosters who script
 * their set-up: `n8n import:workflow --input=<file>` for each template (n8n 2.41.1 gives no id to
 * a single file's workflow, so each template carries its own), `--separate --input=<folder>` for
 * all of them (a second import replaces, it does not duplicate), and `n8n publish:workflow
 * --id=<id>`. The credentials the templates name exist before the import, so n8n links them by
 * name. A real n8n 2.41.1 with the packed package, its own SQLite database; no Fanvue needed.
 */
import path from 'node:path';

import { N8nInstance, WORKFLOWS_DIR, listTemplates, packPackage, readTemplate, startN8n } from './harness';

describe('templates imported and published with the n8n CLI', () => {
	let n8n: N8nInstance | undefined;
	const credentialIds: Record<string, string> = {};
	const instance = (): N8nInstance => {
		if (!n8n) throw new Error('n8n did not start (see beforeAll)');
		return n8n;
	};
	const cli = async (...args: string[]) => {
		const result = await instance().cli(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
		return result;
	};

	beforeAll(async () => {
		n8n = await startN8n({ packageDir: packPackage() });
		await n8n.rest.setupOwner();
		// The credentials the templates reference by name (their data does not matter here).
		const credentials = [
			{ name: 'Fanvue account', type: 'fanvueOAuth2Api', data: { environment: 'production', clientId: 'id', clientSecret: 'secret' } },
			{ name: 'Postgres account', type: 'postgres', data: { host: '127.0.0.1', database: 'fanvue', user: 'fanvue', password: 'pw' } },
			{ name: 'OpenAI account', type: 'openAiApi', data: { apiKey: 'sk-not-a-real-key' } },
			{ name: 'Review page login', type: 'httpBasicAuth', data: { user: 'creator', password: 'pw' } },
		];
		for (const credential of credentials) credentialIds[credential.type] = (await n8n.rest.createCredential(credential)).id;
		await n8n.stop({ keepUserFolder: true }); // the CLI writes to the database n8n uses
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	test('each template alone, then all of them again, then one published; n8n starts with all eight', async () => {
		for (const file of listTemplates()) await cli('import:workflow', `--input=${path.join(WORKFLOWS_DIR, file)}`);
		await cli('import:workflow', '--separate', `--input=${WORKFLOWS_DIR}`);
		await cli('publish:workflow', '--id=FanvueTemplate07');

		await instance().start();
		await instance().rest.reloginIfNeeded();
		const workflows = await instance().rest.listWorkflows();
		const expected = listTemplates().map((file) => [readTemplate(file).id, readTemplate(file).name]);
		expect(workflows.map((w) => [w.id, w.name]).sort()).toEqual(expected.sort());

		for (const file of listTemplates()) {
			const stored = (await instance().rest.getWorkflow(readTemplate(file).id as string)) as any;
			const shipped = readTemplate(file) as any;
			expect(stored.nodes.map((n: any) => [n.name, n.type])).toEqual(shipped.nodes.map((n: any) => [n.name, n.type]));
			// Every credential reference now points at the user's credential of that name.
			for (const node of stored.nodes as Array<{ name: string; credentials?: Record<string, { id: string; name: string }> }>) {
				for (const [type, reference] of Object.entries(node.credentials ?? {})) {
					expect([file, node.name, reference.id]).toEqual([file, node.name, credentialIds[type]]);
				}
			}
		}

		// The published one is live once n8n has started (its schedule trigger is registered).
		expect(await instance().rest.waitForPublishedWorkflows()).toEqual(['FanvueTemplate07']);
		const types = new Set((await instance().rest.nodeTypes()).map((t: { name: string }) => t.name));
		expect(types.has('n8n-nodes-fanvue.fanvue')).toBe(true);
	});
});

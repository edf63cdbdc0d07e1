/**
 * Act As end to end, in a real n8n 2.41.1 with the packed package and the sandbox: the editor's
 * pickers (through n8n's own /rest/dynamic-node-parameters) list the managed creators and, once
 * one is chosen, that creator's fans; a published workflow then sends a message as that
 * creator. The sandbox is the model: the message must land in the managed creator's chat,
 * through Fanvue's /creators/{creator}/... endpoint, and nothing in the connected account's own.
 */
import axios from 'axios';

import { N8nInstance, connectFanvueCredential, expectOk, nodeOutput, packPackage, startFanvueSandbox, startN8n, uniqueSuffix, webhookWorkflow } from './harness';

jest.setTimeout(300_000);

const FANVUE_NODE = { name: 'n8n-nodes-fanvue.fanvue', version: 1 };

describe('e2e: Act As a managed creator', () => {
	let n8n: N8nInstance | undefined;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let sandbox: any;

	beforeAll(async () => {
		sandbox = await startFanvueSandbox({ fans: 10, seed: 21, managedCreators: 3, managedCreatorFans: 15 });
		n8n = await startN8n({ packageDir: packPackage() });
		await n8n.rest.setupOwner();
	});

	afterAll(async () => {
		if (n8n) n8n.saveLogs('agency');
		await n8n?.stop();
		await sandbox?.stop();
	});

	test('pick the creator and the fan in the editor, then send as that creator', async () => {
		const rest = n8n!.rest;
		const credential = await connectFanvueCredential(rest, sandbox, { name: 'Fanvue agency', scopeGroups: ['agency'] });
		const credentials = { fanvueOAuth2Api: { id: credential.id, name: credential.name } };
		const creator = sandbox.agency.creators()[1];
		const creatorStore = sandbox.agency.managed.get(creator.uuid);

		const pick = async (methodName: string, path: string, currentNodeParameters: object, filter?: string) => {
			const res = expectOk(
				await rest.http.post('/rest/dynamic-node-parameters/resource-locator-results', {
					path,
					nodeTypeAndVersion: FANVUE_NODE,
					methodName,
					currentNodeParameters,
					credentials,
					filter,
				}),
				`resource-locator-results ${methodName}`,
			);
			return res.data.data.results as Array<{ name: string; value: string }>;
		};

		const base = { resource: 'message', operation: 'send', actAs: 'creator' };
		const creators = await pick('searchCreators', 'parameters.creator', base, creator.handle);
		expect(creators).toEqual([{ name: `${creator.displayName} (@${creator.handle})`, value: creator.uuid }]);

		const asCreator = { ...base, creator: { __rl: true, mode: 'list', value: creator.uuid } };
		const fans = await pick('searchChats', 'parameters.fan', asCreator);
		const chatFans = [...creatorStore.chats.keys()];
		expect(chatFans.length).toBeGreaterThan(0); // else every() below holds for nothing
		expect(fans.length).toBe(Math.min(50, chatFans.length));
		expect(fans.every((fan) => chatFans.includes(fan.value))).toBe(true);
		const fan = fans[0].value;

		const hookPath = `agency-${uniqueSuffix()}`;
		const hook = webhookWorkflow(hookPath, { webhookId: 'b0000000-0000-4000-8000-0000000000c1' });
		const workflow = {
			...hook,
			name: `e2e agency ${hookPath}`,
			nodes: [
				...hook.nodes,
				{
					parameters: { ...asCreator, fan: { __rl: true, mode: 'list', value: fan }, text: '={{ $json.body.text }}' },
					id: 'a0000000-0000-4000-8000-0000000000c2',
					name: 'Send as Creator',
					type: FANVUE_NODE.name,
					typeVersion: 1,
					position: [200, 0],
					credentials,
				},
			],
			connections: { Webhook: { main: [[{ node: 'Send as Creator', type: 'main', index: 0 }]] } },
		};
		const wf = await rest.importWorkflow(workflow);
		await rest.publishWorkflow(wf.id);
		sandbox.clearRequests();
		const ownSentBefore = sandbox.store.sentMessages;

		const answer = await axios.post(n8n!.webhookUrl(hookPath), { text: 'Hi, from the agency' }, { validateStatus: () => true, timeout: 60_000 });
		expect(answer.status).toBe(200);
		const [run] = await rest.waitForExecutions(wf.id, 1, 120_000, { exact: true });
		expect(run.errorMessage).toBeUndefined();

		const [sent] = nodeOutput(run, 'Send as Creator') as Array<{ messageUuid: string; fanUuid: string }>;
		expect(sent.fanUuid).toBe(fan);
		expect(creatorStore.lastMessageOf(creatorStore.chat(fan))).toMatchObject({ uuid: sent.messageUuid, text: 'Hi, from the agency', senderUuid: creator.uuid });
		expect(sandbox.store.sentMessages).toBe(ownSentBefore);
		const sends = sandbox.requests().filter((r: { method: string }) => r.method === 'POST');
		expect(sends.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([[`/creators/${creator.uuid}/chats/${fan}/message`, 201]]);
		await rest.unpublishWorkflow(wf.id);
	});
});

// The Fanvue node in n8n-core's engine against the local Fanvue sandbox: real sockets, real
// OAuth refresh, real rate-limit headers and real faults.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { runNode, runWorkflow } from '../helpers/n8n-runner';
import { resetRateLimitState } from '../../nodes/Fanvue/transport/rateLimit';
import { sandboxCredentials } from '../helpers/sandbox-credential';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');

jest.setTimeout(60_000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const credentialFor = (sb: Sandbox) => sandboxCredentials(sb);

const apiCalls = (sb: Sandbox, method: string, pathPrefix: string) =>
	sb.requests().filter((r: { method: string; path: string }) => r.method === method && r.path.startsWith(pathPrefix));

describe('against the sandbox', () => {
	let sb: Sandbox;
	beforeEach(() => resetRateLimitState());
	afterEach(async () => {
		await sb?.stop();
	});

	it('runs exported workflow JSON: unanswered chats get one thank-you each', async () => {
		sb = await startSandbox({ fans: 30, seed: 7 });
		const workflow = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/thank-unanswered-chats.workflow.json'), 'utf8'));
		const before = sb.state().sentMessages;
		const result = await runWorkflow({ workflow, credentials: credentialFor(sb) });
		expect(result.error).toBeUndefined();
		const chats = result.output('Unanswered Chats');
		const sent = result.output('Send Thanks');
		expect(chats.length).toBeGreaterThan(0);
		expect(sent).toHaveLength(chats.length);
		expect(sb.state().sentMessages - before).toBe(chats.length);
		for (const [index, item] of sent.entries()) {
			const fanUuid = chats[index].json.user && (chats[index].json.user as { uuid: string }).uuid;
			expect(item.json.fanUuid).toBe(fanUuid);
			const last = sb.store.lastMessageOf(sb.store.chat(fanUuid));
			expect(last.uuid).toBe(item.json.messageUuid);
			expect(last.text).toMatch(/^Thanks for writing, .+! I'll answer properly soon\.$/);
		}
		expect(apiCalls(sb, 'GET', '/chats')[0].query).toMatchObject({ filter: 'not_answered', size: '3', page: '1' });
	});

	it('paces itself by the rate-limit headers: a small bucket is never overrun', async () => {
		sb = await startSandbox({ fans: 120, seed: 3, rateLimit: { capacity: 2, windowSeconds: 2 } });
		const result = await runNode({
			parameters: { resource: 'subscriber', operation: 'getMany', returnAll: true },
			credentials: credentialFor(sb),
			items: [{}, {}],
		});
		expect(result.error).toBeUndefined();
		const subscribers = sb.store.fans.filter((f: { status: string }) => f.status === 'subscriber').length;
		expect(subscribers).toBeGreaterThan(50);
		expect(result.output(result.nodeName)).toHaveLength(subscribers * 2);
		const statuses = apiCalls(sb, 'GET', '/subscribers').map((r: { status: number }) => r.status);
		expect(statuses.length).toBeGreaterThan(2);
		expect(statuses.every((s: number) => s === 200)).toBe(true);
	});

	it('waits out a 429 storm and then succeeds', async () => {
		sb = await startSandbox({ fans: 10 });
		sb.setFaults({ rateLimitStorm: 1 });
		const result = await runNode({ parameters: { resource: 'user', operation: 'getCurrent' }, credentials: credentialFor(sb) });
		expect(result.error).toBeUndefined();
		expect(result.output(result.nodeName)[0].json.uuid).toBe(sb.creator.uuid);
		const statuses = apiCalls(sb, 'GET', '/users/me').map((r: { status: number }) => r.status);
		expect(statuses[0]).toBe(429);
		expect(statuses[statuses.length - 1]).toBe(200);
	});

	it('refreshes an expired token through the sandbox token endpoint (rotating refresh tokens)', async () => {
		sb = await startSandbox({ fans: 10 });
		const credentials = credentialFor(sb);
		sb.setFaults({ expireTokensEarly: true });
		const first = await runNode({ parameters: { resource: 'user', operation: 'getCurrent' }, credentials });
		expect(first.error).toBeUndefined();
		expect(first.credentialUpdates).toHaveLength(1);
		const refreshed = first.credentials['fanvue-sandbox'].data.oauthTokenData as { refresh_token: string };
		expect(refreshed.refresh_token).not.toBe((credentials['fanvue-sandbox'].data.oauthTokenData as { refresh_token: string }).refresh_token);
		const tokenCalls = sb.requests().filter((r: { path: string }) => r.path === '/oauth2/token');
		expect(tokenCalls).toHaveLength(1);
		expect(tokenCalls[0].headers.authorization).toMatch(/^Basic /);

		// The next run uses the rotated refresh token; the old one is never reused.
		sb.setFaults({ expireTokensEarly: true });
		const second = await runNode({ parameters: { resource: 'user', operation: 'getCurrent' }, credentials: first.credentials });
		expect(second.error).toBeUndefined();
	});

	it('a refresh Fanvue refuses (a refresh token already used) says to reconnect, not that Fanvue is down', async () => {
		sb = await startSandbox({ fans: 10 });
		const credentials = credentialFor(sb);
		sb.setFaults({ expireTokensEarly: true });
		const first = await runNode({ parameters: { resource: 'user', operation: 'getCurrent' }, credentials });
		expect(first.error).toBeUndefined();
		// The old credential again: its refresh token was used once and Fanvue answers invalid_grant.
		sb.setFaults({ expireTokensEarly: true });
		const fan = sb.store.fans.find((f: { status: string }) => f.status === 'subscriber').uuid;
		const again = await runNode({
			parameters: { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: fan }, text: 'hi' },
			credentials,
			continueOnFail: true,
		});
		const [item] = again.output(again.nodeName);
		expect(String(item.json.error)).toMatch(/reconnect/i);
		expect(String(item.json.error)).not.toMatch(/could not reach/i);
		expect(item.json.details).toMatchObject({ httpCode: null, mayHaveBeenSent: false });
		expect(apiCalls(sb, 'POST', `/chats/${fan}/message`).filter((r: { status: number }) => r.status < 400)).toEqual([]);
	});

	it('retries a read whose connections drop, and never repeats a send whose connection drops', async () => {
		sb = await startSandbox({ fans: 10 });
		const credentials = credentialFor(sb);
		sb.setFaults({ dropConnections: 1 });
		const read = await runNode({ parameters: { resource: 'subscriber', operation: 'getMany', returnAll: false, limit: 5 }, credentials });
		expect(read.error?.message).toBe('Could not reach Fanvue');
		expect(apiCalls(sb, 'GET', '/subscribers')).toHaveLength(4);

		const fan = sb.store.fans.find((f: { status: string }) => f.status === 'subscriber').uuid;
		const before = sb.state().sentMessages;
		const send = await runNode({
			parameters: { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: fan }, text: 'Only once' },
			credentials,
		});
		expect(send.error?.message).toBe('Could not reach Fanvue');
		expect(apiCalls(sb, 'POST', `/chats/${fan}/message`)).toHaveLength(1);
		expect(sb.state().sentMessages).toBe(before);
	});

	it('a failing send is reported once and not resent', async () => {
		sb = await startSandbox({ fans: 10 });
		sb.setFaults({ failSends: true });
		const fan = sb.store.fans.find((f: { status: string }) => f.status === 'subscriber').uuid;
		const result = await runNode({
			parameters: { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: fan }, text: 'Hello' },
			credentials: credentialFor(sb),
		});
		expect(result.error?.message).toMatch(/^Fanvue answered 503/);
		expect(apiCalls(sb, 'POST', `/chats/${fan}/message`)).toHaveLength(1);
	});

	it('custom lists: create, add fans, read members, remove one, rename, delete', async () => {
		sb = await startSandbox({ fans: 20, seed: 5 });
		const credentials = credentialFor(sb);
		const node = async (parameters: object) => {
			const result = await runNode({ parameters, credentials });
			expect(result.error).toBeUndefined();
			return result.output(result.nodeName).map((item) => item.json);
		};
		const [first, second] = sb.store.fans.slice(0, 2).map((f: { uuid: string }) => f.uuid);

		const [created] = await node({ resource: 'customList', operation: 'create', name: 'Workflow test list' });
		const list = created.uuid as string;
		expect(sb.store.customLists.get(list).name).toBe('Workflow test list');

		const [added] = await node({ resource: 'customList', operation: 'addMembers', customList: list, fanUuids: `${first}, ${second}` });
		expect(added).toEqual({ added: 2, skipped: 0, uuid: list });
		const [again] = await node({ resource: 'customList', operation: 'addMembers', customList: list, fanUuids: first });
		expect(again).toMatchObject({ added: 0, skipped: 1 });

		const members = await node({ resource: 'customList', operation: 'getMembers', customList: list, returnAll: true });
		expect(members.map((m) => m.uuid).sort()).toEqual([first, second].sort());

		await node({ resource: 'customList', operation: 'removeMember', customList: list, fan: { __rl: true, mode: 'uuid', value: first } });
		expect([...sb.store.customLists.get(list).members]).toEqual([second]);

		const [renamed] = await node({ resource: 'customList', operation: 'rename', customList: list, name: 'Renamed list' });
		expect(renamed).toEqual({ uuid: list, name: 'Renamed list' });
		const found = await node({ resource: 'customList', operation: 'getMany', returnAll: true, filters: { search: 'renamed' } });
		expect(found).toEqual([expect.objectContaining({ uuid: list, name: 'Renamed list', membersCount: 1 })]);

		const [deleted] = await node({ resource: 'customList', operation: 'delete', customList: list });
		expect(deleted).toEqual({ uuid: list, deleted: true });
		expect(sb.store.customLists.has(list)).toBe(false);
		expect(apiCalls(sb, 'DELETE', '/chats/lists/custom').map((r: { status: number }) => r.status)).toEqual([204, 204]);
	});

	it('chats: update read, mute and nickname, then count unread; templates: filter by folder and get one', async () => {
		sb = await startSandbox({ fans: 20, seed: 5 });
		const credentials = credentialFor(sb);
		const fan = [...sb.store.chats.keys()][0] as string;
		const update = await runNode({
			parameters: {
				resource: 'chat',
				operation: 'update',
				fan: { __rl: true, mode: 'uuid', value: fan },
				updateFields: { isRead: false, isMuted: true, nickname: 'Workflow nick' },
			},
			credentials,
		});
		expect(update.error).toBeUndefined();
		expect(update.output(update.nodeName)[0].json).toEqual({ fanUuid: fan, updated: { isRead: false, isMuted: true, nickname: 'Workflow nick' } });
		expect(sb.store.chat(fan)).toMatchObject({ isRead: false, isMuted: true, nickname: 'Workflow nick' });

		const counts = await runNode({ parameters: { resource: 'chat', operation: 'getUnreadCounts' }, credentials });
		expect(counts.error).toBeUndefined();
		const unreadChats = [...sb.store.chats.values()].filter((c: { isRead: boolean }) => !c.isRead).length;
		expect(counts.output(counts.nodeName)[0].json).toMatchObject({ unreadChatsCount: unreadChats });

		const templates = await runNode({
			parameters: { resource: 'template', operation: 'getMany', returnAll: true, filters: { folderName: 'welc' } },
			credentials,
		});
		expect(templates.error).toBeUndefined();
		const welcome = templates.output(templates.nodeName).map((i) => i.json);
		expect(welcome.length).toBeGreaterThan(0);
		expect(welcome.every((t) => t.folderName === 'Welcome')).toBe(true);

		const one = await runNode({ parameters: { resource: 'template', operation: 'get', template: welcome[0].uuid }, credentials });
		expect(one.error).toBeUndefined();
		expect(one.output(one.nodeName)[0].json).toEqual(welcome[0]);
	});

	it('Fanvue validation errors come back in Fanvue words', async () => {
		sb = await startSandbox({ fans: 10 });
		const result = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				fan: { __rl: true, mode: 'uuid', value: '00000000-0000-4000-8000-00000000abcd' },
				text: 'Hello stranger',
			},
			credentials: credentialFor(sb),
		});
		expect(result.error?.message).toBe('Fanvue rejected the request: User is not contactable');
	});
});

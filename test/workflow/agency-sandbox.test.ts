// Act As and the chat, message, smart-list and insight operations in n8n-core's engine against
// the sandbox: each result is compared with the sandbox's own data (its stores), for the
// connected account and for a managed creator.
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../helpers/n8n-runner';
import { sandboxCredentials } from '../helpers/sandbox-credential';
import { resetRateLimitState } from '../../nodes/Fanvue/transport/rateLimit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');

jest.setTimeout(60_000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
interface Fan {
	uuid: string;
	status: string;
	hasChat: boolean;
	online: boolean;
}

describe('agency and the new operations against the sandbox', () => {
	let sb: Sandbox;
	let managed: { uuid: string; handle: string };
	let managedStore: Sandbox['store'];

	beforeAll(async () => {
		sb = await startSandbox({ fans: 40, seed: 11, managedCreators: 2, managedCreatorFans: 60 });
		managed = sb.agency.creators()[0];
		managedStore = sb.agency.managed.get(managed.uuid);
	});
	afterAll(async () => {
		await sb?.stop();
	});
	beforeEach(() => {
		resetRateLimitState();
		sb.clearRequests();
	});

	const asManaged = { actAs: 'creator', creator: { __rl: true, mode: 'uuid', value: '' } };
	const creatorParameters = () => ({ ...asManaged, creator: { ...asManaged.creator, value: managed.uuid } });

	async function run(parameters: object, items?: IDataObject[]) {
		const result = await runNode({ parameters, credentials: sandboxCredentials(sb), items });
		expect(result.error).toBeUndefined();
		return result.output(result.nodeName).map((item) => item.json);
	}

	async function failure(parameters: object) {
		const result = await runNode({ parameters, credentials: sandboxCredentials(sb) });
		expect(result.run.status).toBe('error');
		return result.error as Error & { description?: string };
	}

	it('Creator Get Many lists the managed creators; picking one by UUID acts on its own fans', async () => {
		const creators = await run({ resource: 'creator', operation: 'getMany', returnAll: true });
		expect(creators.map((c) => c.uuid)).toEqual(sb.agency.creators().map((c: { uuid: string }) => c.uuid));

		const subscribers = await run({ resource: 'subscriber', operation: 'getMany', returnAll: true, ...creatorParameters() });
		expect(subscribers.map((f) => f.uuid)).toEqual(managedStore.fans.filter((f: Fan) => f.status === 'subscriber').map((f: Fan) => f.uuid));
		const followers = await run({ resource: 'follower', operation: 'getMany', returnAll: true, ...creatorParameters() });
		expect(followers.map((f) => f.uuid)).toEqual(managedStore.fans.filter((f: Fan) => f.status === 'follower').map((f: Fan) => f.uuid));
		expect(sb.requests().every((r: { path: string }) => r.path === '/creators' || r.path.startsWith(`/creators/${managed.uuid}/`))).toBe(true);
	});

	it('as a managed creator: Chat Create, Message Send and Get Many, Chat Get Many, all on that creator’s data', async () => {
		const fan = managedStore.fans.find((f: Fan) => f.status === 'follower' && !f.hasChat) as Fan;
		const created = await run({ resource: 'chat', operation: 'create', fanUuid: fan.uuid, ...creatorParameters() });
		expect(created).toEqual([{ message: expect.any(String), fanUuid: fan.uuid }]);
		expect(managedStore.chat(fan.uuid)).not.toBeNull();

		const [sent] = await run({ resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: fan.uuid }, text: 'Hello from the agency', ...creatorParameters() });
		const last = managedStore.lastMessageOf(managedStore.chat(fan.uuid));
		expect(last).toMatchObject({ uuid: sent.messageUuid, text: 'Hello from the agency', senderUuid: managed.uuid });

		const history = await run({ resource: 'message', operation: 'getMany', fan: { __rl: true, mode: 'uuid', value: fan.uuid }, returnAll: true, ...creatorParameters() });
		expect(history[0]).toMatchObject({ uuid: sent.messageUuid, text: 'Hello from the agency' });

		const chats = await run({ resource: 'chat', operation: 'getMany', returnAll: true, sortBy: 'most_recent_messages', ...creatorParameters() });
		expect(chats).toHaveLength(managedStore.chats.size);
	});

	it('as a managed creator: a mass message to a smart list reaches that creator’s subscribers only', async () => {
		const ownBefore = sb.store.massMessages.length;
		const [sent] = await run({ resource: 'message', operation: 'sendMass', text: 'News for all', includedSmartLists: ['subscribers'], ...creatorParameters() });
		const contactableSubscribers = managedStore.fans.filter((f: Fan) => f.status === 'subscriber').length;
		expect(sent.recipientCount).toBe(contactableSubscribers);
		expect(managedStore.massMessages.at(-1).id).toBe(sent.id);
		expect(sb.store.massMessages).toHaveLength(ownBefore);
	});

	it('as a managed creator: smart and custom lists and their members', async () => {
		const smart = await run({ resource: 'smartList', operation: 'getMany', returnAll: true, ...creatorParameters() });
		const followers = managedStore.fans.filter((f: Fan) => f.status === 'follower');
		expect(smart.find((l) => l.uuid === 'followers')?.count).toBe(followers.length);
		const members = await run({ resource: 'smartList', operation: 'getMembers', smartList: { __rl: true, mode: 'id', value: 'followers' }, returnAll: true, ...creatorParameters() });
		expect(members.map((m) => m.uuid)).toEqual(followers.map((f: Fan) => f.uuid));

		const lists = await run({ resource: 'customList', operation: 'getMany', returnAll: true, ...creatorParameters() });
		expect(lists.map((l) => l.uuid)).toEqual([...managedStore.customLists.keys()]);
		const [list] = managedStore.customLists.values();
		const listMembers = await run({ resource: 'customList', operation: 'getMembers', customList: list.uuid, returnAll: true, ...creatorParameters() });
		expect(listMembers.map((m) => m.uuid).sort()).toEqual([...list.members].sort());
	});

	it('as a managed creator: earnings, subscriber counts and top spenders come from that creator’s earnings', async () => {
		const earnings = await run({ resource: 'insight', operation: 'getEarnings', returnAll: true, ...creatorParameters() });
		expect(managedStore.earnings.length).toBeGreaterThan(50);
		expect(earnings).toHaveLength(managedStore.earnings.length);
		const top = await run({ resource: 'insight', operation: 'getTopSpenders', returnAll: false, limit: 3, ...creatorParameters() });
		const sums = new Map<string, number>();
		for (const e of managedStore.earnings) if (e.fanUuid) sums.set(e.fanUuid, (sums.get(e.fanUuid) ?? 0) + e.gross);
		const expected = [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
		expect(top.map((t) => [(t.user as IDataObject).uuid, t.gross])).toEqual(expected);
		const days = await run({
			resource: 'insight',
			operation: 'getSubscribers',
			returnAll: true,
			filters: { startDate: '2026-10-01T00:00:00Z', endDate: '2026-10-31T00:00:00Z' },
			...creatorParameters(),
		});
		expect(days).toHaveLength(30);
		expect(days.some((d) => (d.newSubscribersCount as number) > 0)).toBe(true);
		const newInOctober = managedStore.fans.filter((f: { subscribedAt: string | null }) => f.subscribedAt && f.subscribedAt >= '2026-10-01' && f.subscribedAt < '2026-10-31').length;
		expect(days.reduce((sum, d) => sum + (d.newSubscribersCount as number), 0)).toBe(newInOctober);
	});

	it('for the connected account: online statuses, fan insights, and deleting a sent message', async () => {
		const fans = sb.store.fans.filter((f: Fan) => f.status === 'subscriber').slice(0, 5) as Fan[];
		const statuses = await run({ resource: 'chat', operation: 'getOnlineStatuses', fanUuids: fans.map((f) => f.uuid) });
		expect(statuses.map((s) => [s.fanUuid, s.isOnline])).toEqual(fans.map((f) => [f.uuid, f.online]));

		const [insight] = await run({ resource: 'insight', operation: 'getFan', fan: { __rl: true, mode: 'uuid', value: fans[0].uuid } });
		expect(insight).toMatchObject({ status: 'subscriber', fanUuid: fans[0].uuid });

		const fan = { __rl: true, mode: 'uuid', value: fans[0].uuid };
		const [sent] = await run({ resource: 'message', operation: 'send', fan, text: 'Oops, wrong chat' });
		const [deleted] = await run({ resource: 'message', operation: 'delete', fan, messageUuid: sent.messageUuid });
		expect(deleted).toEqual({ fanUuid: fans[0].uuid, messageUuid: sent.messageUuid, deleted: true });
		expect(sb.store.messagesOf(sb.store.chat(fans[0].uuid)).some((m: { uuid: string }) => m.uuid === sent.messageUuid)).toBe(false);
	});

	it('a creator the agency does not manage: Fanvue’s 403 with what to check', async () => {
		const error = await failure({ resource: 'subscriber', operation: 'getMany', returnAll: true, ...asManaged, creator: { ...asManaged.creator, value: sb.agency.outsider.uuid } });
		expect(error.message).toBe('Fanvue refused the request: You do not have access to this creator');
		expect(error.description).toContain('check that your agency manages this creator');
	});

	it('an operation without an agency form sends nothing', async () => {
		const fan = sb.store.fans.find((f: Fan) => f.hasChat) as Fan;
		const error = await failure({ resource: 'chat', operation: 'update', fan: { __rl: true, mode: 'uuid', value: fan.uuid }, updateFields: { isMuted: true }, ...creatorParameters() });
		expect(error.message).toBe("Chat Update has no agency form in Fanvue's API; set Act As to Myself");
		expect(sb.requests()).toEqual([]);
	});
});

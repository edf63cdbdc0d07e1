// Whether a failed send may have reached the fan, over real sockets: the sandbox either
// delivers the message and then fails (500 or a cut connection), or is not listening at all.
// The fan's chat in the sandbox is the witness the node's `mayHaveBeenSent` is checked against.
import { runNode } from '../helpers/n8n-runner';
import { resetRateLimitState } from '../../nodes/Fanvue/transport/rateLimit';
import { sandboxCredentials } from '../helpers/sandbox-credential';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');

jest.setTimeout(60_000);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('a failed send tells whether it may have reached the fan', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ fans: 10 });
	});
	beforeEach(() => resetRateLimitState());
	afterEach(() => sb.clearFaults());
	afterAll(async () => {
		await sb?.stop();
	});

	const fans = () => sb.store.fans.filter((f: { status: string; hasChat: boolean }) => f.status === 'subscriber' && f.hasChat);
	const textsIn = (fan: string) => sb.store.messagesOf(sb.store.chat(fan)).map((m: { text: string }) => m.text);

	async function sendOnce(fan: string, text: string, credentials = sandboxCredentials(sb)) {
		const result = await runNode({
			parameters: { resource: 'message', operation: 'send', fan: { __rl: true, mode: 'uuid', value: fan }, text },
			credentials,
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.output(result.nodeName, 0)).toEqual([]);
		const failed = result.output(result.nodeName, 1);
		expect(failed).toHaveLength(1);
		return failed[0].json as { error: string; details: { httpCode: number | null; mayHaveBeenSent: boolean } };
	}

	it('delivered, then answered 500: may have been sent (and it was)', async () => {
		const fan = fans()[0].uuid;
		sb.setFaults({ deliverThenFail: 'error' });
		const item = await sendOnce(fan, 'Delivered before the 500');
		expect(item.details).toMatchObject({ httpCode: 500, mayHaveBeenSent: true });
		expect(textsIn(fan).filter((t: string) => t === 'Delivered before the 500')).toHaveLength(1);
	});

	it('delivered, then the connection cut: may have been sent (and it was), no HTTP code', async () => {
		const fan = fans()[1].uuid;
		sb.setFaults({ deliverThenFail: 'drop' });
		const item = await sendOnce(fan, 'Delivered before the cut');
		expect(item.details).toMatchObject({ httpCode: null, mayHaveBeenSent: true });
		expect(textsIn(fan).filter((t: string) => t === 'Delivered before the cut')).toHaveLength(1);
	});

	it('nothing listening (connection refused): certainly not sent', async () => {
		const fan = fans()[2].uuid;
		const closed = await startSandbox({ fans: 1 });
		const credentials = sandboxCredentials(closed);
		await closed.stop(); // its port now refuses connections
		const item = await sendOnce(fan, 'Never left', credentials);
		expect(item.details).toMatchObject({ httpCode: null, mayHaveBeenSent: false });
		expect(textsIn(fan)).not.toContain('Never left');
	});
});

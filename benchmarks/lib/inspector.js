'use strict';
// A Chrome DevTools Protocol session with a running n8n, through Node's inspector: the only way
// to collect n8n's garbage and read its V8 heap from outside without running code in it (V8
// flags such as --expose-gc or --trace-gc are refused in NODE_OPTIONS). SIGUSR1 makes a Node
// process open its inspector on 127.0.0.1:9229, so one n8n at a time. Needs a global WebSocket
// (Node 22, or Node 20 with --experimental-websocket, which `npm run bench` passes). The
// inspector stays open in that n8n until it stops (only on 127.0.0.1; benchmark n8ns are
// throw-away), and the session checks it is talking to the process it signalled.

const INSPECTOR_URL = 'http://127.0.0.1:9229/json/list';

async function openInspector(pid, { timeoutMs = 10_000 } = {}) {
	if (typeof WebSocket !== 'function') throw new Error('no global WebSocket: run with Node 22 or node --experimental-websocket');
	process.kill(pid, 'SIGUSR1');
	const deadline = Date.now() + timeoutMs;
	let target;
	while (!target) {
		target = await fetch(INSPECTOR_URL)
			.then((res) => res.json())
			.then((list) => list[0])
			.catch(() => undefined);
		if (!target) {
			if (Date.now() > deadline) throw new Error(`n8n (pid ${pid}) opened no inspector on ${INSPECTOR_URL}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	const socket = new WebSocket(target.webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`could not connect to ${target.webSocketDebuggerUrl}`)), { once: true });
	});
	let lastId = 0;
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data));
		const waiting = pending.get(message.id);
		if (!waiting) return;
		pending.delete(message.id);
		if (message.error) waiting.reject(new Error(`${message.error.message} (${message.error.code})`));
		else waiting.resolve(message.result);
	});
	const call = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++lastId;
			pending.set(id, { resolve, reject });
			socket.send(JSON.stringify({ id, method, params }));
		});
	// Whatever answers on 9229 might be another process (n8n then could not open its inspector).
	const { result } = await call('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
	if (result?.value !== pid) {
		socket.close();
		throw new Error(`the inspector on 127.0.0.1:9229 belongs to pid ${result?.value}, not to n8n (pid ${pid}): is port 9229 taken?`);
	}
	await call('HeapProfiler.enable');
	return {
		/** A full collection, as many times as V8 needs to free everything unreachable. */
		collectGarbage: () => call('HeapProfiler.collectGarbage'),
		/** Bytes of V8 heap in use (read by V8 itself: no JavaScript runs in n8n for it). */
		heapUsedBytes: async () => (await call('Runtime.getHeapUsage')).usedSize,
		/** Any other protocol method, e.g. HeapProfiler.startSampling. */
		call,
		close: () => socket.close(),
	};
}

module.exports = { openInspector };

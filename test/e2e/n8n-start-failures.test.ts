/**
 * A failed n8n start fails fast and says why (issue 19; harness README "When a start fails"):
 * an n8n that exits while starting (its port taken) is reported at once with the reason, the
 * tail of its output and its saved log; one that hangs (its database accepts the connection and
 * never answers) is given up after a stall of no output, or after the start timeout, with the
 * same; and once a start hung, a later start in the same jest run fails at once, pointing at the
 * first one's log, instead of waiting for the same hang again.
 *
 * No time is asserted: the reasons and the logs in the messages are. The starts here use a
 * hung-start marker of their own, so the run's other n8n starts are not stopped by them.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { makeTempDir } from '../helpers/test-run';
import { freePort, startN8n } from './harness';
import { DEFAULT_START_STALL_MS, DEFAULT_START_TIMEOUT_MS, hungStartMarkerPath } from './harness/n8n-process';

/** The error a promise rejects with (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
	try {
		const value = await promise;
		await (value as { stop?: () => Promise<void> })?.stop?.();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the start to fail, it succeeded');
}

/** The saved log a failed start's message names. */
function savedLog(message: string): string {
	const file = /Its log: (\S+\.log)/.exec(message)?.[1];
	if (!file) throw new Error(`no log path in: ${message.slice(0, 500)}`);
	return file;
}

/** A TCP server on `port` (default: a free one) that accepts connections and never answers: a hung PostgreSQL, a port taken. */
async function blackHole(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

describe('a failed n8n start fails fast with its log', () => {
	let dir: string;
	let hole: Awaited<ReturnType<typeof blackHole>>;
	/** n8n waits for ever for a database that never answers (no connection timeout). */
	const hungDatabase = () => ({
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(hole.port),
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '0',
	});

	beforeAll(async () => {
		dir = makeTempDir('fanvue-n8n-start-failures-');
		hole = await blackHole();
	});

	afterAll(async () => {
		await hole?.close();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	test('the defaults: a start that prints nothing for 60 s, or is not ready after 120 s, counts as hung; the marker lives in the run folder', () => {
		expect(DEFAULT_START_STALL_MS).toBe(60_000);
		expect(DEFAULT_START_TIMEOUT_MS).toBe(120_000);
		expect(path.dirname(hungStartMarkerPath()!)).toBe(process.env.FANVUE_TEST_RUN_DIR);
	});

	test('n8n exits while starting (its port is taken): the error says so at once, with its last lines and its saved log', async () => {
		const marker = path.join(dir, 'exit-marker.txt');
		const port = await freePort();
		const taken = await blackHole(port);
		try {
			const error = await rejectionOf(startN8n({ port, hungStartMarker: marker }));
			expect(error.message).toMatch(new RegExp(`^n8n start on port ${port} exited while starting \\(code 1, signal null\\)\\. Its log: `));
			expect(error.message).toContain(`n8n's port ${port} is already in use`);
			expect(error.message).toContain('Its last 60 lines:');
			const log = savedLog(error.message);
			expect(fs.readFileSync(log, 'utf8')).toContain(`n8n's port ${port} is already in use`);
			// An exit is not a hang: later starts are still tried.
			expect(fs.existsSync(marker)).toBe(false);
		} finally {
			await taken.close();
		}
	});

	test('n8n hangs (its database never answers): given up after the stall, with its last lines and its saved log; a later start in the run fails at once, pointing at it', async () => {
		const marker = path.join(dir, 'stall-marker.txt');
		const error = await rejectionOf(startN8n({ env: hungDatabase(), startStallMs: 12_000, hungStartMarker: marker }));
		expect(error.message).toMatch(/^n8n start on port \d+ hung while starting: printed nothing for \d+ s and is not ready \(\/healthz: no answer; "Editor is now accessible via" not printed\)\. Its log: /);
		// The tail: what n8n printed before it went quiet.
		expect(error.message).toMatch(/Its last 60 lines:\n[^]*Initializing n8n process/);
		const firstLog = savedLog(error.message);
		expect(fs.readFileSync(firstLog, 'utf8')).toContain('Initializing n8n process');
		expect(fs.readFileSync(marker, 'utf8')).toContain(firstLog);

		const logsBefore = fs.readdirSync(path.dirname(firstLog)).length;
		const later = await rejectionOf(startN8n({ hungStartMarker: marker }));
		expect(later.message).toMatch(/^n8n start on port \d+ not started: an earlier n8n start in this jest run hung/);
		expect(later.message).toContain(`Its log: ${firstLog}`);
		expect(later.message).toContain('printed nothing for');
		// Not started at all: no output of its own, no log saved.
		expect(later.message).not.toContain('Its last 60 lines');
		expect(fs.readdirSync(path.dirname(firstLog)).length).toBe(logsBefore);
	});

	test('n8n keeps starting without becoming ready: given up after startTimeoutMs, with the reason and its log', async () => {
		const marker = path.join(dir, 'timeout-marker.txt');
		const error = await rejectionOf(startN8n({ env: hungDatabase(), startTimeoutMs: 12_000, startStallMs: 60_000, hungStartMarker: marker }));
		expect(error.message).toMatch(/^n8n start on port \d+ hung while starting: not ready after \d+ s \(\/healthz: no answer; "Editor is now accessible via" not printed\)\. Its log: /);
		expect(error.message).toContain('Initializing n8n process');
		expect(fs.existsSync(savedLog(error.message))).toBe(true);
		expect(fs.readFileSync(marker, 'utf8')).toContain('not ready after');
	});
});

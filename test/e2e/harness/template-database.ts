// A PostgreSQL database with template 01's schema, for tests that run the templates' SQL as
// shipped without n8n: started before the describe block that asks for it, stopped after it.
import { startPostgres } from './postgres';
import type { PostgresDatabase, PostgresServer } from './postgres';
import { templateQuery } from './templates';

export interface TemplateDatabase {
	query: PostgresDatabase['query'];
	/** The PostgreSQL server, e.g. for another database of its own. */
	server(): PostgresServer;
	/** The database itself, e.g. for connections of a test's own (concurrent statements). */
	database(): PostgresDatabase;
}

export function useTemplateDatabase(): TemplateDatabase {
	let pg: PostgresServer | undefined;
	let db: PostgresDatabase | undefined;
	beforeAll(async () => {
		pg = await startPostgres();
		db = await pg.createDatabase();
		await db.query(templateQuery('01-setup-database.json', 'Create or migrate tables'));
	});
	afterAll(async () => {
		await pg?.stop();
	});
	const started = <T>(value: T | undefined): T => {
		if (!value) throw new Error('PostgreSQL did not start (see beforeAll)');
		return value;
	};
	return {
		query: (sql, params) => started(db).query(sql, params),
		server: () => started(pg),
		database: () => started(db),
	};
}

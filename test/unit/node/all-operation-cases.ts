// Every case in operation-cases/: one way to run each operation the node offers.
import fs from 'node:fs';
import path from 'node:path';

import type { OperationCase } from './operation-cases/types';

const casesFolder = path.join(__dirname, 'operation-cases');

export function allCases(): OperationCase[] {
	return fs
		.readdirSync(casesFolder)
		.filter((file) => file.endsWith('.ts') && file !== 'types.ts')
		.flatMap((file) => (require(path.join(casesFolder, file)) as { cases: OperationCase[] }).cases);
}

'use strict';
// Lets plain `node` require the TypeScript harness (test/e2e/harness/*.ts) and demo/*.ts without a
// build step or an extra dependency: each .ts file is transpiled on require with the repository's
// own TypeScript (a devDependency), CommonJS, no type checking (`npm test` type-checks them).
// The transpiled text is cached by content hash in node_modules/.cache (where tools keep caches,
// outside what `npm run lint` reads: a cache under .demo/ made n8n-node lint fail), so later
// starts skip it.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'fanvue-demo-ts');
let ts;

function transpile(source, filename) {
	const key = crypto.createHash('sha256').update(filename).update('\0').update(source).digest('hex').slice(0, 24);
	const cached = path.join(CACHE_DIR, `${key}.js`);
	try {
		return fs.readFileSync(cached, 'utf8');
	} catch {
		/* not cached yet */
	}
	ts = ts || require('typescript');
	const { outputText } = ts.transpileModule(source, {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2021,
			esModuleInterop: true,
			inlineSourceMap: true,
		},
	});
	try {
		fs.mkdirSync(CACHE_DIR, { recursive: true });
		fs.writeFileSync(cached, outputText);
	} catch {
		/* read-only checkout: transpile every time */
	}
	return outputText;
}

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
	};
}

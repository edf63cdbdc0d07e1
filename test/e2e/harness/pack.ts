/**
 * packPackage(): builds the repository and unpacks its `npm pack` tarball, i.e. exactly the
 * files a user installs, into a temp folder to hand to n8n as N8N_CUSTOM_EXTENSIONS.
 *
 * Jest runs each test file in its own module registry (often its own worker process), so an
 * in-memory cache alone would pack once per file. The result is therefore also cached on disk,
 * keyed by a hash of the package's sources: the first test file of a run builds and packs, the
 * others (in parallel workers too, through a lock folder) reuse the unpacked folder.
 *
 * FANVUE_E2E_PACKAGE_DIR=<folder with package.json and dist/> skips building and packing.
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir, runScopedDir } from '../../helpers/test-run';
import { REPO_ROOT } from './paths';

export interface PackOptions {
	/** Build and pack even if a packed copy of the same sources exists. */
	force?: boolean;
	/** Skip `npm run build` (dist/ is already fresh). */
	skipBuild?: boolean;
}

/** Files whose content decides what `npm run build && npm pack` produces. */
const HASHED_FILES = ['package.json', 'tsconfig.json', 'gulpfile.js', 'index.js', 'README.md'];
const HASHED_DIRS = ['nodes', 'credentials'];

let packedInThisProcess: string | undefined;

function listFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listFiles(full));
		else if (entry.isFile()) out.push(full);
	}
	return out.sort();
}

/** sha256 over the package's sources (relative path + content of every file). */
export function sourceHash(root = REPO_ROOT): string {
	const hash = crypto.createHash('sha256');
	const files = [
		...HASHED_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)),
		...HASHED_DIRS.flatMap((d) => listFiles(path.join(root, d))),
	];
	for (const file of files) {
		hash.update(path.relative(root, file));
		hash.update('\0');
		hash.update(fs.readFileSync(file));
		hash.update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}

function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function run(cmd: string, args: string[], cwd: string): string {
	try {
		return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (error) {
		const e = error as { stdout?: string; stderr?: string; message: string };
		throw new Error(
			`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}\n${e.message}`,
		);
	}
}

function buildAndPack(target: string, skipBuild: boolean): void {
	const work = makeTempDir('fanvue-pack-');
	try {
		if (!skipBuild) run('npm', ['run', 'build'], REPO_ROOT);
		// --json prints [{ filename, files, ... }]; --ignore-scripts keeps pack side-effect free.
		const out = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], REPO_ROOT);
		const json = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
		const tarball = path.join(work, path.basename(json[0].filename));
		fs.mkdirSync(target, { recursive: true });
		run('tar', ['-xzf', tarball, '-C', target], work);
		fs.copyFileSync(tarball, path.join(target, path.basename(tarball)));
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** Removes packs of older sources (untouched for an hour) so the temp folder does not grow. */
function pruneOldPacks(base: string, keep: string): void {
	for (const name of fs.readdirSync(base)) {
		const dir = path.join(base, name);
		if (!/^pack-[0-9a-f]+$/.test(name) || dir === keep) continue;
		try {
			if (Date.now() - fs.statSync(dir).mtimeMs > 60 * 60_000) fs.rmSync(dir, { recursive: true, force: true });
		} catch {
			/* in use or gone */
		}
	}
}

/**
 * Returns the unpacked package folder (…/package, holding package.json and dist/), which is
 * what N8N_CUSTOM_EXTENSIONS should point at. The tarball itself sits next to it.
 */
export function packPackage(options: PackOptions = {}): string {
	if (process.env.FANVUE_E2E_PACKAGE_DIR) return path.resolve(process.env.FANVUE_E2E_PACKAGE_DIR);
	if (packedInThisProcess && !options.force) return packedInThisProcess;

	const base = runScopedDir('n8n-nodes-fanvue-e2e');
	const key = sourceHash();
	const target = path.join(base, `pack-${key}`);
	const done = path.join(target, '.complete');
	const lock = path.join(base, `pack-${key}.lock`);
	const packageDir = path.join(target, 'package');

	// Serialise packers across jest workers: mkdir is atomic.
	const deadline = Date.now() + 10 * 60_000;
	for (;;) {
		if (fs.existsSync(done) && !options.force) return (packedInThisProcess = packageDir);
		try {
			fs.mkdirSync(lock);
			break;
		} catch {
			// A lock older than 10 minutes belongs to a crashed run.
			try {
				if (Date.now() - fs.statSync(lock).mtimeMs > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
			} catch {
				/* gone meanwhile */
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
			sleep(500);
		}
	}
	try {
		if (fs.existsSync(done) && !options.force) return (packedInThisProcess = packageDir);
		fs.rmSync(target, { recursive: true, force: true });
		buildAndPack(target, options.skipBuild ?? false);
		if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
			throw new Error(`npm pack produced no package/package.json in ${target}`);
		}
		fs.writeFileSync(done, new Date().toISOString());
		pruneOldPacks(base, target);
		return (packedInThisProcess = packageDir);
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

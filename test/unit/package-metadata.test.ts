// n8n's verification checks that a package's metadata points at its public repository (the one
// npm provenance attests). Every link in package.json and the credential's documentation link
// must name the same GitHub repository as `repository.url`.
import { readFileSync } from 'fs';
import * as path from 'path';

const packageJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const credentialSource = readFileSync(
	path.join(__dirname, '..', '..', 'credentials', 'FanvueOAuth2Api.credentials.ts'),
	'utf8',
);

/** "owner/name" of a GitHub URL in any of the forms npm accepts, or undefined. */
function githubRepo(url: string): string | undefined {
	return /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?(?:[/#].*)?$/.exec(url)?.[1];
}

describe('package metadata', () => {
	const repo = githubRepo(packageJson.repository?.url ?? '');

	it('names a public GitHub repository as a git URL', () => {
		expect(packageJson.repository.type).toBe('git');
		expect(packageJson.repository.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
		expect(repo).toBeDefined();
	});

	it('points homepage, bugs and the credential documentation at that repository', () => {
		expect(packageJson.homepage).toBe(`https://github.com/${repo}#readme`);
		expect(packageJson.bugs?.url).toBe(`https://github.com/${repo}/issues`);
		const documentationUrl = /documentationUrl = '([^']+)'/.exec(credentialSource)?.[1] ?? '';
		expect(githubRepo(documentationUrl)).toBe(repo);
	});

	it('has an author with a name and an email address', () => {
		expect(packageJson.author.name).toEqual(expect.any(String));
		expect(packageJson.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
	});
});

// The second rule set of `npm run lint`: eslint-plugin-n8n-nodes-base's three configs (community,
// credentials, nodes) in full, at this project's version of the plugin. eslint.config.mjs must stay
// @n8n/node-cli's own file (n8n Cloud eligibility), and node-cli's config turns a few of these
// rules off and pins an older plugin; this file runs them all.
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';
import * as jsonParser from 'jsonc-eslint-parser';

const typescript = {
	parser: tseslint.parser,
	parserOptions: { sourceType: 'module' },
};
// Known to this run so that node-cli's typescript-eslint disable comments resolve; no rule is enabled.
const plugins = { 'n8n-nodes-base': n8nNodesBase, '@typescript-eslint': tseslint.plugin };

export default [
	// node-cli's run enforces its disable comments; this run has none of those rules enabled.
	{ linterOptions: { reportUnusedDisableDirectives: 'off' } },
	{
		files: ['package.json'],
		languageOptions: { parser: jsonParser },
		plugins,
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: typescript,
		plugins,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Documented by the rule as "only applicable to nodes in the main repository" (a docs slug);
			// community packages must give a full URL, which its sibling rule and the community plugin require.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: typescript,
		plugins,
		rules: { ...n8nNodesBase.configs.nodes.rules },
	},
];

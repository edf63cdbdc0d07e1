/**
 * parseFlatted(): decodes the `flatted` format (https://github.com/WebReflection/flatted) that
 * n8n uses for execution data (`GET /rest/executions/:id` answers `data` as a flatted string).
 *
 * Format: a JSON array; element 0 is the root; every object and every string value inside is
 * stored as its own element and referenced by its index written as a string. A port of
 * flatted's own `parse` (no dependency on n8n's node_modules from the Node 20 test process).
 */

const IGNORE = {};

function revive(input: unknown[], parsed: Set<unknown>, output: any): any {
	const lazy: Array<{ key: string; value: any }> = [];
	for (const key of Object.keys(output)) {
		const value = output[key];
		if (value instanceof String) {
			const target = input[Number(value)];
			if (typeof target === 'object' && target !== null && !parsed.has(target)) {
				parsed.add(target);
				output[key] = IGNORE;
				lazy.push({ key, value: target });
			} else {
				output[key] = target;
			}
		}
	}
	for (const { key, value } of lazy) output[key] = revive(input, parsed, value);
	return output;
}

export function parseFlatted<T = any>(text: string): T {
	// Strings become String objects (references) inside containers; top-level elements that are
	// strings are the referenced string values themselves.
	const input = (
		JSON.parse(text, (_key, value) => (typeof value === 'string' ? new String(value) : value)) as unknown[]
	).map((v) => (v instanceof String ? String(v) : v));
	const root = input[0];
	if (typeof root === 'object' && root !== null) return revive(input, new Set([root]), root);
	return root as T;
}

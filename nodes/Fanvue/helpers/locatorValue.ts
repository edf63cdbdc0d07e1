/**
 * The value of a resource locator inside a collection (n8n's extractValue reaches only top-level
 * parameters). A plain value passes through: what workflows saved before the field became a
 * locator, or what an expression gives.
 */
export function locatorValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && 'mode' in value && 'value' in value) return value.value;
	return value;
}

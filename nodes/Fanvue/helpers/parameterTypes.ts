import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locatorValue } from './locatorValue';
import { MAX_TEXT_LENGTH, allOf, requireOneOf, valuesOf } from './validation';

/**
 * What n8n gives for a parameter it keeps no value of (n8n throws for an undefined fallback,
 * and copies an object one, so a text no field can hold it is).
 */
const NOT_SHOWN = '\u0000not shown';

/**
 * Every parameter an operation shows is held against its own description before the
 * operation runs, because an expression can put anything into any field: text must be text of
 * at most MAX_TEXT_LENGTH characters, a number a finite number, a switch true or false, a
 * fixed choice one of its options, and a required field not empty.
 * An optional field that is empty or null is "not given" and passes. What a field means (a
 * UUID, a price, a date) is checked by the operation itself.
 */
export function checkParameterTypes(this: IExecuteFunctions, itemIndex: number, properties: INodeProperties[]) {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	for (const field of properties.filter((property) => isFor(property, resource, operation))) {
		if (field.name === 'resource' || field.name === 'operation') continue;
		const value: unknown = this.getNodeParameter(field.name, itemIndex, NOT_SHOWN);
		if (value === NOT_SHOWN) continue; // hidden by the other settings, so n8n keeps no value
		if (field.type === 'collection') {
			const given = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
			for (const option of (field.options ?? []) as INodeProperties[]) {
				if (option.name in given) checkValue.call(this, itemIndex, option, locatorValue(given[option.name]));
			}
		} else {
			checkValue.call(this, itemIndex, field, locatorValue(value));
		}
	}
}

/** Whether a property of the node's description belongs to this resource and operation. */
function isFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	return (!show?.resource || show.resource.includes(resource)) && (!show?.operation || show.operation.includes(operation));
}

function checkValue(this: IExecuteFunctions, itemIndex: number, field: INodeProperties, value: unknown) {
	const node = this.getNode();
	const refuse = (message: string, description: string) => {
		throw new NodeOperationError(node, `${field.displayName} ${message}`, { itemIndex, description });
	};
	if (value === null || value === undefined || value === '') {
		if (field.required) refuse('is empty', `Fill in ${field.displayName}; an expression there gave nothing.`);
		return;
	}
	const fixedChoices = field.typeOptions?.loadOptionsMethod ? undefined : valuesOf((field.options ?? []) as Array<{ value: string }>);
	switch (field.type) {
		case 'string':
		case 'resourceLocator':
		case 'dateTime': {
			// A date field may get a JavaScript Date or a Luxon DateTime from an expression; the
			// operation reads it (the date helpers take what such an object prints itself as).
			if (field.type === 'dateTime' && isDateObject(value)) return;
			// Lists of UUIDs may come as an array from an expression.
			const parts = Array.isArray(value) ? value : [value];
			if (parts.some((part) => typeof part !== 'string' && typeof part !== 'number')) {
				refuse(`must be text, got ${kindOf(value)}`, 'Check the expression: it gave no text.');
			}
			const length = parts.map(String).join(',').length;
			if (length > MAX_TEXT_LENGTH) {
				refuse(`is ${length} characters long; Fanvue allows at most ${MAX_TEXT_LENGTH}`, 'Shorten it, or check the expression that filled it.');
			}
			return;
		}
		case 'number':
			// Bounds that Fanvue sets (a price's minimum, a page size) are the operations' to check.
			if (typeof value !== 'number' || !Number.isSafeInteger(Math.trunc(value))) {
				refuse(`must be a number, got ${kindOf(value)}`, 'Check the expression: it gave no usable number.');
			}
			return;
		case 'boolean':
			if (typeof value !== 'boolean') refuse(`must be true or false, got ${kindOf(value)}`, 'Check the expression: it gave no true or false.');
			return;
		case 'options':
		case 'multiOptions': {
			const values = Array.isArray(value) ? value : [value];
			if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
				refuse(`must hold ${field.type === 'options' ? 'one value' : 'values'}, got ${kindOf(value)}`, 'Check the expression that filled it.');
			}
			if (!fixedChoices) return;
			// One value for a single choice: "a,b" is not one of its options.
			if (field.type === 'options') requireOneOf(node, itemIndex, field.displayName, value, fixedChoices);
			else allOf(node, itemIndex, field.displayName, value, fixedChoices);
			return;
		}
		default:
			return;
	}
}

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string') return `"${value.slice(0, 40)}"`;
	return typeof value === 'object' ? 'an object' : typeof value;
}

function isDateObject(value: unknown): boolean {
	return value instanceof Date || (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function');
}

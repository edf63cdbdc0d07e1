// Bad parameters, generated: every parameter of every operation of the Fanvue node, read from
// the node's own description (so a new operation or field cannot be missed), is given wrong
// values one at a time; each must stop the item with a NodeOperationError that names the field
// (its displayName) before any request leaves. Nothing is mocked: with the network closed and
// no interceptor, any request that tried to leave is recorded and fails the case.
//
// The generator's rules:
// - The operations and their valid parameters are the cases of the endpoint coverage test
//   (operation-cases/), which has one for every operation the node offers. A list operation
//   is walked with Return All off, so that Limit shows. Act As stays Myself.
// - A parameter is walked when the editor shows it for that case (n8n's own displayOptions
//   logic): top-level fields and every option of a collection, one at a time.
// - Each parameter gets, always as an expression resolved at run time (n8n itself refuses a
//   literal that breaks a field's rules before the run; an expression it cannot judge):
//     wrong type   an object for text, a locator or a date; text for a number or a switch;
//                  a value that is not among the options of a fixed choice
//     oversize     a text of 100,001 characters; a number above the field's maxValue, or
//                  below its minValue, or else one that is not a safe integer
//     empty        an expression resolving to '' (required fields only)
//     null         an expression resolving to null (required fields only)
//   An optional field that is empty or null is legitimately "not given", so those two are
//   asked of required fields only. Choices loaded from Fanvue (loadOptionsMethod) differ by
//   account and are checked by Fanvue; they get the type and size checks only.
// - Binary data (Input Binary Field) is left to the media upload tests, which check a missing
//   or empty file.

import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Fanvue } from '../../../nodes/Fanvue/Fanvue.node';
import { runNode } from '../../helpers/n8n-runner';
import { allCases } from './all-operation-cases';
import { credentials, forbidAnyRequest, useNock } from './fixtures';
import type { OperationCase } from './operation-cases/types';

useNock();
// Each case stops before any request, in well under a second; the room is for a busy machine.
jest.setTimeout(20_000);

const description = new Fanvue().description;
const properties = description.properties as INodeProperties[];

type BadKind = 'wrong type' | 'oversize' | 'empty' | 'null';

interface BadValue {
	kind: BadKind;
	value: unknown;
}

const OVERSIZE_TEXT = '={{ "x".repeat(100001) }}';
const NOT_AN_OPTION = 'no_such_option';

/** The wrong values for one field, by its type (see the rules above). */
function badValuesFor(field: INodeProperties): BadValue[] {
	const bad: BadValue[] = [];
	const fixedChoice = !field.typeOptions?.loadOptionsMethod;
	switch (field.type) {
		case 'string':
		case 'dateTime':
			bad.push({ kind: 'wrong type', value: '={{ { "a": 1 } }}' });
			if (field.type === 'dateTime') bad.push({ kind: 'wrong type', value: '={{ "not a date" }}' });
			if (field.type === 'string') bad.push({ kind: 'oversize', value: OVERSIZE_TEXT });
			break;
		case 'resourceLocator':
			bad.push({ kind: 'wrong type', value: '={{ { "a": 1 } }}' });
			bad.push({ kind: 'oversize', value: OVERSIZE_TEXT });
			break;
		case 'number': {
			bad.push({ kind: 'wrong type', value: '={{ "many" }}' });
			const { minValue, maxValue } = (field.typeOptions ?? {}) as { minValue?: number; maxValue?: number };
			if (maxValue !== undefined) bad.push({ kind: 'oversize', value: `={{ ${maxValue + 1} }}` });
			if (minValue !== undefined) bad.push({ kind: 'oversize', value: `={{ ${minValue - 1} }}` });
			bad.push({ kind: 'oversize', value: '={{ 1e21 }}' });
			break;
		}
		case 'boolean':
			bad.push({ kind: 'wrong type', value: '={{ "maybe" }}' });
			break;
		case 'options':
			bad.push({ kind: 'wrong type', value: fixedChoice ? `={{ "${NOT_AN_OPTION}" }}` : '={{ { "a": 1 } }}' });
			break;
		case 'multiOptions':
			bad.push({ kind: 'wrong type', value: fixedChoice ? `={{ ["${NOT_AN_OPTION}"] }}` : '={{ [{ "a": 1 }] }}' });
			break;
		default:
			break;
	}
	if (field.required) {
		bad.push({ kind: 'empty', value: '={{ "" }}' });
		bad.push({ kind: 'null', value: '={{ null }}' });
	}
	return bad;
}

/** A field's bad value as the node's parameters hold it (a locator keeps its By UUID/ID/Name mode). */
function asParameter(field: INodeProperties, value: unknown): IDataObject[string] {
	if (field.type !== 'resourceLocator') return value as IDataObject[string];
	const mode = (field.modes ?? []).find((m) => m.name !== 'list') ?? field.modes![0];
	return { __rl: true, mode: mode.name, value };
}

interface Walk {
	name: string;
	parameters: IDataObject;
	inputItems?: OperationCase['inputItems'];
	field: string;
}

/** The case's parameters with n8n's defaults, as the engine sees them. */
function withDefaults(parameters: IDataObject): IDataObject {
	return NodeHelpers.getNodeParameters(properties, parameters as never, true, false, { typeVersion: 1 }, description) as IDataObject;
}

function walksOf(testCase: OperationCase): Walk[] {
	const base: IDataObject = { resource: testCase.resource, operation: testCase.operation, actAs: 'myself', ...testCase.parameters };
	if (base.returnAll === true) base.returnAll = false;
	const shown = withDefaults(base);
	const walks: Walk[] = [];
	const operationName = `${testCase.resource} ${testCase.operation}`;
	for (const field of properties) {
		if (['resource', 'operation', 'actAs', 'binaryPropertyName'].includes(field.name)) continue;
		if (!NodeHelpers.displayParameter(shown as INodeParameters, field, { typeVersion: 1 }, description)) continue;
		const fields = field.type === 'collection' ? ((field.options ?? []) as INodeProperties[]) : [field];
		for (const inner of fields) {
			for (const bad of badValuesFor(inner)) {
				const value = asParameter(inner, bad.value);
				const parameters: IDataObject =
					field.type === 'collection'
						? { ...base, [field.name]: { ...((base[field.name] as IDataObject | undefined) ?? {}), [inner.name]: value } }
						: { ...base, [field.name]: value };
				walks.push({ name: `${operationName}: ${inner.displayName} ${bad.kind}`, parameters, inputItems: testCase.inputItems, field: inner.displayName });
			}
		}
	}
	return walks;
}

const walks = allCases().flatMap(walksOf);

describe('every parameter of every operation, given a bad value, stops the item before any request', () => {
	it('walks the parameters of every operation', () => {
		const operations = new Set(walks.map((walk) => walk.name.split(':')[0]));
		expect(operations.size).toBe(allCases().length);
	});

	it.each(walks.map((walk) => [walk.name, walk] as const))('%s', async (_name, walk) => {
		const seen = forbidAnyRequest();
		const result = await runNode({ parameters: walk.parameters, credentials, inputItems: walk.inputItems });
		expect(seen).toEqual([]);
		expect({ name: result.error?.name, message: result.error?.message }).toEqual({
			name: 'NodeOperationError',
			message: expect.stringContaining(walk.field),
		});
	});
});

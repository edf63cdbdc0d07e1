import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * One way to run an operation, for the endpoint coverage test (../endpoint-coverage.test.ts).
 * Every operation of the node needs one: the test fails for an operation without a case.
 * Add a file per resource in this folder; the test reads every file here.
 */
export interface OperationCase {
	resource: string;
	operation: string;
	/** The operation's own parameters (the test adds resource, operation and Act As). */
	parameters: IDataObject;
	/** Input items when the operation needs more than JSON (e.g. a file to upload). */
	inputItems?: INodeExecutionData[];
	/**
	 * Fanvue's answer to a request, when the default does not suit the operation (e.g. an
	 * upload session that must return an upload id). Undefined falls back to the default.
	 */
	answer?: (method: string, path: string) => { status: number; body?: unknown } | undefined;
}

export const FAN = '3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d';
export const OTHER_UUID = '6d4b3c2e-4444-4f60-8b1c-3d4e5f6a7b8c';
export const fanByUuid = { __rl: true, mode: 'uuid', value: FAN };

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { howManyFields, readHowMany } from '../descriptions/howMany';
import { fanvueApiRequestPages } from '../transport/pagination';
import { itemRequest } from './itemRequest';

/** Subscribers and followers are the same page-style list of fans at different paths. */
export function fanListOperation(resource: string, path: string) {
	const description: INodeProperties[] = [...howManyFields(resource, 'getMany')];

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		return await fanvueApiRequestPages.call(
			this,
			{ path, ...itemRequest.call(this, itemIndex) },
			readHowMany.call(this, itemIndex),
		);
	}

	return { description, execute };
}

// Dates as the user means them: a wall time from n8n's date picker is read in the workflow's
// time zone and sent with that zone's offset, which is where Fanvue draws its daily boundaries
// ("2024-10-20T00:00:00+01:00" in Fanvue's reference for /insights/subscribers).
import { parseZonedDate } from '../../../nodes/Fanvue/helpers/dates';
import { runNode } from '../../helpers/n8n-runner';
import { credentials, exactQuery, fanvue, useNock } from './fixtures';

describe('parseZonedDate (fixed vectors)', () => {
	it.each([
		// value, zone, text sent, the instant in UTC
		['2024-10-20T00:00:00', 'Europe/London', '2024-10-20T00:00:00+01:00', '2024-10-19T23:00:00.000Z'], // summer time
		['2024-12-20T00:00:00', 'Europe/London', '2024-12-20T00:00:00Z', '2024-12-20T00:00:00.000Z'], // winter: UTC
		['2024-10-20T00:00:00', 'Asia/Kolkata', '2024-10-20T00:00:00+05:30', '2024-10-19T18:30:00.000Z'],
		['2024-07-04T09:15:00', 'America/New_York', '2024-07-04T09:15:00-04:00', '2024-07-04T13:15:00.000Z'],
		['2024-10-20', 'Europe/Berlin', '2024-10-20T00:00:00+02:00', '2024-10-19T22:00:00.000Z'], // a date alone: its midnight
		['2024-10-20T00:00:00+01:00', 'America/New_York', '2024-10-20T00:00:00+01:00', '2024-10-19T23:00:00.000Z'], // an offset given wins
		['2024-10-20T00:00:00.000Z', 'Europe/London', '2024-10-20T00:00:00.000Z', '2024-10-20T00:00:00.000Z'],
		['2024-10-20T00:00:00', undefined, '2024-10-20T00:00:00Z', '2024-10-20T00:00:00.000Z'], // no zone: UTC
		['2024-10-20T00:00:00', 'Not/AZone', '2024-10-20T00:00:00Z', '2024-10-20T00:00:00.000Z'],
	])('%s in %s → %s', (value, zone, text, instant) => {
		const zoned = parseZonedDate(value, zone);
		expect(zoned?.text).toBe(text);
		expect(new Date(zoned!.instant).toISOString()).toBe(instant);
	});

	it.each(['20 October 2024', '2024-02-30T00:00:00', '2024-10-20T25:00:00', ''])('"%s" is not an ISO date', (value) => {
		expect(parseZonedDate(value, 'Europe/London')).toBeUndefined();
	});
});

describe('insights read in the workflow time zone', () => {
	useNock();

	it('Get Subscribers sends a picked day with the workflow zone offset, as Fanvue documents it', async () => {
		fanvue()
			.get('/insights/subscribers')
			.query(exactQuery({ size: '50', startDate: '2024-10-20T00:00:00+01:00', endDate: '2024-10-25T00:00:00+01:00' }))
			.reply(200, { data: [{ date: '2024-10-19T23:00:00.000Z', total: 1, newSubscribersCount: 1, cancelledSubscribersCount: 0 }], nextCursor: null });
		const result = await runNode({
			parameters: {
				resource: 'insight',
				operation: 'getSubscribers',
				returnAll: true,
				filters: { startDate: '2024-10-20T00:00:00', endDate: '2024-10-25T00:00:00' },
			},
			credentials,
			timezone: 'Europe/London',
		});
		expect(result.error).toBeUndefined();
		expect(result.output(result.nodeName).map((item) => item.json.total)).toEqual([1]);
	});
});

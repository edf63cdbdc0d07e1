/**
 * Dates as the user means them. n8n's date pickers give a wall time without an offset
 * ("2026-10-20T00:00:00"), meant in the workflow's time zone; Fanvue takes ISO 8601 with an
 * offset and, for daily insights, draws its day boundaries in that offset. So a wall time gets
 * the workflow zone's offset, and a value that has an offset keeps it.
 */

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export interface ZonedDate {
	/** Milliseconds since the epoch. */
	instant: number;
	/** ISO 8601 with the offset the user meant, e.g. 2026-10-20T00:00:00+01:00. */
	text: string;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The zone's offset from UTC, in minutes, at an instant (Intl: no dependency, no tz database of ours). */
function offsetMinutes(timeZone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
	if (minutes === 0) return 'Z';
	return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * Reads an ISO 8601 date or date-time. Without an offset it is a wall time in `timeZone`
 * (an IANA name; UTC when missing or unknown). Returns undefined for anything else.
 */
export function parseZonedDate(value: string, timeZone?: string): ZonedDate | undefined {
	const match = ISO_PATTERN.exec(value.trim());
	if (!match) return undefined;
	const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', offset] = match;
	const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.slice(1).padEnd(3, '0') || 0));
	if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(day)) return undefined;
	const wallText = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}`;

	let minutes: number;
	if (offset) {
		const sign = offset.startsWith('-') ? -1 : 1;
		const digits = offset.replace(/[^0-9]/g, '');
		minutes = offset.toUpperCase() === 'Z' ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
	} else {
		try {
			// The offset at the wall time read as UTC, then again at the instant it gives: right
			// across a daylight-saving change too.
			const first = offsetMinutes(timeZone ?? 'UTC', wall);
			minutes = offsetMinutes(timeZone ?? 'UTC', wall - first * 60_000);
		} catch {
			minutes = 0; // an unknown zone name: UTC
		}
	}
	return { instant: wall - minutes * 60_000, text: `${wallText}${formatOffset(minutes)}` };
}

// Short, plausible creator replies for the demo's local completion server (no OpenAI key needed).
// Deterministic: picked from the fan's last message by keywords.
import type { ChatMessage } from '../test/e2e/harness';

const RULES: Array<[RegExp, string]> = [
	// What a model may well answer, and the reply check must hold (other platform, @handle).
	[/\b(insta|instagram|snap|snapchat|telegram)\b/i, 'Yes! Follow me on Instagram @mia.private 😘'],
	[/\b(hi|hey|hello|hallo|hola)\b/i, 'Hey you! 😊 So happy you wrote, how is your day going?'],
	[/\b(photo|pic|picture|video|content|set)\b/i, 'Aww thank you! 🥰 A new set is coming this week, you will be the first to know.'],
	[/\b(price|cost|how much|discount|ppv)\b/i, 'Everything is on my page, and subscribers always get my messages first 💌'],
	[/\b(love|cute|beautiful|gorgeous|amazing)\b/i, 'Stop it, you are making me blush 🙈 Thank you, that means a lot!'],
	[/\b(bye|good ?night|see you|later)\b/i, 'Sleep well! 🌙 Talk soon, okay?'],
	[/\b(new|coming|soon|this week|next)\b/i, 'Yes! 🎉 Something new is dropping this weekend, keep an eye on your messages 😉'],
	[/\?\s*$/, 'Good question! 😄 Tell me a bit more about what you would like to see.'],
];

function lastFanLine(messages: ChatMessage[]): string {
	const last = [...messages].reverse().find((m) => m.role === 'user' || m.role === 'human');
	const lines = (last?.content ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
	return lines.length ? lines[lines.length - 1] : '';
}

export function demoReply(messages: ChatMessage[]): string {
	const line = lastFanLine(messages);
	for (const [pattern, reply] of RULES) if (pattern.test(line)) return reply;
	return 'Thank you for your message! 💕 Tell me more, I read everything.';
}

// User text (Stripe descriptions, customer names) in a report must not change how the report displays.

/**
 * Control characters (terminal escape sequences, newlines, tabs) and bidirectional overrides become spaces,
 * so one operation stays one honest line in a terminal, a Markdown table or an HTML cell.
 */
export function stripControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
}
